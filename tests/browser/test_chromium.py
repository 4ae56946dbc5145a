"""Without Chromium every browser test errors in its fixture; this test makes
the cause one plain failed test in pytest's summary, saying what to install."""

from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM

pytestmark = pytest.mark.browser


def test_chromium_is_installed():
    assert Path(CHROMIUM).exists(), (
        f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set JOINEDUP_CHROMIUM)"
    )
