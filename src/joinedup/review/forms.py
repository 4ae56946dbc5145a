from django import forms

from joinedup.design_system.error_messages import SpecificErrors

from .models import Verdict


class OverrideForm(SpecificErrors, forms.Form):
    verdict = forms.ChoiceField(
        label="Your verdict", choices=Verdict.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose a verdict"},
    )
    reason = forms.CharField(
        label="Why you are overriding the rules' verdict",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="This is kept with the review, beside the rules' verdict and their reasons.",
        error_messages={"required": "Write why you are overriding the verdict"},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Write why you are overriding the verdict")
        return reason
