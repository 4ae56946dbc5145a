"""schemathesis against the live OpenAPI document (issue 17): every
operation, with a real token of an editor who holds a read-and-write token,
on generated input — no server error, no response that breaks the document,
and nothing from another workspace."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from joinedup.api.models import ApiToken
from joinedup.organisations.models import Organisation
from joinedup.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
SECRET = "Zebedee"


@pytest.fixture
def token(workspace, editor, other_workspace, partnership, outcome, organisation):
    Organisation.objects.create(workspace=other_workspace, name=f"{SECRET} Trust", sector="nhs_acute")
    return ApiToken.issue(workspace, editor, "schemathesis", "write", 30)[1]


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@pytest.mark.django_db
def test_every_operation_keeps_to_its_description(case, token):
    response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500
    assert SECRET not in response.text
