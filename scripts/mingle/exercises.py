"""Read exercise files into the model, naming file, key and reason for every problem."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from mingle import reading
from mingle.errors import ExerciseError, Problem
from mingle.model import KINDS, Auto, Band, Dimension, Exercise, Item, Newcomer, Option, Scale, exercise_max
from mingle.scoring import is_valid

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TOP_KEYS = {"id", "title", "module", "intro", "scale", "choices", "dimensions", "items", "bands", "newcomer", "pair"}
ITEM_KEYS = {
    "single": {"options", "answer", "points"},
    "multiple": {"options", "answer"},
    "rating": {"dimension", "reverse"},
    "check": {"points", "feedback"},
    "match": {"answer", "points", "feedback"},
    "text": {"lines", "example", "rubric"},
}
ITEM_REQUIRED = {"single": {"options", "answer"}, "multiple": {"options", "answer"}, "match": {"answer"}}
COMMON_ITEM_KEYS = {"id", "kind", "prompt", "explain"}
AUTO_KEYS = {"question", "min-words", "max-words", "no-shouting", "mentions"}


class _Reader:
    """Collects problems while reading one file's data."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, key: str, message: str) -> None:
        """Record one problem at a key path."""
        self.problems.append(Problem(self.file, key, message))

    def mapping(self, value, key: str, allowed: set[str], required: set[str]) -> dict | None:
        """A mapping with only allowed keys and every required one."""
        if not isinstance(value, dict):
            self.fail(key or "(top)", f"expected a mapping, got {_kind(value)}")
            return None
        for k in value:
            if k not in allowed:
                where = f"{key}.{k}" if key else str(k)
                self.fail(where, f"unknown key; expected one of: {', '.join(sorted(allowed))}")
        for k in sorted(required - set(value)):
            self.fail(f"{key}.{k}" if key else k, "missing required key")
        return value

    def text(self, data: dict, key: str, name: str, default: str | None = None) -> str:
        """A non-empty string value."""
        if name not in data:
            return default or ""
        value = data[name]
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{key}.{name}" if key else name, f"expected non-empty text, got {_kind(value)}")
            return ""
        return value.strip()

    def ident(self, value, key: str) -> str:
        """An id: a string of lower-case letters, digits and hyphens."""
        if isinstance(value, bool):
            # YAML 1.1 reads unquoted yes/no/on/off/true/false as booleans: the author meant text.
            self.fail(key, f"expected an id, got the YAML boolean {str(value).lower()} (unquoted yes, no, on, off, "
                           "true and false are booleans in YAML); put the id in quotes")
            return ""
        if isinstance(value, (int, float)):
            self.fail(key, f"expected an id, got the number {value}; put the id in quotes")
            return ""
        if not isinstance(value, str) or not ID.match(value):
            self.fail(key, f"expected an id of lower-case letters, digits and hyphens, got {_shown(value)}")
            return ""
        return value

    def integer(self, data: dict, key: str, name: str, default: int | None = None, low: int | None = None) -> int:
        """An integer value, optionally at least `low` (a missing required one is reported by `mapping`)."""
        if name not in data and default is None:
            return 0
        value = data.get(name, default)
        where = f"{key}.{name}" if key else name
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, f"expected a whole number, got {_kind(value)}")
            return default or 0
        if low is not None and value < low:
            self.fail(where, f"expected a number of at least {low}, got {value}")
        return value

    def options(self, value, key: str) -> tuple[Option, ...]:
        """A list of options with unique ids."""
        if not isinstance(value, list) or not value:
            self.fail(key, f"expected a non-empty list of options, got {_kind(value)}")
            return ()
        result, seen = [], set()
        for n, raw in enumerate(value):
            where = f"{key}[{n}]"
            data = self.mapping(raw, where, {"id", "text", "feedback"}, {"id", "text"})
            if data is None:
                continue
            oid = self.ident(data.get("id"), f"{where}.id") if "id" in data else ""
            if oid and oid in seen:
                self.fail(f"{where}.id", f"duplicate option id {oid!r}")
            seen.add(oid)
            result.append(Option(oid, self.text(data, where, "text"), self.text(data, where, "feedback", "")))
        return tuple(result)


