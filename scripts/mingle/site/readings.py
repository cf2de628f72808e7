"""What many pages of a build read from the kit's files (the exercises, the session plans, the content rules'
report), kept for as long as those files' names and bytes stay the same.

MkDocs converts each page with a Markdown of its own, and reading and checking the exercises takes longer than
converting most pages. So each reading is kept under a digest of the files it comes from: their bytes, never their
timestamps, so that a file saved twice within the clock's resolution is still read again. The digest of the whole
kit takes about a millisecond, so it is worked out afresh at every call."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from mingle.course.agenda import load_for
from mingle.course.checks import check_course
from mingle.course.event import kit_event, session_start
from mingle.course.pictures import PICTURES
from mingle.course.rules import MODULES_FOLDER
from mingle.course.timing import module_pages as read_module_pages
from mingle.exercises import check_exercises

T = TypeVar("T")
# What the content rules read: every page, exercise, live activity and data file, and the scenes' drawings.
WATCHED = (("docs", "*.md"), ("exercises", "*.y*ml"), ("activities", "*.y*ml"), ("data", "*.y*ml"),
           (Path("docs") / PICTURES, "*.svg"))


def content_key(files: Iterable[Path]) -> bytes:
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


def _exercise_files(folder: Path) -> list[Path]:
    """The files check_exercises reads (the folder itself when it is missing, so that making it counts)."""
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else [folder]


def _plan_files(root: Path) -> list[Path]:
    """The plans file and the module pages whose front matter gives each module's minutes."""
    return [root / "data" / "sessions.yml", *sorted((root / "docs" / "modules").glob("*.md"))]


def _watched(root: Path) -> list[Path]:
    """Every file the content rules read, in a steady order."""
    return [p for folder, pattern in WATCHED for p in sorted((root / folder).rglob(pattern))]


@lru_cache(maxsize=12)
def _kept(make: Callable[[Path], T], where: Path, key: bytes) -> T:
    """What `make` gives for `where`, made once for each `key` (the digest of its files; an error is not kept)."""
    return make(where)


def exercises(folder: str | Path) -> tuple[dict, list]:
    """An exercises folder as check_exercises reads it: (the valid exercises by id, every problem)."""
    folder = Path(folder)
    return _kept(check_exercises, folder, content_key(_exercise_files(folder)))


def _plans_and_start(root: Path) -> tuple[dict, str]:
    """The plans as load_for reads them, and when the session starts (event.yml's start, else the plans' default)."""
    found, default = load_for(root)
    return found, session_start(kit_event(root), default)


def plans(root: str | Path) -> tuple[dict, str]:
    """A kit's session plans and the time its session starts, as the printed agenda and the decks have it (a problem
    raises)."""
    root = Path(root)
    return _kept(_plans_and_start, root, content_key([*_plan_files(root), root / "event.yml"]))


def _problems(root: Path) -> tuple[str, ...]:
    """The course's problems as lines (readability left to `mingle check`: the build needs no textstat)."""
    return tuple(str(p) for p in check_course(root, exercises_read=exercises(root / "exercises")).problems)


def course_problems(root: str | Path) -> tuple[str, ...]:
    """The course's content-rule problems, as lines."""
    root = Path(root)
    return _kept(_problems, root, content_key(_watched(root)))


def module_pages(docs: str | Path) -> dict:
    """The module pages by title, as course.timing.module_pages reads them."""
    docs = Path(docs)
    return _kept(read_module_pages, docs, content_key(sorted((docs / MODULES_FOLDER).glob("*.md"))))
