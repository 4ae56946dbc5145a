"""The `joinedup` command: Django's management commands plus a few of our own.

`joinedup`, `joinedup help` and `joinedup --help` list joinedup's commands first, one line
each, then Django's own; `joinedup help COMMAND` (or `joinedup COMMAND --help`) gives one
command's options."""

import os
import sys
import textwrap

# The commands a newcomer needs, in the order they need them. Django's migrate and
# createsuperuser are here because nobody gets started without them; any joinedup command
# missing here is still listed, with the first sentence of its own help.
FIRST_COMMANDS = {
    "demo": "migrate, load the Northshire demo if absent, print how to sign in, and serve it",
    "serve": "serve the web app with gunicorn (--host, --port, --workers)",
    "migrate": "create or update the database",
    "createsuperuser": "make a user who can sign in and use /admin/",
    "loaddemo": "load (or with --replace rebuild) the Northshire demo locality",
    "worker": "run background tasks (needs TASKS_BACKEND=django_tasks_db.DatabaseBackend)",
    "review": "review a partnership and print or save its report, or queue reviews of all",
    "close_lapsed_waves": "daily survey upkeep: close lapsed waves, seal used links, drop old drafts",
    "export_workspace": "export a workspace to one archive: JSON and CSV per table, manifest, checksums",
    "import_workspace": "import a workspace archive as a new workspace (--slug for another address)",
    "analyse": "run a statistical method on a CSV file, no database needed",
}


def first_sentence(text):
    line = " ".join((text or "").split())
    return line.split(". ")[0].rstrip(".")


def main_help():
    from django.core.management import get_commands, load_command_class

    commands = get_commands()
    ours = {name for name, app in commands.items() if app.startswith("joinedup.")} | {"analyse"}
    lines = [
        "Usage: joinedup COMMAND [options]",
        "       joinedup help COMMAND    (the options of one command)",
        "",
        "joinedup's commands:",
    ]
    described = dict(FIRST_COMMANDS)
    for name in sorted(ours - described.keys()):
        described[name] = first_sentence(load_command_class(commands[name], name).help)
    width = max(map(len, described))
    lines += [f"  {name.ljust(width)}  {text}" for name, text in described.items()]

    lines += ["", "Django's own commands and its add-ons', by app:"]
    by_app = {}
    for name, app in commands.items():
        if name not in described:
            by_app.setdefault(app.replace("django.core", "django").rpartition(".")[2], []).append(name)
    for app, names in sorted(by_app.items()):
        lines += textwrap.wrap(
            f"[{app}] {', '.join(sorted(names))}", width=100,
            initial_indent="  ", subsequent_indent="      ",
        )
    return "\n".join(lines)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "analyse":
        from joinedup.indicators.analyse import main as analyse

        return analyse(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.settings")
    import django
    from django.core.management import execute_from_command_line

    if argv in ([], ["help"], ["--help"], ["-h"]):
        django.setup()
        print(main_help())
        return 0
    execute_from_command_line(["joinedup", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