def _kind(value) -> str:
    """A reader's name for the type of a YAML value."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str) and not value.strip():
        return "empty text"
    if value == [] or value == {}:
        return "an empty list" if isinstance(value, list) else "an empty mapping"
    if isinstance(value, datetime.date):
        return f"the date {value}"
    return {dict: "a mapping", list: "a list", str: "text"}.get(type(value), type(value).__name__)


def _shown(value) -> str:
    """A value as a problem message quotes it: text in quotes, anything else by its kind."""
    return repr(value) if isinstance(value, str) else _kind(value)


def _scale(r: _Reader, raw) -> Scale | None:
    """The rating scale: whole-number ends and one label for each point."""
    data = r.mapping(raw, "scale", {"min", "max", "labels"}, {"min", "max", "labels"})
    if data is None:
        return None
    before = len(r.problems)
    low, high = r.integer(data, "scale", "min"), r.integer(data, "scale", "max")
    # Compare the ends only when both are present whole numbers, so one mistake is reported once.
    ends = len(r.problems) == before and {"min", "max"} <= set(data)
    labels = data.get("labels")
    if ends and high <= low:
        r.fail("scale.max", f"expected more than scale.min ({low}), got {high}")
    if "labels" not in data:
        labels = []
    elif not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        r.fail("scale.labels", "expected a list of text labels")
        labels = []
    elif ends and high > low and len(labels) != high - low + 1:
        r.fail("scale.labels",
               f"expected {high - low + 1} labels (one for each point from {low} to {high}), got {len(labels)}")
    return Scale(low, high, tuple(labels))


def _dimensions(r: _Reader, raw) -> tuple[Dimension, ...]:
    """The profile's dimensions, with unique ids."""
    if not isinstance(raw, list) or not raw:
        r.fail("dimensions", f"expected a non-empty list, got {_kind(raw)}")
        return ()
    result, seen = [], set()
    for n, entry in enumerate(raw):
        where = f"dimensions[{n}]"
        data = r.mapping(entry, where, {"id", "label", "advice"}, {"id", "label", "advice"})
        if data is None:
            continue
        did = r.ident(data.get("id"), f"{where}.id") if "id" in data else ""
        if did and did in seen:
            r.fail(f"{where}.id", f"duplicate dimension id {did!r}")
        seen.add(did)
        result.append(Dimension(did, r.text(data, where, "label"), r.text(data, where, "advice")))
    return tuple(result)


def _item_where(r: _Reader, raw: dict, where: str) -> tuple[str, str]:
    """An item's id and the key path its problems are reported at: `items[<id>]` once the id is known."""
    iid = r.ident(raw.get("id"), f"{where}.id") if "id" in raw else ""
    return iid, (f"items[{iid}]" if iid else where)


def _answer(r: _Reader, data: dict, where: str, kind: str, known: set[str]):
    """The right answer of a single, match or multiple item, checked against its options or choices."""
    listed = "choices" if kind == "match" else "options"
    if kind != "multiple":
        answer = r.ident(data["answer"], f"{where}.answer")
        # With no usable options (already reported) every answer would look unknown: say it once.
        if answer and known and answer not in known:
            r.fail(f"{where}.answer", f"{answer!r} is not one of this item's {listed}: {', '.join(sorted(known))}")
        return answer
    raw = data["answer"]
    if not isinstance(raw, list) or not raw:
        r.fail(f"{where}.answer", f"expected a non-empty list of option ids, got {_kind(raw)}")
        raw = []
    answer = tuple(r.ident(a, f"{where}.answer[{n}]") for n, a in enumerate(raw))
    seen = set()
    for a in answer:
        if a and known and a not in known:
            r.fail(f"{where}.answer", f"{a!r} is not one of this item's options: {', '.join(sorted(known))}")
        if a and a in seen:
            r.fail(f"{where}.answer", f"lists {a!r} more than once")
        seen.add(a)
    return answer


def _dimension(r: _Reader, data: dict, where: str, dimensions: tuple[Dimension, ...]) -> str:
    """The dimension a rating item counts towards: required when the exercise has dimensions."""
    names = ", ".join(sorted(d.id for d in dimensions))
    if "dimension" not in data:
        if dimensions:
            r.fail(f"{where}.dimension", f"missing: this exercise has dimensions, expected one of: {names}")
        return ""
    dim = r.ident(data["dimension"], f"{where}.dimension")
    if dim and not dimensions:
        r.fail(f"{where}.dimension", f"{dim!r} is not a dimension of this exercise, which has none; "
                                      "add a top-level dimensions list or remove this key")
    elif dim and dim not in {d.id for d in dimensions}:
        r.fail(f"{where}.dimension", f"{dim!r} is not a dimension of this exercise; expected one of: {names}")
    return dim


