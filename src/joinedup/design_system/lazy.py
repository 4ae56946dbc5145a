"""Libraries imported on their first use rather than when a module is loaded.

Altair and vl-convert take about a second to import, and most of what loads the modules
that draw charts never draws one: `joinedup review --format text`, `joinedup worker`'s
start, the system checks. `joinedup serve` imports them once in gunicorn's master before
the workers fork (joinedup/gunicorn_conf.py), so pages do not wait for them either."""

import importlib


class LazyModule:
    """Stands in for a module until one of its names is read, then imports it."""

    def __init__(self, name):
        self._name = name

    def __getattr__(self, attribute):
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self):
        return f"<module {self._name!r}, imported on first use>"
