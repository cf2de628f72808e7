"""Rosters typed up from paper: `learner,<exercise>.<item>,...`, one row per learner (CSV, tab-separated, or rows
from a workbook); and the empty template."""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from mingle.errors import InputProblem
from mingle.marking.sheets import Rejected, Sheet, clean_name, oneline
from mingle.model import Exercise, Item

LEARNER = "learner"
TICKED = {"yes", "y", "true", "1", "x", "✓", "✔"}
UNTICKED = {"no", "n", "false", "0"}
WHOLE = re.compile(r"[+-]?\d{1,9}")
COMMENT = "#"
FIRST_LINE = re.compile(r"^[^\S\r\n]*\S[^\r\n]*", re.MULTILINE)


@dataclass(frozen=True)
class Column:
    """A header cell that names one item of one exercise."""

    index: int
    exercise: Exercise
    item: Item


def _delimiter(line: str) -> str:
    """The roster's separator: a comma, or the semicolon or tab some spreadsheets save with."""
    counts = {d: line.count(d) for d in ",;\t"}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _first_line(text: str) -> str:
    """The first line that is not blank (found without splitting a long text into all its lines)."""
    found = FIRST_LINE.search(text)
    return found.group() if found else ""


def looks_like_roster(text: str) -> bool:
    """Whether a text's first line is a roster header (its first cell is `learner`)."""
    line = _first_line(text)
    first = line.split(_delimiter(line), 1)[0]
    return first.strip().strip('"').strip().casefold() == LEARNER


def _suggest(word: str, known: Iterable[str]) -> str:
    """` (did you mean "x"?)` for a near miss, else nothing."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.75)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _columns(header: list[str], source: str, exercises: Mapping) -> tuple[int, list[Column], list[Rejected]]:
    """The learner column's index, the answer columns, and a problem for each column that cannot be used."""
    learner, columns, problems, seen = -1, [], [], {}
    while header and not header[-1].strip():  # trailing empty cells that spreadsheets add
        header.pop()
    for n, raw in enumerate(header):
        name = raw.strip().casefold()
        where = f'column {n + 1} "{oneline(raw.strip())}"' if raw.strip() else f"column {n + 1}"
        if name in seen:
            problems.append(Rejected(source, f"{where}: repeats column {seen[name] + 1}; the repeat is ignored"))
            continue
        seen[name] = n
        if name == LEARNER:
            learner = n
            continue
        if not name:
            problems.append(Rejected(source, f"{where} has no header: expected <exercise>.<item>"))
            continue
        exercise_id, dot, item_id = name.partition(".")
        if not dot or not exercise_id or not item_id:
            problems.append(Rejected(source, f"{where}: expected {LEARNER} or <exercise>.<item>"))
            continue
        exercise = exercises.get(exercise_id)
        if exercise is None:
            problems.append(Rejected(source, f'{where}: unknown exercise "{oneline(exercise_id)}"'
                                             f"{_suggest(exercise_id, exercises)}"))
            continue
        item = exercise.item(item_id)
        if item is None:
            problems.append(Rejected(source, f'{where}: exercise "{exercise_id}" has no item "{oneline(item_id)}"'
                                             f"{_suggest(item_id, (i.id for i in exercise.items))}"))
            continue
        columns.append(Column(n, exercise, item))
    if learner < 0:
        raise InputProblem(f'no "{LEARNER}" column in the header row (expected {LEARNER},<exercise>.<item>,...)')
    return learner, columns, problems


def cell_value(item: Item, raw: str):
    """A typed cell as the answer-sheet value for its item, or None if blank; unreadable text stays text."""
    if item.kind == "text":
        return raw if raw.strip() else None
    value = raw.strip()
    if not value:
        return None
    if item.kind in ("single", "match"):
        return value.casefold()
    if item.kind == "multiple":
        return [part.strip().casefold() for part in value.split(";") if part.strip()]
    if item.kind == "rating":
        return int(value) if WHOLE.fullmatch(value) else value
    if item.kind == "check":
        low = value.casefold()
        return True if low in TICKED else False if low in UNTICKED else value
    return value


