"""Reviews of a whole workspace in the background: inline in tests, and once
through the real database-backed worker."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from joinedup.partnerships.models import Partnership
from joinedup.review import services
from joinedup.review.models import Review, ReviewRun


@pytest.fixture
def many(workspace):
    return Partnership.objects.bulk_create(
        Partnership(workspace=workspace, name=f"Partnership {i:03}", form="coordinated_working",
                    purpose="People get joined-up help.", start_date=date(2020, 1, 1))
        for i in range(205)
    )


def test_a_run_reviews_every_partnership_in_chunks_and_finishes(workspace, many, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = services.start_run(workspace, Partnership.objects.filter(workspace=workspace), user=owner)
    assert len(callbacks) == 2  # 200 + 5
    run.refresh_from_db()
    assert (run.total, run.done, run.failed) == (205, 205, 0)
    assert run.finished_at is not None and run.state == "finished" and run.percent == 100
    assert Review.objects.filter(run=run).count() == 205
    assert set(Review.objects.filter(run=run).values_list("requested_by", flat=True)) == {owner.pk}


def test_the_button_starts_a_run_and_the_page_refreshes_while_it_runs(client, editor, workspace, many, django_capture_on_commit_callbacks):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("review:review_all", args=["northshire"]))
    run = ReviewRun.objects.get()
    assert response["Location"] == reverse("review:run", args=["northshire", run.pk])
    waiting = client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in waiting
    assert "0 of 205 partnerships reviewed (0%)" in waiting
    ReviewRun.objects.filter(pk=run.pk).update(done=100)
    assert "100 of 205 partnerships reviewed (49%)" in client.get(response["Location"]).content.decode()


def test_a_finished_run_page_does_not_refresh(client, viewer, workspace, partnership, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start_run(workspace, Partnership.objects.filter(workspace=workspace))
    client.force_login(viewer)
    page = client.get(reverse("review:run", args=["northshire", run.pk])).content.decode()
    assert "http-equiv" not in page
    assert "1 of 1 partnership reviewed" in page


def test_an_empty_run_is_finished_at_once(workspace):
    run = services.start_run(workspace, Partnership.objects.none())
    assert run.total == 0 and run.finished_at is not None


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_the_queued_reviews(settings, workspace, many):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    run = services.start_run(workspace, Partnership.objects.filter(workspace=workspace))
    assert DBTaskResult.objects.count() == 2
    run.refresh_from_db()
    assert run.done == 0 and run.finished_at is None
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)
    run.refresh_from_db()
    assert (run.done, run.failed) == (205, 0) and run.finished_at is not None
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
