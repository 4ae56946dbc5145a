"""The `joinedup` command: Django's management commands plus a few of our own.

`joinedup`, `joinedup help` and `joinedup --help` list joinedup's commands first, one line
each, then Django's own; `joinedup help COMMAND` (or `joinedup COMMAND --help`) gives one
command's options."""

import os
import sys
import textwrap

from django.utils.translation import gettext_lazy as _

# The commands a newcomer needs, in the order they need them. Django's migrate and
# createsuperuser are here because nobody gets started without them; any joinedup command
# missing here is still listed, with the first sentence of its own help.
FIRST_COMMANDS = {
    "demo": _("migrate, load the Northshire demo if absent, print how to sign in, and serve it"),
    "serve": _("serve the web app with gunicorn (--host, --port, --workers)"),
    "migrate": _("create or update the database"),
    "createsuperuser": _("make a user who can sign in and use /admin/"),
    "loaddemo": _("load (or with --replace rebuild) the Northshire demo locality"),
    "worker": _("run background tasks (needs TASKS_BACKEND=django_tasks_db.DatabaseBackend)"),
    "review": _("review a partnership and print or save its report, or queue reviews of all"),
    "close_lapsed_waves": _("daily survey upkeep: close lapsed waves, seal used links, drop old drafts"),
    "export_workspace": _("export a workspace to one archive: JSON and CSV per table, manifest, checksums"),
    "import_workspace": _("import a workspace archive as a new workspace (--slug for another address)"),
    "analyse": _("run a statistical method on a CSV file, no database needed"),
}


def first_sentence(text):
    line = " ".join((text or "").split())
    return line.split(". ")[0].rstrip(".")


def main_help():
    from django.core.management import get_commands, load_command_class

    commands = get_commands()
    ours = {name for name, app in commands.items() if app.startswith("joinedup.")} | {"analyse"}
    lines = [
        _("Usage: joinedup COMMAND [options]"),
        _("       joinedup help COMMAND    (the options of one command)"),
        "",
        _("joinedup's commands:"),
    ]
    described = dict(FIRST_COMMANDS)
    for name in sorted(ours - described.keys()):
        described[name] = first_sentence(load_command_class(commands[name], name).help)
    width = max(map(len, described))
    lines += [f"  {name.ljust(width)}  {text}" for name, text in described.items()]

    lines += ["", _("Django's own commands and its add-ons', by app:")]
    by_app = {}
    for name, app in commands.items():
        if name not in described:
            by_app.setdefault(app.replace("django.core", "django").rpartition(".")[2], []).append(name)
    for app, names in sorted(by_app.items()):
        lines += textwrap.wrap(
            f"[{app}] {', '.join(sorted(names))}", width=100,
            initial_indent="  ", subsequent_indent="      ",
        )
    return "\n".join(map(str, lines))


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "analyse":
        from joinedup.indicators.analyse import main as analyse

        return analyse(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.settings")
    import django
    from django.core.management import execute_from_command_line
    from django.utils import translation

    from joinedup.design_system.commands import command_language

    # The list of commands and `joinedup help COMMAND` are printed here, before any
    # command runs: they follow the language asked for as the commands do
    # (design_system/commands.py). A command itself sets its own language.
    asking = [word for word in argv if word != "--language" and not word.startswith("--language=")]
    if "--language" in argv[:-1]:
        asking.remove(argv[argv.index("--language") + 1])
    if asking in ([], ["help"], ["--help"], ["-h"]) or asking[0] == "help":
        django.setup()
        with translation.override(command_language(argv)):
            if len(asking) <= 1:
                print(main_help())
            else:
                execute_from_command_line(["joinedup", *asking])
        return 0
    execute_from_command_line(["joinedup", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
