"""Writing, publishing, and moving case studies between joinedup instances."""

import hashlib
import json
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from joinedup.organisations.models import Sector
from joinedup.partnerships.models import Form

from .models import CaseStudy, EvidenceStrength, Visibility

SCHEMA = "joinedup.case-studies"
SCHEMA_VERSION = 1
# The fields a case study carries between instances (docs/practice.md).
EXCHANGED = [
    "title", "problem", "user_group", "outcome_area", "sectors", "partners", "form", "what_we_did",
    "outcomes", "evidence", "evidence_strength", "evidence_strength_reason", "cost", "lessons",
    "contact", "licence",
]
REQUIRED = ["title", "problem", "user_group", "form", "what_we_did", "outcomes"]


def evidence_strength_of(review):
    """The strength of the evidence a review's own analysis gives, or None when
    it gives none and the author must choose. An improvement found by the
    interrupted time series is statistical; data before and after the start
    without one is a before-and-after comparison."""
    figures = review.figures or {}
    if figures.get("indicators_improving"):
        return EvidenceStrength.STATISTICAL
    if figures.get("indicators_measured"):
        return EvidenceStrength.BEFORE_AFTER
    return None


def draft_from_review(review):
    """A case study filled in from a partnership's review, for its author to edit."""
    partnership = review.partnership
    outcomes = list(partnership.outcomes.filter(archived_at__isnull=True))
    members = list(partnership.memberships.filter(archived_at__isnull=True).select_related("organisation"))
    tasks = partnership.responsibilities.filter(archived_at__isnull=True).select_related("responsible_organisation")
    figures = review.figures or {}
    strength = evidence_strength_of(review)
    evidence = []
    if "indicators" in figures:
        evidence.append(
            _("%(figures)s of %(figures2)s indicators with data since the partnership started show an improvement (interrupted time series, p-value below %(figures3)s), from joinedup's review of %(as_of)s.") % {"figures": figures['indicators_improving'], "figures2": figures['indicators_measured'], "figures3": format(figures['improvement_p'], "g"), "as_of": format(review.as_of, "%B %Y")}
        )
    cost = ""
    if "yearly_cost" in figures:
        pounds = Decimal(figures["yearly_cost"]).quantize(Decimal(1))
        cost = (_("Meetings cost £%(pounds)s in people's time in the 12 months to %(as_of)s (%(get)s meetings).") % {"pounds": format(pounds, ","), "as_of": format(review.as_of, "%B %Y"), "get": figures.get('meetings_in_year', 0)})
    return CaseStudy(
        workspace=partnership.workspace, partnership=partnership, review=review,
        title=partnership.name, problem=partnership.purpose, user_group=partnership.user_groups,
        form=partnership.form,
        sectors=sorted({m.organisation.sector for m in members}),
        partners="\n".join(f"- {m.organisation.name}: {m.get_role_display().lower()}" for m in members),
        # The agreement's tasks are what was done; the author turns them into the story.
        what_we_did="\n".join(
            f"- {t.task}" + (f" ({t.responsible_organisation.name})" if t.responsible_organisation else "")
            for t in tasks
        ),
        outcomes="\n".join(f"- {o.statement}" for o in outcomes),
        evidence="\n".join(evidence),
        evidence_strength=strength or EvidenceStrength.ANECDOTE,
        evidence_from_review=strength is not None,
        cost=cost,
        lessons="\n".join(f"- {f['title']}" for f in review.findings),
    )


def save(case_study, user):
    """Save a case study; the moment it is first published is kept."""
    if case_study.visibility != Visibility.DRAFT and case_study.published_at is None:
        case_study.published_at = timezone.now()
    if case_study.author_id is None:
        case_study.author = user
    case_study.save()
    return case_study


def export_json(case_studies):
    """Case studies as the versioned JSON of docs/practice.md."""
    items = [{name: getattr(c, name) for name in EXCHANGED} | {
        "published_at": c.published_at.isoformat() if c.published_at else None,
    } for c in case_studies]
    body = json.dumps(items, sort_keys=True, ensure_ascii=False)
    document = {
        "schema": SCHEMA, "schema_version": SCHEMA_VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "sha256": hashlib.sha256(body.encode()).hexdigest(),
        "case_studies": items,
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


class UnreadableExport(ValueError):
    """A file that cannot be imported, with every problem found in it."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def _problems_of(number, item):
    where = _("Case study %(number)s") % {"number": number}
    if not isinstance(item, dict):
        return [_("%(where)s is not an object with fields") % {"where": where}]
    problems = []
    for name in REQUIRED:
        if not str(item.get(name) or "").strip():
            problems.append(_("%(where)s has no %(name)s") % {"where": where, "name": name})
    unknown = sorted(set(item) - set(EXCHANGED) - {"published_at"})
    if unknown:
        problems.append(_("%(where)s has fields this version does not know: %(join)s") % {"where": where, "join": ', '.join(unknown)})
    if item.get("form") and item["form"] not in Form.values:
        problems.append(_("%(where)s: form %(item)s is not one of %(join)s") % {"where": where, "item": repr(item['form']), "join": ', '.join(Form.values)})
    if item.get("evidence_strength", "anecdote") not in EvidenceStrength.values:
        problems.append(_("%(where)s: evidence_strength %(item)s is not one of %(join)s") % {"where": where, "item": repr(item['evidence_strength']), "join": ', '.join(EvidenceStrength.values)})
    sectors = item.get("sectors", [])
    if not isinstance(sectors, list) or any(s not in Sector.values for s in sectors):
        problems.append(_("%(where)s: sectors must be a list of %(join)s") % {"where": where, "join": ', '.join(Sector.values)})
    for name in EXCHANGED:
        value = item.get(name)
        if name != "sectors" and value is not None and not isinstance(value, str):
            problems.append(_("%(where)s: %(name)s must be text") % {"where": where, "name": name})
    too_long = [f.name for f in CaseStudy._meta.fields
                if f.name in item and f.max_length and isinstance(item[f.name], str) and len(item[f.name]) > f.max_length]
    problems += [_("%(where)s: %(name)s is longer than %(max_length)s characters") % {"where": where, "name": name, "max_length": CaseStudy._meta.get_field(name).max_length}
                 for name in too_long]
    return problems


def import_json(raw, workspace, user):
    """Import a JSON export as drafts of `workspace`: all of them, or, with any
    problem, none (UnreadableExport lists every problem)."""
    try:
        document = json.loads(raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnreadableExport([f"The file is not JSON text ({error}). Choose a file exported from joinedup."]) from None
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise UnreadableExport([f"The file is not a joinedup case-studies export (its \"schema\" is not \"{SCHEMA}\")."])
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        raise UnreadableExport([f"The file is schema version {version!r}; this joinedup reads version {SCHEMA_VERSION}."])
    items = document.get("case_studies")
    if not isinstance(items, list) or not items:
        raise UnreadableExport(["The file holds no case studies."])
    body = json.dumps(items, sort_keys=True, ensure_ascii=False)
    if document.get("sha256") not in (None, hashlib.sha256(body.encode()).hexdigest()):
        raise UnreadableExport(["The file's checksum does not match its case studies: it was changed or damaged "
                            "after export. Export it again."])
    problems = [p for number, item in enumerate(items, 1) for p in _problems_of(number, item)]
    if problems:
        raise UnreadableExport(problems)
    with transaction.atomic():
        made = [
            CaseStudy.objects.create(
                workspace=workspace, author=user, visibility=Visibility.DRAFT,
                **{name: item[name] for name in EXCHANGED if item.get(name) is not None},
            )
            for item in items
        ]
    return made