def _rubric(r: _Reader, data: dict, where: str, iid: str) -> list[Item]:
    """A text item's rubric criteria, as check items of their own."""
    rubric = data.get("rubric", [])
    if not isinstance(rubric, list):
        r.fail(f"{where}.rubric", f"expected a list of criteria, got {_kind(rubric)}")
        return []
    items = []
    for n, crit in enumerate(rubric):
        cw = f"{where}.rubric[{n}]"
        cdata = r.mapping(crit, cw, {"id", "text", "points", "auto"}, {"id", "text"})
        if cdata is None:
            continue
        cid = r.ident(cdata.get("id"), f"{cw}.id") if "id" in cdata else ""
        auto = _auto(r, cdata["auto"], f"{cw}.auto") if "auto" in cdata else None
        items.append(Item(id=cid, kind="check", prompt=r.text(cdata, cw, "text"),
                          points=r.integer(cdata, cw, "points", 1, low=1), rubric_of=iid, auto=auto))
    return items


def _auto(r: _Reader, raw, where: str) -> Auto | None:
    """What the page checks for a checklist point: one or more tests, each of the right type."""
    if isinstance(raw, dict) and not raw:
        r.fail(where, f"expected at least one test; expected one or more of: {', '.join(sorted(AUTO_KEYS))}")
        return None
    data = r.mapping(raw, where, AUTO_KEYS, set())
    if data is None:
        return None
    for name in ("question", "no-shouting"):
        if name in data and data[name] is not True:
            r.fail(f"{where}.{name}", f"expected true (or leave the test out), got {_kind(data[name])}")
    low = r.integer(data, where, "min-words", 0, low=1) if "min-words" in data else 0
    high = r.integer(data, where, "max-words", 0, low=1) if "max-words" in data else 0
    if low and high and high < low:
        r.fail(f"{where}.max-words", f"expected at least min-words ({low}), got {high}")
    mentions = data.get("mentions", [])
    if "mentions" in data and (not isinstance(mentions, list) or not mentions
                               or not all(isinstance(m, str) and m.strip() for m in mentions)):
        r.fail(f"{where}.mentions", f"expected a non-empty list of words or phrases, got {_kind(mentions)}")
        mentions = []
    return Auto(question=data.get("question") is True, min_words=low, max_words=high,
                no_shouting=data.get("no-shouting") is True, mentions=tuple(m.strip() for m in mentions))


def _item(r: _Reader, raw, where: str, choices: tuple[Option, ...], dimensions: tuple[Dimension, ...]) -> list[Item]:
    """One item (and, for a text item, its rubric criteria as check items)."""
    if not isinstance(raw, dict):
        r.fail(where, f"expected a mapping, got {_kind(raw)}")
        return []
    iid, where = _item_where(r, raw, where)
    kind = raw.get("kind")
    if "kind" not in raw:
        r.fail(f"{where}.kind", f"missing required key; expected one of: {', '.join(KINDS)}")
        return []
    if kind not in KINDS:
        r.fail(f"{where}.kind", f"expected one of: {', '.join(KINDS)}; got {_shown(kind)}")
        return []
    data = r.mapping(raw, where, COMMON_ITEM_KEYS | ITEM_KEYS[kind],
                     {"id", "kind", "prompt"} | ITEM_REQUIRED.get(kind, set()))
    fields = dict(id=iid, kind=kind, prompt=r.text(data, where, "prompt"), explain=r.text(data, where, "explain", ""))
    if kind in ("single", "multiple") and "options" in data:
        fields["options"] = r.options(data["options"], f"{where}.options")
        if isinstance(data["options"], list) and len(data["options"]) == 1:
            r.fail(f"{where}.options", "expected at least two options, got one")
    known = {o.id for o in (choices if kind == "match" else fields.get("options", ())) if o.id}
    if kind in ("single", "multiple", "match") and "answer" in data:
        fields["answer"] = _answer(r, data, where, kind, known)
    if kind in ("single", "check", "match"):
        fields["points"] = r.integer(data, where, "points", 1, low=1)
    if kind in ("check", "match"):
        fields["feedback"] = r.text(data, where, "feedback", "")
    if kind == "rating":
        if "reverse" in data and not isinstance(data["reverse"], bool):
            r.fail(f"{where}.reverse", f"expected true or false, got {_kind(data['reverse'])}")
        fields["reverse"] = data.get("reverse") is True
        fields["dimension"] = _dimension(r, data, where, dimensions)
    if kind == "text":
        fields["lines"] = r.integer(data, where, "lines", 4, low=1)
        fields["example"] = r.text(data, where, "example", "")
        return [Item(**fields), *_rubric(r, data, where, iid)]
    return [Item(**fields)]


