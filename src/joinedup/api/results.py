"""What a workspace has found out, read through the API: a partnership's
agreement (read and written), its reviews (verdicts and findings), its survey
waves' results and the case studies the workspace may read.

Survey results are the results page's own tables (surveys/results.py), with
every group smaller than the wave's threshold already hidden by its rules:
never an answer, never a quote from free text (a theme's label and count
only), and each reading recorded in the audit log as the CSV download is."""

from datetime import date, datetime
from types import SimpleNamespace

from django.db.models.functions import Coalesce, Greatest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from joinedup.audit.models import Kind
from joinedup.audit.record import record
from joinedup.partnerships.forms import AgreementForm
from joinedup.partnerships.models import Agreement
from joinedup.practice.search import visible_to
from joinedup.practice.services import EXCHANGED
from joinedup.review.models import Review
from joinedup.surveys.models import Wave
from joinedup.surveys.results import wave_results
from joinedup.workspaces.access import for_workspace

from .conventions import (
    ONE,
    REFUSALS,
    WRITES,
    Page,
    Paging,
    live_partnership,
    of_partnerships,
    one,
    page_of,
    partnership_filter,
    under_live_partnership,
    workspace,
)
from .registers import input_schemas, output_schema, save

router = Router()
AGREEMENT = SimpleNamespace(form_class=AgreementForm, audit_kind=Kind.AGREEMENT)
AgreementIn, _ = input_schemas(AgreementForm, "Agreement")
AgreementOut = output_schema(Agreement, "Agreement")


@router.get("/partnerships/{partnership_id}/agreement", response={200: AgreementOut, **ONE}, tags=["agreements"])
def get_agreement(request, partnership_id: int):
    """The partnership's agreement (404 if it has none yet), with its ETag."""
    found = get_object_or_404(Agreement, partnership=live_partnership(request, partnership_id))
    return one(request, AgreementOut.from_record(found))


@router.put("/partnerships/{partnership_id}/agreement", response={200: AgreementOut, **WRITES}, tags=["agreements"])
def put_agreement(request, partnership_id: int, payload: AgreementIn):
    """Write the partnership's agreement (it has at most one) whole, as its page does: a field not sent is emptied."""
    partnership = live_partnership(request, partnership_id)
    existing = Agreement.objects.filter(partnership=partnership).first()
    saved = save(request, AGREEMENT, payload, partnership=partnership, instance=existing, replace=True)
    return AgreementOut.from_record(saved)


class FindingOut(Schema):
    rule_id: str
    title: str
    severity: str
    evidence: list[dict]
    advice: str
    why_it_matters: str


class ReviewOut(Schema):
    id: int
    partnership_id: int
    run_at: datetime
    as_of: date
    verdict: str
    override_verdict: str
    override_reason: str
    final_verdict: str
    verdict_reasons: list
    findings: list[FindingOut]
    updated_at: datetime = Field(description="When it was run, or overridden since: what `updated_since` compares.")

    @staticmethod
    def from_record(r):
        return ReviewOut(id=r.pk, partnership_id=r.partnership_id, run_at=r.run_at, as_of=r.as_of,
                         verdict=r.verdict, override_verdict=r.override_verdict, override_reason=r.override_reason,
                         final_verdict=r.final_verdict, verdict_reasons=[str(v) for v in r.verdict_reasons],
                         updated_at=r.updated_at,
                         findings=[FindingOut(**{k: f.get(k, "" if k != "evidence" else []) for k in
                                                 FindingOut.model_fields}) for f in r.findings])


class ReviewPage(Page):
    items: list[ReviewOut]


def _reviews(request):
    # A review changes once after it is run, when its verdict is overridden.
    return for_workspace(Review, workspace(request)).annotate(
        updated_at=Greatest("run_at", Coalesce("overridden_at", "run_at")))


@router.get("/partnerships/{partnership_id}/reviews", response={200: ReviewPage, **REFUSALS}, tags=["reviews"])
def list_reviews(request, partnership_id: int, paging: Query[Paging]):
    """The partnership's reviews, oldest first: verdicts (and any override) and findings.
    `updated_since` gives the reviews run or overridden after that time."""
    reviews = _reviews(request).filter(partnership=live_partnership(request, partnership_id))
    return page_of(request, reviews, paging, ReviewOut)


@router.get("/reviews", response={200: ReviewPage, **REFUSALS}, tags=["reviews"])
def list_workspace_reviews(request, paging: Query[Paging], partnership: int | None = partnership_filter()):
    """The reviews of every partnership that is not archived, or of one, oldest first."""
    return page_of(request, of_partnerships(request, _reviews(request), partnership), paging, ReviewOut)


