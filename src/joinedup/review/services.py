"""Running reviews and reading them back: the queries and writes behind the
review pages, the command and the background tasks. Every read is scoped to
a workspace."""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone, translation

from joinedup.partnerships.models import Partnership
from joinedup.workspaces.access import for_workspace

from .facts import facts_for
from .models import Review, ReviewRun
from .rules import run_rules
from .thresholds import improvement_p_limit, review_thresholds
from .verdict import decide

CHUNK_SIZE = 200


def finding_record(finding):
    """A finding as stored in a Review's JSON."""
    return {
        "rule_id": finding.rule_id,
        "title": finding.title,
        "severity": finding.severity,
        "evidence": [{"text": e.text, "link": e.link} for e in finding.evidence],
        "advice": finding.advice,
        "why_it_matters": finding.why_it_matters,
    }


def finding_texts(finding):
    """What a finding says, without its links and severity: one language's texts."""
    return {"title": finding.title, "evidence": [e.text for e in finding.evidence], "advice": finding.advice,
            "why_it_matters": finding.why_it_matters}


def finding_records(findings, facts, as_of, thresholds):
    """The findings as stored, each with its texts in every language the app speaks
    (`texts`, by language code): the rules run once more in each other language on the
    same facts, so that a report reads in its reader's language with the figures, names
    and dates of the day it was written (docs/translation.md). The stored title, evidence
    and advice stay in the language the review ran in, as the API gives them."""
    records = [finding_record(f) for f in findings]
    for code, _name in settings.LANGUAGES:
        if code == translation.get_language():
            said = findings  # already in this language
        else:
            with translation.override(code):
                said = run_rules(facts, today=as_of, thresholds=thresholds)
        if [f.rule_id for f in said] != [f.rule_id for f in findings]:
            continue  # not the same findings (never expected): the stored texts stand alone
        for record, finding in zip(records, said, strict=True):
            record.setdefault("texts", {})[code] = finding_texts(finding)
    return records


def review_figures(facts, as_of):
    """Figures the report and portfolio show beside the findings: the cost of
    the meetings held in the year to the as-of date, once meetings are recorded,
    and the evidence of change in the outcomes, once evidence facts exist
    (how it is counted: docs/verdict.md, "Value for effort")."""
    figures = {}
    meetings = getattr(facts.cost, "meetings", None)
    if meetings is not None:
        since = as_of - timedelta(days=365)
        in_year = [m for m in meetings if since < m.held_on <= as_of]
        figures["yearly_cost"] = str(sum((Decimal(m.cost) for m in in_year), Decimal(0)))
        figures["meetings_in_year"] = len(in_year)
    indicators = getattr(getattr(facts, "evidence", None), "indicators", None)
    if indicators is not None:
        p_limit = improvement_p_limit()
        measured = [i for i in indicators if i.periods_after_start > 0]
        ends = [i.latest_end for i in indicators if i.latest_end is not None]
        figures.update({
            "indicators": len(indicators),
            "indicators_measured": len(measured),
            "indicators_improving": sum(1 for i in measured if i.improvement_p is not None and i.improvement_p < p_limit),
            "indicators_worse": sum(1 for i in measured if i.latest_variation == "special_cause_concern"),
            "improvement_p": p_limit,
            "latest_data": max(ends).isoformat() if ends else None,
        })
    return figures


def _review_from(facts, as_of, thresholds, run=None, user=None):
    findings = run_rules(facts, today=as_of, thresholds=thresholds)
    verdict = decide(findings)
    severities = [f.severity for f in findings]
    return Review(
        partnership_id=facts.id, run=run, as_of=as_of, requested_by=user,
        findings=finding_records(findings, facts, as_of, thresholds),
        high_count=severities.count("high"), medium_count=severities.count("medium"),
        low_count=severities.count("low"),
        # Signs of staleness are the stale.* findings; voice.* findings share
        # the verdict's staleness family but are not signs of staleness.
        stale_count=sum(1 for f in findings if f.rule_id.startswith("stale.")),
        verdict=verdict.verdict, verdict_reasons=verdict.reasons,
        facts_recorded={name: getattr(facts, name) is not None for name in ("cost", "evidence", "voice")},
        figures=review_figures(facts, as_of),
    )


def review_partnerships(partnerships, as_of=None, run=None, user=None):
    """Review many partnerships (a queryset or list) and store one Review each."""
    as_of = as_of or timezone.localdate()
    thresholds = review_thresholds()
    reviews = [
        _review_from(facts, as_of, thresholds, run, user) for facts in facts_for(partnerships, as_of)
    ]
    return Review.objects.bulk_create(reviews)


