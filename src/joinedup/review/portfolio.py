"""The portfolio: every partnership of a workspace with its latest review, as
plain rows that the page, the exports and the board's PDF all share."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from joinedup.partnerships.amounts import amount_text
from joinedup.partnerships.models import Form, Status
from joinedup.surveys.headlines import latest_health_checks

from .models import Verdict
from .services import portfolio_reviews
from .verdict import VERDICT_LABELS, VERDICTS

NOT_RECORDED = gettext_lazy("Not recorded")
SEVERITY_ORDER = {v: i for i, v in enumerate(VERDICTS)}


@dataclass(frozen=True)
class PortfolioRow:
    id: int
    name: str
    form: str
    form_label: str
    form_step: int
    status: str
    status_label: str
    age_years: float | None
    verdict: str  # "" when never reviewed
    high: int
    medium: int
    low: int
    stale: int
    reviewed_on: date | None
    review_id: int | None
    yearly_cost: str = NOT_RECORDED
    outcome_evidence: str = NOT_RECORDED
    yearly_cost_value: Decimal | None = None
    # Evidence of change (review_figures); None when the review did not record it.
    indicators: int | None = None
    indicators_measured: int | None = None
    indicators_improving: int | None = None
    indicators_worse: int | None = None
    latest_data: date | None = None
    # The latest health check's overall score for all respondents
    # (surveys/headlines.py); the value is None where it is not shown.
    health_check: str = ""
    health_check_value: float | None = None
    # The rules' verdict when a person overrode it, else "".
    overridden_verdict: str = ""

    @property
    def verdict_label(self):
        return str(VERDICT_LABELS.get(self.verdict, _("Not reviewed")))

    @property
    def overridden_label(self):
        return str(VERDICT_LABELS.get(self.overridden_verdict, ""))

    @property
    def age_text(self):
        return "" if self.age_years is None else f"{self.age_years:.1f}"

    @property
    def staleness_text(self):
        if self.review_id is None:
            return ""
        return _("Not stale") if not self.stale else ngettext("%(count)s sign", "%(count)s signs", self.stale) % {"count": self.stale}

    @property
    def improving_share(self):
        """Share of the indicators with data since the start that show an
        improvement; None when there is nothing to divide."""
        if not self.indicators_measured:
            return None
        return self.indicators_improving / self.indicators_measured


def _age(start, today):
    return None if start is None else round((today - start).days / 365.25, 1)


def capability_text(review, key, findings=None):
    """What the portfolio shows for cost or evidence: "Not recorded" until that
    capability had facts for the review, then how many findings came from it
    (of `findings`, when the review was read without them)."""
    if review is None or not (review.facts_recorded or {}).get(key):
        return NOT_RECORDED
    findings = review.findings if findings is None else findings
    count = sum(1 for f in findings if f["rule_id"].startswith(f"{key}."))
    return _("No findings") if not count else ngettext("%(count)s finding", "%(count)s findings", count) % {"count": count}


def yearly_cost(review, findings=None):
    """(text, value) of the review's yearly meeting cost; the value is None
    until meetings are recorded."""
    figure = (review.figures or {}).get("yearly_cost") if review else None
    if figure is None:
        return capability_text(review, "cost", findings), None
    value = Decimal(figure)
    return amount_text(value.quantize(Decimal(1)), "£"), value


def evidence_figures(review):
    """(text, figures) of the outcome evidence a review recorded: "2 of 3
    indicators improving", "No indicators", or "Not recorded" for reviews made
    before evidence facts existed or before these figures were kept."""
    figures = (review.figures or {}) if review else {}
    if "indicators" not in figures:
        return NOT_RECORDED, {}
    latest = figures.get("latest_data")
    found = {
        "indicators": figures["indicators"],
        "indicators_measured": figures["indicators_measured"],
        "indicators_improving": figures["indicators_improving"],
        "indicators_worse": figures.get("indicators_worse"),
        "latest_data": date.fromisoformat(latest) if latest else None,
    }
    if not found["indicators"]:
        return _("No indicators"), found
    if not found["indicators_measured"]:
        return _("No data since the start"), found
    n = found["indicators_measured"]
    return ngettext("%(improving)s of %(count)s indicator improving", "%(improving)s of %(count)s indicators improving",
                    n) % {"improving": found["indicators_improving"], "count": n}, found


def portfolio_rows(workspace, today):
    rows = []
    # The reviews are read without their findings: the count of stale.* ones
    # is kept beside them (Review.stale_count), and only reviews from before
    # the yearly cost was kept need theirs (capability_text).
    found, findings = portfolio_reviews(workspace)
    health = latest_health_checks([p for p, _ in found], today)
    # Labels looked up once, not per row (Django's get_FOO_display hashes every choice each call).
    forms, statuses = dict(Form.choices), dict(Status.choices)
    for p, review in found:
        cost_text, cost_value = yearly_cost(review, findings.get(review.pk) if review else None)
        evidence_text, evidence = evidence_figures(review)
        rows.append(PortfolioRow(
            id=p.pk, name=p.name, form=p.form, form_label=str(forms.get(p.form, p.form)), form_step=p.form_step,
            status=p.status, status_label=str(statuses.get(p.status, p.status)), age_years=_age(p.start_date, today),
            verdict=review.final_verdict if review else "",
            high=review.high_count if review else 0, medium=review.medium_count if review else 0,
            low=review.low_count if review else 0, stale=review.stale_count if review else 0,
            reviewed_on=review.as_of if review else None, review_id=review.pk if review else None,
            yearly_cost=cost_text, yearly_cost_value=cost_value,
            outcome_evidence=evidence_text, **evidence,
            health_check=health[p.pk].text, health_check_value=health[p.pk].value,
            overridden_verdict=review.verdict if review and review.override_verdict else "",
        ))
    return rows


# ?sort= key → (heading, key function). "-" in front reverses.
SORTS = {
    "name": (gettext_lazy("Partnership"), lambda r: r.name.lower()),
    "form": (gettext_lazy("Form"), lambda r: r.form_step),
    "age": (gettext_lazy("Age (years)"), lambda r: (r.age_years is None, r.age_years or 0)),
    "status": (gettext_lazy("Status"), lambda r: r.status_label),
    "verdict": (gettext_lazy("Verdict"), lambda r: (r.verdict == "", SEVERITY_ORDER.get(r.verdict, 0))),
    "high": (gettext_lazy("High"), lambda r: r.high),
    "medium": (gettext_lazy("Medium"), lambda r: r.medium),
    "low": (gettext_lazy("Low"), lambda r: r.low),
    "stale": (gettext_lazy("Staleness"), lambda r: r.stale),
    "cost": (gettext_lazy("Yearly cost"), lambda r: (r.yearly_cost_value is None, r.yearly_cost_value or 0)),
    "evidence": (gettext_lazy("Outcome evidence"), lambda r: (
        r.improving_share is None, r.improving_share or 0, r.indicators_measured or 0, r.outcome_evidence)),
    "health": (gettext_lazy("Health check"), lambda r: (r.health_check_value is None, r.health_check_value or 0)),
    "reviewed": (gettext_lazy("Last reviewed"), lambda r: (r.reviewed_on is None, r.reviewed_on or date.min)),
}
FILTERS = {
    "form": (gettext_lazy("Form"), Form.choices),
    "status": (gettext_lazy("Status"), Status.choices),
    "verdict": (gettext_lazy("Verdict"), [*Verdict.choices, ("none", gettext_lazy("Not reviewed"))]),
}


def parse_sort(value):
    """(key, descending) from ?sort=, defaulting to name ascending."""
    value = value or "name"
    descending = value.startswith("-")
    key = value.lstrip("-")
    return (key, descending) if key in SORTS else ("name", False)


def sort_rows(rows, key, descending):
    # Ties keep name order, so the table is stable whichever column is sorted.
    by_name = sorted(rows, key=lambda r: r.name.lower())
    return sorted(by_name, key=SORTS[key][1], reverse=descending)


def filter_rows(rows, chosen):
    """Keep rows matching every chosen filter ({name: value}); unknown values are ignored."""
    for name, value in chosen.items():
        valid = {v for v, _ in FILTERS[name][1]}
        if not value or value not in valid:
            continue
        if name == "verdict":
            rows = [r for r in rows if (r.verdict or "none") == value]
        else:
            rows = [r for r in rows if getattr(r, name) == value]
    return rows


def totals(rows):
    verdicts = {}
    for r in rows:
        verdicts[r.verdict_label] = verdicts.get(r.verdict_label, 0) + 1
    costs = [r.yearly_cost_value for r in rows if r.yearly_cost_value is not None]
    return {
        "partnerships": len(rows),
        "high": sum(r.high for r in rows),
        "verdicts": sorted(verdicts.items()),
        "yearly_cost": amount_text(sum(costs, Decimal(0)).quantize(Decimal(1)), "£") if costs else NOT_RECORDED,
        "costed": len(costs),
    }


EXPORT_COLUMNS = [
    (gettext_lazy("Partnership"), lambda r: r.name),
    (gettext_lazy("Form"), lambda r: r.form_label),
    (gettext_lazy("Status"), lambda r: r.status_label),
    (gettext_lazy("Age (years)"), lambda r: r.age_years),
    (gettext_lazy("Verdict"), lambda r: r.verdict_label),
    (gettext_lazy("High findings"), lambda r: r.high),
    (gettext_lazy("Medium findings"), lambda r: r.medium),
    (gettext_lazy("Low findings"), lambda r: r.low),
    (gettext_lazy("Signs of staleness"), lambda r: r.stale),
    (gettext_lazy("Yearly cost (£)"), lambda r: r.yearly_cost_value if r.yearly_cost_value is not None else r.yearly_cost),
    (gettext_lazy("Outcome evidence"), lambda r: r.outcome_evidence),
    (gettext_lazy("Indicators"), lambda r: r.indicators),
    (gettext_lazy("Indicators with data since the start"), lambda r: r.indicators_measured),
    (gettext_lazy("Indicators improving"), lambda r: r.indicators_improving),
    (gettext_lazy("Indicators worse at latest value"), lambda r: r.indicators_worse),
    (gettext_lazy("Latest outcome data"), lambda r: r.latest_data),
    (gettext_lazy("Health check (1 to 5)"), lambda r: round(r.health_check_value, 2) if r.health_check_value is not None
     else r.health_check),
    (gettext_lazy("Last reviewed"), lambda r: r.reviewed_on),
    # Last, so that spreadsheets built on the earlier columns keep working.
    (gettext_lazy("Overridden from (the rules' verdict)"), lambda r: r.overridden_label),
]