class CaseStudyOut(Schema):
    id: int
    ours: bool
    title: str
    problem: str
    user_group: str
    outcome_area: str
    sectors: list
    partners: str
    form: str
    what_we_did: str
    outcomes: str
    evidence: str
    evidence_strength: str
    evidence_strength_reason: str
    cost: str
    lessons: str
    contact: str
    licence: str
    visibility: str
    published_at: datetime | None
    partnership_id: int | None = Field(description="The workspace's partnership it tells of (ours only).")
    updated_at: datetime

    @staticmethod
    def from_record(c, workspace_id=None):
        ours = c.workspace_id == workspace_id
        return CaseStudyOut(id=c.pk, ours=ours, visibility=c.visibility, published_at=c.published_at,
                            partnership_id=c.partnership_id if ours else None, updated_at=c.updated_at,
                            **{name: getattr(c, name) for name in EXCHANGED})


class CaseStudyPage(Page):
    items: list[CaseStudyOut]


@router.get("/case-studies", response={200: CaseStudyPage, **REFUSALS}, tags=["practice"])
def list_case_studies(request, paging: Query[Paging], partnership: int | None = partnership_filter()):
    """The case studies this workspace may read: its own, and those published to everyone;
    with `partnership`, its own case studies of that partnership."""
    ours = workspace(request).pk
    out = SimpleNamespace(from_record=lambda c: CaseStudyOut.from_record(c, ours))
    studies = visible_to(workspace(request))
    if partnership is not None:
        studies = studies.filter(partnership=live_partnership(request, partnership))
    return page_of(request, studies, paging, out)


class WaveOut(Schema):
    id: int
    partnership_id: int
    name: str
    opens_on: date
    closes_on: date | None
    status: str
    instruments: list[str]
    created_at: datetime = Field(description="What `updated_since` compares: a wave is listed once, when it is "
                                             "made; read an open wave's results each time, as answers come in.")

    @staticmethod
    def from_record(w):
        return WaveOut(id=w.pk, partnership_id=w.partnership_id, name=w.name, opens_on=w.opens_on,
                       closes_on=w.closes_on, status=w.status, instruments=list(w.instruments),
                       created_at=w.created_at)


class WavePage(Page):
    items: list[WaveOut]


class ResultTableOut(Schema):
    instrument: str
    title: str
    headings: list[str]
    rows: list[list[str]]
    notes: list[str]


class ThemeOut(Schema):
    instrument: str
    question: str
    theme: str
    comments: int | None
    hidden: bool
    reason: str


class WaveResultsOut(Schema):
    wave_id: int
    smallest_group_shown: int
    tables: list[ResultTableOut]
    themes: list[ThemeOut]


@router.get("/partnerships/{partnership_id}/waves", response={200: WavePage, **REFUSALS}, tags=["surveys"])
def list_waves(request, partnership_id: int, paging: Query[Paging]):
    """The partnership's survey waves; `updated_since` gives those made after that time."""
    waves = Wave.objects.filter(partnership=live_partnership(request, partnership_id))
    return page_of(request, waves, paging, WaveOut, changed="created_at")


@router.get("/waves", response={200: WavePage, **REFUSALS}, tags=["surveys"])
def list_workspace_waves(request, paging: Query[Paging], partnership: int | None = partnership_filter()):
    """The survey waves of every partnership that is not archived, or of one."""
    waves = of_partnerships(request, for_workspace(Wave, workspace(request)), partnership)
    return page_of(request, waves, paging, WaveOut, changed="created_at")


@router.get("/waves/{wave_id}/results", response={200: WaveResultsOut, **REFUSALS}, tags=["surveys"])
def get_wave_results(request, wave_id: int):
    """A wave's results as its results page shows them: aggregated, every group
    under the threshold hidden, no answers and no quotes."""
    wave = under_live_partnership(get_object_or_404(for_workspace(Wave, workspace(request)), pk=wave_id))
    results = wave_results(wave)
    tables, themes = [], []
    for block in results.instruments:
        for table in block.tables:
            tables.append(ResultTableOut(instrument=block.title, title=table.title, headings=list(table.headings),
                                         rows=[[cell.text for cell in row] for row in table.rows],
                                         notes=[str(note) for note in table.notes]))
        for question, found in block.comment_themes:
            themes += [ThemeOut(instrument=block.title, question=question, theme="" if t.suppressed else t.label,
                                comments=None if t.suppressed else t.count, hidden=t.suppressed, reason=t.reason)
                       for t in found.themes]
    record(workspace(request), request.api_token.user, "export", "read survey results through the API", wave)
    return WaveResultsOut(wave_id=wave.pk, smallest_group_shown=results.rule.threshold, tables=tables, themes=themes)
