"""gunicorn's configuration for `joinedup serve` (passed as `--config python:joinedup.gunicorn_conf`).

The app is loaded once, in gunicorn's master, before it forks the workers (`preload_app`),
and `when_ready` then imports what the first requests would otherwise import in each new
worker: the URLconf with every view, and the statistics, charting and PDF libraries that
the views import only inside the functions that use them (so that `joinedup review` and
the other commands load only what they need). Forked workers inherit all of it, so the
first request to a new worker does not wait seconds for imports (bench/cold_start.py)."""

import importlib

preload_app = True

# What pages import on their first use, heaviest first; each is imported in the master.
WARM_MODULES = [
    "pandas",
    "scipy.stats",
    "statsmodels.regression.linear_model",
    "networkx",
    "altair",
    "vl_convert",
    "weasyprint",
    "sklearn.feature_extraction.text",
    "openpyxl",
]


def warm_up():
    """Import the heavy modules and build the URLconf once."""
    from django.urls import get_resolver

    for name in WARM_MODULES:
        importlib.import_module(name)
    get_resolver().url_patterns  # noqa: B018 - imports every views module


def when_ready(server):
    warm_up()
