"""`mingle check`: the content rules over the whole course, or the exercise files of one folder; one line each."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mingle.course.checks import check_course
from mingle.errors import ExerciseError, ProblemsError, UsageError
from mingle.exercises import check_exercises


def add_parser(sub) -> argparse.ArgumentParser:
    """Register `mingle check` on the command's subparsers."""
    parser = sub.add_parser("check", help="check the course against the content rules",
                            description="With no folder: check the whole course in the current folder (pages, "
                                        "exercises, session plans, guest cards) against the kit's content rules. "
                                        "With a folder: check only the exercise files in it. One line per "
                                        "problem, with file, place and reason; plans that overrun are warnings.")
    parser.add_argument("folder", nargs="?", help="folder of exercise files to check on their own "
                                                  "(default: the whole course in the current folder)")
    parser.set_defaults(run=run)
    return parser


def run(args) -> int:
    """Check the course or the folder; problems raise, so the command prints them one per line (exit 1)."""
    if args.folder is not None:
        if not Path(args.folder).is_dir():
            raise UsageError(f"{args.folder}: no such exercises folder")
        exercises, problems = check_exercises(Path(args.folder))
        if problems:
            raise ExerciseError(problems)
        print(f"{len(exercises)} exercise files valid in {args.folder}", file=sys.stdout)
        return 0
    root = Path(".")
    if not (root / "docs").is_dir() or not (root / "exercises").is_dir():
        raise UsageError(f"{Path.cwd()}: no course here (expected docs/ and exercises/); run from the kit's "
                         "folder, or name a folder of exercise files")
    report = check_course(root, readability=True, slides=True)
    for warning in report.warnings:
        print(f"mingle: warning: {warning}", file=sys.stderr)
    if report.problems:
        raise ProblemsError(list(report.problems))
    print(f"{report.pages} pages and {report.exercises} exercise files keep the content rules", file=sys.stdout)
    return 0
