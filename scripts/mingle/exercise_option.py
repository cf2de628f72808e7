"""What the subcommands that read the kit's exercises share: the --exercises option and the reading of it
(grade, template, room and the question banks of export)."""

from __future__ import annotations

import argparse
from pathlib import Path

from mingle.errors import ExerciseError, UsageError
from mingle.exercises import check_exercises


def add_exercises_option(parser: argparse.ArgumentParser) -> None:
    """The --exercises option: the folder of the kit's exercise files."""
    parser.add_argument("--exercises", metavar="DIR", default="exercises",
                        help="folder of exercise files (default: exercises)")


def kit_exercises(folder: str) -> dict:
    """The kit's exercises: a missing folder is a usage error (exit 2), invalid files are problems (exit 1)."""
    path = Path(folder)
    if not path.is_dir():
        raise UsageError(f"{folder}: no such exercises folder (run in the kit's folder, or give --exercises DIR)")
    exercises, problems = check_exercises(path)
    if problems:  # the exercise files themselves are invalid: nothing can be graded
        raise ExerciseError(problems)
    return exercises
