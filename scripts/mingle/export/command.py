"""`mingle export`: write the question banks (and the SCORM package), naming each item a quiz cannot hold."""

from __future__ import annotations

import argparse
from pathlib import Path

from mingle import atomic
from mingle.errors import ProblemsError, UsageError
from mingle.export.bank import questions
from mingle.export.gift import gift
from mingle.export.moodle_xml import moodle_xml
from mingle.export.qti import qti_zip
from mingle.grade import grading
from mingle.grade.command import exercises_option, kit_exercises

BANKS = {
    "moodle-xml": (moodle_xml, "a Moodle XML question bank (Moodle, Totara)"),
    "gift": (gift, "a GIFT question bank (Moodle's plain-text format)"),
    "qti": (qti_zip, "a QTI 1.2 question bank as a zip (Canvas, Blackboard)"),
}
EPILOG = """exit status: 0 done; 1 done, with items a quiz cannot mark left out (one line each on standard
error, saying which and why); 2 usage error."""


def add_parser(sub) -> argparse.ArgumentParser:
    """Register `mingle export` and its formats on the command's subparsers."""
    export = sub.add_parser("export", help="export the course for an LMS (SCORM) or its questions as a bank",
                            description="Export the exercises as a question bank for an LMS quiz.", epilog=EPILOG,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    formats = export.add_subparsers(dest="format", metavar="FORMAT", required=True)
    for name, (_, about) in BANKS.items():
        bank = formats.add_parser(name, help=about, description=f"Write {about}.", epilog=EPILOG,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        bank.add_argument("--out", required=True, metavar="PATH", help="the file to write")
        exercises_option(bank)
        bank.add_argument("exercise_ids", nargs="*", metavar="EXERCISE", help="exercise ids (default: all)")
        bank.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                          help="show a traceback for unexpected errors")
        bank.set_defaults(run=run_bank)
    return export


def chosen(folder: str, wanted: list[str]) -> list:
    """The exercises asked for (all by default), in course order; an unknown id is a usage error."""
    exercises = kit_exercises(folder)
    order = grading.kit_order(exercises)
    unknown = [e for e in wanted if e not in exercises]
    if unknown:
        raise UsageError(f"export: unknown exercise {', '.join(repr(e) for e in unknown)}; "
                         f"expected one of: {', '.join(sorted(exercises, key=order.get))}")
    return [exercises[e] for e in sorted(set(wanted) or exercises, key=order.get)]


def output(path: str) -> Path:
    """Where to write: its folder must exist already."""
    target = Path(path)
    if not target.parent.is_dir():
        raise UsageError(f"{path}: no such folder {str(target.parent)!r} to write into")
    if target.is_dir():
        raise UsageError(f"{path}: is a folder; give a file name")
    return target


def run_bank(args) -> int:
    """Write one question bank; items left out raise afterwards (exit 1), one line each."""
    write, _ = BANKS[args.format]
    target = output(args.out)
    found, left_out = questions(chosen(args.exercises, args.exercise_ids))
    if not found:
        raise UsageError("export: the exercises chosen have no question a quiz can mark")
    atomic.write_bytes(target, write(found))
    print(f"{len(found)} questions from {len({q.exercise.id for q in found})} exercises in {target}")
    if left_out:
        raise ProblemsError(left_out)
    return 0
