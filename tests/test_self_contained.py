"""The repository stands alone: a clone has nothing beside it, so no source,
test, benchmark or document may read from a folder outside it."""

import re
from pathlib import Path

from tests.public_data import PUBLIC

ROOT = Path(__file__).resolve().parents[1]
# The folder our own machines keep beside a checkout, which a user's clone does
# not have: its files live in tests/data/public. Built from parts, so that
# this file does not name the path it forbids.
NEIGHBOUR = "sha" + "red"
OUTSIDE = re.compile(
    rf"\.\./{NEIGHBOUR}|[\"']{NEIGHBOUR}[\"']\s*/|/\s*[\"']{NEIGHBOUR}[\"']|(?<![\w/]){NEIGHBOUR}/data"
)


def tracked_text_files():
    for folder in ("src", "tests", "bench", "docs", ".ci"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".md", ".html", ".txt", ".toml", ""}:
                if PUBLIC in path.parents:
                    continue
                yield path
    yield from (ROOT / name for name in ("Makefile", "README.md", "pyproject.toml"))


def test_nothing_reads_from_outside_the_repository():
    offenders = []
    for path in tracked_text_files():
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == [], "Copy the data into the repository instead:\n" + "\n".join(offenders)


def test_the_public_data_sets_carry_their_sources():
    sources = (PUBLIC / "SOURCES.md").read_text()
    for path in PUBLIC.glob("*.csv"):
        assert path.name in sources, f"{path.name} has no entry in {PUBLIC / 'SOURCES.md'}"
    assert (PUBLIC / "pay_scales" / "README.md").exists()
    assert (PUBLIC / "indicators-dev" / "README.md").exists()
