"""Make a partnership and an open service-user wave with N links in the bench
database; print one token per line. Run with the bench settings."""

import sys

import django

django.setup()

from joinedup.organisations.models import Organisation  # noqa: E402
from joinedup.partnerships.models import Membership, Outcome, Partnership  # noqa: E402
from joinedup.surveys.invitations import issue_batch  # noqa: E402
from joinedup.surveys.models import Wave  # noqa: E402
from joinedup.workspaces.models import Workspace  # noqa: E402

count = int(sys.argv[1])
workspace = Workspace.objects.create(name="Bench", slug="bench")
partnership = Partnership.objects.create(workspace=workspace, name="Bench partnership", form="pooled_budget")
for name in ("Bench NHS Trust", "Bench Council", "Bench Carers"):
    org = Organisation.objects.create(workspace=workspace, name=name, sector="other")
    Membership.objects.create(partnership=partnership, organisation=org)
outcome = Outcome.objects.create(partnership=partnership, statement="I only have to tell my story once.")
wave = Wave.objects.create(partnership=partnership, name="Bench wave", instruments=["service_user"],
                           respondent_groups=["Service users"])
links = []
while len(links) < count:
    links += issue_batch(wave, group="Service users", instrument="service_user", count=min(2000, count - len(links)),
                         language="en-gb", easy_read=False)[1]
print(outcome.pk)
for link in links:
    print(link.token)
