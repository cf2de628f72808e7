"""The kit's small exception hierarchy and the Problem value it reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import yaml

try:  # Under MkDocs a PluginError is reported as clean lines instead of a traceback.
    from mkdocs.exceptions import PluginError
    _HOST_ERRORS: tuple[type[Exception], ...] = (PluginError,)
except ImportError:  # pragma: no cover - other hosts (Zensical, plain Markdown) see a MingleError
    _HOST_ERRORS = ()


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input: where it is and what was expected."""

    file: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.key}: {self.message}" if self.key else f"{self.file}: {self.message}"


class MingleError(Exception):
    """An expected problem: reported in one line, never as a traceback."""


class UsageError(MingleError):
    """The command was given something it cannot use (a missing folder, an unknown id): exit 2."""


class ProblemsError(MingleError):
    """One or more problems, each with its place; printed one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ReadError(ProblemsError):
    """A YAML file or a page's front matter cannot be read."""


class ExerciseError(ProblemsError):
    """One or more exercise files are invalid."""


class InputProblem(MingleError):
    """What is wrong with one input to grade (an answer sheet, a roster, a room's request body): caught where the
    input is read, and turned into a rejected input or a refused request that says it in one line."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


class Refused(MingleError):
    """A request the live room will not act on: an HTTP status and the one-line problem sent back as JSON."""

    def __init__(self, status: int, problem: str, headers: dict | None = None):
        super().__init__(problem)
        self.status, self.problem, self.headers = status, problem, headers or {}


class CodeDamage(MingleError):
    """A MINGLE2 answer code that cannot be read, with its one-line reason (reported as a damaged code)."""


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A YAML mapping names the same key twice (PyYAML would keep the last silently)."""


class KitBuildError(MingleError, *_HOST_ERRORS):
    """A page or exercise problem that must stop the site build: says file or block, key and reason.

    Several problems come as `problems` under a heading, which is what the error says: the site logs each problem
    on an error line of its own as it raises (mingle.site.problems), since MkDocs prints an error's text under a
    single prefix."""

    def __init__(self, heading: str, problems: Iterable[object] = ()):
        self.heading = heading
        self.problems = tuple(line for problem in problems for line in str(problem).splitlines())
        super().__init__(heading)

    @property
    def lines(self) -> tuple[str, ...]:
        """The heading, then each problem: what an alert in the page lists."""
        return (self.heading, *self.problems)
