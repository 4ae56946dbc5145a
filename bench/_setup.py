"""Shared start-up for the benchmarks: Django on a database of their own
(bench/.data unless JOINEDUP_DATA_DIR or DATABASE_URL say otherwise)."""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def django_setup(tasks_backend=None):
    os.environ.setdefault("JOINEDUP_DATA_DIR", str(HERE / ".data"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.settings")
    if tasks_backend:
        os.environ["TASKS_BACKEND"] = tasks_backend
    sys.path.insert(0, str(HERE))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def report(label, value, target, unit):
    """One figure, its target and the ratio, on one line."""
    print(f"{label}: {value:,.2f} {unit} (target {target:,.2f} {unit}; ratio {value / target:.2f})")
