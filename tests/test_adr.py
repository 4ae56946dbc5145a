"""Every dependency in pyproject.toml earns its place in an ADR in docs/adr/."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def dependency_names():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    # The optional extras (`pip install joinedup[semantic]`) count too.
    extras = [spec for group in project["project"].get("optional-dependencies", {}).values() for spec in group]
    wanted = project["project"]["dependencies"] + project["dependency-groups"]["dev"] + extras
    return {re.match(r"[A-Za-z0-9_.-]+", spec).group().lower() for spec in wanted}


def test_every_dependency_has_an_adr():
    adrs = " ".join(path.read_text().lower() for path in (ROOT / "docs" / "adr").glob("*.md"))
    names = dependency_names()
    assert {"django", "networkx", "django-ninja", "hypothesis", "wordllama"} <= names
    missing = sorted(name for name in names if not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", adrs))
    assert not missing, f"write an ADR in docs/adr/ for: {missing}"
