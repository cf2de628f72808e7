"""`mingle grade`: a thin shell over inputs, grading and reports."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mingle.activities import activity_ids, kit_activities
from mingle.errors import MingleError, UsageError
from mingle.exercise_option import add_exercises_option, exercises_folder, kit_exercises
from mingle.grade import inputs
from mingle.grade.progress import Progress
from mingle.marking import grading
from mingle.marking.reports.debrief import DebriefReport
from mingle.marking.reports.feedback import FeedbackReport
from mingle.marking.reports.machine import CsvReport, JsonReport
from mingle.marking.reports.text import TextReport
from mingle.marking.roomlive import LiveRoom
from mingle.marking.sheets import Notice, Rejected

GRADE_HELP = """\
INPUT is an answer sheet (mingle.answers/1, JSON or YAML), a roster typed up from paper
(learner,<exercise>.<item>,...: CSV, tab-separated or .xlsx), any text holding MINGLE2 or MINGLE1
answer codes (a saved chat as text, HTML or JSON, an email as text, .eml or .mbox, a form's CSV),
a live room's database (FILE.sqlite from `mingle room`), a folder (read recursively), or - for
standard input. Each input may be up to 2 MiB.

exit status: 0 every input graded; 1 some inputs rejected (one line each on standard error,
the rest still graded); 2 usage error; 3 internal error (add --debug for the traceback)."""


def add_parser(sub) -> argparse.ArgumentParser:
    """Register `mingle grade` on the command's subparsers."""
    grade = sub.add_parser(
        "grade", help="grade answer sheets, rosters and answer codes", epilog=GRADE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Grade one learner or a whole room with the same scorer as the site.")
    form = grade.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print one JSON object (learners and rejected inputs)")
    form.add_argument("--csv", action="store_true", help="print CSV: one row per learner and exercise")
    grade.add_argument("--html", metavar="FILE", help="also write the debrief page for the projector to FILE")
    grade.add_argument("--feedback", metavar="DIR", help="also write one feedback page per learner into DIR")
    add_exercises_option(grade)
    grade.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or - for standard input")
    grade.set_defaults(run=run)
    return grade


def _outputs(args) -> None:
    """Check the output places before grading anything, so a typo costs nothing."""
    if args.inputs.count("-") > 1:
        raise UsageError("- (standard input) can be given only once")
    if args.html:
        target = Path(args.html)
        if target.is_dir():
            raise UsageError(f"--html {args.html}: is a folder; give a file name")
        if not (target.parent if str(target.parent) else Path(".")).is_dir():
            raise UsageError(f"--html {args.html}: folder {target.parent} does not exist")
    if args.feedback:
        try:
            Path(args.feedback).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UsageError(f"--feedback {args.feedback}: cannot make the folder: {err.strerror or err}") from None


def run(args) -> int:
    """Grade every input; one line on standard error per rejected input."""
    exercises = kit_exercises(args.exercises)
    activities = activity_ids(exercises_folder(args.exercises).parent / "activities")
    _outputs(args)
    out = sys.stdout
    primary = JsonReport(out) if args.json else CsvReport(out) if args.csv else TextReport(out, exercises)
    reports = [primary]
    debrief = None
    if args.html:
        live, blocked = kit_activities(exercises_folder(args.exercises).parent)
        debrief = DebriefReport(args.html, exercises, live, blocked)
        reports.append(debrief)
    if args.feedback:
        reports.append(FeedbackReport(args.feedback, exercises))
    progress = Progress.for_terminal(sys.stderr, out, lambda: inputs.count_files(args.inputs))
    stdin = getattr(sys.stdin, "buffer", None) if "-" in args.inputs else None
    rejected = 0
    try:
        stream = inputs.read_inputs(args.inputs, exercises, stdin=stdin, on_file=progress.tick)
        for event in grading.grade(stream, exercises, activities):
            if isinstance(event, Rejected):
                rejected += 1
                progress.message(f"mingle: {event}")
                for report in reports:
                    report.reject(event)
            elif isinstance(event, Notice):  # read all the same: said on standard error, not counted
                progress.message(f"mingle: {event}")
            elif isinstance(event, LiveRoom):  # a room's live activities: only the debrief page shows them
                if debrief is not None:
                    debrief.add_room(event)
            else:
                for report in reports:
                    report.add(event)
        progress.clear()
        for report in reports:
            report.finish()
        if not (args.json or args.csv):
            if args.html:
                print(f"\nDebrief page: {args.html}", file=out)
            if args.feedback:
                print(f"{'' if args.html else chr(10)}Feedback pages: {Path(args.feedback) / 'index.html'}", file=out)
    except BrokenPipeError:
        # Whoever read our output (`| head`) has gone: stop quietly, and keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as err:
        if err.filename is None:
            raise
        raise MingleError(f"{err.filename}: cannot write: {err.strerror or err}") from None
    finally:
        progress.clear()
    return 1 if rejected else 0