def _answers(row: list[str], columns: list[Column]) -> dict:
    """One row's answers by exercise; an exercise the row leaves blank is not included at all."""
    answers: dict[str, dict] = {}
    for col in columns:
        raw = row[col.index] if col.index < len(row) else ""
        value = cell_value(col.item, raw)
        if value is not None:
            answers.setdefault(col.exercise.id, {})[col.item.id] = value
    # One rule with the site (exercise.js's collect): in an exercise the learner started, a box left unticked is
    # the answer false, not a missing answer. A row whose cells for an exercise are all blank has not started it.
    for col in columns:
        mine = answers.get(col.exercise.id)
        if mine is not None and col.item.kind == "check" and col.item.id not in mine:
            mine[col.item.id] = False
    return answers


def read_roster(text: str, source: str, exercises: Mapping) -> Iterator[Sheet | Rejected]:
    """One Sheet per learner row of a CSV or tab-separated roster; problems as values."""
    # strict: an unclosed quote must be an error, not a cell that silently swallows the rest of the room
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(_first_line(text)), strict=True)
    count = 0

    def numbered() -> Iterator[tuple[int, list[str]]]:
        nonlocal count
        for row in reader:
            count += 1
            yield count, row

    try:
        yield from read_rows(numbered(), source, exercises)
    except csv.Error as err:
        raise InputProblem(f"not a readable CSV: {err} (row {count + 1})") from None


def read_rows(rows: Iterable[tuple[int, list[str]]], source: str, exercises: Mapping) -> Iterator[Sheet | Rejected]:
    """One Sheet per learner row (source `file:row`, rows numbered as a spreadsheet shows them), from rows of
    cells as text, however the roster was saved (CSV, tab-separated, a workbook); problems as values."""
    rows = iter(rows)
    header = None
    for number, header in rows:
        if any(c.strip() for c in header):
            break
    else:
        header = None
    if header is None:
        raise InputProblem("empty file")
    learner, columns, problems = _columns(header, source, exercises)
    yield from problems
    if not columns and not problems:
        raise InputProblem("no <exercise>.<item> columns in the header row")
    width, count = len(header), 0
    for number, row in rows:
        if not any(c.strip() for c in row):
            continue
        name = row[learner] if learner < len(row) else ""
        if name.lstrip().startswith(COMMENT):
            continue
        count += 1
        if len(row) > width and any(c.strip() for c in row[width:]):
            yield Rejected(source, f"row {number}: {len(row)} cells but the header has {width} columns "
                                   "(an unquoted comma in an answer?); row skipped")
            continue
        if not name.strip():
            yield Rejected(source, f"row {number}: no learner name; row skipped")
            continue
        yield Sheet(clean_name(name), f"{source}:{number}", _answers(row, columns))
    if not count:
        raise InputProblem("no learner rows under the header row")


def _hint(exercise: Exercise, item: Item) -> str:
    """What to type in an item's column, in words."""
    if item.kind in ("single", "match"):
        return "one of: " + ", ".join(o.id for o in exercise.options_for(item))
    if item.kind == "multiple":
        return "any of (join with ;): " + "; ".join(o.id for o in item.options)
    if item.kind == "rating" and exercise.scale:
        s = exercise.scale
        return f"{s.min} ({s.labels[0]}) to {s.max} ({s.labels[-1]})" if s.labels else f"{s.min} to {s.max}"
    if item.kind == "check":
        return "x if ticked, blank if not"
    return "their words, or blank"


def _short(text: str, limit: int = 70) -> str:
    """A prompt cut to fit a spreadsheet cell."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def template(exercises: Iterable[Exercise]) -> str:
    """The empty roster: the header row, then two `#` rows (the question, what to type) that reading skips."""
    exercises = list(exercises)
    header, question, hint = [LEARNER], [f"{COMMENT} question"], [f"{COMMENT} type"]
    for exercise in exercises:
        for item in exercise.items:
            header.append(f"{exercise.id}.{item.id}")
            question.append(_short(item.prompt))
            hint.append(_hint(exercise, item))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([header, question, hint])
    return out.getvalue()
