"""gunicorn's configuration for `joinedup serve` (passed as `--config python:joinedup.gunicorn_conf`).

The app is loaded once, in gunicorn's master, before it forks the workers (`preload_app`),
and `when_ready` then does there what the first requests would otherwise do in each new
worker: build the URLconf (importing every view), compile the templates, and import the
statistics, charting and PDF libraries that modules import only where they use them (so
that `joinedup review` and the other commands load only what they need). Forked workers
inherit all of it, so a new worker's first request does not wait seconds for imports
(bench/cold_start.py). vl-convert's renderer is started in each worker instead, before it
takes its first request (`post_worker_init`): it runs threads, which a fork does not carry
over, and its first chart costs as much as the rest of a report page's charts together."""

import importlib
from pathlib import Path

preload_app = True

# What pages import on their first use, heaviest first; each is imported in the master.
# The indicator statistics' methods (and statsmodels, pandas and SciPy with them), networkx
# and SciPy's sparse matrices are imported where they are used, so that `joinedup review`
# does without them (indicators/stats/__init__.py, network/metrics.py).
WARM_MODULES = [
    "pandas",
    "scipy.stats",
    "statsmodels.regression.linear_model",
    "joinedup.indicators.stats.its",
    "joinedup.indicators.stats.did",
    "joinedup.indicators.stats.multi_its",
    "joinedup.indicators.stats.rates",
    "joinedup.indicators.stats.before_after",
    "joinedup.indicators.stats.batch",
    "joinedup.indicators.stats.spc",
    "networkx",
    "scipy.sparse",
    "altair",
    "vl_convert",
    "weasyprint",
    "sklearn.feature_extraction.text",
    "openpyxl",
]


def warm_up():
    """Import the heavy modules, build the URLconf and compile the templates once."""
    from django.template import engines
    from django.template.utils import get_app_template_dirs
    from django.urls import get_resolver

    for name in WARM_MODULES:
        importlib.import_module(name)
    get_resolver().url_patterns  # noqa: B018 - imports every views module
    # Kept compiled by the cached template loader, which the workers inherit.
    engine = engines["django"].engine
    for folder in [*map(Path, engine.dirs), *get_app_template_dirs("templates")]:
        for template in sorted(folder.rglob("*.html")):
            engine.get_template(template.relative_to(folder).as_posix())


def when_ready(server):
    warm_up()


def post_worker_init(worker):
    import vl_convert

    vl_convert.vegalite_to_svg({"mark": "point", "data": {"values": [{"x": 1}]},
                                "encoding": {"x": {"field": "x", "type": "quantitative"}}})
    worker.log.info("Worker warmed (pid: %s)", worker.pid)
