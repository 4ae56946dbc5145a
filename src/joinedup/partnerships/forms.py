from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from joinedup.workspaces.forms import WorkspaceModelForm

from . import bodies, duties, models


class PartnershipForm(WorkspaceModelForm):
    required_messages = {
        "name": _("Enter the partnership's name"),
        "purpose": _("Enter what the partnership is for"),
        "form": _("Select the form the partnership takes"),
        "driver": _("Select what drives the partnership"),
        "status": _("Select the partnership's status"),
        "user_groups": _("Select who the partnership serves"),
    }
    date_descriptions = {"start_date": _("the date the partnership started"), "review_date": _("the date it is next reviewed")}
    date_order = [("start_date", "review_date", _("The review date must be after the start date."))]

    class Meta:
        model = models.Partnership
        fields = [
            "name", "purpose", "user_groups", "form", "body", "driver", "start_date", "review_date",
            "status",
        ]
        widgets = {"form": forms.RadioSelect, "status": forms.RadioSelect}
        help_texts = {
            "form": _("From the loosest to the most integrated. Choose the form that fits the outcomes."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the bodies of the workspace's nations; a partnership keeps the
        # body it has even if the workspace has since left that nation.
        nations = set(self.workspace.nation_list)
        kept = bodies.BY_CODE.get(self.instance.body)
        if kept is not None:
            nations.add(kept.nation)
        self.fields["body"].choices = [("", _("Not one of these"))] + bodies.body_choices(nations)
        names = gettext(" or ").join(self.workspace.nation_names) or gettext("its nation")
        self.fields["body"].help_text = gettext(
            "The statutory body or recognised arrangement it is in %(nations)s, if any. "
            "This is separate from its form.") % {"nations": names}


class MembershipForm(WorkspaceModelForm):
    required_messages = {
        "organisation": _("Select the member organisation"),
        "role": _("Select the organisation's role in the partnership"),
    }
    date_descriptions = {"joined_on": _("the date it joined"), "left_on": _("the date it left")}
    date_order = [("joined_on", "left_on", _("The date it left must be on or after the date it joined."))]

    class Meta:
        model = models.Membership
        fields = ["organisation", "role", "representative", "joined_on", "left_on"]
        widgets = {"role": forms.RadioSelect}


class OutcomeForm(WorkspaceModelForm):
    required_messages = {
        "statement": _("Enter the outcome, as the people who use services would say it"),
        "why_partnership": _("Enter why this outcome needs partners working together"),
    }

    class Meta:
        model = models.Outcome
        fields = ["statement", "why_partnership", "downsides"]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 2}),
            "why_partnership": forms.Textarea(attrs={"rows": 3}),
            "downsides": forms.Textarea(attrs={"rows": 3}),
        }


class StatutoryDocumentForm(WorkspaceModelForm):
    """A document the law asks for, recorded when published: the choice is
    the duties of the partnership's kind of body (every duty when it has none
    set, so that a document can still be recorded)."""

    required_messages = {
        "duty": _("Select which document was published"),
        "published_on": _("Enter the date the document was published"),
    }
    date_descriptions = {"published_on": _("the date the document was published")}
    link = forms.URLField(
        label=_("Link"), required=False, assume_scheme="https", max_length=500,
        help_text=_("Where the published document can be read, if it is online."),
    )

    class Meta:
        model = models.StatutoryDocument
        fields = ["duty", "published_on", "link", "note"]
        widgets = {"duty": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partnership = self.partnership or getattr(self.instance, "partnership", None)
        offered = duties.duties_of(partnership.body if partnership else "") or duties.DUTIES
        self.fields["duty"].choices = [(duty.code, duty.document) for duty in offered]
        self.fields["duty"].help_text = " ".join(
            gettext("%(document)s: %(citation)s asks for %(cycle)s.") % {
                "document": duty.document, "citation": duty.citation, "cycle": duty.cycle}
            for duty in offered
        )


class AgreementForm(WorkspaceModelForm):
    required_messages = {"summary": _("Enter a summary of what the partners agreed")}
    date_descriptions = {"signed_on": _("the date it was signed"), "review_on": _("the date it is due for review")}
    date_order = [("signed_on", "review_on", _("The review date must be after the date it was signed."))]

    document_link = forms.URLField(
        label=_("Link to the signed document"), required=False, assume_scheme="https"
    )

    class Meta:
        model = models.Agreement
        fields = ["summary", "document_link", "signed_on", "review_on"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class ResponsibilityForm(WorkspaceModelForm):
    required_messages = {
        "task": _("Enter the task"),
        "responsible_organisation": _("Select the organisation responsible for the task"),
    }

    class Meta:
        model = models.Responsibility
        fields = [
            "task", "responsible_organisation", "responsible_person", "accountable_to", "outcome",
        ]
        labels = {"outcome": _("Outcome it serves")}


class ResourceForm(WorkspaceModelForm):
    required_messages = {
        "organisation": _("Select the organisation that gives the resource"),
        "kind": _("Select the kind of resource"),
        "amount": _("Enter the amount"),
        "unit": _("Enter the unit of the amount, such as £ or hours"),
        "status": _("Select whether the resource is agreed"),
    }

    class Meta:
        model = models.Resource
        fields = ["organisation", "kind", "amount", "unit", "period", "description", "status"]
        widgets = {"kind": forms.RadioSelect, "status": forms.RadioSelect}

    def clean_amount(self):
        amount = self.cleaned_data.get("amount")
        if amount is not None and amount < 0:
            raise forms.ValidationError(_("Enter an amount of 0 or more."))
        return amount


class PartnerAccountabilityForm(WorkspaceModelForm):
    required_messages = {
        "organisation": _("Select the partner whose target it is"),
        "target": _("Enter the partner's target"),
        "answerable_to": _("Enter whom the partner answers to for this target"),
    }

    class Meta:
        model = models.PartnerAccountability
        fields = ["organisation", "target", "answerable_to", "outcome", "pulls_against", "note"]
        labels = {"outcome": _("Outcome it bears on")}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
