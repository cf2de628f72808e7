"""The content rules in the site build: a strict build stops on them; `make serve` shows them on the page instead."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as etree
from functools import lru_cache
from pathlib import Path

from markdown.preprocessors import Preprocessor

from mingle.errors import KitBuildError
from mingle.site.problems import error_box, stop
from mingle.site.readings import course_problems


def rules_root(exercises_dir: str) -> Path:
    """Where the content rules read the course: the folder that holds exercises/, as the configuration gives it
    (so that problems name the files as the presenter knows them)."""
    return Path(exercises_dir).parent


@lru_cache(maxsize=1)
def _say(problems: tuple[str, ...]) -> None:
    """Say the problems in the terminal too, once for each change of them rather than once for each page; not
    through MkDocs' log, whose error would stop `make serve` in strict mode."""
    print("\n".join(f"mingle: {line}" for line in problems), file=sys.stderr)


class CourseRulesPreprocessor(Preprocessor):
    """Before each page: stop the build on the course's problems, or (show_errors) put them atop the page."""

    def __init__(self, md, root: Path, show_errors: bool):
        """Remember the kit's root and whether to show problems rather than stop."""
        super().__init__(md)
        self.root, self.show_errors = root, show_errors

    def run(self, lines: list[str]) -> list[str]:
        """The page's lines, with an alert first when the course has problems in `make serve`."""
        problems = course_problems(self.root)
        if not problems:
            return lines
        if not self.show_errors:
            stop(KitBuildError("the course breaks its content rules (see the Adapting page)", problems))
        _say(problems)
        box = error_box(None, "The course has problems: fix these and save", problems)
        return [self.md.htmlStash.store(etree.tostring(box, encoding="unicode")), "", *lines]
