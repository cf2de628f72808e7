"""One weekly budget, said the same way everywhere: every page, exercise, activity and data file that says how long
to spend a week, or each working day, gives the same figures, and the weekly habit's own split adds up to them.

The rule holds whatever the figures are, so a presenter who changes the budget must change it everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from mingle.course.timing import duration_spans

ROOT = Path(__file__).resolve().parent.parent
WEEKLY = re.compile(r"\bweekly\b|\b(?:a|each|every|per|this|next|your) week\b(?! apart)|"
                    r"\bevery (?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
DAILY = re.compile(r"^[- ]*(?:minutes? )?(?:daily|(?:a|each|every) (?:working )?(?:day|morning))\b", re.I)
IN_ALL = re.compile(r"^[- ]*(?:minutes? )?(?:a week )?in all\b", re.I)
LIMIT = re.compile(r"\b(?:under|less than|more than|within)\s+$", re.I)
SPLIT = re.compile(r"^\s*[-*] \*\*([^*]+?):\*\*")  # a list item that opens with a length of time: one part of a split
SENTENCE = re.compile(r"(?<=[.!?])\s+")
NEAR = 40  # characters either side of a length of time in which "a week" or "weekly" ties it to the week


def texts(root: Path) -> list[tuple[str, str]]:
    """(where, text) for every paragraph, list item and line of prose in the kit, headings and code left out, and
    every string in its YAML files."""
    found = []
    for path in sorted((root / "docs").rglob("*.md")):
        fence = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            fence ^= line.lstrip().startswith(("```", "~~~"))
            if not fence and line.strip() and not line.startswith("#"):
                found.append((f"{path.relative_to(root)}:{number}", line))
    for path in sorted([*(root / "exercises").glob("*.yml"), *(root / "activities").glob("*.yml"),
                        *(root / "data").glob("*.yml")]):
        stack = [yaml.safe_load(path.read_text(encoding="utf-8"))]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                stack += value.values()
            elif isinstance(value, list):
                stack += value
            elif isinstance(value, str):
                found.append((str(path.relative_to(root)), " ".join(value.split())))
    return found


def statements(root: Path) -> dict[str, list[tuple[str, str, int]]]:
    """Every length of time tied to the week or the working day, as (where, sentence, minutes), by what it says: the
    weekly slot, the daily look at messages, or the two together "in all"."""
    found: dict[str, list[tuple[str, str, int]]] = {"weekly": [], "daily": [], "in all": []}
    for where, text in texts(root):
        if SPLIT.match(text):
            continue  # one part of the weekly habit's split: test_the_split_adds_up_to_the_weekly_slot checks it
        for sentence in SENTENCE.split(text):
            for start, end, minutes in duration_spans(sentence):
                after, before = sentence[end:], sentence[:start]
                if LIMIT.search(before):
                    continue  # "in under an hour": a limit on something else, not a budget
                if DAILY.match(after) or re.match(r"^[- ]*minute daily", after):
                    found["daily"].append((where, sentence, minutes))
                elif IN_ALL.match(after):
                    found["in all"].append((where, sentence, minutes))
                elif WEEKLY.search(sentence[max(0, start - NEAR):end + NEAR]):
                    found["weekly"].append((where, sentence, minutes))
    return found


def splits(root: Path) -> list[tuple[str, list[int]]]:
    """Each list whose items open with a length of time in bold (a budget split into parts): its parts' minutes."""
    found = []
    for path in sorted((root / "docs").rglob("*.md")):
        parts: list[int] = []
        for number, line in enumerate([*path.read_text(encoding="utf-8").splitlines(), ""], start=1):
            match = SPLIT.match(line)
            if match and duration_spans(match.group(1)):
                parts.append(duration_spans(match.group(1))[0][2])
            elif parts:
                found.append((f"{path.relative_to(root)}:{number - len(parts)}", parts))
                parts = []
    return found


def figures(found: list[tuple[str, str, int]]) -> dict[int, list[str]]:
    """Where each figure is said."""
    said: dict[int, list[str]] = {}
    for where, sentence, minutes in found:
        said.setdefault(minutes, []).append(f"{where}: {sentence}")
    return said


@pytest.fixture(scope="module")
def budget() -> dict[str, list[tuple[str, str, int]]]:
    """The kit's statements of its budget."""
    return statements(ROOT)


def test_the_weekly_slot_is_one_figure_everywhere(budget):
    said = figures(budget["weekly"])
    assert len(said) == 1, f"more than one weekly figure: {said}"


def test_the_daily_look_is_one_figure_everywhere(budget):
    said = figures(budget["daily"])
    assert len(said) <= 1, f"more than one daily figure: {said}"


def test_the_total_is_the_slot_and_five_working_days(budget):
    (weekly,) = figures(budget["weekly"])
    daily = next(iter(figures(budget["daily"])), 0)
    for where, sentence, minutes in budget["in all"]:
        assert minutes == weekly + 5 * daily, f"{where}: {sentence}"


def test_the_split_adds_up_to_the_weekly_slot(budget):
    (weekly,) = figures(budget["weekly"])
    found = splits(ROOT)
    assert found, "no weekly habit split into parts"
    for where, parts in found:
        assert sum(parts) == weekly, f"{where}: parts {parts} add up to {sum(parts)}, not {weekly}"


# --- the rule finds what it should, on a small kit of its own -------------------------------------------------

def kit(tmp_path: Path, page: str, exercise: str = "") -> Path:
    """A kit of one page and, if given, one exercise whose feedback is `exercise`."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(page, encoding="utf-8")
    (tmp_path / "exercises").mkdir()
    if exercise:
        (tmp_path / "exercises" / "x.yml").write_text(yaml.safe_dump({"id": "x", "feedback": exercise}),
                                                      encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("page, exercise", [
    ("Half an hour a week is enough.\n", "Book 25 minutes in your diary for next week."),
    ("A 25-minute weekly habit.\n\nGive it twenty minutes, once a week.\n", ""),
    ("# A habit\n\nThirty minutes each week.\n", "Spend 30 minutes this week, then three minutes each working day."
     " Look at messages for two minutes every morning."),
])
def test_two_weekly_figures_are_caught(tmp_path, page, exercise):
    found = statements(kit(tmp_path, page, exercise))
    assert len(figures(found["weekly"])) > 1 or len(figures(found["daily"])) > 1


def test_a_total_that_does_not_add_up_is_caught(tmp_path):
    found = statements(kit(tmp_path, "Half an hour a week, and two minutes each working day: 35 minutes a week in "
                                     "all.\n"))
    assert [m for *_, m in found["in all"]] == [35] and figures(found["weekly"]).keys() == {30}
    assert 35 != 30 + 5 * next(iter(figures(found["daily"])))


def test_a_split_that_does_not_add_up_is_caught(tmp_path):
    page = "Half an hour a week.\n\n- **Ten minutes:** post.\n- **Five minutes:** reply.\n\nThen rest.\n"
    assert splits(kit(tmp_path, page)) == [("docs/page.md:3", [10, 5])]


def test_lengths_of_time_that_are_not_the_budget_are_left_alone(tmp_path):
    page = ("# Stop 5: a weekly habit (4 minutes)\n\nSplit it into two sittings of about 90 minutes, a week apart.\n\n"
            "Do it in under an hour this week.\n\nThe guests mingle for two minutes.\n")
    assert statements(kit(tmp_path, page)) == {"weekly": [], "daily": [], "in all": []}
