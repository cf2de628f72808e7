"""What the subcommands that read the kit's exercises share: the --exercises option and the reading of it
(grade, template, room and the question banks of export)."""

from __future__ import annotations

import argparse
from pathlib import Path

from mingle.errors import ExerciseError, UsageError
from mingle.exercises import check_exercises
from mingle.packaged import packaged_exercises


def add_exercises_option(parser: argparse.ArgumentParser) -> None:
    """The --exercises option: the folder of the kit's exercise files."""
    parser.add_argument("--exercises", metavar="DIR",
                        help="folder of exercise files (default: exercises here, else the installed kit's own)")


def exercises_folder(folder: str | None) -> Path:
    """The folder asked for; without one, `exercises` here, or else the copy an installed wheel carries."""
    if folder is not None:
        return Path(folder)
    here = Path("exercises")
    if here.is_dir():
        return here
    return packaged_exercises() or here


def kit_exercises(folder: str | None) -> dict:
    """The kit's exercises: a missing folder is a usage error (exit 2), invalid files are problems (exit 1)."""
    path = exercises_folder(folder)
    folder = str(path)
    if not path.is_dir():
        raise UsageError(f"{folder}: no such exercises folder (run in the kit's folder, or give --exercises DIR)")
    exercises, problems = check_exercises(path)
    if problems:  # the exercise files themselves are invalid: nothing can be graded
        raise ExerciseError(problems)
    return exercises
