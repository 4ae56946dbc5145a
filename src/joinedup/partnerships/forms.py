from django import forms

from joinedup.workspaces.forms import WorkspaceModelForm

from .models import (
    Agreement,
    Membership,
    Outcome,
    PartnerAccountability,
    Partnership,
    Resource,
    Responsibility,
)


class PartnershipForm(WorkspaceModelForm):
    date_order = [("start_date", "review_date", "The review date must be after the start date.")]

    class Meta:
        model = Partnership
        fields = [
            "name", "purpose", "user_groups", "form", "driver", "start_date", "review_date",
            "status",
        ]
        widgets = {"form": forms.RadioSelect, "status": forms.RadioSelect}
        help_texts = {
            "form": "From the loosest to the most integrated. Choose the form that fits the outcomes.",
        }


class MembershipForm(WorkspaceModelForm):
    date_order = [("joined_on", "left_on", "The date it left must be on or after the date it joined.")]

    class Meta:
        model = Membership
        fields = ["organisation", "role", "representative", "joined_on", "left_on"]
        widgets = {"role": forms.RadioSelect}


class OutcomeForm(WorkspaceModelForm):
    class Meta:
        model = Outcome
        fields = ["statement", "why_partnership", "downsides"]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 2}),
            "why_partnership": forms.Textarea(attrs={"rows": 3}),
            "downsides": forms.Textarea(attrs={"rows": 3}),
        }


class AgreementForm(WorkspaceModelForm):
    date_order = [("signed_on", "review_on", "The review date must be after the date it was signed.")]

    document_link = forms.URLField(
        label="Link to the signed document", required=False, assume_scheme="https"
    )

    class Meta:
        model = Agreement
        fields = ["summary", "document_link", "signed_on", "review_on"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class ResponsibilityForm(WorkspaceModelForm):
    class Meta:
        model = Responsibility
        fields = [
            "task", "responsible_organisation", "responsible_person", "accountable_to", "outcome",
        ]
        labels = {"outcome": "Outcome it serves"}


class ResourceForm(WorkspaceModelForm):
    class Meta:
        model = Resource
        fields = ["organisation", "kind", "amount", "unit", "period", "description", "status"]
        widgets = {"kind": forms.RadioSelect, "status": forms.RadioSelect}

    def clean_amount(self):
        amount = self.cleaned_data.get("amount")
        if amount is not None and amount < 0:
            raise forms.ValidationError("Enter an amount of 0 or more.")
        return amount


class PartnerAccountabilityForm(WorkspaceModelForm):
    class Meta:
        model = PartnerAccountability
        fields = ["organisation", "target", "answerable_to", "outcome", "pulls_against", "note"]
        labels = {"outcome": "Outcome it bears on"}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
