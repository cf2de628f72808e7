"""A module's timing: how long its exercises take at the kit's pace, where each is done, and the line that opens
its notes for presenters, all from the page's front matter and its exercise blocks (so no minute is written twice)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from mingle import reading
from mingle.course import rules as R
from mingle.course.pages import BlockRef, Page, read_page
from mingle.errors import ProblemsError
from mingle.model import Exercise, Item

CHOICES = ("single", "multiple", "match")
UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
         "seventeen eighteen nineteen").split()
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
NUMBER = r"\d+|(?:" + "|".join(TENS) + r")(?:-(?:" + "|".join(UNITS[1:10]) + r"))?|" + "|".join(UNITS[::-1])
# "15 minutes", "twenty-five minutes", "a 25-minute slot", "half an hour", "an hour", "two hours".
DURATION = re.compile(r"\b(?:(?P<quarter>a quarter of an hour)|(?P<half>half an hour|half[- ]hour)|"
                      r"(?P<n>" + NUMBER + r")[- ](?P<unit>minutes?|hours?)|(?P<one>an|one) hour)\b", re.I)


def number(word: str) -> int:
    """A whole number written in figures or in words up to ninety-nine."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in UNITS:
        return UNITS.index(word)
    tens, _, units = word.partition("-")
    return TENS[tens] + (UNITS.index(units) if units else 0)


def duration_spans(text: str) -> list[tuple[int, int, int]]:
    """Every length of time the text states: (start, end, minutes), in order."""
    found = []
    for match in DURATION.finditer(text):
        if match["quarter"]:
            minutes = 15
        elif match["half"]:
            minutes = 30
        elif match["one"]:
            minutes = 60
        else:
            minutes = number(match["n"]) * (60 if match["unit"].lower().startswith("hour") else 1)
        found.append((match.start(), match.end(), minutes))
    return found


def durations(text: str) -> list[int]:
    """Every length of time the text states, in minutes, in order."""
    return [minutes for _, _, minutes in duration_spans(text)]


def item_seconds(item: Item) -> int:
    """How long one item takes to answer at the kit's pace (a point the page checks itself takes none)."""
    if item.kind in CHOICES:
        return R.CHOICE_SECONDS
    if item.kind == "text":
        return R.WRITTEN_MINUTES * 60
    return 0 if item.auto else R.TICK_SECONDS


def exercise_seconds(exercise: Exercise) -> int:
    """How long a whole exercise takes to answer."""
    return sum(item_seconds(item) for item in exercise.items)


def when(block: BlockRef) -> str:
    """Where an exercise block says its exercise is done: one of rules.WHEN, or "" for in the room (an option the
    block-options rule refuses counts as in the room here)."""
    try:
        options = reading.load_options(block.options) if block.options else {}
    except yaml.YAMLError:
        return ""
    value = options.get("when") if isinstance(options, dict) else None
    return value if value in R.WHEN else ""


@dataclass(frozen=True)
class Timing:
    """A module page's minutes, the exercises done in the room, and those done elsewhere, by where."""

    teaching: int
    exercises: int
    in_room: tuple[Exercise, ...]
    elsewhere: tuple[tuple[str, tuple[Exercise, ...]], ...]

    @property
    def needed(self) -> int:
        """Whole minutes the exercises done in the room take at the kit's pace."""
        return math.ceil(sum(exercise_seconds(e) for e in self.in_room) / 60)


def page_timing(page: Page, exercises: dict[str, Exercise]) -> Timing | None:
    """A module page's timing, or None when its front matter gives no whole minutes (the page rules say why)."""
    teaching, minutes = page.meta.get("teaching"), page.meta.get("exercises")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (teaching, minutes)):
        return None
    in_room, elsewhere = [], {where: [] for where in R.WHEN}
    for block in page.blocks:
        if block.name == "exercise" and block.argument in exercises:
            (elsewhere[when(block)] if when(block) else in_room).append(exercises[block.argument])
    return Timing(teaching, minutes, tuple(in_room),
                  tuple((where, tuple(done)) for where, done in elsewhere.items() if done))


def module_pages(docs_dir: str | Path) -> dict[str, Page]:
    """The module pages by title (a module page opens with its title as its heading); a title two pages share is
    left out, as it names neither."""
    found: dict[str, list[Page]] = {}
    for path in sorted((Path(docs_dir) / R.MODULES_FOLDER).glob("*.md")):
        try:
            page = read_page(path, Path(docs_dir))
        except ProblemsError:
            continue  # the content rules name the page
        if isinstance(page.meta.get("title"), str) and isinstance(page.meta.get("module"), int):
            found.setdefault(page.meta["title"], []).append(page)
    return {title: pages[0] for title, pages in found.items() if len(pages) == 1}


def _names(done: tuple[Exercise, ...]) -> list[tuple[str, bool]]:
    """Exercise titles joined as prose: (text, whether it is a title) runs."""
    runs: list[tuple[str, bool]] = []
    for n, exercise in enumerate(done):
        if n:
            runs.append((" and " if n == len(done) - 1 else ", ", False))
        runs.append((exercise.title, True))
    return runs


def _end(runs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Close a sentence with a full stop, unless it ends on a title that ends a sentence already ("…broadcast?")."""
    return runs if runs[-1][0].endswith(("?", "!", ".")) else [*runs, (".", False)]


def timing_runs(timing: Timing) -> list[tuple[str, bool]]:
    """The timing line of a module's notes for presenters, as (text, whether it is an exercise's title) runs."""
    runs = [(f"Timing: {timing.teaching} minutes to teach", False)]
    if timing.exercises and timing.in_room:
        runs += [(f" and {timing.exercises} for ", False), *_names(timing.in_room)]
    elif timing.exercises:
        runs.append((f" and {timing.exercises} for exercises and talk", False))
    runs = _end(runs)
    for where, done in timing.elsewhere:
        runs = _end([*runs, (f" {R.WHEN[where]}: ", False), *_names(done)])
    return runs
