"""Reviews of a whole workspace in the background: inline in tests, and once
through the real database-backed worker."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from joinedup.network.models import Figures
from joinedup.partnerships.models import Partnership
from joinedup.review import services, tasks
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
    assert len(callbacks) == 1  # the first task, which queues the chunks (200 + 5)
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
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == ["joinedup.review.tasks.start_chunks"]
    run.refresh_from_db()
    assert run.done == 0 and run.finished_at is None
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)
    run.refresh_from_db()
    assert (run.done, run.failed) == (205, 0) and run.finished_at is not None
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    # The first task queued the two chunks after it had worked out the network's figures.
    chunks = DBTaskResult.objects.filter(task_path="joinedup.review.tasks.review_chunk")
    assert sorted(len(c.args_kwargs["args"][1]) for c in chunks) == [5, 200]
    assert Figures.objects.filter(workspace=workspace, day=run.as_of).count() == 1


def test_a_run_works_out_the_network_s_figures_once_before_its_chunks(workspace, many, monkeypatch,
                                                                       django_capture_on_commit_callbacks):
    """Two workers taking a run's first two chunks would each work them out (29 s at national scale)."""
    from joinedup.network import kept

    kept_when = []
    real_keep, real_review = kept.keep, tasks.review_partnerships
    monkeypatch.setattr(kept, "keep", lambda *a, **k: kept_when.append("figures") or real_keep(*a, **k))
    monkeypatch.setattr(tasks, "review_partnerships", lambda *a, **k: kept_when.append("chunk") or real_review(*a, **k))
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start_run(workspace, Partnership.objects.filter(workspace=workspace))
    run.refresh_from_db()
    assert kept_when == ["figures", "chunk", "chunk"] and run.done == 205
    # Kept already (by the daily command, or an earlier run of the day): not worked out again.
    kept_when.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.start_run(workspace, Partnership.objects.filter(workspace=workspace))
    assert kept_when == ["chunk", "chunk"]


def test_a_run_whose_network_figures_fail_still_reviews_its_partnerships(workspace, many, monkeypatch,
                                                                         django_capture_on_commit_callbacks):
    from joinedup.network import kept

    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise RuntimeError("no figures")
        return False

    monkeypatch.setattr(kept, "keep_up_to_date", failing)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start_run(workspace, Partnership.objects.filter(workspace=workspace))
    run.refresh_from_db()
    assert (run.done, run.failed) == (205, 0)
