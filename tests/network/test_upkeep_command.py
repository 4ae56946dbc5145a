"""`joinedup network_upkeep`: the day's network figures worked out ahead
of the first page and the first review (docs/deploy.md's cron)."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from joinedup.network.models import Figures
from joinedup.partnerships.models import Partnership

DAY = date(2026, 11, 22)


def keep(*args):
    out = io.StringIO()
    call_command("network_upkeep", *args, stdout=out)
    return out.getvalue()


def test_it_works_out_each_workspace_s_figures_once_a_day_until_the_records_change(workspace, other_workspace):
    said = keep("--day", DAY.isoformat())
    assert "2 workspaces worked out, 0 up to date already" in said
    assert set(Figures.objects.filter(day=DAY).values_list("workspace__slug", flat=True)) == {"northshire", "southshire"}
    assert "0 workspaces worked out, 2 up to date already" in keep("--day", DAY.isoformat())
    Partnership.objects.create(workspace=workspace, name="Home First", start_date=date(2022, 4, 1))
    said = keep("--day", DAY.isoformat())
    assert "northshire: worked out" in said and "1 workspace worked out, 1 up to date already" in said


def test_one_workspace_by_its_short_name(workspace, other_workspace):
    assert "1 workspace worked out" in keep("--workspace", "southshire", "--day", DAY.isoformat())
    assert list(Figures.objects.values_list("workspace__slug", flat=True)) == ["southshire"]
    with pytest.raises(CommandError, match="No workspace"):
        keep("--workspace", "nowhere")
