"""Pages a client can follow from their headers alone (RFC 8288 Link, as
Power Query, httpx and R's httr2 read it), beside the body's `next`: a real
list of an indicator's values, pushed and then pulled over HTTP."""

import httpx
import pytest
from django.urls import reverse

from joinedup.api.models import ApiToken
from joinedup.indicators.models import Area, Indicator

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def values(live_server, workspace, editor, partnership):
    Area.objects.create(workspace=workspace, name="Northshire", ons_code="E06000001", is_own_area=True)
    Area.objects.create(workspace=workspace, name="Westshire", ons_code="E06000002")
    indicator = Indicator.objects.create(partnership=partnership, name="Delayed discharges", unit="count",
                                         direction="lower", frequency="month")
    client = httpx.Client(base_url=live_server.url, timeout=60, headers={
        "Authorization": f"Bearer {ApiToken.issue(workspace, editor, 'w', 'write', 30)[1]}"})
    rows = [{"area_code": code, "period": f"{year}-{month:02}", "value": month}
            for year in (2025, 2026) for month in range(1, 13) for code in ("E06000001", "E06000002")]
    assert client.post(f"/api/v1/indicators/{indicator.pk}/measurements", json={"rows": rows}).json()["added"] == 48
    return client, indicator


def test_a_list_is_followed_by_its_link_headers_alone(values, live_server):
    client, indicator = values
    url = f"{live_server.url}/api/v1/indicators/{indicator.pk}/measurements?limit=10&updated_since=2020-01-01T00:00:00Z"
    seen, pages = [], []
    while url:
        response = client.get(url).raise_for_status()
        page = response.json()
        seen += [row["id"] for row in page["items"]]
        pages.append(response.links)
        following = response.links.get("next", {}).get("url")
        assert following == page["next"]
        assert following is None or following.startswith(live_server.url + "/api/v1/")
        url = following
    assert len(seen) == len(set(seen)) == 48 and len(pages) == 5
    assert "prev" not in pages[0] and "next" not in pages[-1]
    assert "offset=30" in pages[-1]["prev"]["url"] and "offset=20" in pages[1]["next"]["url"]
    assert all("updated_since=2020-01-01" in link["url"] for page in pages for link in page.values())
    assert "limit=10" in pages[2]["prev"]["url"] and "offset=10" in pages[2]["prev"]["url"]


def test_a_single_page_has_no_link_header(values):
    client, indicator = values
    response = client.get(f"/api/v1/indicators/{indicator.pk}/measurements", params={"limit": 1000})
    assert response.json()["count"] == 48 and "Link" not in response.headers


def test_the_openapi_document_says_lists_send_a_link_header(client):
    document = client.get(reverse("api-v1:openapi-json")).json()
    listed = document["paths"]["/api/v1/indicators/{indicator_id}/measurements"]["get"]["responses"]["200"]
    assert 'rel="next"' in listed["headers"]["Link"]["description"]
    one = document["paths"]["/api/v1/partnerships/{partnership_id}"]["get"]["responses"]["200"]
    assert "headers" not in one
