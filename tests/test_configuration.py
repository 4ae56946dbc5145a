"""docs/configuration.md lists every environment variable the code reads."""

import re
from pathlib import Path

import joinedup

PACKAGE = Path(joinedup.__file__).resolve().parent
DOC = PACKAGE.parent.parent / "docs" / "configuration.md"
READS = re.compile(
    r"""(?:environ\.get|environ\[|getenv|env_bool|env_int|env_list)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def variables_read_by_the_code():
    found = {"DATABASE_URL"}  # read by dj_database_url.config()
    for path in PACKAGE.rglob("*.py"):
        found |= set(READS.findall(path.read_text()))
    return found


def test_the_pattern_finds_what_settings_reads():
    assert {"JOINEDUP_DATA_DIR", "SECRET_KEY", "DEBUG", "TASKS_BACKEND", "PORT"} <= (
        variables_read_by_the_code()
    )


def test_every_variable_the_code_reads_is_documented():
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", DOC.read_text()))
    missing = variables_read_by_the_code() - documented
    assert not missing, f"add these to docs/configuration.md: {sorted(missing)}"
