"""`mingle template`: print an empty CSV roster to type a room's paper answers into."""

from __future__ import annotations

import argparse
import sys

from mingle.errors import UsageError
from mingle.grade import roster
from mingle.marking import grading
from mingle.exercise_option import add_exercises_option, kit_exercises


def add_parser(sub) -> argparse.ArgumentParser:
    """Register `mingle template` on the command's subparsers."""
    template = sub.add_parser(
        "template", help="print an empty CSV roster to type paper answers into",
        description="Print an empty roster: the header row, then two rows starting with # (each item's "
                    "question, and what to type) that grading skips.")
    template.add_argument("--csv", action="store_true", help="CSV (the default, and for now the only format)")
    add_exercises_option(template)
    template.add_argument("exercise_ids", nargs="*", metavar="EXERCISE", help="exercise ids (default: all)")
    template.set_defaults(run=run)
    return template


def run(args) -> int:
    """Print the empty roster for the chosen exercises (all, in course order, by default)."""
    exercises = kit_exercises(args.exercises)
    order = grading.kit_order(exercises)
    wanted = args.exercise_ids or sorted(exercises, key=order.get)
    unknown = [e for e in wanted if e not in exercises]
    if unknown:
        raise UsageError(f"template: unknown exercise {', '.join(repr(e) for e in unknown)}; "
                         f"expected one of: {', '.join(sorted(exercises, key=order.get))}")
    sys.stdout.write(roster.template(exercises[e] for e in wanted))
    return 0
