from django.urls import reverse

SECTIONS = [
    ("home", "Overview", "workspaces:home"),
    ("partnerships", "Partnerships", "partnerships:partnership_list"),
    ("meetings", "Meetings and cost", "meetings:home"),
    ("evidence", "Evidence", "indicators:evidence"),
    ("voice", "Voice", "surveys:home"),
    ("portfolio", "Portfolio", "review:portfolio"),
    ("network", "Network", "network:home"),
    ("comparison", "Comparison", "comparison:home"),
    ("practice", "Good practice", "practice:library"),
    ("organisations", "Organisations", "organisations:organisation_list"),
    ("people", "People", "organisations:person_list"),
]


def workspace_navigation(workspace, current):
    """The service navigation items for a workspace's pages."""
    return [
        {"text": text, "href": reverse(url_name, args=[workspace.slug]), "current": key == current}
        for key, text, url_name in SECTIONS
    ]
