"""The `mingle` command: assembles the subcommands and turns what they raise into one-line reports and exit codes.

Exit codes, the same in every subcommand: 0 done; 1 problems found in the input (each on its own line); 2 usage
(a bad option, a missing folder or an unknown id); 3 an internal error, a bug (a traceback with --debug).
"""

from __future__ import annotations

import argparse
import sys

from mingle import __version__
from mingle.course import command as check
from mingle.course import new_command as new
from mingle.errors import MingleError, UsageError
from mingle.export import command as export
from mingle.grade import command as grade
from mingle.grade import template_command as template
from mingle.handouts import command as handouts
from mingle.release import command as release
from mingle.room import command as room
from mingle.course import present_command as present

# Each subcommand is a module with add_parser(sub) and run(args), listed in the order `mingle --help` shows them.
COMMANDS = (check, new, grade, template, handouts, present, export, room, release)

EPILOG = """exit status: 0 done; 1 problems found (one line each on standard error, prefixed 'mingle:');
2 usage error; 3 internal error (add --debug for the traceback)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand, each of which also takes --debug."""
    parser = argparse.ArgumentParser(
        prog="mingle", description="Check the course, grade answer sheets, run the live room, build handouts, "
                                   "export for an LMS and make a release.", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"mingle {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback for unexpected errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub).add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                                             help="show a traceback for unexpected errors")
    return parser


def _say(err: Exception) -> None:
    """Print an expected problem: one line each, each with the prefix."""
    for line in str(err).splitlines():
        print(f"mingle: {line}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except UsageError as err:
        _say(err)
        return 2
    except MingleError as err:
        _say(err)
        return 1
    except Exception as err:  # a bug: a one-line report unless --debug asks for the traceback
        if args.debug:
            raise
        print(f"mingle: internal error: {type(err).__name__}: {err} (run with --debug for details)", file=sys.stderr)
        return 3
