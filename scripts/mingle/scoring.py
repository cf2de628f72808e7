"""Score one learner's answers to one exercise (mirrored exactly by docs/assets/mingle/scoring.js)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from mingle.model import TEXT_LIMIT, Band, Exercise, Item, exercise_max, item_max


class ItemResult(NamedTuple):
    """How one item scored, and the feedback the learner earned.

    A NamedTuple rather than a frozen dataclass: one is made per item per learner, and the grader
    makes hundreds of thousands; it is just as immutable and comparable, and several times cheaper.
    """

    item: str
    score: int
    max: int
    status: str  # correct | partial | incorrect | answered | unanswered | invalid
    feedback: tuple[str, ...] = ()


class DimensionResult(NamedTuple):
    """One strand of a profile: its score and whether its advice applies."""

    id: str
    label: str
    score: int
    max: int
    advice: str
    needs_work: bool


class ExerciseResult(NamedTuple):
    """The whole exercise's score, band and per-item detail (a NamedTuple for the same reason as ItemResult)."""

    exercise: str
    score: int
    max: int
    band: Band
    unanswered: tuple[str, ...]
    invalid: tuple[str, ...]
    items: tuple[ItemResult, ...]
    dimensions: tuple[DimensionResult, ...] = ()
    weakest: tuple[str, ...] = ()


def _result(item_id: str, score: int, top: int, feedback: tuple[str, ...] = ()) -> ItemResult:
    """An item's result for a valid, present answer."""
    if top == 0:
        return ItemResult(item_id, score, top, "answered", feedback)
    status = "correct" if score == top else "partial" if score > 0 else "incorrect"
    return ItemResult(item_id, score, top, status, feedback)


def _compile(exercise: Exercise, item: Item) -> Callable[[object], ItemResult]:
    """A scorer for one item's present value. Single, match, rating and check items have few possible
    answers, so every result is worked out once here and scoring a sheet is a dictionary look-up."""
    iid, kind, top = item.id, item.kind, item_max(exercise, item)
    invalid = ItemResult(iid, 0, top, "invalid")
    if kind in ("single", "match"):
        table = {}
        for option in exercise.options_for(item):
            right = option.id == item.answer
            tip = option.feedback if kind == "single" else ("" if right else item.feedback)
            table[option.id] = _result(iid, item.points if right else 0, top, (tip,) if tip else ())
        return lambda value: table.get(value, invalid) if isinstance(value, str) else invalid
    if kind == "rating":
        scale = exercise.scale
        table = {v: _result(iid, scale.max - v if item.reverse else v - scale.min, top)
                 for v in range(scale.min, scale.max + 1)}
        # bool is an int in Python (True == 1), but a tick is not a rating.
        return lambda value: (table.get(value, invalid) if isinstance(value, int) and not isinstance(value, bool)
                              else invalid)
    if kind == "check":
        ticked = _result(iid, item.points, top)
        blank = _result(iid, 0, top, (item.feedback,) if item.feedback else ())
        return lambda value: ticked if value is True else blank if value is False else invalid
    if kind == "multiple":
        known = {o.id: o.feedback for o in item.options}
        right = set(item.answer)

        def multiple(value) -> ItemResult:
            if not (isinstance(value, list) and all(isinstance(v, str) and v in known for v in value)
                    and len(set(value)) == len(value)):
                return invalid
            hits = sum(1 for v in value if v in right)
            return _result(iid, max(0, hits - (len(value) - hits)), top, tuple(known[v] for v in value if known[v]))
        return multiple
    answered, empty = ItemResult(iid, 0, top, "answered"), ItemResult(iid, 0, top, "unanswered")
    return lambda value: (invalid if not isinstance(value, str) or len(value) > TEXT_LIMIT
                          else answered if value.strip() else empty)


class _Plan(NamedTuple):
    """An exercise prepared for scoring many sheets: per item its id, its 'unanswered' result and its scorer."""

    exercise: Exercise
    items: tuple[tuple[str, ItemResult, Callable[[object], ItemResult]], ...]
    ids: frozenset
    top: int
    dimensions: tuple  # (Dimension, positions of its rating items, their total max) per dimension


