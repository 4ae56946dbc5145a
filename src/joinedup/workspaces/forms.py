from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from joinedup.design_system.date_input import govuk_date_field
from joinedup.design_system.error_messages import SpecificErrors

from .access import for_workspace
from .models import Invitation, Nation, Role, Workspace, stored_nations


class WorkspaceModelForm(SpecificErrors, forms.ModelForm):
    """A model form for a record of one workspace: every choice of a related
    record is limited to that workspace, dates are typed in GOV.UK date
    inputs, and uniqueness within the workspace is checked as a form error
    rather than a database error."""

    scoped_fields_need_partnership = ("outcome",)
    # (earlier field, later field, message) pairs checked in clean().
    date_order = ()
    # Each date in words, for its error messages: {"opens_on": "the date the wave opens"}.
    date_descriptions: dict = {}

    def __init__(self, *args, workspace, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.partnership = partnership
        if hasattr(self.instance, "workspace_id") and "workspace" in _concrete(self.instance):
            self.instance.workspace = workspace
        if partnership is not None and "partnership" in _concrete(self.instance):
            self.instance.partnership = partnership
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                queryset = for_workspace(field.queryset.model, workspace)
                if name in self.scoped_fields_need_partnership and partnership is not None:
                    queryset = queryset.filter(partnership=partnership)
                field.queryset = queryset.live()
            if isinstance(field, forms.DateField):
                self.fields[name] = govuk_date_field(field, self.date_descriptions.get(name, ""))

    def clean(self):
        cleaned = super().clean()
        for earlier, later, message in self.date_order:
            start, end = cleaned.get(earlier), cleaned.get(later)
            if start and end and end < start:
                self.add_error(later, message)
        return cleaned

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("workspace")
        exclusions.discard("partnership")
        return exclusions


def _concrete(instance):
    return {f.name for f in instance._meta.concrete_fields}


class NationsChoice(forms.ModelForm):
    """The workspace's nations as GOV.UK checkboxes, stored as codes
    (Workspace.nations); England is ticked for a new workspace."""

    nations = forms.MultipleChoiceField(
        label=_("Nations the workspace works in"),
        choices=Nation.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply. This sets which nation's partnership bodies and "
        "outcome frameworks are offered."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["nations"] = self.instance.nation_list
        else:
            self.initial.setdefault("nations", [Nation.ENGLAND])

    def clean_nations(self):
        return stored_nations(self.cleaned_data["nations"])


class WorkspaceForm(SpecificErrors, NationsChoice):
    required_messages = {
        "name": _("Enter the workspace's name"),
        "slug": _("Enter a short name for web addresses, such as northshire"),
        "nations": _("Select the nations the workspace works in"),
    }

    class Meta:
        model = Workspace
        fields = ["name", "slug", "description", "nations"]
        labels = {"slug": _("Short name for web addresses")}
        help_texts = {"slug": _("Lower-case letters, numbers and hyphens, such as northshire.")}


class WorkspaceSettingsForm(SpecificErrors, NationsChoice):
    """What an owner may change about the workspace (its address stays: links depend on it)."""

    required_messages = {
        "name": _("Enter the workspace's name"),
        "nations": _("Select the nations the workspace works in"),
        "free_text_months": _("Enter how many months to keep survey free text"),
    }

    class Meta:
        model = Workspace
        fields = ["name", "description", "nations", "free_text_months"]


class InvitationForm(SpecificErrors, forms.ModelForm):
    required_messages = {
        "email": _("Enter the e-mail address of the person to invite"),
        "role": _("Select what the person can do in this workspace"),
    }

    class Meta:
        model = Invitation
        fields = ["email", "role"]
        labels = {"email": _("E-mail address")}
        widgets = {"role": forms.RadioSelect}

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["role"].choices = Role.choices

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.workspace.roles.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a member of this workspace."))
        return email


class AcceptInvitationForm(SpecificErrors, forms.Form):
    """For someone without an account: choose a name and password."""

    required_messages = {"name": _("Enter your full name"), "password": _("Choose a password")}

    name = forms.CharField(label=_("Your full name"), max_length=150)
    password = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput,
        help_text=_("At least 8 characters. Avoid common words."),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        if get_user_model().objects.filter(username__iexact=self.email).exists():
            raise forms.ValidationError(
                _("An account with the user name %(email)s already exists but has a different "
                  "e-mail address, so this invitation cannot create one. Ask the workspace owner to "
                  "invite the e-mail address of your account instead.") % {"email": self.email}
            )
        return cleaned

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = get_user_model()(username=self.email, email=self.email)
        validate_password(password, user)
        return password
