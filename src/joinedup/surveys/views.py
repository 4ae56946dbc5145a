"""Voice pages for partnership managers and readers: waves, invitation links,
closing a wave, results, the outcomes as service users see them, and
obstacles. Respondents' pages are in respondent_views.py."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from joinedup.audit.record import record
from joinedup.partnerships.pages import PartnershipOfWorkspace
from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.models import Role
from joinedup.workspaces.record_views import (
    RecordArchive,
    RecordCreate,
    RecordUpdate,
    Register,
    WorkspacePage,
)

from . import forms, presenters
from .exports import links_csv, results_csv
from .invitations import issue_batch
from .models import Draft, Obstacle, Wave, WaveStatus
from .release import release_answers, release_waves
from .respond import seal_claims
from .results import outcome_voice, wave_results

SECTION = "voice"

OBSTACLES = Register(
    model=Obstacle, form_class=forms.ObstacleForm, singular=gettext_lazy("obstacle"), plural=gettext_lazy("obstacles"),
    url_prefix="surveys:obstacle", section=SECTION, in_partnership=True, anchor="obstacles",
)


class VoicePage(WorkspacePage):
    section = SECTION

    def get_breadcrumbs(self):
        crumbs = super().get_breadcrumbs()
        crumbs.append({"text": _("Voice"), "href": reverse("surveys:home", args=[self.workspace.slug])})
        return crumbs


class PartnershipVoicePage(PartnershipOfWorkspace, VoicePage):
    pass


class WavePage(VoicePage):
    def wave(self):
        if not hasattr(self, "_wave"):
            self._wave = get_object_or_404(
                for_workspace(Wave, self.workspace).select_related("partnership"), pk=self.kwargs["wave"]
            )
            # Any page about a live wave first releases what may be released.
            release_waves([self._wave])
        return self._wave

    def get_breadcrumbs(self):
        crumbs = super().get_breadcrumbs()
        wave = self.wave()
        crumbs.append({"text": wave.partnership.name, "href": presenters.partnership_voice_url(wave.partnership)})
        return crumbs


class VoiceHome(VoicePage, TemplateView):
    template_name = "surveys/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = presenters.voice_home_rows(self.workspace)
        return context


class PartnershipVoice(PartnershipVoicePage, TemplateView):
    template_name = "surveys/partnership.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership = self.get_partnership()
        release_waves(partnership.waves.all())
        context["partnership"] = partnership
        context["page"] = presenters.PartnershipVoicePresenter(partnership)
        return context


class WaveCreate(PartnershipVoicePage, TemplateView):
    template_name = "workspaces/record_form.html"
    needs = Role.EDITOR

    def form(self):
        return forms.WaveForm(self.request.POST or None, workspace=self.workspace, partnership=self.get_partnership())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership = self.get_partnership()
        context.update(partnership=partnership, heading=_("Open a survey wave"),
                       cancel_url=presenters.partnership_voice_url(partnership))
        context.setdefault("form", self.form())
        return context

    def post(self, request, *args, **kwargs):
        form = self.form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        wave = form.save()
        messages.success(
            request, _("Wave opened: %(name)s. Now make invitation links for each group.") % {"name": wave.name}
        )
        return redirect("surveys:wave", self.workspace.slug, wave.pk)


class WaveDetail(WavePage, TemplateView):
    template_name = "surveys/wave.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["wave"] = self.wave()
        context["page"] = presenters.WavePresenter(self.wave())
        return context


class BatchCreate(WavePage, TemplateView):
    """Make links. They are shown (or downloaded) once: only hashes are kept."""

    template_name = "surveys/batch_form.html"
    needs = Role.EDITOR

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["wave"] = self.wave()
        context.setdefault("form", forms.BatchForm(wave=self.wave()))
        return context

    def post(self, request, *args, **kwargs):
        wave = self.wave()
        if wave.status != WaveStatus.OPEN:
            messages.error(request, _("This wave is closed: no more links can be made."))
            return redirect("surveys:wave", self.workspace.slug, wave.pk)
        form = forms.BatchForm(request.POST, wave=wave)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        batch, links = issue_batch(
            wave, group=data["group"], instrument=data["instrument"], count=data["count"],
            language=data["language"], easy_read=data["easy_read"],
        )
        rows = presenters.link_rows(request, links)
        if data["output"] == "csv":
            response = HttpResponse(links_csv(rows), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="links-wave-{wave.pk}-batch-{batch.pk}.csv"'
            return response
        template = "surveys/links_print.html" if data["output"] == "print" else "surveys/links.html"
        context = self.get_context_data(batch=batch, links=rows, csv_data=links_csv(rows))
        if data["output"] == "print":
            context["cards"] = presenters.qr_cards(rows)
        response = render(request, template, context)
        response["Cache-Control"] = "no-store"
        return response


class WaveClose(WavePage, TemplateView):
    template_name = "surveys/wave_close.html"
    needs = Role.EDITOR

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["wave"] = self.wave()
        return context

    def post(self, request, *args, **kwargs):
        wave = self.wave()
        wave.status = WaveStatus.CLOSED
        wave.closed_on = timezone.localdate()
        wave.save(update_fields=["status", "closed_on"])
        release_answers(wave, closing=True)
        Draft.objects.filter(wave=wave).delete()
        seal_claims(wave.pk, minimum=0)
        messages.success(request, _("Wave closed: %(name)s. No more answers will be accepted.") % {"name": wave.name})
        return redirect("surveys:wave", self.workspace.slug, wave.pk)


class WaveResultsPage(WavePage, TemplateView):
    template_name = "surveys/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = wave_results(self.wave())
        context["wave"] = self.wave()
        context["results"] = results
        context["page"] = presenters.ResultsPresenter(
            results, self.request.GET.get("instrument"), self.request.GET.get("section"),
            self.request.GET.get("theme"),
        )
        return context


class WaveResultsCsv(WavePage, TemplateView):
    def get(self, request, *args, **kwargs):
        wave = self.wave()
        response = HttpResponse(results_csv(wave_results(wave)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="results-wave-{wave.pk}.csv"'
        record(self.workspace, request.user, "export", "downloaded survey results as CSV", wave)
        return response


class OutcomesVoice(PartnershipVoicePage, TemplateView):
    template_name = "surveys/outcomes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnership"] = self.get_partnership()
        context["voice"] = outcome_voice(context["partnership"])
        return context


class BackToVoice:
    def list_url(self):
        return presenters.partnership_voice_url(self.resolve_partnership()) + "#obstacles"


class ObstacleCreate(BackToVoice, RecordCreate):
    pass


class ObstacleUpdate(BackToVoice, RecordUpdate):
    pass


class ObstacleArchive(BackToVoice, RecordArchive):
    pass