_PLANS: dict[int, _Plan] = {}


def _plan(exercise: Exercise) -> _Plan:
    """The exercise's scoring plan, cached by identity (hashing a whole exercise would cost more than scoring)."""
    plan = _PLANS.get(id(exercise))
    if plan is None or plan.exercise is not exercise:
        items = tuple((i.id, ItemResult(i.id, 0, item_max(exercise, i), "unanswered"), _compile(exercise, i))
                      for i in exercise.items)
        dimensions = []
        for dim in exercise.dimensions:
            where = tuple(n for n, i in enumerate(exercise.items) if i.kind == "rating" and i.dimension == dim.id)
            dimensions.append((dim, where, sum(items[n][1].max for n in where)))
        plan = _Plan(exercise, items, frozenset(i.id for i in exercise.items), exercise_max(exercise),
                     tuple(dimensions))
        if len(_PLANS) > 256:
            _PLANS.clear()
        _PLANS[id(exercise)] = plan
    return plan


def _scorer(exercise: Exercise, item: Item):
    """The planned (id, unanswered result, scorer) entry of one item."""
    return next(entry for entry in _plan(exercise).items if entry[0] == item.id)


def is_valid(exercise: Exercise, item: Item, value) -> bool:
    """Whether a present value is of the right type and range for its item."""
    return _scorer(exercise, item)[2](value).status != "invalid"


def score_item(exercise: Exercise, item: Item, answers: Mapping) -> ItemResult:
    """Score one item from a learner's answers for its exercise."""
    _, unanswered, scorer = _scorer(exercise, item)
    value = answers.get(item.id)
    return unanswered if value is None else scorer(value)


def band_for(exercise: Exercise, score: int) -> Band:
    """The band a total score falls in."""
    for band in exercise.bands:
        if band.min <= score <= band.max:
            return band
    return exercise.bands[-1] if score > exercise.bands[-1].max else exercise.bands[0]


def _dimensions(plan: _Plan, items: list[ItemResult]) -> tuple[tuple[DimensionResult, ...], tuple[str, ...]]:
    """Each dimension's total, and the ids of the weakest (lowest share of its max)."""
    found = [DimensionResult(dim.id, dim.label, score, top, dim.advice, score * 2 < top)
             for dim, where, top in plan.dimensions
             for score in (sum(items[i].score for i in where),)]
    if not found:
        return (), ()
    # Compare shares score/max by cross-multiplying: integers only, so JS agrees exactly.
    weakest = found[0]
    for d in found[1:]:
        if d.score * weakest.max < weakest.score * d.max:
            weakest = d
    lowest = tuple(d.id for d in found if d.score * weakest.max == weakest.score * d.max)
    return tuple(found), lowest


def score_exercise(exercise: Exercise, answers: Mapping) -> ExerciseResult:
    """Score a learner's answers (item id -> value) to one exercise."""
    if type(answers) is not dict and not isinstance(answers, Mapping):  # the ABC check is slow: dicts first
        answers = {}
    plan = _plan(exercise)
    items, unanswered, invalid, score, known = [], [], [], 0, 0
    for item_id, blank, scorer in plan.items:  # one pass: this loop runs for every item of every sheet
        value = answers.get(item_id)
        if value is None:
            result = blank
            known += item_id in answers
        else:
            result = scorer(value)
            known += 1
        items.append(result)
        score += result.score
        if result.status == "unanswered":
            unanswered.append(item_id)
        elif result.status == "invalid":
            invalid.append(item_id)
    if len(answers) > known:  # some keys name no item
        invalid.extend(sorted(str(k) for k in answers if k not in plan.ids))
    dimensions, weakest = _dimensions(plan, items) if plan.dimensions else ((), ())
    return ExerciseResult(exercise.id, score, plan.top, band_for(exercise, score), tuple(unanswered),
                          tuple(invalid), tuple(items), dimensions, weakest)