def review_partnership(partnership, as_of=None, user=None):
    return review_partnerships([partnership], as_of=as_of, user=user)[0]


def reviews_of(workspace):
    return for_workspace(Review, workspace).select_related("partnership")


def latest_reviews(partnership, count=2):
    return list(Review.objects.filter(partnership=partnership).order_by("-run_at", "-id")[:count])


def latest_review_ids(workspace):
    """A subquery: each partnership's latest review id."""
    latest = Review.objects.filter(partnership=OuterRef("pk")).order_by("-run_at", "-id")
    return Subquery(latest.values("id")[:1])


# What the portfolio shows of a partnership and of its latest review.
PORTFOLIO_PARTNERSHIP_FIELDS = ("pk", "name", "form", "status", "start_date")
PORTFOLIO_REVIEW_FIELDS = (
    "pk", "partnership_id", "as_of", "verdict", "override_verdict", "high_count", "medium_count", "low_count",
    "stale_count", "facts_recorded", "figures",
)


def portfolio_reviews(workspace):
    """([(partnership, its latest review or None)] of the live partnerships,
    {review id: findings}), with only the columns the portfolio shows: not
    the reviews' findings, megabytes of JSON for a big workspace (issue 19),
    but their count of stale.* findings kept beside them. The findings are
    read only of reviews whose cost findings the portfolio counts
    (capability_text: cost recorded before reviews kept the yearly cost;
    none made since). Two queries however many partnerships, and a third
    when such an older review is shown."""
    live = for_workspace(Partnership, workspace).live().only(*PORTFOLIO_PARTNERSHIP_FIELDS)
    rows = list(live.annotate(latest_review_id=latest_review_ids(workspace)))
    reviews = (
        for_workspace(Review, workspace).only(*PORTFOLIO_REVIEW_FIELDS)
        .in_bulk([p.latest_review_id for p in rows if p.latest_review_id])
    )
    counted = [pk for pk, r in reviews.items()
               if (r.figures or {}).get("yearly_cost") is None and (r.facts_recorded or {}).get("cost")]
    findings = dict(Review.objects.filter(pk__in=counted).values_list("pk", "findings")) if counted else {}
    return [(p, reviews.get(p.latest_review_id)) for p in rows], findings


def due_partnerships(workspace, today=None):
    """Active partnerships with no review in the last review_interval_days."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=review_thresholds()["review_interval_days"])
    live = for_workspace(Partnership, workspace).live().exclude(status="ended")
    recent = Review.objects.filter(partnership=OuterRef("pk"), as_of__gt=cutoff)
    return live.exclude(pk__in=Subquery(recent.values("partnership_id")))


def start_run(workspace, partnerships, user=None, as_of=None):
    """Record a run over the given partnerships and queue, on commit, its first
    task, which works out the figures the chunks share and queues the chunks
    (`tasks.start_chunks`), passing ids only."""
    from .tasks import start_chunks

    ids = list(partnerships.values_list("pk", flat=True).order_by("pk"))
    run = ReviewRun.objects.create(
        workspace=workspace, started_by=user, as_of=as_of or timezone.localdate(), total=len(ids)
    )
    if not ids:
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at"])
        return run
    transaction.on_commit(lambda: start_chunks.enqueue(run.pk, ids))
    return run


_NUMBERS_AND_MONTHS = re.compile(
    r"\d+|\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def _evidence_keys(finding):
    # Day counts and amounts change between reviews; the fact itself does not.
    return {_NUMBERS_AND_MONTHS.sub("#", e["text"]) for e in finding["evidence"]}


@dataclass
class Comparison:
    """What changed between two reviews of one partnership."""

    since: object
    resolved: list = field(default_factory=list)
    new: list = field(default_factory=list)
    evidence_cleared: int = 0
    evidence_added: int = 0

    @property
    def unchanged(self):
        return not (self.resolved or self.new or self.evidence_cleared or self.evidence_added)


def compare(latest, previous):
    """Findings resolved and new since the previous review, by rule id, and
    items of evidence cleared or added within findings present in both."""
    if previous is None:
        return None
    before = {f["rule_id"]: f for f in previous.findings}
    now = {f["rule_id"]: f for f in latest.findings}
    comparison = Comparison(
        since=previous.as_of,
        resolved=[before[r] for r in before if r not in now],
        new=[now[r] for r in now if r not in before],
    )
    for rule_id in before.keys() & now.keys():
        old_keys, new_keys = _evidence_keys(before[rule_id]), _evidence_keys(now[rule_id])
        comparison.evidence_cleared += len(old_keys - new_keys)
        comparison.evidence_added += len(new_keys - old_keys)
    return comparison
