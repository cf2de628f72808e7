"""The `mingle` command: a thin shell over the pure core (exit 0 ok, 1 problems found, 2 usage)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mingle import __version__
from mingle.errors import MingleError
from mingle.exercises import check_exercises
from mingle.grade import command as grade_command
from mingle.handouts.command import add_parser as add_handouts_parser


def _check(args) -> int:
    """Validate every exercise file; one line per problem."""
    exercises, problems = check_exercises(Path(args.folder))
    for problem in problems:
        print(f"mingle: {problem}", file=sys.stderr)
    if not problems:
        print(f"{len(exercises)} exercise files valid in {args.folder}")
    return 1 if problems else 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="mingle", description="Check exercises, grade answer sheets, build handouts.")
    parser.add_argument("--version", action="version", version=f"mingle {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback for unexpected errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser("check", help="validate the exercise files")
    check.add_argument("folder", nargs="?", default="exercises", help="folder of exercise files (default: exercises)")
    check.set_defaults(run=_check)
    add_handouts_parser(sub)
    grade_command.add_parsers(sub)
    return parser


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
    except MingleError as err:
        for line in str(err).splitlines():  # several problems: one line each, each with the prefix
            print(f"mingle: {line}", file=sys.stderr)
        return 1
    except Exception as err:  # a bug: a one-line report unless --debug asks for the traceback
        if args.debug:
            raise
        print(f"mingle: internal error: {type(err).__name__}: {err} (run with --debug for details)", file=sys.stderr)
        return 3
