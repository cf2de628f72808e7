"""`mingle check`: validate the exercise files, one line per problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mingle.errors import ExerciseError
from mingle.exercises import check_exercises


def add_parser(sub) -> argparse.ArgumentParser:
    """Register `mingle check` on the command's subparsers."""
    parser = sub.add_parser("check", help="validate the exercise files",
                            description="Validate every exercise file: one line per problem, with file, key "
                                        "and reason.")
    parser.add_argument("folder", nargs="?", default="exercises", help="folder of exercise files (default: exercises)")
    parser.set_defaults(run=run)
    return parser


def run(args) -> int:
    """Check the folder; problems raise, so the command prints them one per line (exit 1)."""
    exercises, problems = check_exercises(Path(args.folder))
    if problems:
        raise ExerciseError(problems)
    print(f"{len(exercises)} exercise files valid in {args.folder}", file=sys.stdout)
    return 0
