"""The Welsh coverage test (issue 18 item 6; docs/translation.md).

Run it for one catalogue (an app's name, or ``project`` for
src/joinedup/templates and src/joinedup/*.py)::

    .venv/bin/pytest -n 0 -p no:randomly tests/test_welsh.py -k workspaces -q

Regenerate an app's catalogue (keeping its translations) from inside the app,
with a ``locale`` folder already there (without one makemessages writes into
the project catalogue instead)::

    cd src/joinedup/<app> && mkdir -p locale/cy/LC_MESSAGES && \
      ../../../.venv/bin/joinedup makemessages -l cy --no-obsolete --no-location && \
      msgfmt -o locale/cy/LC_MESSAGES/django.mo locale/cy/LC_MESSAGES/django.po

Needs gettext (xgettext, msgfmt) on the machine, as makemessages does.

For every catalogue root (the project, and each app) it checks that:
(a) every msgid the root's code marks is in its committed .po;
(b) no msgstr is empty or fuzzy;
(c) the committed .mo is the compiled .po;
(d) every template's visible text is inside translate tags;
(e) Python strings in user-facing places (labels, help texts, verbose names,
    choices' labels, validation errors, messages) are marked;
(f) plain English strings that presenters, charts and exports hand to a page
    (in tuples, lists, dict values, returned or assigned) are marked.
"""

import ast
import gettext
import html.parser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

from tests.conftest import PASSWORD

SRC = Path(__file__).resolve().parent.parent / "src" / "joinedup"
NOT_SOURCE = {"locale", "static", "migrations", "__pycache__", "data"}


def catalogue_roots():
    """The project (its own templates and modules) and every app."""
    roots = {"project": SRC}
    for child in sorted(SRC.iterdir()):
        if child.is_dir() and (child / "__init__.py").exists():
            roots[child.name] = child
    return roots


ROOTS = catalogue_roots()


def source_files(name, root):
    """The files whose strings belong to this root's catalogue."""
    if name == "project":
        yield from sorted(root.glob("*.py"))
        yield from sorted(p for p in (root / "templates").rglob("*") if p.is_file())
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in NOT_SOURCE)
        for filename in sorted(filenames):
            if filename.endswith((".py", ".html", ".txt")):
                yield Path(dirpath) / filename


def templates(name, root):
    return [p for p in source_files(name, root) if p.suffix in {".html", ".txt"} and "templates" in p.parts]


def python_files(name, root):
    return [p for p in source_files(name, root) if p.suffix == ".py"]


# --- reading .po files (no dependency: the format is small) ----------------

def _unquote(s):
    return ast.literal_eval(s)


