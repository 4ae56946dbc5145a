"""Where the tests find the real public data sets they use.

They are byte-identical copies kept in the repository (``tests/data/public``);
``tests/data/public/SOURCES.md`` gives each file's origin, publisher and
licence."""

from pathlib import Path

PUBLIC = Path(__file__).resolve().parent / "data" / "public"
