"""Rules that rest on a legal duty: a document the law asks the partnership's
kind of body to publish on a cycle (partnerships/duties.py), in the nation
whose law it is. They run only for partnerships of a body with such a duty.
Registered on import by review/rules.py."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.design_system.dates import long_date
from joinedup.partnerships import duties

from .rules import Evidence, rule


@rule(
    "duty.document_late",
    gettext_lazy("A document the law asks for is late"),
    "high",
    gettext_lazy("The law that sets the body up asks it to publish this document on a cycle so that the people it serves, its partners and its regulators can see what it is doing; a late one is a breach of a statutory duty, not only of good practice."),
)
def document_late(facts, today, thresholds):
    # A proposed body has no duty yet, and an ended one no longer has one.
    if facts.status in ("proposed", "ended"):
        return []
    found = []
    for status in duties.statuses(facts.body, facts.statutory_documents, facts.start_date, today):
        if status.state != "late":
            continue
        duty = status.duty
        asks = Evidence(_("%(citation)s asks for %(cycle)s.") % {"citation": duty.citation, "cycle": duty.cycle})
        if status.latest is None:
            seen = Evidence(_("No %(document)s is recorded for %(name)s.") % {
                "document": str(duty.document).lower(), "name": facts.name})
        else:
            seen = Evidence(_("The latest %(document)s recorded was published on %(date)s.") % {
                "document": str(duty.document).lower(), "date": long_date(status.latest)})
        found.append((
            [asks, seen],
            _("Publish the %(document)s, or record it here if it has been published, with its date and link.") % {
                "document": str(duty.document).lower()},
        ))
    return found