def read_po(path):
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr
    (a list, one per plural form), flags (a set)."""
    entries = []
    entry = None
    field = None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if entry is None:
            entry = {"msgctxt": None, "msgid_plural": None, "msgstr": {}, "flags": set(), "obsolete": False}
        if line.startswith("#~"):
            entry["obsolete"] = True
            continue
        if line.startswith("#,"):
            entry["flags"].update(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
        if m:
            keyword, index, text = m.groups()
            if keyword.startswith("msgstr"):
                field = ("msgstr", int(index or 0))
                entry["msgstr"][field[1]] = _unquote(text)
            else:
                field = (keyword, None)
                entry[keyword] = _unquote(text)
        elif line.startswith('"') and field:
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += _unquote(line)
            else:
                entry[field[0]] += _unquote(line)
    return [e for e in entries if not e["obsolete"]]


def keys(entries):
    return {(e["msgctxt"], e["msgid"], e["msgid_plural"]) for e in entries if e["msgid"]}


def po_path(root):
    return root / "locale" / "cy" / "LC_MESSAGES" / "django.po"


# --- (a) regenerate into a temporary folder --------------------------------

def regenerate(name, root, tmp_path):
    """Copy the root's source files into a folder of their own and run
    makemessages there, without the project's settings (so that nothing is
    written anywhere else and LOCALE_PATHS plays no part)."""
    copy = tmp_path / name
    for path in source_files(name, root):
        target = copy / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    (copy / "locale").mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "cy", "--no-location",
         "--no-wrap", "--keep-pot"],
        cwd=copy, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    pot = copy / "locale" / "django.pot"
    return read_po(pot) if pot.exists() else []


@pytest.mark.parametrize("name", ROOTS)
def test_catalogue_has_every_marked_string(name, tmp_path):
    root = ROOTS[name]
    marked = keys(regenerate(name, root, tmp_path))
    if not marked:
        return
    assert po_path(root).exists(), f"{name}: {len(marked)} marked strings but no {po_path(root)}"
    missing = marked - keys(read_po(po_path(root)))
    assert not missing, f"{name}: {len(missing)} msgids not in the catalogue, e.g. " + "; ".join(
        repr(m[1]) for m in sorted(missing, key=str)[:15])


# --- (b) every msgstr is written ------------------------------------------

@pytest.mark.parametrize("name", ROOTS)
def test_every_translation_is_written(name):
    path = po_path(ROOTS[name])
    if not path.exists():
        return
    entries = [e for e in read_po(path) if e["msgid"]]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    empty = [e["msgid"] for e in entries if not all(e["msgstr"].values()) or not e["msgstr"]]
    assert not fuzzy, f"{name}: fuzzy: {fuzzy[:15]}"
    assert not empty, f"{name}: {len(empty)} without Welsh, e.g. {empty[:15]}"


def test_the_same_english_has_one_welsh_in_every_catalogue():
    """Django merges the catalogues into one, and the first to hold a msgid
    wins: the same English worded two ways would show one of them at random
    to the translator's eye, and pages that test the other would fail."""
    worded = {}
    for name, root in ROOTS.items():
        path = po_path(root)
        if not path.exists():
            continue
        for entry in read_po(path):
            if entry["msgid"] and not entry.get("msgctxt"):
                worded.setdefault((entry["msgid"], tuple(sorted(entry["msgstr"].items()))), []).append(name)
    by_english = {}
    for (msgid, welsh), names in worded.items():
        by_english.setdefault(msgid, []).append((welsh, names))
    differing = {msgid: wordings for msgid, wordings in by_english.items() if len(wordings) > 1}
    assert not differing, f"worded differently: {differing}"


# --- (c) the .mo is the .po compiled ---------------------------------------

def messages_of(mo):
    with open(mo, "rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    return {k: v for k, v in catalog.items() if k != ""}


@pytest.mark.parametrize("name", ROOTS)
def test_compiled_catalogue_is_up_to_date(name, tmp_path):
    path = po_path(ROOTS[name])
    if not path.exists():
        return
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{name}: no {mo}; run msgfmt -o {mo} {path}"
    fresh = tmp_path / "fresh.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", fresh, path], check=True)
    assert messages_of(mo) == messages_of(fresh), f"{name}: {mo} is not {path} compiled; run msgfmt"


# --- (d) templates: visible text inside translate tags ---------------------

# Words that are the same in both languages: the service's name, and each
# language's own name in the language switch.
SAME_IN_BOTH = {"joinedup", "English", "Cymraeg"}
VISIBLE_ATTRIBUTES = {"aria-label", "alt", "title", "placeholder", "aria-description"}
PLACEHOLDER = "\x00"


def visible_text_outside_tags(source):
    """The template's text with every translated run, variable and tag
    replaced by a placeholder; comments and verbatim blocks dropped."""
    out = []
    skip_until = None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            tag = token.contents.split()[0] if token.contents else ""
            if skip_until:
                if tag == skip_until:
                    skip_until = None
                out.append(PLACEHOLDER)
                continue
            if tag in {"blocktranslate", "blocktrans"}:
                skip_until = "end" + tag
            elif tag in {"comment", "verbatim"}:
                skip_until = "end" + tag
            out.append(PLACEHOLDER)
        elif token.token_type == TokenType.TEXT:
            if not skip_until:
                out.append(token.contents)
        elif token.token_type == TokenType.VAR:
            if not skip_until:
                out.append(PLACEHOLDER)
    return "".join(out)


