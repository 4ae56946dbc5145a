"""The examples in docs/api.md, run as they are written: curl as a program,
the Python example in a new interpreter, both against a live server."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from joinedup.api.models import ApiToken
from joinedup.indicators.models import Area, Indicator, Measurement

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def examples(language):
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(), flags=re.S)


@pytest.fixture
def served(live_server, workspace, editor, partnership):
    indicator = Indicator.objects.create(partnership=partnership, name="Delayed discharges", unit="count",
                                         direction="lower", frequency="month")
    area = Area.objects.create(workspace=workspace, name="Northshire", ons_code="E06000001", is_own_area=True)
    Area.objects.create(workspace=workspace, name="Westshire", ons_code="E06000002")
    for month in range(1, 4):
        Measurement.objects.create(indicator=indicator, area=area, period_start=f"2026-0{month}-01",
                                   period_end=f"2026-0{month}-28", period_label=f"2026-0{month}",
                                   frequency="month", value=month)
    token = ApiToken.issue(workspace, editor, "docs", "write", 30)[1]
    return {**os.environ, "JOINEDUP": live_server.url, "TOKEN": token, "INDICATOR": str(indicator.pk)}


def run(program, env):
    return subprocess.run(program, env=env, capture_output=True, text=True, timeout=60,
                          check=True).stdout  # noqa: S603 - the documented commands, run as a user would


@pytest.mark.django_db(transaction=True)
def test_the_curl_examples_list_the_partnerships_and_push_a_month(served, partnership):
    assert shutil.which("curl"), "curl is needed to run the documented examples"
    listing, push = examples("sh")
    listed = run(["sh", "-c", listing], served)
    assert f'"name": "{partnership.name}"' in listed or f'"name":"{partnership.name}"' in listed
    pushed = json.loads(run(["sh", "-c", push], served))
    assert (pushed["added"], pushed["changed"]) == (2, 0)
    november = Measurement.objects.filter(period_label="Nov 2026")
    assert sorted((m.area.ons_code, m.value, m.marker) for m in november) == [
        ("E06000001", 14, ""), ("E06000002", None, "c")]


@pytest.mark.django_db(transaction=True)
def test_the_python_examples_push_a_month_and_pull_every_value(served):
    push_and_pull, pull_all = examples("python")
    assert run([sys.executable, "-c", push_and_pull], served).split() == ["2", "added", "5", "values"]
    assert Measurement.objects.filter(period_label="Dec 2026", marker="c", note="Fewer than 5").count() == 1
    assert run([sys.executable, "-c", pull_all], served).strip() == "5 values"
