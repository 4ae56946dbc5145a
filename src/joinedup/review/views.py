"""Review pages: a partnership's reviews and report, the override, the
portfolio with its exports, and background runs. Views stay thin: queries in
services.py, display in presenters.py, rows in portfolio.py."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from joinedup.audit.record import record
from joinedup.partnerships.models import Partnership
from joinedup.partnerships.pages import PartnershipPage
from joinedup.practice.services import draft_from_review
from joinedup.practice.views import CaseStudyEdit
from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.models import Role
from joinedup.workspaces.record_views import WorkspacePage

from . import exports, services
from .forms import OverrideForm
from .models import Review, ReviewRun
from .pdf import render_pdf, review_pdf
from .portfolio import FILTERS, filter_rows, parse_sort, portfolio_rows, sort_rows
from .portfolio_presenter import PortfolioPresenter
from .presenters import ReviewPresenter


class PartnershipReviews(PartnershipPage, TemplateView):
    template_name = "review/partnership_reviews.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership = self.get_partnership()
        context["partnership"] = partnership
        context["reviews"] = services.reviews_of(self.workspace).filter(partnership=partnership)
        context["breadcrumbs"].append({"text": partnership.name, "href": reverse("partnerships:detail", args=[self.workspace.slug, partnership.pk])})
        return context


class RunReview(PartnershipPage, View):
    needs = Role.EDITOR
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        review = services.review_partnership(self.get_partnership(), user=request.user)
        messages.success(request, _("Review done: %(lower)s") % {"lower": review.get_verdict_display().lower()})
        return redirect("review:detail", self.workspace.slug, review.pk)


class ReviewMixin(PartnershipPage):
    def get_review(self):
        if not hasattr(self, "_review"):
            self._review = get_object_or_404(services.reviews_of(self.workspace), pk=self.kwargs["review"])
        return self._review

    def presenter(self):
        review = self.get_review()
        history = services.reviews_of(self.workspace).filter(partnership=review.partnership_id)
        return ReviewPresenter(review, self.workspace, list(history))

    def get_breadcrumbs(self):
        crumbs = super().get_breadcrumbs()
        partnership = self.get_review().partnership
        crumbs.append({"text": partnership.name, "href": reverse("partnerships:detail", args=[self.workspace.slug, partnership.pk])})
        crumbs.append({"text": _("Reviews"), "href": reverse("review:partnership_reviews", args=[self.workspace.slug, partnership.pk])})
        return crumbs


class ReviewReport(ReviewMixin, TemplateView):
    template_name = "review/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review"] = self.get_review()
        context["report"] = self.presenter()
        return context


class ReviewPdf(ReviewMixin, View):
    def get(self, request, *args, **kwargs):
        presenter = self.presenter()
        response = HttpResponse(review_pdf(presenter), content_type="application/pdf")
        name = f"review-{presenter.partnership.pk}-{presenter.review.as_of:%Y-%m-%d}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        record(self.workspace, request.user, "export", "downloaded the review as PDF", presenter.review)
        return response


class OverrideVerdict(ReviewMixin, FormView):
    template_name = "review/override.html"
    form_class = OverrideForm
    needs = Role.EDITOR

    def get_initial(self):
        review = self.get_review()
        return {"verdict": review.final_verdict, "reason": review.override_reason}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review"] = self.get_review()
        context["report"] = self.presenter()
        return context

    def form_valid(self, form):
        review = self.get_review()
        old = review.get_override_verdict_display() if review.override_verdict else review.get_verdict_display()
        review.override_verdict = form.cleaned_data["verdict"]
        review.override_reason = form.cleaned_data["reason"]
        review.overridden_by = self.request.user
        review.overridden_at = timezone.now()
        review.save(update_fields=["override_verdict", "override_reason", "overridden_by", "overridden_at"])
        record(self.workspace, self.request.user, "verdict", "overridden", review,
               changes=[f"Verdict: {old} → {review.get_override_verdict_display()}", f"Reason: {review.override_reason[:200]}"])
        messages.success(self.request, _("Verdict set to %(lower)s") % {"lower": review.get_override_verdict_display().lower()})
        return redirect("review:detail", self.workspace.slug, review.pk)


class PortfolioPage(WorkspacePage):
    section = "portfolio"

    def rows(self):
        rows = portfolio_rows(self.workspace, timezone.localdate())
        self.chosen = {name: self.request.GET.get(name, "") for name in FILTERS}
        self.sort_key, self.descending = parse_sort(self.request.GET.get("sort"))
        return sort_rows(filter_rows(rows, self.chosen), self.sort_key, self.descending)


class Portfolio(PortfolioPage, TemplateView):
    template_name = "review/portfolio.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.rows()
        context["page"] = PortfolioPresenter(
            self.workspace, rows, self.chosen, self.sort_key, self.descending,
            latest_run=for_workspace(ReviewRun, self.workspace).first(),
            page_number=self.request.GET.get("page"),
        )
        return context


class PortfolioExport(PortfolioPage, View):
    def get(self, request, *args, **kwargs):
        kind = kwargs["kind"]
        if kind not in {"csv", "xlsx", "pdf"}:
            raise Http404("No such export")
        rows = self.rows()
        stamp = f"{timezone.localdate():%Y-%m-%d}"
        if kind == "csv":
            response = HttpResponse(exports.portfolio_csv(rows), content_type="text/csv; charset=utf-8")
        elif kind == "xlsx":
            response = HttpResponse(
                exports.portfolio_xlsx(rows),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            page = PortfolioPresenter(self.workspace, rows, self.chosen, self.sort_key, self.descending)
            pdf = render_pdf(
                "review/portfolio_pdf.html", {"page": page, "workspace_name": self.workspace.name},
                title=_("Portfolio review – %(name)s") % {"name": self.workspace.name},
            )
            response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="portfolio-{self.workspace.slug}-{stamp}.{kind}"'
        record(self.workspace, request.user, "export", f"downloaded the portfolio as {kind.upper()}",
               label=" ".join([str(len(rows)), "partnerships"]))  # an audit entry: stays English
        return response


class ReviewAll(WorkspacePage, View):
    needs = Role.EDITOR
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        live = for_workspace(Partnership, self.workspace).live()
        run = services.start_run(self.workspace, live, user=request.user)
        return redirect("review:run", self.workspace.slug, run.pk)


class RunStatus(WorkspacePage, TemplateView):
    template_name = "review/run_status.html"
    section = "portfolio"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["run"] = get_object_or_404(for_workspace(ReviewRun, self.workspace), pk=self.kwargs["run"])
        context["breadcrumbs"].append({"text": _("Portfolio"), "href": reverse("review:portfolio", args=[self.workspace.slug])})
        return context


class CaseStudyFromReview(CaseStudyEdit):
    """Start a good-practice case study from a review, filled in from it."""

    def get_instance(self):
        review = get_object_or_404(
            Review.objects.filter(partnership__workspace=self.workspace).select_related("partnership"),
            pk=self.kwargs["review"],
        )
        return draft_from_review(review)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = _("Write a case study from the review")
        context["from_review"] = self.case_study.review
        return context
