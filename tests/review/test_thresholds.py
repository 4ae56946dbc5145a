import re
from pathlib import Path

from joinedup.review import thresholds
from joinedup.review.thresholds import DEFAULTS, review_thresholds, threshold

REVIEW = Path(thresholds.__file__).parent


def test_every_threshold_a_rule_reads_is_in_the_one_registry():
    read = set()
    for path in REVIEW.glob("*rules.py"):
        read |= set(re.findall(r"threshold\(thresholds, \"(\w+)\"\)", path.read_text()))
    assert len(read) > 20
    assert read - set(DEFAULTS) == set()


def test_settings_override_the_registry_and_the_rest_keep_their_defaults(settings):
    settings.REVIEW_THRESHOLDS = {"cost_rise_share": 0.2}
    given = review_thresholds()
    assert given["cost_rise_share"] == 0.2
    assert given["voice_min_invited"] == DEFAULTS["voice_min_invited"] == 10
    assert threshold({}, "value_min_months") == 24