def _bands(r: _Reader, raw, top: int | None) -> tuple[Band, ...]:
    """The score bands, checked to cover 0..top (when the top score is known) with no gap or overlap."""
    if not isinstance(raw, list) or not raw:
        r.fail("bands", f"expected a non-empty list of bands, got {_kind(raw)}")
        return ()
    before = len(r.problems)
    bands = []
    for n, entry in enumerate(raw):
        where = f"bands[{n}]"
        data = r.mapping(entry, where, {"min", "max", "label", "advice"}, {"min", "max", "label", "advice"})
        if data is None:
            continue
        bands.append(Band(r.integer(data, where, "min"), r.integer(data, where, "max"),
                          r.text(data, where, "label"), r.text(data, where, "advice")))
    if len(r.problems) > before:
        return tuple(bands)  # coverage of a list we could not read would only add confusing problems
    expected = 0
    for n, band in enumerate(bands):
        if band.max < band.min:
            r.fail(f"bands[{n}]", f"max {band.max} is below min {band.min}")
        if n == 0 and band.min < 0:
            r.fail("bands[0].min", f"expected the first band to start at 0, got {band.min}")
        elif band.min > expected:
            r.fail(f"bands[{n}].min", f"leaves a gap: scores {expected}..{band.min - 1} have no band")
        elif band.min < expected:
            r.fail(f"bands[{n}].min", f"overlaps the band before: expected {expected}, got {band.min}")
        expected = band.max + 1
    if top is not None and expected - 1 != top:
        r.fail(f"bands[{len(bands) - 1}].max",
               f"expected the last band to end at the exercise's maximum score {top}, got {expected - 1}")
    return tuple(bands)


def _unused_dimensions(r: _Reader, dimensions: tuple[Dimension, ...], items: list[Item]) -> None:
    """Every dimension needs a rating item: an empty one (0 of 0) would tie for weakest with anything."""
    used = {i.dimension for i in items if i.kind == "rating"}
    for n, dim in enumerate(dimensions):
        if dim.id and dim.id not in used:
            r.fail(f"dimensions[{n}].id", f"no rating item names {dim.id!r}; add one or remove the dimension")


def _newcomer(r: _Reader, raw, exercise: Exercise) -> Newcomer | None:
    """The answers of someone new to social media: known items, valid values, and a band of the exercise."""
    data = r.mapping(raw, "newcomer", {"band", "answers"}, {"band", "answers"})
    if data is None:
        return None
    band = r.text(data, "newcomer", "band")
    labels = [b.label for b in exercise.bands]
    if band and band not in labels:
        r.fail("newcomer.band", f"{band!r} is not the label of a band; expected one of: {', '.join(labels)}")
    answers = data.get("answers")
    if not isinstance(answers, dict):
        r.fail("newcomer.answers", f"expected a mapping of item ids to answers, got {_kind(answers)}")
        return None
    pairs = []
    for key, value in answers.items():
        item = exercise.item(key) if isinstance(key, str) else None
        if item is None:
            r.fail(f"newcomer.answers.{key}", "not an item of this exercise")
        elif not is_valid(exercise, item, value):
            r.fail(f"newcomer.answers.{key}", f"{_shown(value)} is not a valid answer for this {item.kind} item")
        else:
            pairs.append((key, tuple(value) if isinstance(value, list) else value))
    return Newcomer(band, tuple(pairs))


