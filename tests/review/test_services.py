"""Running reviews against the database: facts, stored findings, comparison."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from joinedup.organisations.models import Organisation, Person
from joinedup.partnerships.models import Membership, Outcome, Partnership, Resource
from joinedup.review import services
from joinedup.review.facts import facts_for, partnership_facts
from joinedup.review.models import Review

TODAY = date(2026, 11, 22)


def test_facts_read_members_with_their_representatives(partnership, organisation, person, workspace):
    colleague = Person.objects.create(workspace=workspace, name="Bilal Thistlewood", organisation=organisation)
    Membership.objects.create(partnership=partnership, organisation=organisation, role="lead",
                              representative=person, joined_on=date(2022, 4, 1))
    facts = partnership_facts(partnership, TODAY)
    [member] = facts.members
    assert (member.organisation, member.sector, member.role) == (organisation.name, "council_adult_social_care", "lead")
    assert (member.representative, member.representative_from) == ("Ada Quillfeather", date(2020, 1, 1))
    assert member.colleagues_in_post == 1
    colleague.active_to = date(2026, 1, 1)
    colleague.save()
    assert partnership_facts(partnership, TODAY).members[0].colleagues_in_post == 0


def test_a_chunk_s_facts_take_as_many_queries_for_many_partnerships_as_for_few(workspace, organisation, person):
    """The batch path (a portfolio review's chunk) reads the register and every capability's
    facts in a fixed number of queries, the partnerships' workspace included."""

    def add(count):
        for _ in range(count):
            p = Partnership.objects.create(workspace=workspace, name=f"Partnership {Partnership.objects.count()}",
                                           start_date=date(2022, 4, 1))
            Outcome.objects.create(partnership=p, statement="I go home when ready.")
            Membership.objects.create(partnership=p, organisation=organisation, representative=person)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            found = facts_for(Partnership.objects.filter(workspace=workspace), TODAY)
        return len(found), len(captured)

    # Each count is of a second call: the first after a change works out and
    # keeps the figures that are kept (the network's, the survey themes').
    add(2)
    queries()
    few = queries()
    add(4)
    queries()
    assert queries() == (6, few[1])


def test_a_capability_with_nothing_on_the_partnership_leaves_its_field_none(partnership):
    facts = partnership_facts(partnership, TODAY)
    assert facts.cost is None and facts.voice is None


def test_a_review_stores_findings_counts_and_verdict(partnership):
    review = services.review_partnership(partnership, as_of=TODAY)
    stored = Review.objects.get(pk=review.pk)
    assert stored.verdict == "refocus"
    assert [f["rule_id"] for f in stored.findings] == ["purpose.no_outcomes", "agreement.missing"]
    assert stored.high_count == 2 and stored.medium_count == 0
    assert stored.findings[0]["evidence"] == [{"text": "Home First has no outcomes recorded.", "link": ""}]
    assert stored.verdict_reasons[0].startswith("Refocus:")


def test_comparing_two_reviews_counts_resolved_and_new_findings(partnership, organisation):
    first = services.review_partnership(partnership, as_of=date(2026, 3, 1))
    Outcome.objects.create(partnership=partnership, statement="I go home.", why_partnership="Many agencies.",
                           downsides="Rushed discharges.")
    Resource.objects.create(partnership=partnership, organisation=organisation, kind="money", status="disputed")
    second = services.review_partnership(partnership, as_of=TODAY)
    comparison = services.compare(second, first)
    assert [f["rule_id"] for f in comparison.resolved] == ["purpose.no_outcomes"]
    assert "resources.disputed" in [f["rule_id"] for f in comparison.new]
    assert services.compare(first, None) is None


def test_due_partnerships_leave_out_those_reviewed_within_the_interval(partnership, workspace):
    assert list(services.due_partnerships(workspace, TODAY)) == [partnership]
    services.review_partnership(partnership, as_of=date(2026, 10, 24))
    assert list(services.due_partnerships(workspace, TODAY)) == []
    assert list(services.due_partnerships(workspace, date(2026, 11, 23))) == [partnership]


def test_a_partnership_in_another_workspace_is_never_due_here(partnership, other_workspace):
    assert list(services.due_partnerships(other_workspace, TODAY)) == []
    assert Organisation.objects.count() == 0


def test_settings_override_a_threshold(partnership, organisation, settings):
    Resource.objects.create(partnership=partnership, organisation=organisation, kind="money", status="proposed")
    assert "resources.unresolved" in {f["rule_id"] for f in services.review_partnership(partnership, as_of=TODAY).findings}
    settings.REVIEW_THRESHOLDS = {"unresolved_resource_months": 60}
    assert "resources.unresolved" not in {f["rule_id"] for f in services.review_partnership(partnership, as_of=TODAY).findings}
