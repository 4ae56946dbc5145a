"""`joinedup review`: review one partnership and print or save its report, or
queue reviews of every partnership (`--all`, with `--if-due` for a monthly
cron job)."""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from joinedup.design_system.commands import Command as BaseCommand
from joinedup.partnerships.models import Partnership
from joinedup.workspaces.access import for_workspace
from joinedup.workspaces.models import Workspace

from ... import services
from ...presenters import SEVERITY_LABELS, ReviewPresenter


class Command(BaseCommand):
    help = gettext_lazy("Review a partnership (by id or name), or queue reviews of all partnerships with --all.")
    # The system checks import the URLconf, and with it every page's modules: seconds of a
    # new process that a report on the screen does not need (bench/cold_start.py).
    # `joinedup check` and `joinedup migrate` run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("partnership", nargs="?", help=gettext_lazy("The partnership's id or exact name."))
        parser.add_argument("--workspace", help=gettext_lazy("The workspace's short name (slug)."))
        parser.add_argument("--format", choices=["text", "html", "pdf", "json"], default="text",
                            help=gettext_lazy("The form of the report (default: text)."))
        parser.add_argument("--output", help=gettext_lazy("Write the report to this file instead of the screen."))
        parser.add_argument("--as-of", type=date.fromisoformat, help=gettext_lazy("Review as of this date (YYYY-MM-DD)."))
        parser.add_argument(
            "--language", choices=[code for code, _name in settings.LANGUAGES],
            help=gettext_lazy("The language of the report (text, HTML and PDF) and of the command's messages: "
                              "en-gb or cy for Welsh (default: the environment's, as LANG=cy_GB.UTF-8, else English)."),
        )
        parser.add_argument("--all", action="store_true", help=gettext_lazy("Queue reviews of every partnership."))
        parser.add_argument(
            "--if-due", action="store_true",
            help=gettext_lazy("With --all: only partnerships not reviewed in the last review_interval_days."),
        )

    def handle(self, *args, **options):
        # The report and the command's own messages are in the language the base
        # command chose (--language, else the environment's).
        workspace = None
        if options["workspace"]:
            workspace = Workspace.objects.filter(slug=options["workspace"]).first()
            if workspace is None:
                raise CommandError(_("No workspace with the short name %(slug)r") % {"slug": options["workspace"]})
        if options["all"]:
            return self.review_all(workspace, options)
        if not options["partnership"]:
            raise CommandError(_("Name a partnership (id or name), or use --all."))
        if options["format"] == "pdf" and not options["output"]:
            raise CommandError(_("A PDF needs --output FILE."))
        partnership = self.find(options["partnership"], workspace)
        review = services.review_partnership(partnership, as_of=options["as_of"])
        history = list(services.reviews_of(partnership.workspace).filter(partnership=partnership))
        presenter = ReviewPresenter(review, partnership.workspace, history)
        self.emit(self.render(presenter, options["format"]), options["output"])

    def find(self, wanted, workspace):
        partnerships = Partnership.objects.select_related("workspace")
        if workspace is not None:
            partnerships = for_workspace(partnerships, workspace)
        matches = list(partnerships.filter(pk=int(wanted))) if wanted.isdigit() else []
        matches = matches or list(partnerships.filter(name__iexact=wanted))
        if not matches:
            if workspace:
                raise CommandError(_("No partnership %(wanted)r in %(slug)s") % {"wanted": wanted, "slug": workspace.slug})
            raise CommandError(_("No partnership %(wanted)r") % {"wanted": wanted})
        if len(matches) > 1:
            slugs = ", ".join(sorted(p.workspace.slug for p in matches))
            raise CommandError(
                _("%(wanted)r is in several workspaces (%(slugs)s); add --workspace.") % {"wanted": wanted, "slugs": slugs})
        return matches[0]

    def render(self, presenter, kind):
        if kind == "pdf":
            from ...pdf import review_pdf  # WeasyPrint: only for a PDF

            return review_pdf(presenter)
        if kind == "html":
            return render_to_string("review/report_pdf.html", {
                "report": presenter, "workspace_name": presenter.workspace.name,
                "document_title": presenter.title, "printed_on": presenter.date_text,
            })
        if kind == "json":
            return json.dumps(self.as_json(presenter), indent=2, default=str) + "\n"
        return self.as_text(presenter)

    @staticmethod
    def as_json(presenter):
        r = presenter.review
        return {
            "review_id": r.pk, "partnership": presenter.partnership.name,
            "partnership_id": presenter.partnership.pk, "workspace": presenter.workspace.slug,
            "as_of": r.as_of.isoformat(), "verdict": r.verdict, "verdict_reasons": r.verdict_reasons,
            "override_verdict": r.override_verdict or None, "findings": r.findings,
            "change": presenter.change_text,
        }

    @staticmethod
    def as_text(presenter):
        verdict = presenter.verdict
        lines = [presenter.title,
                 _("%(workspace)s, as of %(date)s") % {"workspace": presenter.workspace.name, "date": presenter.date_text},
                 "", _("Verdict: %(verdict)s. %(meaning)s") % {"verdict": verdict["text"], "meaning": verdict["meaning"]}]
        lines += [f"  - {reason}" for reason in verdict["reasons"]]
        lines += ["", presenter.change_text, ""]
        # The stored findings, numbered as the report numbers them: presenter.findings would
        # add each one's link, and reversing a URL imports every page's modules.
        for number, f in enumerate(presenter.review.findings, start=1):
            severity = str(SEVERITY_LABELS[f["severity"]]).lower()
            lines.append(f"{number}. [{severity}] {f['title']} ({f['rule_id']})")
            lines += ["   " + _("evidence: %(text)s") % {"text": e["text"]} for e in f["evidence"]]
            lines.append("   " + _("what to do: %(advice)s") % {"advice": f["advice"]})
        if not presenter.review.findings:
            lines.append(_("No findings."))
        return "\n".join(lines) + "\n"

    def emit(self, content, output):
        if output:
            path = Path(output)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
            self.stdout.write(_("Wrote %(file)s") % {"file": path})
        else:
            self.stdout.write(content, ending="")

    def review_all(self, workspace, options):
        workspaces = [workspace] if workspace else list(Workspace.objects.all())
        for ws in workspaces:
            if options["if_due"]:
                partnerships = services.due_partnerships(ws, options["as_of"])
            else:
                partnerships = for_workspace(Partnership, ws).live()
            run = services.start_run(ws, partnerships, as_of=options["as_of"])
            self.stdout.write(ngettext(
                "%(slug)s: %(count)d partnership queued for review (run %(run)s)",
                "%(slug)s: %(count)d partnerships queued for review (run %(run)s)",
                run.total) % {"slug": ws.slug, "count": run.total, "run": run.pk})
