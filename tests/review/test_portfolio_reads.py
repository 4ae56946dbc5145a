"""The portfolio reads its reviews without their findings (issue 19: at national
scale the findings of one workspace's latest reviews are 9 MB of JSON, the
biggest part of the page's time). Its rows must be what reading every review
whole gives, and its queries as many for many partnerships as for few."""

import importlib
from datetime import date

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from joinedup.partnerships.models import Partnership
from joinedup.review import services
from joinedup.review.models import Review, stale_findings
from joinedup.review.portfolio import (
    _age,
    evidence_figures,
    portfolio_rows,
    yearly_cost,
)
from joinedup.workspaces.models import Role, UserRole

TODAY = date(2026, 11, 22)


def rows_from_whole_reviews(workspace, today):
    """What each row shows of its partnership and latest review, read as the
    portfolio read them before: every field of both, the findings counted."""
    expected = {}
    for p in Partnership.objects.filter(workspace=workspace, archived_at__isnull=True):
        review = Review.objects.filter(partnership=p).order_by("-run_at", "-id").first()
        cost_text, cost_value = yearly_cost(review)
        expected[p.pk] = {
            "name": p.name, "form": p.form, "form_step": p.form_step, "status": p.status,
            "age_years": _age(p.start_date, today),
            "verdict": review.final_verdict if review else "", "review_id": review.pk if review else None,
            "reviewed_on": review.as_of if review else None,
            "high": review.high_count if review else 0, "medium": review.medium_count if review else 0,
            "low": review.low_count if review else 0, "stale": stale_findings(review.findings) if review else 0,
            "yearly_cost": cost_text, "yearly_cost_value": cost_value,
            "outcome_evidence": evidence_figures(review)[0],
            "overridden_verdict": review.verdict if review and review.override_verdict else "",
        }
    return expected


def shown(rows):
    return {r.id: {key: getattr(r, key) for key in
                   ["name", "form", "form_step", "status", "age_years", "verdict", "review_id", "reviewed_on",
                    "high", "medium", "low", "stale", "yearly_cost", "yearly_cost_value", "outcome_evidence",
                    "overridden_verdict"]} for r in rows}


def recount(apps_):
    migration = importlib.import_module("joinedup.review.migrations.0002_stale_count_from_findings")
    migration.recount(apps_, None)


def test_the_rows_are_those_of_the_reviews_read_whole(demo_workspace):
    workspace = demo_workspace
    services.review_partnerships(Partnership.objects.filter(workspace=workspace), as_of=TODAY)
    latest = {r.partnership_id: r for r in Review.objects.filter(partnership__workspace=workspace)
              .order_by("partnership_id", "run_at", "id")}
    voiced = next(r for r in latest.values() if any(f["rule_id"].startswith("voice.") for f in r.findings))
    costed = next(r for r in latest.values() if r.figures.get("yearly_cost") is not None
                  and any(f["rule_id"].startswith("cost.") for f in r.findings))
    # As reviews stored before 2 December 2026: voice.* findings counted as
    # signs of staleness, and the cost recorded without the yearly cost.
    Review.objects.filter(pk=voiced.pk).update(stale_count=stale_findings(voiced.findings) + 2)
    figures = {k: v for k, v in costed.figures.items() if k not in ("yearly_cost", "meetings_in_year")}
    Review.objects.filter(pk=costed.pk).update(figures=figures)
    recount(apps)

    expected = rows_from_whole_reviews(workspace, TODAY)
    assert shown(portfolio_rows(workspace, TODAY)) == expected
    assert expected[voiced.partnership_id]["stale"] == stale_findings(voiced.findings)
    assert expected[costed.partnership_id]["yearly_cost"].endswith(("finding", "findings"))
    assert any(row["stale"] for row in expected.values())


def test_signs_of_staleness_are_the_stale_findings_only():
    review = Review(findings=[{"rule_id": "stale.same_people"}, {"rule_id": "voice.low_response"},
                              {"rule_id": "stale.new_family_rule"}])
    assert stale_findings(review.findings) == 2
    assert stale_findings([]) == 0


def test_a_review_saved_keeps_its_count_of_stale_findings(other_workspace):
    workspace = other_workspace
    p = Partnership.objects.create(workspace=workspace, name="Alpha", form="information_network",
                                   purpose="Carers are heard.", start_date=date(2016, 1, 1))
    review = services.review_partnership(p, as_of=TODAY)
    review.findings = [*review.findings, {"rule_id": "stale.same_people"}, {"rule_id": "voice.low_response"}]
    review.save()
    review.refresh_from_db()
    assert review.stale_count == stale_findings(review.findings)


def test_reviewed_partnerships_ask_as_many_queries_for_many_as_for_few(client, django_user_model, other_workspace):
    """The latest reviews come in a constant number of queries, and never
    one per review for its findings, with an older review among them."""
    workspace = other_workspace
    viewer = django_user_model.objects.create_user(username="board", password="not-used")
    UserRole.objects.create(workspace=workspace, user=viewer, role=Role.VIEWER)

    def grow(count, start):
        made = [Partnership.objects.create(workspace=workspace, name=f"P{i:03}", form="coordinated_working",
                                           purpose="Joined-up help.", start_date=date(2021, 1, 1))
                for i in range(start, start + count)]
        services.review_partnerships(made, as_of=TODAY)

    def queries():
        with CaptureQueriesContext(connection) as found:
            assert client.get(reverse("review:portfolio", args=[workspace.slug])).status_code == 200
        return len(found)

    client.force_login(viewer)
    grow(2, 0)
    # One review from before the yearly cost was kept: its findings are read.
    old = Review.objects.filter(partnership__workspace=workspace).first()
    Review.objects.filter(pk=old.pk).update(figures={}, facts_recorded={"cost": True})
    few = queries()
    grow(12, 2)
    many = queries()
    assert many == few
    assert len(portfolio_rows(workspace, TODAY)) == 14


def test_an_archive_from_before_the_recount_comes_back_counted(other_workspace, settings, tmp_path):
    import io

    from joinedup.api.archive_export import write_archive
    from joinedup.api.archive_import import import_archive

    settings.MEDIA_ROOT = tmp_path / "media"
    p = Partnership.objects.create(workspace=other_workspace, name="Alpha", form="information_network",
                                   purpose="Carers are heard.", start_date=date(2016, 1, 1))
    review = services.review_partnership(p, as_of=TODAY)
    # As a review stored before 2 December 2026 and archived before the recount.
    Review.objects.filter(pk=review.pk).update(stale_count=stale_findings(review.findings) + 2)
    out = io.BytesIO()
    write_archive(other_workspace, out)
    copy = import_archive(io.BytesIO(out.getvalue()), slug="copy")
    restored = Review.objects.get(partnership__workspace=copy)
    assert restored.findings == review.findings
    assert restored.stale_count == stale_findings(review.findings)
