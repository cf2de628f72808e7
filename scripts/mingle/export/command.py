"""`mingle export`: write the question banks (and the SCORM package), naming each item a quiz cannot hold."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from mingle import atomic
from mingle.errors import ProblemsError, UsageError
from mingle.exercise_option import add_exercises_option, kit_exercises
from mingle.export.bank import questions
from mingle.export.gift import gift
from mingle.export.moodle_xml import moodle_xml
from mingle.export.qti import qti_zip
from mingle.export.scorm import MASTERY, package
from mingle.marking import grading
from mingle.zipping import zip_bytes

BANKS = {
    "moodle-xml": (moodle_xml, "a Moodle XML question bank (Moodle, Totara)"),
    "gift": (gift, "a GIFT question bank (Moodle's plain-text format)"),
    "qti": (qti_zip, "a QTI 1.2 question bank as a zip (Canvas, Blackboard)"),
}
EPILOG = """exit status: 0 done; 1 done, with items a quiz cannot mark left out (one line each on standard
error, saying which and why); 2 usage error; 3 internal error (add --debug for the traceback)."""


def add_parser(sub) -> argparse.ArgumentParser:
    """Register `mingle export` and its formats on the command's subparsers."""
    export = sub.add_parser("export", help="export the course for an LMS (SCORM) or its questions as a bank",
                            description="Export the course as a SCORM 1.2 package, or its exercises as a question "
                                        "bank for an LMS quiz.", epilog=EPILOG,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    formats = export.add_subparsers(dest="format", metavar="FORMAT", required=True)
    scorm = formats.add_parser(
        "scorm", help="the whole course as one SCORM 1.2 package (Moodle, Totara, TalentLMS and most others)",
        description="Write the learner's site as one SCORM 1.2 package: a .zip, or a folder of the same files.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    scorm.add_argument("--out", required=True, metavar="PATH", help="a .zip file, or a folder")
    scorm.add_argument("--mastery", type=int, default=MASTERY, metavar="PERCENT",
                       help=f"the pass mark the LMS uses for passed or failed (default: {MASTERY}; "
                            "0 for none, so the course is just completed)")
    scorm.add_argument("--with-presenter", action="store_true",
                       help="keep the presenters' pages and facilitator notes (left out by default)")
    scorm.add_argument("--config", default="mkdocs.yml", help="the site's MkDocs config (default: mkdocs.yml)")
    scorm.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show a traceback for unexpected errors")
    for name, (_, about) in BANKS.items():
        bank = formats.add_parser(name, help=about, description=f"Write {about}.", epilog=EPILOG,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        bank.add_argument("--out", required=True, metavar="PATH", help="the file to write")
        add_exercises_option(bank)
        bank.add_argument("exercise_ids", nargs="*", metavar="EXERCISE", help="exercise ids (default: all)")
        bank.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                          help="show a traceback for unexpected errors")
    export.set_defaults(run=run)
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


def _bank(args) -> int:
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


def _usable_folder(target: Path) -> None:
    """A package's folder must be new, empty, or one an earlier export wrote."""
    if target.exists() and any(target.iterdir()) and not (target / "imsmanifest.xml").is_file():
        raise UsageError(f"{target}: folder is not empty and holds no earlier package; choose another")


def _write_folder(target: Path, files: dict[str, bytes]) -> None:
    """Write the package as a folder: a new or empty one, or one an earlier export wrote (replaced whole)."""
    _usable_folder(target)  # again: the build took a while
    if target.exists():
        shutil.rmtree(target)
    for name, data in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _scorm(args) -> int:
    """Build the learner's site and write it as one SCORM 1.2 package, zipped or as a folder."""
    config = Path(args.config)
    if not config.is_file():
        raise UsageError(f"{config}: no such MkDocs config; run from the kit's folder or pass --config")
    target = Path(args.out)
    if not target.parent.is_dir():
        raise UsageError(f"{args.out}: no such folder {str(target.parent)!r} to write into")
    zipped = target.suffix.lower() == ".zip"
    if zipped and target.is_dir():
        raise UsageError(f"{args.out}: is a folder; give a .zip file name, or a folder name without .zip")
    if not zipped:
        _usable_folder(target)  # said before the build, not after it
    files = package(config, args.mastery, args.with_presenter)
    if zipped:
        atomic.write_bytes(target, zip_bytes(files))
    else:
        _write_folder(target, files)
    print(f"SCORM 1.2 package of {len(files)} files in {target}")
    return 0


def run(args) -> int:
    """Write the format asked for: the SCORM package or a question bank."""
    return _scorm(args) if args.format == "scorm" else _bank(args)
