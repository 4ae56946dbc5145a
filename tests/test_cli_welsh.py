"""joinedup's commands in Welsh: `--language cy`, or an environment set to Welsh
(LANG=cy_GB.UTF-8), as any other program; English otherwise (docs/translation.md)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from joinedup.__main__ import main
from joinedup.demo.management.commands.serve import where_the_data_lives
from joinedup.design_system.commands import (
    LANGUAGE_VARIABLES,
    command_language,
    environment_language,
)
from tests.test_cli import run_joinedup


@pytest.mark.parametrize(("environ", "language"), [
    ({}, "en-gb"),
    ({"LANG": "cy_GB.UTF-8"}, "cy"),
    ({"LANG": "C.UTF-8"}, "en-gb"),
    ({"LANG": "en_GB.UTF-8", "LC_ALL": "cy_GB.UTF-8"}, "cy"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "cy_GB.UTF-8"}, "en-gb"),  # LC_ALL wins over LANG, as in gettext
    ({"LANGUAGE": "cy:en", "LANG": "en_GB.UTF-8"}, "cy"),
    ({"LANGUAGE": "", "LANG": "cy"}, "cy"),  # an empty variable is not set
    ({"LANG": "fr_FR.UTF-8"}, "en-gb"),  # a language joinedup does not speak
])
def test_the_environment_chooses_the_language(environ, language):
    assert environment_language(environ) == language


def test_the_option_wins_over_the_environment():
    welsh = {"LANG": "cy_GB.UTF-8"}
    assert command_language(["review", "--language", "en-gb"], welsh) == "en-gb"
    assert command_language(["--language=cy"], {}) == "cy"
    assert command_language([], {}, chosen="cy") == "cy"
    assert command_language(["--language", "xx"], welsh) == "cy"  # argparse refuses it; help follows LANG


@pytest.mark.django_db
def test_a_command_speaks_welsh_when_the_environment_does(monkeypatch):
    english, welsh = io.StringIO(), io.StringIO()
    call_command("close_lapsed_waves", stdout=english)
    monkeypatch.setenv("LANG", "cy_GB.UTF-8")
    call_command("close_lapsed_waves", stdout=welsh)
    assert english.getvalue().splitlines()[0] == "0 waves closed, 0 used links sealed, 0 drafts deleted."
    assert welsh.getvalue().splitlines()[0] == (
        "0 cylch wedi'i gau, 0 dolen a ddefnyddiwyd wedi'i selio, 0 drafft wedi'i ddileu.")


@pytest.mark.django_db
def test_a_commands_errors_are_in_its_language(monkeypatch):
    with pytest.raises(CommandError, match="Name a partnership"):
        call_command("review")
    with pytest.raises(CommandError, match="Enwch bartneriaeth"):
        call_command("review", "--language", "cy")
    monkeypatch.setenv("LANG", "cy_GB.UTF-8")
    with pytest.raises(CommandError, match="Nid oes gofod gwaith"):
        call_command("review", "x", "--workspace", "nowhere")
    with pytest.raises(CommandError, match="Name a partnership"):
        call_command("review", "--language", "en-gb")


def test_the_command_line_in_welsh(tmp_path):
    """As a person runs it: the list of commands, one command's help and its error."""
    welsh = {"LANG": "cy_GB.UTF-8"}
    listed = run_joinedup("help", env=welsh, tmp_path=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "Gorchmynion joinedup:" in listed.stdout
    assert "creu neu ddiweddaru'r gronfa ddata" in listed.stdout
    helped = run_joinedup("review", "--help", env=welsh, tmp_path=tmp_path)
    assert "Adolygu partneriaeth (yn ôl ei rhif adnabod" in " ".join(helped.stdout.split())
    assert "Rhif adnabod neu union enw'r bartneriaeth." in " ".join(helped.stdout.split())
    refused = run_joinedup("review", env=welsh, tmp_path=tmp_path)
    assert refused.returncode != 0
    assert "Enwch bartneriaeth (rhif adnabod neu enw), neu defnyddiwch --all." in refused.stderr
    asked = run_joinedup("review", "--language", "cy", env={"LANG": "C.UTF-8"}, tmp_path=tmp_path)
    assert "Enwch bartneriaeth" in asked.stderr
    helped_here = run_joinedup("help", "close_lapsed_waves", "--language", "cy", tmp_path=tmp_path)
    assert "Cau'r cylchoedd" in helped_here.stdout


def test_the_command_line_is_english_by_default(tmp_path):
    listed = run_joinedup("help", env={"LANG": "C.UTF-8"}, tmp_path=tmp_path)
    assert "joinedup's commands:" in listed.stdout
    refused = run_joinedup("review", env={"LANG": "en_GB.UTF-8"}, tmp_path=tmp_path)
    assert "Name a partnership (id or name), or use --all." in refused.stderr


# --- the demo app's commands: demo, loaddemo, serve and worker ------------------------------

def without_a_language(monkeypatch):
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.django_db
def test_loaddemo_speaks_welsh_when_asked_and_english_by_default(monkeypatch):
    """Its progress lines (the loaders', through the command) and its result; the demo's
    own data (the workspace's name here) stays in English in both."""
    without_a_language(monkeypatch)
    welsh = io.StringIO()
    call_command("loaddemo", "--locality", "northern-ireland", "--language", "cy", stdout=welsh)
    said = welsh.getvalue()
    assert "Sefydliadau a phobl…" in said
    assert "Cyfarfodydd, wedi'u costio ar Agenda ar gyfer Newid HSC…" in said
    assert "Meetings" not in said
    assert "Wedi llwytho Loughside" in said and "Mewngofnodwch fel demo / " in said
    english = io.StringIO()
    call_command("loaddemo", "--locality", "northern-ireland", stdout=english)
    assert english.getvalue().startswith("Already present: Loughside")
    assert "Sign in as demo / " in english.getvalue()
    monkeypatch.setenv("LANG", "cy_GB.UTF-8")
    from_the_environment = io.StringIO()
    call_command("loaddemo", "--locality", "northern-ireland", stdout=from_the_environment)
    assert from_the_environment.getvalue().startswith("Yno eisoes: Loughside")


@pytest.mark.parametrize(("asking", "shown"), [
    (["loaddemo", "--help"], ["Llwytho ardal enghreifftiol (yr un fath bob tro o'r un hedyn)",
                              "Ei dileu a'i hailadeiladu os yw yno."]),
    (["demo", "--help", "--language", "cy"], ["Mudo'r gronfa ddata, llwytho ardal enghreifftiol Northshire",
                                              "Llwytho'r enghraifft ond peidio â'i gweini."]),
    (["serve", "--help"], ["Gweini joinedup gyda gunicorn", "Y porth i wrando arno (diofyn: PORT"]),
    (["worker", "--help"], ["Rhedeg y gweithiwr tasgau yn y cefndir", "--queue-name"]),
])
def test_the_demo_commands_help_in_welsh(asking, shown, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "cy_GB.UTF-8")
    with pytest.raises(SystemExit):
        main(asking)
    helped = " ".join(capsys.readouterr().out.split())
    for words in shown:
        assert words in helped


def test_the_demo_commands_help_is_english_by_default(capsys, monkeypatch):
    without_a_language(monkeypatch)
    with pytest.raises(SystemExit):
        main(["loaddemo", "--help"])
    helped = " ".join(capsys.readouterr().out.split())
    assert "Load a demo locality (deterministic from its seed)" in helped
    assert "Delete and rebuild it if present." in helped


@pytest.mark.django_db
def test_where_the_data_lives_and_the_workers_refusal_in_welsh(monkeypatch):
    with translation.override("cy"):
        lines = where_the_data_lives().splitlines()
    assert lines[0].startswith("Cyfeiriadur data (JOINEDUP_DATA_DIR): ")
    assert lines[1].startswith("Cronfa ddata (DATABASE_URL): ")
    monkeypatch.setenv("LANG", "cy_GB.UTF-8")
    with pytest.raises(CommandError, match="nid oes dim i weithiwr ei wneud") as refused:
        call_command("worker")
    assert "    TASKS_BACKEND=django_tasks_db.DatabaseBackend\n" in str(refused.value)
    with pytest.raises(CommandError, match="there is nothing for a worker to do"):
        call_command("worker", "--language", "en-gb")
