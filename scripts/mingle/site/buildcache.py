"""What the site build reads from the kit's files, worked out once for each content of those files.

MkDocs converts every page with a fresh Markdown, and many pages need the same reading of the kit: the exercises
(each exercise block, the progress page, the content rules), the session plans (each page's minutes, each agenda)
and the content rules' report (before each page). A `Memo` keeps one such result under a key made from the names
and bytes of the files it was made from, never from their timestamps, so a file saved twice within the clock's
resolution is still read again.

Making the key reads the files' bytes. Within one MkDocs build (the `mingle-build` plugin marks its start
and end) each key is made once: the build sees the kit as it was when it started, and `make serve` starts a new
build, so a new reading, after every change. Outside a build (Zensical, a Markdown test) the key is made again at
each call.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from mingle.exercises import check_exercises
from mingle.course.agenda import load_for, module_minutes

T = TypeVar("T")
KEPT = 8  # results kept per memo (one per kit folder; tests use many folders)

_build: dict | None = None  # the keys made in the running MkDocs build, or None outside one


def begin_build() -> None:
    """A MkDocs build starts: every key is made afresh, then once for the rest of the build."""
    global _build
    _build = {}


def end_build() -> None:
    """The build is over (done or failed): keys are made at each call again."""
    global _build
    _build = None


def content_key(files: list[Path]) -> bytes:
    """A digest of the files' names and bytes, in order; a missing file counts as its name and no content."""
    digest = hashlib.blake2b(digest_size=16)
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            data = None
        name = str(path).encode("utf-8", "surrogateescape")
        size = -1 if data is None else len(data)
        digest.update(len(name).to_bytes(4, "big") + name + size.to_bytes(8, "big", signed=True) + (data or b""))
    return digest.digest()


class Memo(Generic[T]):
    """One kind of result from some of the kit's files: made again only when their names or content change."""

    def __init__(self, files: Callable[[Path], list[Path]], make: Callable[[Path], T]):
        """`files(where)`: the files the result depends on; `make(where)`: the result (an error is not kept)."""
        self.files, self.make = files, make
        self.kept: dict[Path, tuple[bytes, T]] = {}

    def key(self, where: Path) -> bytes:
        """The key of the files as they are now, or as they were when the running build started."""
        if _build is None:
            return content_key(self.files(where))
        if (self, where) not in _build:
            _build[(self, where)] = content_key(self.files(where))
        return _build[(self, where)]

    def __call__(self, where: Path) -> T:
        """The result for these files' content, made if it is not kept."""
        where = Path(where)
        key = self.key(where)
        kept_key, result = self.kept.get(where, (None, None))
        if kept_key != key:
            result = self.make(where)
            self.kept.pop(where, None)
            if len(self.kept) >= KEPT:
                self.kept.pop(next(iter(self.kept)))
            self.kept[where] = (key, result)
        return result


# --- the readings more than one page needs ------------------------------------------------------------------------

def _exercise_files(folder: Path) -> list[Path]:
    """The files check_exercises reads (the folder itself when it is missing, so that making it counts)."""
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else [folder]


def _plan_files(root: Path) -> list[Path]:
    """The plans file and the module pages whose front matter gives each module's minutes."""
    return [root / "data" / "sessions.yml", *sorted((root / "docs" / "modules").glob("*.md"))]


# An exercises folder as check_exercises reads it: (the valid exercises by id, every problem).
exercises = Memo(_exercise_files, check_exercises)
# A kit's session plans and default start time, as load_for reads them (a problem raises, and is not kept).
plans = Memo(_plan_files, load_for)
# Every plan's minutes for each module, as the JSON each page carries for present mode's timer (from the plans
# above, so the files are parsed once).
plan_minutes = Memo(_plan_files, lambda root: json.dumps(module_minutes(plans(root)[0]), ensure_ascii=False,
                                                         separators=(",", ":")))
