from django.urls import reverse
from django.utils.translation import gettext_lazy as _

SECTIONS = [
    ("home", _("Overview"), "workspaces:home"),
    ("partnerships", _("Partnerships"), "partnerships:partnership_list"),
    ("meetings", _("Meetings and cost"), "meetings:home"),
    ("evidence", _("Evidence"), "indicators:evidence"),
    ("voice", _("Voice"), "surveys:home"),
    ("portfolio", _("Portfolio"), "review:portfolio"),
    ("network", _("Network"), "network:home"),
    ("comparison", _("Comparison"), "comparison:home"),
    ("practice", _("Good practice"), "practice:library"),
    ("organisations", _("Organisations"), "organisations:organisation_list"),
    ("people", _("People"), "organisations:person_list"),
]


def workspace_navigation(workspace, current):
    """The service navigation items for a workspace's pages."""
    return [
        {"text": text, "href": reverse(url_name, args=[workspace.slug]), "current": key == current}
        for key, text, url_name in SECTIONS
    ]
