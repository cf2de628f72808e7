"""The content rules in the site build: a strict build stops on them; `make serve` shows them on the page instead."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

from mingle.course.checks import check_course
from mingle.errors import KitBuildError
from mingle.site import buildcache
from mingle.course.pictures import PICTURES

# What the content rules read: every page, exercise and data file, and the scenes' drawings.
WATCHED = (("docs", "*.md"), ("exercises", "*.y*ml"), ("data", "*.y*ml"), (Path("docs") / PICTURES, "*.svg"))


def error_box(parent: etree.Element | None, heading: str, lines: list[str]) -> etree.Element:
    """An alert naming each problem in one line, for `make serve` (the strict build raises instead)."""
    attrs = {"class": "admonition failure mingle-build-error", "role": "alert"}
    box = etree.Element("div", attrs) if parent is None else etree.SubElement(parent, "div", attrs)
    title = etree.SubElement(box, "p", {"class": "admonition-title"})
    title.text = AtomicString(heading)
    listing = etree.SubElement(box, "ul")
    for line in lines:
        etree.SubElement(listing, "li").text = AtomicString(line)
    return box


def _watched(root: Path) -> list[Path]:
    """Every file the content rules read, in a steady order."""
    return [p for folder, pattern in WATCHED for p in sorted((root / folder).rglob(pattern))]


def _problems(root: Path) -> tuple[str, ...]:
    """The course's problems as lines (readability left to `mingle check`: the build needs no textstat)."""
    read = buildcache.exercises(root / "exercises")  # the exercise blocks use the same reading
    return tuple(str(p) for p in check_course(root, exercises_read=read).problems)


_report = buildcache.Memo(_watched, _problems)


def rules_root(exercises_dir: str) -> Path:
    """Where the content rules read the course: the folder that holds exercises/, as the configuration gives it
    (so that problems name the files as the presenter knows them, and the build's two callers share one reading)."""
    return Path(exercises_dir).parent


def course_problems(root: Path) -> tuple[str, ...]:
    """The kit's content-rule problems, worked out again when any file the rules read has changed."""
    return _report(Path(root))


def stop_on_problems(root: Path) -> None:
    """Stop the build (KitBuildError, a line for each problem) if the course at `root` breaks its content rules."""
    problems = course_problems(root)
    if problems:
        raise KitBuildError("the course breaks its content rules (see the Adapting page)", problems)


_said: tuple[str, ...] = ()  # the problems last printed under `make serve`


class CourseRulesPreprocessor(Preprocessor):
    """Before each page: stop the build on the course's problems, or (show_errors) put them atop the page."""

    def __init__(self, md, root: Path, show_errors: bool):
        """Remember the kit's root and whether to show problems rather than stop."""
        super().__init__(md)
        self.root, self.show_errors = root, show_errors

    def run(self, lines: list[str]) -> list[str]:
        """The page's lines, with an alert first when the course has problems in `make serve`."""
        if not self.show_errors:
            stop_on_problems(self.root)
            return lines
        problems = course_problems(self.root)
        if not problems:
            return lines
        global _said
        if problems != _said:  # in the terminal too, once per change (MkDocs makes a Markdown per page); not
            _said = problems  # through the MkDocs log, whose warning would stop `make serve` in strict mode
            print("\n".join(f"mingle: {line}" for line in problems), file=sys.stderr)
        box = error_box(None, "The course has problems: fix these and save", list(problems))
        return [self.md.htmlStash.store(etree.tostring(box, encoding="unicode")), "", *lines]
