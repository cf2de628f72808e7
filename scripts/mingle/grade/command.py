"""The `mingle grade` and `mingle template` subcommands: a thin shell over inputs, grading and reports."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mingle.errors import ExerciseError, MingleError
from mingle.exercises import check_exercises
from mingle.grade import grading, inputs, roster
from mingle.grade.progress import Progress
from mingle.grade.reports.debrief import DebriefReport
from mingle.grade.reports.feedback import FeedbackReport
from mingle.grade.reports.machine import CsvReport, JsonReport
from mingle.grade.reports.text import TextReport
from mingle.grade.sheets import Rejected

GRADE_HELP = """\
INPUT is an answer sheet (mingle.answers/1, JSON or YAML), a CSV roster typed up from paper
(learner,<exercise>.<item>,...), any text holding MINGLE1 answer codes (a saved chat, an email,
a form's CSV), a folder (read recursively), or - for standard input. Each input may be up to 2 MiB.

exit status: 0 every input graded; 1 some inputs rejected (one line each on standard error,
the rest still graded); 2 usage error."""


def _kit_options(parser: argparse.ArgumentParser) -> None:
    """The options both subcommands share: where the exercises are, and --debug after the subcommand too."""
    parser.add_argument("--exercises", metavar="DIR", default="exercises",
                        help="folder of exercise files (default: exercises)")
    parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def add_parsers(sub) -> None:
    """Add `grade` and `template` to the command's subparsers."""
    grade = sub.add_parser(
        "grade", help="grade answer sheets, rosters and answer codes", epilog=GRADE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Grade one learner or a whole room with the same scorer as the site.")
    form = grade.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print one JSON object (learners and rejected inputs)")
    form.add_argument("--csv", action="store_true", help="print CSV: one row per learner and exercise")
    grade.add_argument("--html", metavar="FILE", help="also write the debrief page for the projector to FILE")
    grade.add_argument("--feedback", metavar="DIR", help="also write one feedback page per learner into DIR")
    _kit_options(grade)
    grade.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or - for standard input")
    grade.set_defaults(run=run_grade)

    template = sub.add_parser(
        "template", help="print an empty CSV roster to type paper answers into",
        description="Print an empty roster: the header row, then two rows starting with # (each item's "
                    "question, and what to type) that grading skips.")
    template.add_argument("--csv", action="store_true", help="CSV (the default, and for now the only format)")
    _kit_options(template)
    template.add_argument("exercise_ids", nargs="*", metavar="EXERCISE", help="exercise ids (default: all)")
    template.set_defaults(run=run_template)


class Usage(Exception):
    """A usage problem found after parsing: exit 2."""


def _say(message: str) -> None:
    print(f"mingle: {message}", file=sys.stderr)


def _exercises(folder: str) -> dict:
    """The kit's exercises; a missing folder is a usage problem, invalid files are problems found."""
    path = Path(folder)
    if not path.is_dir():
        raise Usage(f"{folder}: no such exercises folder (run in the kit's folder, or give --exercises DIR)")
    exercises, problems = check_exercises(path)
    if problems:  # the exercise files themselves are invalid: nothing can be graded
        raise ExerciseError(problems)
    return exercises


def _ready(args, check_outputs: bool) -> tuple[dict | None, int]:
    """The exercises (and checked output places), or None and the exit code after saying why."""
    try:
        exercises = _exercises(args.exercises)
        if check_outputs:
            _outputs(args)
        return exercises, 0
    except Usage as err:
        _say(str(err))
        return None, 2
    except ExerciseError as err:
        for problem in err.problems:
            _say(str(problem))
        return None, 1


def _outputs(args) -> None:
    """Check the output places before grading anything, so a typo costs nothing."""
    if args.inputs.count("-") > 1:
        raise Usage("- (standard input) can be given only once")
    if args.html:
        target = Path(args.html)
        if target.is_dir():
            raise Usage(f"--html {args.html}: is a folder; give a file name")
        if not (target.parent if str(target.parent) else Path(".")).is_dir():
            raise Usage(f"--html {args.html}: folder {target.parent} does not exist")
    if args.feedback:
        try:
            Path(args.feedback).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise Usage(f"--feedback {args.feedback}: cannot make the folder: {err.strerror or err}") from None


def run_grade(args) -> int:
    """Grade every input; one line on standard error per rejected input."""
    exercises, code = _ready(args, check_outputs=True)
    if exercises is None:
        return code
    out = sys.stdout
    primary = JsonReport(out) if args.json else CsvReport(out) if args.csv else TextReport(out, exercises)
    reports = [primary]
    if args.html:
        reports.append(DebriefReport(args.html, exercises))
    if args.feedback:
        reports.append(FeedbackReport(args.feedback, exercises))
    progress = Progress.for_terminal(sys.stderr, out, lambda: inputs.count_files(args.inputs))
    stdin = getattr(sys.stdin, "buffer", None) if "-" in args.inputs else None
    rejected = 0
    try:
        stream = inputs.read_inputs(args.inputs, exercises, stdin=stdin, on_file=progress.tick)
        for event in grading.grade(stream, exercises):
            if isinstance(event, Rejected):
                rejected += 1
                progress.message(f"mingle: {event}")
                for report in reports:
                    report.reject(event)
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


def run_template(args) -> int:
    """Print the empty roster for the chosen exercises (all, in course order, by default)."""
    exercises, code = _ready(args, check_outputs=False)
    if exercises is None:
        return code
    order = grading.kit_order(exercises)
    wanted = args.exercise_ids or sorted(exercises, key=order.get)
    unknown = [e for e in wanted if e not in exercises]
    if unknown:
        _say(f"template: unknown exercise {', '.join(repr(e) for e in unknown)}; "
             f"expected one of: {', '.join(sorted(exercises, key=order.get))}")
        return 2
    sys.stdout.write(roster.template(exercises[e] for e in wanted))
    return 0
