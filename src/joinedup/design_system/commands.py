"""The language of the `joinedup` command line (docs/translation.md).

A command speaks Welsh when asked with `--language cy`, or when the environment
says so as it does for any other program (LANGUAGE, LC_ALL, LC_MESSAGES or LANG
starting with "cy", looked at in that order, as gettext does); otherwise English.
`command_language` is the one rule; `Command` (the base of joinedup's own
commands) applies it to the command's help, its messages and its errors, whether
it is run from a shell or with `call_command`."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext_lazy

WELSH = "cy"
# gettext's own order: the first of these that is set decides.
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def known_language(code):
    """`code` if joinedup speaks it ("cy", "en-gb"), else None."""
    codes = {code for code, _name in settings.LANGUAGES}
    return code if code in codes else None


def environment_language(environ=None):
    """The language the environment asks for: Welsh if its first language
    setting starts with "cy" (cy, cy_GB.UTF-8, LANGUAGE=cy:en), else English."""
    environ = os.environ if environ is None else environ
    for name in LANGUAGE_VARIABLES:
        value = environ.get(name, "")
        if value:
            first = value.split(":")[0].lower()
            return WELSH if first.startswith(WELSH) else settings.LANGUAGE_CODE
    return settings.LANGUAGE_CODE


def command_language(argv=(), environ=None, chosen=None):
    """The language of a command: `chosen` (its --language option), else the
    `--language X` / `--language=X` among the words of its command line, else the
    environment's."""
    if chosen:
        return known_language(chosen) or settings.LANGUAGE_CODE
    argv = list(argv)
    for number, word in enumerate(argv):
        if word == "--language" and number + 1 < len(argv):
            return known_language(argv[number + 1]) or environment_language(environ)
        if word.startswith("--language="):
            return known_language(word.partition("=")[2]) or environment_language(environ)
    return environment_language(environ)


class Command(BaseCommand):
    """A joinedup command that speaks the language asked for (`--language`, or the
    environment's). Subclasses mark their help, messages and errors for translation."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        # argparse needs a str: the help in the language of the moment the parser is made.
        self.help = str(self.help)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if "--language" not in parser._option_string_actions:
            parser.add_argument(
                "--language", choices=[code for code, _name in settings.LANGUAGES],
                help=gettext_lazy("The language of the command's messages: en-gb or cy for Welsh "
                                  "(default: the environment's, as LANG=cy_GB.UTF-8, else English)."),
            )
        return parser

    def run_from_argv(self, argv):
        # Before the options are read, so that --help is in the language too.
        with translation.override(command_language(argv[2:])):
            return super().run_from_argv(argv)

    def execute(self, *args, **options):
        with translation.override(command_language(chosen=options.get("language"))):
            return super().execute(*args, **options)