def parse_exercise(data, file: str, stem: str | None = None) -> tuple[Exercise | None, list[Problem]]:
    """Build an Exercise from parsed YAML data, with every problem found."""
    r = _Reader(file)
    top = r.mapping(data, "", TOP_KEYS, {"id", "title", "module", "intro", "items", "bands"})
    if top is None:
        return None, r.problems
    eid = r.ident(top.get("id"), "id") if "id" in top else ""
    if stem is not None and eid and eid != stem:
        r.fail("id", f"expected {stem!r} (the file name), got {eid!r}")
    module = r.integer(top, "", "module")
    if isinstance(top.get("module"), int) and not 0 <= module <= 99:  # room for presenters to add modules
        r.fail("module", f"expected a module number from 0 to 99, got {module}")
    before = len(r.problems)
    scale = _scale(r, top["scale"]) if "scale" in top else None
    choices = r.options(top["choices"], "choices") if "choices" in top else ()
    dimensions = _dimensions(r, top["dimensions"]) if "dimensions" in top else ()
    raw_items = top.get("items")
    items: list[Item] = []
    if "items" in top and (not isinstance(raw_items, list) or not raw_items):
        r.fail("items", f"expected a non-empty list of items, got {_kind(raw_items)}")
    elif isinstance(raw_items, list):
        for n, raw in enumerate(raw_items):
            items.extend(_item(r, raw, f"items[{n}]", choices, dimensions))
    seen = set()
    for item in items:
        if item.id and item.id in seen:
            r.fail(f"items[{item.id}].id", f"duplicate item id {item.id!r} (rubric ids share the item namespace)")
        seen.add(item.id)
    kinds = {i.kind for i in items}
    if "rating" in kinds and scale is None and "scale" not in top:
        r.fail("scale", "missing: rating items need the exercise's scale {min, max, labels}")
    if "match" in kinds and not choices and "choices" not in top:
        r.fail("choices", "missing: match items need the exercise's list of choices")
    _unused_dimensions(r, dimensions, items)
    pair = r.ident(top["pair"], "pair") if "pair" in top else ""
    if pair and pair == eid:
        r.fail("pair", "expected the id of another exercise, got this exercise's own id")
    exercise = Exercise(
        id=eid, title=r.text(top, "", "title"), module=module, intro=r.text(top, "", "intro"),
        items=tuple(items), bands=(), scale=scale, choices=choices, dimensions=dimensions, pair=pair, source=file)
    # The maximum score is only known when the scale and every item were read without a problem.
    known_top = exercise_max(exercise) if len(r.problems) == before and items else None
    bands = _bands(r, top.get("bands"), known_top) if "bands" in top else ()
    if r.problems:
        return None, r.problems
    exercise = Exercise(**{**exercise.__dict__, "bands": bands})
    if "newcomer" in top:
        exercise = Exercise(**{**exercise.__dict__, "newcomer": _newcomer(r, top["newcomer"], exercise)})
    if r.problems:
        return None, r.problems
    return exercise, []


def read_exercise(path: Path) -> tuple[Exercise | None, list[Problem]]:
    """Read and check one exercise file."""
    return reading.read_parsed(path, parse_exercise, "an exercise (id, title, module, intro, items, bands)")


def check_exercises(folder: Path) -> tuple[dict[str, Exercise], list[Problem]]:
    """Read every exercise file in a folder: the valid ones and all problems."""
    exercises, problems = {}, []
    if not folder.is_dir():
        return {}, [Problem(str(folder), "", "no such folder")]
    files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])
    if not files:
        problems.append(Problem(str(folder), "", "no exercise files (*.yml or *.yaml) found"))
    exercises, found = reading.read_each(files, read_exercise, "exercise")
    return exercises, problems + found + _pairs(exercises)


def _pairs(exercises: dict[str, Exercise]) -> list[Problem]:
    """Paired checks name each other, sit in different modules (the earlier one is the check before) and ask the same
    questions: the same item ids, of the same kinds, in order."""
    problems = []
    for exercise in exercises.values():
        if not exercise.pair:
            continue
        other = exercises.get(exercise.pair)
        if other is None:
            problems.append(Problem(exercise.source, "pair", f"no exercise has the id {exercise.pair!r}"))
        elif other.pair != exercise.id:
            problems.append(Problem(exercise.source, "pair", f"{other.id} does not name {exercise.id!r} as its pair; "
                                                             f"add pair: {exercise.id} to {other.source}"))
        elif exercise.module == other.module:
            problems.append(Problem(exercise.source, "pair", f"expected a module other than {other.id}'s (both are "
                                                             f"in module {exercise.module}): the check in the "
                                                             "earlier module is the one before"))
        elif [(i.id, i.kind) for i in exercise.items] != [(i.id, i.kind) for i in other.items]:
            mine = ", ".join(f"{i.id} ({i.kind})" for i in exercise.items)
            problems.append(Problem(exercise.source, "pair", f"expected the same questions as {other.id}, with the "
                                                             f"same ids and kinds in the same order; this one has: "
                                                             f"{mine}"))
    return problems


def load_exercises(folder: Path) -> dict[str, Exercise]:
    """Every exercise in a folder, by id; raises ExerciseError if any file is invalid."""
    exercises, problems = check_exercises(Path(folder))
    if problems:
        raise ExerciseError(problems)
    return exercises
