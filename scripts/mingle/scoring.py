"""Score one learner's answers to one exercise (mirrored exactly by docs/assets/mingle/scoring.js)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mingle.model import TEXT_LIMIT, Band, Exercise, Item, exercise_max, item_max


@dataclass(frozen=True)
class ItemResult:
    """How one item scored, and the feedback the learner earned."""

    item: str
    score: int
    max: int
    status: str  # correct | partial | incorrect | answered | unanswered | invalid
    feedback: tuple[str, ...] = ()


@dataclass(frozen=True)
class DimensionResult:
    """One strand of a profile: its score and whether its advice applies."""

    id: str
    label: str
    score: int
    max: int
    advice: str
    needs_work: bool


@dataclass(frozen=True)
class ExerciseResult:
    """The whole exercise's score, band and per-item detail."""

    exercise: str
    score: int
    max: int
    band: Band
    unanswered: tuple[str, ...]
    invalid: tuple[str, ...]
    items: tuple[ItemResult, ...]
    dimensions: tuple[DimensionResult, ...] = ()
    weakest: tuple[str, ...] = ()


def is_valid(exercise: Exercise, item: Item, value) -> bool:
    """Whether a present value is of the right type and range for its item."""
    kind = item.kind
    if kind in ("single", "match"):
        return isinstance(value, str) and value in {o.id for o in exercise.options_for(item)}
    if kind == "multiple":
        known = {o.id for o in item.options}
        return (isinstance(value, list) and all(isinstance(v, str) and v in known for v in value)
                and len(set(value)) == len(value))
    if kind == "rating":
        scale = exercise.scale
        return isinstance(value, int) and not isinstance(value, bool) and scale.min <= value <= scale.max
    if kind == "check":
        return isinstance(value, bool)
    return isinstance(value, str) and len(value) <= TEXT_LIMIT


def _raw_score(exercise: Exercise, item: Item, value) -> tuple[int, tuple[str, ...]]:
    """Points for a valid value, and the feedback it earns."""
    kind = item.kind
    options = {o.id: o for o in exercise.options_for(item)}
    if kind in ("single", "match"):
        right = value == item.answer
        tip = options[value].feedback if kind == "single" else ("" if right else item.feedback)
        return (item.points if right else 0), tuple(t for t in (tip,) if t)
    if kind == "multiple":
        hits = sum(1 for v in value if v in item.answer)
        misses = len(value) - hits
        return max(0, hits - misses), tuple(options[v].feedback for v in value if options[v].feedback)
    if kind == "rating":
        scale = exercise.scale
        return (scale.max - value if item.reverse else value - scale.min), ()
    if kind == "check":
        return (item.points if value else 0), (() if value or not item.feedback else (item.feedback,))
    return 0, ()


def score_item(exercise: Exercise, item: Item, answers: Mapping) -> ItemResult:
    """Score one item from a learner's answers for its exercise."""
    top = item_max(exercise, item)
    if item.id not in answers or answers[item.id] is None:
        return ItemResult(item.id, 0, top, "unanswered")
    value = answers[item.id]
    if not is_valid(exercise, item, value):
        return ItemResult(item.id, 0, top, "invalid")
    if item.kind == "text" and not value.strip():
        return ItemResult(item.id, 0, top, "unanswered")
    score, feedback = _raw_score(exercise, item, value)
    if top == 0:
        status = "answered"
    else:
        status = "correct" if score == top else "partial" if score > 0 else "incorrect"
    return ItemResult(item.id, score, top, status, feedback)


def band_for(exercise: Exercise, score: int) -> Band:
    """The band a total score falls in."""
    for band in exercise.bands:
        if band.min <= score <= band.max:
            return band
    return exercise.bands[-1] if score > exercise.bands[-1].max else exercise.bands[0]


def _dimensions(exercise: Exercise, results: dict[str, ItemResult]) -> tuple[tuple[DimensionResult, ...], tuple[str, ...]]:
    """Each dimension's total, and the ids of the weakest (lowest share of its max)."""
    found = []
    for dim in exercise.dimensions:
        mine = [results[i.id] for i in exercise.items if i.kind == "rating" and i.dimension == dim.id]
        score, top = sum(r.score for r in mine), sum(r.max for r in mine)
        found.append(DimensionResult(dim.id, dim.label, score, top, dim.advice, score * 2 < top))
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
    answers = answers if isinstance(answers, Mapping) else {}
    results = {item.id: score_item(exercise, item, answers) for item in exercise.items}
    known = set(results)
    unknown = sorted(str(k) for k in answers if k not in known)
    score = sum(r.score for r in results.values())
    dimensions, weakest = _dimensions(exercise, results)
    return ExerciseResult(
        exercise=exercise.id,
        score=score,
        max=exercise_max(exercise),
        band=band_for(exercise, score),
        unanswered=tuple(i for i, r in results.items() if r.status == "unanswered"),
        invalid=tuple(i for i, r in results.items() if r.status == "invalid") + tuple(unknown),
        items=tuple(results.values()),
        dimensions=dimensions,
        weakest=weakest,
    )
