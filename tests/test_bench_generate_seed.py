"""bench/generate.py gives the same data for the same seed. Apart from
test_bench_generate.py, whose module keeps one generated set for all its
tests: this test needs a database with none."""

import json
import sys
from pathlib import Path

from joinedup.indicators.models import Measurement
from joinedup.meetings.models import Attendance
from joinedup.surveys.models import Response
from joinedup.workspaces.models import Workspace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import generate  # noqa: E402

SCALE = 0.001  # 1 workspace, 3 partnerships, 3,000 attendance lines, 3,000 values, 1,000 answers


def test_the_same_seed_gives_the_same_data(db):
    def fingerprint():
        # Primary keys apart (people are named after their organisation's key, answers name the
        # group's organisation and the outcomes by key): sorted plain values.
        return (sorted(Attendance.objects.values_list("meeting__partnership__name", "meeting__starts_at",
                                                      "person__organisation__name", "status")),
                sorted(Measurement.objects.values_list("indicator__partnership__name", "indicator__name",
                                                       "period_start", "value")),
                sorted((name, code, json.dumps({k: v for k, v in answers.items() if k not in ("group", "outcomes")},
                                           sort_keys=True))
                       for name, code, answers in
                       Response.stored.values_list("wave__partnership__name", "instrument", "answers")))

    generate.generate_national(SCALE, seed=5, log=lambda *_: None)
    first = fingerprint()
    Workspace.objects.filter(slug__startswith="nat-").delete()
    generate.generate_national(SCALE, seed=5, log=lambda *_: None)
    assert fingerprint() == first
