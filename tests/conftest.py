"""Standing fixtures: two workspaces, and users who are owner, editor and
viewer of the first, plus an outsider who owns only the second."""

import sys
from contextlib import contextmanager
from datetime import date

import pytest
from django.contrib.auth import get_user_model

from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Outcome, Partnership
from joinedup.workspaces.models import Role, UserRole, Workspace

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def empty_cache():
    """Ids repeat between tests, so nothing cached may outlive one."""
    from django.core.cache import cache

    from joinedup.review import kept_facts

    cache.clear()
    kept_facts._KEPT.clear()


@pytest.fixture(autouse=True)
def no_claims_left_to_seal():
    """A process keeps the ids of the links it claimed until it seals them,
    and its sealer keeps a connection: ids repeat between tests, and a test
    database cannot be dropped while a connection is open."""
    from joinedup.surveys import sealing

    sealing._waiting.clear()
    yield
    assert sealing.sealer.let_go()


@pytest.fixture(autouse=True)
def english_again_after_each_test():
    """A request in Welsh leaves Welsh active in its thread (LocaleMiddleware
    activates a language and nothing deactivates it): without this, whatever
    test ran next in the same worker would find its texts in Welsh."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def commands_in_english(monkeypatch):
    """joinedup's commands speak the language of the environment (LANG=cy_GB.UTF-8
    makes them Welsh): the suite expects English unless a test asks for Welsh, also
    when run from a shell set to Welsh."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing with the production work factor would dominate the suite's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(name):
    return get_user_model().objects.create_user(
        username=name, email=f"{name}@example.org", password=PASSWORD
    )


@pytest.fixture
def workspace(db):
    return Workspace.objects.create(name="Northshire", slug="northshire")


@pytest.fixture
def other_workspace(db):
    return Workspace.objects.create(name="Southshire", slug="southshire")


@pytest.fixture
def owner(workspace):
    user = make_user("owner")
    UserRole.objects.create(workspace=workspace, user=user, role=Role.OWNER)
    return user


@pytest.fixture
def editor(workspace):
    user = make_user("editor")
    UserRole.objects.create(workspace=workspace, user=user, role=Role.EDITOR)
    return user


@pytest.fixture
def viewer(workspace):
    user = make_user("viewer")
    UserRole.objects.create(workspace=workspace, user=user, role=Role.VIEWER)
    return user


@pytest.fixture
def outsider(other_workspace):
    user = make_user("outsider")
    UserRole.objects.create(workspace=other_workspace, user=user, role=Role.OWNER)
    return user


@pytest.fixture
def organisation(workspace):
    return Organisation.objects.create(
        workspace=workspace, name="Northshire Council Adult Social Care",
        sector="council_adult_social_care",
    )


@pytest.fixture
def person(workspace, organisation):
    return Person.objects.create(
        workspace=workspace, name="Ada Quillfeather", organisation=organisation,
        role_title="Team manager", pay_band="AfC 8a", active_from=date(2020, 1, 1),
    )


@pytest.fixture
def partnership(workspace):
    return Partnership.objects.create(
        workspace=workspace, name="Home First", form="joint_commissioning",
        purpose="People go home from hospital well.", start_date=date(2022, 4, 1),
    )


@pytest.fixture
def outcome(partnership):
    return Outcome.objects.create(
        partnership=partnership, statement="I only have to tell my story once.",
        why_partnership="Four agencies each assess me.",
    )


@contextmanager
def kept_for_the_module(django_db_blocker, load):
    """What `load()` writes, kept for a whole test module rather than written
    again for each test (seconds each). It is written inside a transaction that
    is rolled back when the module is done: each test's own transaction (the
    `db` fixture) is a savepoint within it, undone after the test as before, and
    nothing of it outlives the module. Its on-commit work never runs, as in a
    test's own transaction. Use it through a test-scoped fixture that also asks
    for `db`, and read records afresh in each test."""
    from django.db import transaction

    kept = transaction.atomic()
    with django_db_blocker.unblock():
        kept.__enter__()
        try:
            loaded = load()
        except BaseException:
            kept.__exit__(*sys.exc_info())
            raise
    yield loaded
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        kept.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_locality(django_db_setup, django_db_blocker):
    """The demo locality (Northshire), loaded once for a whole test module
    (kept_for_the_module): use it through `demo_workspace`."""
    from joinedup.demo.loader import load_demo

    with kept_for_the_module(django_db_blocker, load_demo) as (workspace, _):
        yield workspace.pk


@pytest.fixture
def demo_workspace(db, demo_locality):
    """The module's demo workspace, read afresh for each test: a change one test
    makes to it, in memory or in the database, is not seen by the next."""
    return Workspace.objects.get(pk=demo_locality)


@pytest.fixture(autouse=True)
def validate_chart_specs(settings):
    """Every chart a test draws is checked against the Vega-Lite schema
    (design_system/charts.py skips the check outside tests)."""
    settings.VALIDATE_CHART_SPECS = True


# `make test` runs the suite on two pytest-xdist workers, a whole file at a time
# (--dist loadfile), handing the files out in the order collected here
# (--no-loadscope-reorder: xdist would otherwise put the files of many tests first,
# and so the long single-test journeys last). The longest files go first, then the
# other browser journeys, then the many short files: the last minutes are short
# files shared between the two workers, not one worker on an eighty-second file
# while the other has finished. The list is the files' own times in a whole run
# (pytest --durations=0, summed by file), longest first; the two that need
# PostgreSQL are long there.
LONGEST_FIRST = (
    "tests/security/test_fuzzing.py",
    "tests/browser/test_surveys.py",
    "tests/test_scale_out.py",
    "tests/browser/test_survey_wave_journey.py",
    "tests/review/test_report_pdf.py",
    "tests/test_cli.py",
    "tests/security/test_every_route.py",
    "tests/api/test_archive_commands.py",
    "tests/test_bench_generate.py",
    "tests/browser/test_review_journey.py",
    "tests/browser/test_practice.py",
    "tests/browser/test_comparison.py",
    "tests/surveys/test_crash_safety.py",
    "tests/surveys/test_disclosure.py",
    "tests/surveys/test_live_results.py",
    "tests/test_json_logs.py",
    "tests/browser/test_relationships_journey.py",
    "tests/test_cold_start.py",
    "tests/browser/test_indicator_import.py",
    "tests/test_health.py",
    "tests/security/test_every_api_operation.py",
    "tests/surveys/test_suppression.py",
    "tests/indicators/test_review_facts_fast.py",
    "tests/browser/test_calendar_import.py",
    "tests/surveys/test_results.py",
    "tests/surveys/test_demo_voice.py",
    "tests/demo/test_northern_ireland_demo.py",
)


def pytest_collection_modifyitems(items):
    def rank(item):
        path = item.nodeid.split("::")[0]
        if path in LONGEST_FIRST:
            return LONGEST_FIRST.index(path)
        return len(LONGEST_FIRST) + (0 if path.startswith("tests/browser/") else 1)

    items.sort(key=rank)  # stable: within each rank, the order collected
