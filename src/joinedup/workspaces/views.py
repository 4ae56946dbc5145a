from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView, UpdateView

from joinedup.audit.models import Entry, Kind
from joinedup.audit.record import differences, record, snapshot

from . import membership
from .access import workspace_for
from .forms import AcceptInvitationForm, InvitationForm, WorkspaceForm, WorkspaceSettingsForm
from .language import recipient_language
from .models import Invitation, Role, UserRole
from .record_views import WorkspacePage


@login_required
def workspace_list(request):
    roles = UserRole.objects.filter(user=request.user).select_related("workspace")
    return render(request, "workspaces/list.html", {"roles": roles})


@login_required
def workspace_create(request):
    form = WorkspaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            workspace = form.save()
            UserRole.objects.create(workspace=workspace, user=request.user, role=Role.OWNER)
            record(workspace, request.user, Kind.SETTINGS, "created", workspace)
        messages.success(request, _("Workspace created: %(name)s") % {"name": workspace.name})
        return redirect("workspaces:home", workspace.slug)
    return render(request, "workspaces/create.html", {"form": form})


class Members(WorkspacePage, FormView):
    """The owner's page: who is in the workspace, and invitations."""

    template_name = "workspaces/members.html"
    needs = Role.OWNER
    section = "home"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["workspace"] = self.workspace
        return kwargs

    def get_form_class(self):
        return InvitationForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["roles"] = self.workspace.roles.select_related("user")
        context["invitations"] = self.workspace.invitations.filter(accepted_at__isnull=True)
        return context

    def form_valid(self, form):
        invitation = membership.invite(
            self.workspace, form.cleaned_data["email"], form.cleaned_data["role"], self.request.user
        )
        link = self.request.build_absolute_uri(reverse("workspaces:accept", args=[invitation.token]))
        # In the invited person's language when they have chosen one on an account here,
        # else in the language of the owner who invites (docs/translation.md). The page
        # and its message stay in the owner's.
        with translation.override(recipient_language(invitation.email)):
            self.send_invitation(invitation, link)
        messages.success(self.request, _("Invitation sent to %(email)s") % {"email": invitation.email})
        return redirect("workspaces:members", self.workspace.slug)

    def send_invitation(self, invitation, link):
        send_mail(
            subject=_("You are invited to %(name)s on joinedup") % {"name": self.workspace.name},
            message=(
                _("%(inviter)s has invited you to join %(name)s on joinedup as %(role)s.") % {
                    "inviter": self.request.user.get_full_name() or self.request.user.email,
                    "name": self.workspace.name, "role": invitation.get_role_display().lower()}
                + "\n\n"
                + ngettext("Accept the invitation here (the link works once, for %(days)d day):",
                           "Accept the invitation here (the link works once, for %(days)d days):",
                           Invitation.VALID_FOR_DAYS) % {"days": Invitation.VALID_FOR_DAYS}
                + f"\n{link}\n"
            ),
            from_email=None,
            recipient_list=[invitation.email],
        )


class Settings(WorkspacePage, UpdateView):
    """The owner's page for the workspace's name, description and how long
    survey free text is kept (docs/privacy.md)."""

    template_name = "workspaces/settings.html"
    form_class = WorkspaceSettingsForm
    needs = Role.OWNER
    section = "home"

    def get_object(self, queryset=None):
        # A copy, so a rejected name does not show in the page's own header.
        workspace = type(self.workspace).objects.get(pk=self.workspace.pk)
        self.before = snapshot(workspace)
        return workspace

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            changes = differences(self.before, snapshot(self.object))
            if changes:
                record(self.workspace, self.request.user, Kind.SETTINGS, "changed", self.object, changes=changes)
        messages.success(self.request, _("Settings saved"))
        return response

    def get_success_url(self):
        return reverse("workspaces:settings", args=[self.workspace.slug])


class AuditLog(WorkspacePage, ListView):
    """Who changed what and when: owners only, read only, newest first."""

    template_name = "workspaces/audit_log.html"
    needs = Role.OWNER
    section = "home"
    paginate_by = 50

    def chosen_kind(self):
        kind = self.request.GET.get("kind", "")
        return kind if kind in Kind.values else ""

    def get_queryset(self):
        entries = Entry.objects.filter(workspace=self.workspace)
        if self.chosen_kind():
            entries = entries.filter(kind=self.chosen_kind())
        return entries

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kinds"] = Kind.choices
        context["chosen_kind"] = self.chosen_kind()
        return context


