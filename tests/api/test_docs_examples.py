"""The examples in docs/api.md, run as they are written: curl as a program,
the Python example in a new interpreter, both against a live server."""

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
def served(live_server, workspace, viewer, partnership):
    indicator = Indicator.objects.create(partnership=partnership, name="Delayed discharges", unit="count",
                                         direction="lower", frequency="month")
    area = Area.objects.create(workspace=workspace, name="Northshire", is_own_area=True)
    for month in range(1, 4):
        Measurement.objects.create(indicator=indicator, area=area, period_start=f"2026-0{month}-01",
                                   period_end=f"2026-0{month}-28", period_label=f"2026-0{month}",
                                   frequency="month", value=month)
    token = ApiToken.issue(workspace, viewer, "docs", "read", 30)[1]
    return {**os.environ, "JOINEDUP": live_server.url, "TOKEN": token}


@pytest.mark.django_db(transaction=True)
def test_the_curl_example_lists_the_partnerships(served, partnership):
    assert shutil.which("curl"), "curl is needed to run the documented example"
    (command,) = examples("sh")
    result = subprocess.run(["sh", "-c", command], env=served, capture_output=True, text=True, timeout=60,
                            check=True)  # noqa: S603 - the documented command, run as a user would
    assert f'"name": "{partnership.name}"' in result.stdout or f'"name":"{partnership.name}"' in result.stdout


@pytest.mark.django_db(transaction=True)
def test_the_python_example_pulls_every_value(served):
    (program,) = examples("python")
    result = subprocess.run([sys.executable, "-c", program], env=served, capture_output=True, text=True,
                            timeout=60, check=True)  # noqa: S603 - the documented program
    assert result.stdout.strip() == "3 values"