class VisibleText(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self.hidden += 1
        for attr, value in attrs:
            if attr in VISIBLE_ATTRIBUTES and value:
                self.found.append(value)
            # An input button shows its value; a <button>'s value is only sent, never shown.
            if attr == "value" and tag == "input" and value and dict(attrs).get("type") in {
                    "submit", "button", "reset"}:
                self.found.append(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.found.append(data)


def untranslated_words(text):
    """Runs of letters outside placeholders that are words, not symbols or
    the names that are the same in both languages."""
    words = []
    for piece in text.split(PLACEHOLDER):
        for word in re.findall(r"[^\W\d_]{2,}", piece):
            if word not in SAME_IN_BOTH:
                words.append(word)
    return words


def untranslated_in_template(path):
    source = path.read_text(encoding="utf-8")
    parser = VisibleText()
    parser.feed(visible_text_outside_tags(source))
    parser.close()
    return [" ".join(t.replace(PLACEHOLDER, " {…} ").split()) for t in parser.found if untranslated_words(t)]


@pytest.mark.parametrize("name", ROOTS)
def test_templates_have_no_untranslated_text(name):
    root = ROOTS[name]
    problems = {}
    for path in templates(name, root):
        found = untranslated_in_template(path)
        if found:
            problems[str(path.relative_to(SRC))] = found[:5]
    assert not problems, f"{name}: text outside translate tags in {len(problems)} templates: {problems}"


# --- (e) Python: strings in user-facing places are marked ------------------

# Keyword arguments whose string is shown to a user.
USER_FACING_KEYWORDS = {"label", "help_text", "verbose_name", "verbose_name_plural", "empty_label",
                        "label_suffix"}
# A register's names of its records ("Add organisation"); elsewhere (the API's
# operations) the same words are identifiers.
REGISTER_KEYWORDS = {"singular", "plural"}
# Keyword arguments holding (heading, value) pairs: a register's columns.
HEADED_KEYWORDS = {"columns"}
# Calls whose first (or, for messages, second) argument is shown to a user.
MESSAGE_FUNCTIONS = {"success", "info", "warning", "error"}
CHOICES_BASES = {"TextChoices", "IntegerChoices", "Choices"}
# Form attributes whose strings are shown: labels, hints, the errors of
# design_system.error_messages and the forms' date rules.
USER_FACING_ATTRIBUTES = {"required_messages", "date_descriptions", "help_texts", "labels", "date_order",
                          "error_messages"}


def _is_literal_text(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"[^\W\d_]{2,}", node.value))
    if isinstance(node, ast.JoinedStr):
        return True  # an f-string shown to a user cannot be translated
    return False


def unmarked_strings(path):
    """(line, text) of literal strings in places a user reads them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def note(node):
        text = node.value if isinstance(node, ast.Constant) else ast.unparse(node)
        found.append((node.lineno, text[:80]))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            for kw in node.keywords:
                if (kw.arg in USER_FACING_KEYWORDS or kw.arg in REGISTER_KEYWORDS and called.endswith("Register")) \
                        and _is_literal_text(kw.value):
                    note(kw.value)
                if kw.arg in HEADED_KEYWORDS and isinstance(kw.value, ast.List):
                    for pair in kw.value.elts:
                        if isinstance(pair, ast.Tuple) and pair.elts and _is_literal_text(pair.elts[0]):
                            note(pair.elts[0])
            func = node.func
            fname = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if fname == "ValidationError" and node.args and _is_literal_text(node.args[0]):
                note(node.args[0])
            if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                    and func.value.id == "messages" and fname in MESSAGE_FUNCTIONS
                    and len(node.args) > 1 and _is_literal_text(node.args[1])):
                note(node.args[1])
            if fname == "add_error" and len(node.args) > 1 and _is_literal_text(node.args[1]):
                note(node.args[1])
        if (isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None
                and any(isinstance(t, ast.Name) and t.id in USER_FACING_ATTRIBUTES
                        for t in (node.targets if isinstance(node, ast.Assign) else [node.target]))):
            for inner in ast.walk(node.value):
                if isinstance(inner, ast.Dict):
                    values = [v for v in inner.values if v is not None]
                elif isinstance(inner, ast.List | ast.Tuple):
                    values = inner.elts
                else:
                    continue
                for value in values:
                    # A dict's keys are field names; the last item of a date rule is its message.
                    if _is_literal_text(value) and not (isinstance(inner, ast.Tuple) and value is not inner.elts[-1]):
                        note(value)
        if isinstance(node, ast.ClassDef) and any(
                (isinstance(b, ast.Attribute) and b.attr in CHOICES_BASES)
                or (isinstance(b, ast.Name) and b.id in CHOICES_BASES) for b in node.bases):
            for stmt in node.body:
                if (isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Tuple)
                        and stmt.value.elts and _is_literal_text(stmt.value.elts[-1])):
                    note(stmt.value.elts[-1])
    return found


@pytest.mark.parametrize("name", ROOTS)
def test_python_user_facing_strings_are_marked(name):
    root = ROOTS[name]
    problems = {}
    for path in python_files(name, root):
        if "management" in path.parts or "tests" in path.parts:
            continue  # commands are read by (g) below
        found = unmarked_strings(path)
        if found:
            problems[str(path.relative_to(SRC))] = found[:5]
    assert not problems, f"{name}: unmarked user-facing strings: {problems}"


# --- (f) Python: texts that presenters and charts hand to a page are marked -----
#
# (e) knows the places Django shows a text (labels, choices, messages); a presenter or a
# chart builds its own: headings in tuples ("Voices" on the review report was found by
# reading it), a legend's names, a value shown when there is none. Here every string
# literal in those modules that reads as English words - two words or more, or one
# capitalised word, with nothing only code writes (underscores, slashes, markup, dots,
# braces) - and that is handed on (in a tuple, list or set, as a dict's value, returned,
# assigned, chosen in an if-else, or as a text keyword such as title=) must be marked.
# Strings used as code are not looked at: a dict's keys, comparisons, subscripts, the
# arguments of reverse(), the ORM, string methods, logging, raised errors and docstrings.

# The modules that build what pages, charts, downloads and reports show.
SHOWING_MODULES = re.compile(r"present|chart|drawing|export|headline|fixes|portfolio|figures")
# Read as words but not shown as words: a font, a file format's identifier.
NOT_SHOWN = {"Arial", "joinedup workspace archive"}

# Calls that mark a text for translation (stats/said.py's Said marks the statistics').
MARKING = {"gettext", "gettext_lazy", "_", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy", "npgettext",
           "gettext_noop", "Said"}
# Calls whose string arguments name code, not words a person reads.
CODE_CALLS = {"reverse", "getattr", "setattr", "hasattr", "get", "pop", "setdefault", "filter", "exclude", "values",
              "values_list", "order_by", "select_related", "prefetch_related", "annotate", "only", "defer",
              "aggregate", "startswith", "endswith", "split", "rsplit", "join", "replace", "strip", "compile", "sub",
              "match", "search", "fullmatch", "format", "strftime", "strptime", "Q", "F", "Decimal", "isinstance",
              "debug", "info", "warning", "error", "exception", "critical", "render", "render_to_string",
              "get_template", "HttpResponse", "FileResponse", "redirect", "Value", "Cast", "Count", "Sum", "Max",
              "Min", "Avg", "Coalesce", "Concat", "group", "index", "count", "find", "encode", "decode",
              "fromisoformat", "date_range", "to_datetime", "astype", "mark_rule", "mark_text", "mark_line",
              "mark_point", "mark_bar", "X", "Y", "Color", "Tooltip", "Scale", "Axis", "condition",
              "value", "Chart", "sort_values", "groupby", "drop_duplicates", "assign", "rename", "merge",
              "DataFrame", "Series", "cache_key", "pgettext", "lower", "upper", "title", "capitalize",
              "localize", "floatformat", "number_format", "items"}
USER_TEXT_KEYWORDS = {"title", "text", "heading", "caption", "description", "hint", "message", "summary",
                      "label", "help_text", "advice", "meaning", "empty"}
WORD = re.compile(r"[A-Za-z][a-z’']+")


def is_prose(text):
    """English words a person reads: two words or more, or one capitalised word, with
    nothing in it that only code writes (underscores, braces, slashes, markup, dots)."""
    stripped = text.strip()
    if not stripped or re.search(r"[_{}<>=/\\|@#]|://|\.\w|^[%:]|--", stripped):
        return False
    tokens = stripped.split()
    words = [t for t in tokens if WORD.fullmatch(t.strip(".,;:!?()“”\"'"))]
    if len(tokens) == 1:
        word = tokens[0].strip(".,;:!?()")
        return bool(re.fullmatch(r"[A-Z][a-z]{2,}(’s)?", word))
    return len(words) >= 2 and len(words) >= len(tokens) / 2


def called_name(call):
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def shown_strings(source):
    """(line, text) of plain English string literals a presenter hands to a page: in
    tuples, lists and sets, as dict values, returned, assigned, chosen in an if-else, or
    passed as a text keyword - unless marked for translation or used as code."""
    tree = ast.parse(source)
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and is_prose(node.value)):
            continue
        parent, child = parents.get(node), node
        shown = False
        while parent is not None:
            if isinstance(parent, ast.Call):
                name = called_name(parent)
                if name in MARKING or name in CODE_CALLS:
                    shown = False
                    break
                keyword = next((k for k in parent.keywords if k.value is child), None)
                if keyword is not None:
                    shown = keyword.arg in USER_TEXT_KEYWORDS
                break
            if isinstance(parent, ast.Dict):
                shown = child in parent.values
                if not shown:
                    break
            elif isinstance(parent, ast.Tuple | ast.List | ast.Set | ast.IfExp | ast.BoolOp):
                shown = True
            elif isinstance(parent, ast.Return | ast.Assign | ast.AnnAssign | ast.keyword):
                shown = True
            elif isinstance(parent, ast.BinOp):
                shown = True
            elif isinstance(parent, ast.Expr | ast.Compare | ast.Subscript | ast.Raise | ast.Assert
                            | ast.FormattedValue | ast.JoinedStr | ast.arguments | ast.Lambda):
                shown = False
                break
            elif isinstance(parent, ast.stmt):
                break
            child, parent = parent, parents.get(parent)
        if shown and node.value not in NOT_SHOWN:
            found.append((node.lineno, node.col_offset, node.value[:80]))
    return [(line, text) for line, _column, text in sorted(found)]


@pytest.mark.parametrize("name", ROOTS)
def test_presenters_and_charts_mark_the_texts_they_show(name):
    problems = {}
    for path in python_files(name, ROOTS[name]):
        if SHOWING_MODULES.search(path.name):
            found = shown_strings(path.read_text(encoding="utf-8"))
            if found:
                problems[str(path.relative_to(SRC))] = found[:5]
    assert not problems, f"{name}: unmarked texts handed to a page: {problems}"


def test_the_presenter_scan_finds_texts_in_tuples_and_leaves_code_alone():
    source = (
        "from django.utils.translation import gettext as _, gettext_lazy\n"
        "NAMES = {'voice': ('Voices', gettext_lazy('Not yet recorded.')), 'cost': (_('Cost'), 'x')}\n"
        "LEGEND = {'partnership': 'Partnership', 'person': gettext_lazy('Person')}\n"
        "def rows(latest, f):\n"
        "    \"\"\"A docstring Is not shown.\"\"\"\n"
        "    if f['rule_id'] == 'Some Rule' or f.get('Left alone'):\n"
        "        raise ValueError('Unknown rule given')\n"
        "    url = reverse('review:detail', args=['Not words'])\n"
        "    tag = 'govuk-tag govuk-tag--grey'\n"
        "    chart = {'title': 'Kind', 'field': 'kind', 'font': 'Arial', 'href': '/a/b c'}\n"
        "    rows = [(_('Latest'), latest or 'None'), ('latest_data', 'time:T'), ('j M Y', '%d %B')]\n"
        "    return 'Nothing to show yet'\n"
    )
    assert [text for _line, text in shown_strings(source)] == [
        "Voices", "Partnership", "Kind", "None", "Nothing to show yet"]


# --- the checks themselves ------------------------------------------------

# --- (g) Python: the command line's messages are marked ---------------------------
#
# joinedup's commands speak Welsh when asked (design_system/commands.py): their help,
# their options' help, what they write and the errors they raise must be marked. A
# literal or an f-string with words in it, given to self.stdout/stderr.write, a style
# (self.style.SUCCESS), CommandError, an option's help= or the command's `help`, is not.

# The calls whose text arguments a person reads on the command line.
COMMAND_TEXT_CALLS = {"write", "CommandError", "SUCCESS", "WARNING", "ERROR", "NOTICE", "HTTP_INFO"}


def command_strings(source):
    """(line, text) of texts a command shows that are not marked for translation."""
    found = []

    def unmarked(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if is_prose(node.value) or (len(node.value.split()) > 2 and node.value not in NOT_SHOWN):
                found.append((node.lineno, node.value[:80]))
        elif isinstance(node, ast.JoinedStr):
            words = " ".join(part.value for part in node.values if isinstance(part, ast.Constant))
            if re.search(r"[A-Za-z]{2,}", words):
                found.append((node.lineno, words[:80]))
        elif isinstance(node, ast.BinOp):
            unmarked(node.left)
            unmarked(node.right)
        elif isinstance(node, ast.IfExp):
            unmarked(node.body)
            unmarked(node.orelse)
        elif isinstance(node, ast.Call) and called_name(node) in COMMAND_TEXT_CALLS:
            for argument in node.args:
                unmarked(argument)

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            if called_name(node) in COMMAND_TEXT_CALLS:
                for argument in node.args[:1]:
                    unmarked(argument)
            for keyword in node.keywords:
                if keyword.arg == "help":
                    unmarked(keyword.value)
        elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "help" for t in node.targets):
            unmarked(node.value)
    return sorted(set(found))


@pytest.mark.parametrize("name", ROOTS)
def test_commands_mark_their_messages(name):
    problems = {}
    for path in python_files(name, ROOTS[name]):
        if "commands" in path.parts and "management" in path.parts or (name == "project" and path.name == "__main__.py"):
            found = command_strings(path.read_text(encoding="utf-8"))
            if found:
                problems[str(path.relative_to(SRC))] = found[:5]
    assert not problems, f"{name}: command-line texts not marked for translation: {problems}"


def test_the_command_scan_finds_unmarked_messages_and_leaves_marked_ones():
    source = (
        "from django.utils.translation import gettext as _, gettext_lazy\n"
        "class Command(BaseCommand):\n"
        "    help = 'Load the demo locality.'\n"
        "    def add_arguments(self, parser):\n"
        "        parser.add_argument('--seed', help='The seed of the dice.')\n"
        "        parser.add_argument('--ok', help=gettext_lazy('Marked help.'))\n"
        "    def handle(self, **options):\n"
        "        self.stdout.write(self.style.SUCCESS(f'Loaded {name}.'))\n"
        "        self.stdout.write(_('Wrote %(file)s') % {'file': path})\n"
        "        self.stdout.write(content, ending='')\n"
        "        self.stdout.write(f'  - {reason}')\n"
        "        raise CommandError('No partnership ' + repr(wanted))\n"
    )
    assert [text for _line, text in command_strings(source)] == [
        "Load the demo locality.", "The seed of the dice.", "Loaded  .", "No partnership "]


def test_template_scan_finds_text_outside_tags_and_none_inside():
    source = (
        '{% load i18n %}<h1>{% translate "Hello" %}</h1><p class="x">Left in English</p>'
        '<a aria-label="Open it" href="{{ url }}">{{ name }}</a>'
        '{% blocktranslate trimmed with n=name %}Hi {{ n }}{% endblocktranslate %}'
        '{% comment %}Not shown{% endcomment %}<script>var words = "x";</script> – joinedup'
    )
    parser = VisibleText()
    parser.feed(visible_text_outside_tags(source))
    found = [t for t in parser.found if untranslated_words(t)]
    assert found == ["Left in English", "Open it"]
    assert untranslated_words(f"{PLACEHOLDER} – joinedup · 2 {PLACEHOLDER}") == []


def test_python_scan_finds_unmarked_labels(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        "from django.utils.translation import gettext_lazy as _\n"
        "class Colour(models.TextChoices):\n"
        "    RED = 'red', 'Red'\n"
        "    BLUE = 'blue', _('Blue')\n"
        "f = forms.CharField(label='Name', help_text=_('Hint'))\n"
        "raise ValidationError('Enter a name')\n"
        "messages.success(request, _('Saved'))\n"
        "class F:\n"
        "    required_messages = {'name': 'Enter the name', 'kind': _('Select it')}\n"
        "    date_order = [('start', 'end', 'The end must be after the start')]\n"
    )
    assert [text for _line, text in unmarked_strings(module)] == [
        "Red", "Name", "Enter a name", "Enter the name", "The end must be after the start"]


def test_po_reader_reads_plurals_context_and_flags(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: cy\\n"\n\n'
        '#, fuzzy\nmsgctxt "verb"\nmsgid "Open"\nmsgstr "Agor"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "un"\nmsgstr[1] ""\n"llawer"\n\n'
        '#~ msgid "gone"\n#~ msgstr "wedi mynd"\n', encoding="utf-8")
    entries = [e for e in read_po(po) if e["msgid"]]
    assert [(e["msgctxt"], e["msgid"], e["flags"]) for e in entries] == [
        ("verb", "Open", {"fuzzy"}), (None, "one", set())]
    assert entries[1]["msgstr"] == {0: "un", 1: "llawer"}


# --- the language switch and the remembered choice ------------------------

SWITCH_TO_WELSH = "/language/?lang=cy&next="


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.django_db
def test_switch_is_on_the_sign_in_page_with_each_language_in_its_own_words(client):
    page = client.get("/sign-in/").content.decode()
    assert '<span aria-current="true" lang="en-GB">English</span>' in page
    assert 'hreflang="cy" lang="cy" rel="alternate">Cymraeg</a>' in page
    assert html_lang(client.get("/sign-in/")) == "en-gb"


@pytest.mark.django_db
def test_switching_sets_the_cookie_and_returns_to_the_page(client, settings):
    response = client.get(SWITCH_TO_WELSH + "/sign-in/%3Fnext%3D/w/x/")
    assert response.status_code == 302 and response["Location"] == "/sign-in/?next=/w/x/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "cy" and int(cookie["max-age"]) >= 300 * 24 * 3600
    page = client.get("/sign-in/")
    assert html_lang(page) == "cy"
    assert '<span aria-current="true" lang="cy">Cymraeg</span>' in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_switch_goes_nowhere_off_this_host(client, next_url):
    response = client.get("/language/", {"lang": "cy", "next": next_url})
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
def test_switch_refuses_an_unknown_language(client):
    assert client.get("/language/", {"lang": "fr", "next": "/"}).status_code == 400
    assert client.post("/language/", {"lang": "cy"}).status_code == 405


@pytest.mark.django_db
def test_a_signed_in_choice_follows_the_account_to_another_device(client, owner, workspace):
    from django.test import Client

    from joinedup.workspaces.models import LanguagePreference

    client.force_login(owner)
    client.get(SWITCH_TO_WELSH + f"/w/{workspace.slug}/")
    assert LanguagePreference.objects.get(user=owner).language == "cy"
    other_device = Client()  # no cookie
    assert html_lang(other_device.get("/sign-in/")) == "en-gb"
    other_device.post("/sign-in/", {"username": owner.username, "password": PASSWORD})
    page = other_device.get("/")
    assert html_lang(page) == "cy"
    # ... and the cookie is set there too, so the page after signing out stays Welsh.
    assert page.cookies["django_language"].value == "cy"
    other_device.post("/sign-out/")
    assert html_lang(other_device.get("/sign-in/")) == "cy"


@pytest.mark.django_db
def test_the_account_choice_wins_over_another_persons_cookie(client, owner):
    from joinedup.workspaces.models import LanguagePreference

    LanguagePreference.objects.create(user=owner, language="en-gb")
    client.cookies["django_language"] = "cy"  # someone else, before, on this computer
    client.post("/sign-in/", {"username": owner.username, "password": PASSWORD})
    assert html_lang(client.get("/")) == "en-gb"


@pytest.mark.django_db
def test_a_workspace_in_wales_offers_welsh_until_a_language_is_chosen(client, owner, workspace):
    client.force_login(owner)
    home = f"/w/{workspace.slug}/"
    offer = "you can use joinedup in Welsh"
    assert offer not in client.get(home).content.decode()  # England by default
    workspace.nations = "england,wales"
    workspace.save()
    page = client.get(home)
    assert html_lang(page) == "en-gb"  # offered, not imposed
    assert offer in page.content.decode() and 'lang="cy">Defnyddio joinedup yn Gymraeg</a>' in page.content.decode()
    client.get("/language/?lang=en-gb&next=/")  # chose English: no more offers
    assert offer not in client.get(home).content.decode()


# --- pages of the core in Welsh ----------------------------------------------

CORE_PAGES = [
    ("/", ["Eich gofodau gwaith", "Creu gofod gwaith", "Mewngofnodi dau gam"], ["Your workspaces", "Your account"]),
    ("/w/{ws}/", ["Trosolwg", "Rheoli aelodau a gwahoddiadau", "Ychwanegu partneriaeth"],
     ["Manage members and invitations", "Add a partnership"]),
    ("/w/{ws}/members/", ["Aelodau Northshire", "Gwahodd rhywun", "Anfon gwahoddiad"], ["Invite someone", "Members of"]),
    ("/w/{ws}/partnerships/{p}/", ["Yn gryno", "Pethau i'w hunioni", "Canlyniadau i bobl", "Y cytundeb"],
     ["At a glance", "Outcomes for people", "The agreement"]),
    ("/w/{ws}/partnerships/new/", ["Ychwanegu partneriaeth", "Pwrpas a gweledigaeth", "Dyddiad dechrau", "Cadw"],
     ["Purpose and vision", "Start date"]),
    ("/w/{ws}/organisations/", ["Sefydliadau", "Ychwanegu sefydliad", "Nid oes sefydliadau eto."],
     ["Add organisation", "There are no"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("address", "welsh", "english"), CORE_PAGES, ids=[p[0] for p in CORE_PAGES])
def test_core_pages_read_in_welsh(client, owner, workspace, partnership, address, welsh, english):
    client.force_login(owner)
    client.cookies["django_language"] = "cy"
    response = client.get(address.format(ws=workspace.slug, p=partnership.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert html_lang(response) == "cy"
    for text in welsh:
        assert text.replace("'", "&#x27;") in page or text in page, text
    for text in english:
        assert text not in page, text


@pytest.mark.django_db
def test_form_errors_are_in_welsh(client, owner, workspace):
    client.force_login(owner)
    client.cookies["django_language"] = "cy"
    page = client.post(f"/w/{workspace.slug}/partnerships/new/", {}).content.decode()
    assert "Mae problem" in page and "Rhowch enw&#x27;r bartneriaeth" in page
    page = client.post(f"/w/{workspace.slug}/partnerships/new/", {
        "name": "X", "purpose": "Y", "form": "pooled_budget", "status": "active",
        "start_date_day": "31", "start_date_month": "2", "start_date_year": "2024"}).content.decode()
    assert "Y dyddiad y dechreuodd y bartneriaeth: rhowch ddyddiad go iawn" in page


@pytest.mark.django_db
def test_password_reset_email_is_in_the_language_of_the_page(client, owner, mailoutbox=None):
    from django.core import mail

    client.cookies["django_language"] = "cy"
    client.post("/password-reset/", {"email": owner.email})
    assert mail.outbox[-1].subject == "Ailosod eich cyfrinair joinedup"
    assert "Gofynnodd rhywun am ailosod cyfrinair eich cyfrif joinedup (owner)." in mail.outbox[-1].body
