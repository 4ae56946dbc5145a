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


def fresh_indicator_workspace(slug, name, username, started, areas, digits):
    """A workspace made afresh for an indicator bench (the last run's, measurements
    and all, deleted first): an owner, one partnership started on `started`, and
    `areas` areas named with `digits` digits, the first the own area. Returns
    (workspace, user, partnership)."""
    from django.contrib.auth import get_user_model

    from joinedup.indicators.models import Area, ImportBatch, Measurement, MeasurementRevision
    from joinedup.partnerships.models import Partnership
    from joinedup.workspaces.models import Role, UserRole, Workspace

    old = Workspace.objects.filter(slug=slug).first()
    if old is not None:
        measurements = Measurement.objects.filter(indicator__partnership__workspace=old)
        MeasurementRevision.objects.filter(measurement__in=measurements)._raw_delete(measurements.db)
        measurements._raw_delete(measurements.db)
        ImportBatch.objects.filter(workspace=old).delete()
        old.delete()
    workspace = Workspace.objects.create(name=name, slug=slug)
    user, _ = get_user_model().objects.get_or_create(username=username)
    UserRole.objects.update_or_create(user=user, workspace=workspace, defaults={"role": Role.OWNER})
    partnership = Partnership.objects.create(
        workspace=workspace, name="Bench partnership", form="coordinated_working",
        purpose="People get joined-up help.", start_date=started,
    )
    Area.objects.bulk_create(
        Area(workspace=workspace, name=f"Area {n:0{digits}}", ons_code=f"E06{n:06d}", is_own_area=n == 1)
        for n in range(1, areas + 1)
    )
    return workspace, user, partnership