def accept_invitation(request, token):
    """Join a workspace from an e-mailed link, creating an account if needed."""
    invitation = Invitation.objects.select_related("workspace").filter(token=token).first()
    if invitation is None or not invitation.is_usable:
        return _unusable(request, invitation)
    User = get_user_model()
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if request.user.is_authenticated:
        if request.user.email.lower() != invitation.email.lower():
            return render(request, "workspaces/invitation_wrong_user.html", {"invitation": invitation}, status=403)
        if request.method == "POST":
            before = invitation.workspace.roles.filter(user=request.user).first()
            role = membership.accept(invitation, request.user)
            if role is None:  # used by a second click meanwhile
                return _unusable(request, invitation)
            if before is not None and role.role == before.role:
                messages.info(request, _("You are already %(role)s of %(name)s; the invitation did not change your role.")
                              % {"role": role.get_role_display().lower(), "name": invitation.workspace.name})
            else:
                messages.success(request, _("You have joined %(name)s") % {"name": invitation.workspace.name})
            return redirect("workspaces:home", invitation.workspace.slug)
        return render(request, "workspaces/invitation_accept.html", {"invitation": invitation})
    if existing is not None:
        messages.info(request, _("Sign in to accept the invitation."))
        return redirect(f"{reverse('login')}?next={request.path}")
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = _sign_up(invitation, form)
        except IntegrityError:
            # Someone else took the user name between the form's check and
            # the insert (two sign-ups on one link at once).
            user = None
        if user is None:
            return _unusable(request, invitation)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to %(name)s") % {"name": invitation.workspace.name})
        return redirect("workspaces:home", invitation.workspace.slug)
    return render(request, "workspaces/invitation_signup.html", {"invitation": invitation, "form": form})


def _unusable(request, invitation):
    return render(request, "workspaces/invitation_unusable.html", status=410 if invitation else 404)


def _sign_up(invitation, form):
    """The new account, or None when the invitation was used meanwhile. The
    invitation row is locked first, so of two sign-ups on one link the second
    waits and then finds it used."""
    User = get_user_model()
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
        if locked is None or locked.accepted_at is not None:
            return None
        name = form.cleaned_data["name"].strip()
        first, _, last = name.partition(" ")
        user = User.objects.create_user(
            username=invitation.email, email=invitation.email,
            password=form.cleaned_data["password"], first_name=first[:150], last_name=last[:150],
        )
        membership.accept(locked, user)
    return user


@require_POST
@login_required
def change_role(request, ws, role_id):
    workspace = workspace_for(request, ws, Role.OWNER)
    role = get_object_or_404(workspace.roles.select_related("user"), pk=role_id)
    new_role = request.POST.get("role")
    try:
        if new_role == "remove":
            membership.remove(role, by=request.user)
            messages.success(request, _("%(email)s removed from the workspace") % {"email": role.user.email})
        elif new_role in Role.values:
            membership.set_role(role, new_role, by=request.user)
            messages.success(request, _("%(email)s is now %(role)s") % {"email": role.user.email, "role": role.get_role_display().lower()})
    except membership.LastOwner as refusal:
        messages.error(request, refusal.message)
    if role.user_id == request.user.id:
        # An owner who stepped down or removed themselves can no longer see the members page.
        still = workspace.roles.filter(user=request.user).first()
        if still is None:
            return redirect("workspaces:list")
        if still.role != Role.OWNER:
            return redirect("workspaces:home", workspace.slug)
    return redirect("workspaces:members", workspace.slug)


@require_POST
@login_required
def leave(request, ws):
    """A member leaves the workspace; the last owner cannot."""
    workspace = workspace_for(request, ws)
    try:
        membership.remove(request.workspace_role, by=request.user)
    except membership.LastOwner as refusal:
        messages.error(request, refusal.message)
        return redirect("workspaces:home", workspace.slug)
    messages.success(request, _("You have left %(name)s") % {"name": workspace.name})
    return redirect("workspaces:list")
