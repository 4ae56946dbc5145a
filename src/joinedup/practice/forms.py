from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.design_system.error_messages import SpecificErrors
from joinedup.organisations.models import Sector
from joinedup.partnerships.models import Form

from .models import CaseStudy, EvidenceStrength, Visibility


class CaseStudyForm(SpecificErrors, forms.ModelForm):
    sectors = forms.MultipleChoiceField(
        label=gettext_lazy("Sectors of the partners"), choices=Sector.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CaseStudy
        fields = [
            "title", "problem", "user_group", "outcome_area", "form", "sectors", "partners",
            "what_we_did", "outcomes", "evidence", "evidence_strength", "evidence_strength_reason",
            "cost", "lessons", "contact", "licence", "visibility",
        ]
        widgets = {
            "form": forms.RadioSelect,
            "evidence_strength": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "problem": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "what_we_did": forms.Textarea(attrs={"rows": 6}),
            "outcomes": forms.Textarea(attrs={"rows": 5}),
            "evidence": forms.Textarea(attrs={"rows": 4}),
            "evidence_strength_reason": forms.Textarea(attrs={"rows": 2}),
            "cost": forms.Textarea(attrs={"rows": 2}),
            "lessons": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "what_we_did": gettext_lazy("You can use Markdown: *emphasis*, lists and links."),
            "evidence_strength": gettext_lazy("From stories and views (weakest) to a statistical analysis (strongest)."),
            "licence": gettext_lazy("Others may reuse a published case study under this licence."),
        }
        error_messages = {
            "title": {"required": gettext_lazy("Enter a title")},
            "problem": {"required": gettext_lazy("Enter the problem as the people who use services saw it")},
            "user_group": {"required": gettext_lazy("Enter who the case study is about")},
            "form": {"required": gettext_lazy("Choose the form of partnership")},
            "what_we_did": {"required": gettext_lazy("Enter what was done")},
            "outcomes": {"required": gettext_lazy("Enter the outcomes achieved")},
            "evidence_strength": {"required": gettext_lazy("Choose the strength of the evidence")},
            "visibility": {"required": gettext_lazy("Choose who can read the case study")},
        }

    def __init__(self, *args, strength_from_review=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.strength_from_review = strength_from_review
        self.fields["form"].choices = Form.choices
        self.fields["evidence_strength"].choices = EvidenceStrength.choices
        self.fields["visibility"].choices = Visibility.choices
        if strength_from_review:
            # Read from the review's own analysis; the author cannot raise it.
            del self.fields["evidence_strength"]
            del self.fields["evidence_strength_reason"]

    def clean(self):
        cleaned = super().clean()
        strength = cleaned.get("evidence_strength")
        if (not self.strength_from_review and strength and strength != EvidenceStrength.ANECDOTE
                and not cleaned.get("evidence_strength_reason", "").strip()):
            self.add_error("evidence_strength_reason",
                           _("Say why the evidence is this strong, for example which figures and comparison"))
        return cleaned


class ImportForm(SpecificErrors, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Case studies file (JSON)"),
        help_text=gettext_lazy("A file exported from the good-practice library of this or another joinedup."),
        error_messages={"required": gettext_lazy("Choose a JSON file of case studies")},
    )
