from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from joinedup.design_system.error_messages import SpecificErrors

from .models import Verdict


class OverrideForm(SpecificErrors, forms.Form):
    verdict = forms.ChoiceField(
        label=gettext_lazy("Your verdict"), choices=Verdict.choices, widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a verdict")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Why you are overriding the rules' verdict"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("This is kept with the review, beside the rules' verdict and their reasons."),
        error_messages={"required": gettext_lazy("Write why you are overriding the verdict")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Write why you are overriding the verdict"))
        return reason
