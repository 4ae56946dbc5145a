"""Cold starts (issue 19). `joinedup serve` starts gunicorn with the app preloaded in the
master and the heavy modules imported there once (joinedup/gunicorn_conf.py), so that a new
worker's first request does not wait for them; `joinedup review --format text` loads only
what it needs. How long each takes is bench/cold_start.py's business, not the tests'."""

import os
import subprocess
import sys

from gunicorn.app.wsgiapp import WSGIApplication

from joinedup import gunicorn_conf
from joinedup.demo.management.commands.serve import gunicorn_command

# What `joinedup review --format text` does without and pages need: the chart and PDF
# libraries, the URLconf with every page, and the statistics, graph and text-similarity
# libraries (the review's facts use NumPy and scipy.special, and read the network's
# figures kept). Each takes a new process up to seconds to import (bench/cold_start.py).
NOT_FOR_A_TEXT_REVIEW = [
    "altair", "vl_convert", "weasyprint", "joinedup.urls", "ninja", "openpyxl",
    "pandas", "scipy.stats", "scipy.sparse", "statsmodels", "networkx", "sklearn",
    "joinedup.indicators.stats.its", "joinedup.indicators.stats.did",
]


def test_serve_builds_a_gunicorn_configuration_that_preloads_and_warms_the_app(monkeypatch):
    command = gunicorn_command("127.0.0.1", 9701, 3)
    assert command[:3] == [sys.executable, "-m", "gunicorn"]
    # gunicorn's own reading of that command line and of the configuration module it names.
    monkeypatch.setattr(sys, "argv", ["gunicorn", *command[3:]])
    config = WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").cfg
    assert config.preload_app is True
    assert config.when_ready is gunicorn_conf.when_ready
    assert config.post_worker_init is gunicorn_conf.post_worker_init
    assert config.bind == ["127.0.0.1:9701"] and config.workers == 3
    assert config.accesslog is None  # joinedup's own request log masks survey keys


def test_warming_up_imports_the_urlconf_and_the_heavy_modules():
    """...and among them every module a review on the screen leaves out: the web pays for
    each once, in gunicorn's master, not on a worker's first request."""
    wanted = ["joinedup.urls", *gunicorn_conf.WARM_MODULES, *NOT_FOR_A_TEXT_REVIEW]
    checked = ("import sys, django; django.setup(); from joinedup.gunicorn_conf import warm_up; "
               f"wanted = {wanted!r}; before = {{m for m in wanted if m in sys.modules}}; warm_up(); "
               "print(sorted(before), sorted(m for m in wanted if m not in sys.modules))")
    result = subprocess.run([sys.executable, "-c", checked], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "joinedup.settings"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[] []"


def test_a_review_on_the_screen_loads_no_charting_pdf_page_or_statistics_modules():
    """`joinedup review --format text`'s modules, loaded in a new process as the command
    loads them, import neither the chart and PDF libraries, nor the URLconf with every page,
    nor pandas, SciPy's distributions, statsmodels, networkx or scikit-learn."""
    checked = ("import sys, django; django.setup(); "
               "from django.core.management import load_command_class; load_command_class('joinedup.review', 'review'); "
               f"print(sorted(m for m in {NOT_FOR_A_TEXT_REVIEW!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", checked], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "joinedup.settings"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
