"""Settings for bench/survey_load.py only: the app's settings with a URLconf
that adds a bare one-row insert view beside the app's own."""

from joinedup.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
ALLOWED_HOSTS = ["127.0.0.1"]
