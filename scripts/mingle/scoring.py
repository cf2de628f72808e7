"""Score one learner's answers to one exercise (mirrored exactly by docs/assets/mingle/scoring.js)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from mingle.model import TEXT_LIMIT, Band, Dimension, Exercise, Item, exercise_max, item_max


class ItemResult(NamedTuple):
    """How one item scored, and the feedback the learner earned.

    The three results are named tuples rather than frozen dataclasses: just as immutable and comparable, and
    a frozen dataclass costs about five times as much to make (measured 1.5 vs 0.35 µs), paid for every
    exercise of every sheet. Read their fields by name.
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


def _result(item_id: str, score: int, top: int, feedback: tuple[str, ...] = ()) -> ItemResult:
    """An item's result for a valid, present answer."""
    if top == 0:
        return ItemResult(item_id, score, top, "answered", feedback)
    status = "correct" if score == top else "partial" if score > 0 else "incorrect"
    return ItemResult(item_id, score, top, status, feedback)


# One builder per kind: each returns the function that scores a present value of that item.
# Single, match, rating and check items have few possible answers, so their results are all made here
# and scoring an answer is a dictionary look-up.

def _choice(exercise: Exercise, item: Item, invalid: ItemResult) -> Callable[[object], ItemResult]:
    """Single choice and matching: one option id, worth the item's points when it is the answer."""
    results = {}
    for option in exercise.options_for(item):
        right = option.id == item.answer
        tip = option.feedback if item.kind == "single" else ("" if right else item.feedback)
        results[option.id] = _result(item.id, item.points if right else 0, invalid.max, (tip,) if tip else ())

    def score(value) -> ItemResult:
        return results.get(value, invalid) if isinstance(value, str) else invalid
    return score


def _rating(exercise: Exercise, item: Item, invalid: ItemResult) -> Callable[[object], ItemResult]:
    """A rating: a whole number on the exercise's scale, counted from the low end (or the high end, reversed)."""
    scale = exercise.scale
    results = {v: _result(item.id, scale.max - v if item.reverse else v - scale.min, invalid.max)
               for v in range(scale.min, scale.max + 1)}

    def score(value) -> ItemResult:
        if isinstance(value, bool) or not isinstance(value, int):  # True == 1 in Python, but a tick is not a rating
            return invalid
        return results.get(value, invalid)
    return score


def _check(exercise: Exercise, item: Item, invalid: ItemResult) -> Callable[[object], ItemResult]:
    """A checklist box: true (ticked) earns its points, false earns the item's advice."""
    ticked = _result(item.id, item.points, invalid.max)
    unticked = _result(item.id, 0, invalid.max, (item.feedback,) if item.feedback else ())

    def score(value) -> ItemResult:
        return ticked if value is True else unticked if value is False else invalid
    return score


def _multiple(exercise: Exercise, item: Item, invalid: ItemResult) -> Callable[[object], ItemResult]:
    """Multiple choice: a list of distinct option ids; one point per right tick, minus one per wrong, never below 0."""
    feedback = {o.id: o.feedback for o in item.options}
    right = set(item.answer)

    def score(value) -> ItemResult:
        if not (isinstance(value, list) and all(isinstance(v, str) and v in feedback for v in value)
                and len(set(value)) == len(value)):
            return invalid
        hits = sum(1 for v in value if v in right)
        tips = tuple(feedback[v] for v in value if feedback[v])
        return _result(item.id, max(0, hits - (len(value) - hits)), invalid.max, tips)
    return score


def _text(exercise: Exercise, item: Item, invalid: ItemResult) -> Callable[[object], ItemResult]:
    """Free text: never scored itself (its rubric is); blank text counts as unanswered."""
    answered = ItemResult(item.id, 0, invalid.max, "answered")
    blank = ItemResult(item.id, 0, invalid.max, "unanswered")

    def score(value) -> ItemResult:
        if not isinstance(value, str) or len(value) > TEXT_LIMIT:
            return invalid
        return answered if value.strip() else blank
    return score


BUILDERS = {"single": _choice, "match": _choice, "rating": _rating, "check": _check, "multiple": _multiple,
            "text": _text}


@dataclass(frozen=True)
class ItemScorer:
    """One item ready to score: its result when unanswered, and the function that scores a present value."""

    id: str
    unanswered: ItemResult
    score: Callable[[object], ItemResult]


@dataclass(frozen=True)
class DimensionScorer:
    """A profile strand and where its rating items sit among the exercise's items."""

    dimension: Dimension
    positions: tuple[int, ...]
    max: int


class Scorer:
    """Scores answers to one exercise. Build one per exercise and reuse it for every sheet of a run."""

    def __init__(self, exercise: Exercise):
        self.exercise = exercise
        self.max = exercise_max(exercise)
        self.items: tuple[ItemScorer, ...] = tuple(self._item(item) for item in exercise.items)
        self.by_id = {scorer.id: scorer for scorer in self.items}
        self.dimensions = tuple(self._dimension(dim) for dim in exercise.dimensions)

    def _item(self, item: Item) -> ItemScorer:
        """The scorer of one item."""
        top = item_max(self.exercise, item)
        invalid = ItemResult(item.id, 0, top, "invalid")
        return ItemScorer(item.id, ItemResult(item.id, 0, top, "unanswered"),
                          BUILDERS[item.kind](self.exercise, item, invalid))

    def _dimension(self, dim: Dimension) -> DimensionScorer:
        """A dimension's rating items (by position) and their total max."""
        positions = tuple(n for n, item in enumerate(self.exercise.items)
                          if item.kind == "rating" and item.dimension == dim.id)
        return DimensionScorer(dim, positions, sum(self.items[n].unanswered.max for n in positions))

    def item(self, item: Item, answers: Mapping) -> ItemResult:
        """Score one item from a learner's answers to this exercise."""
        scorer = self.by_id[item.id]
        value = answers.get(item.id)
        return scorer.unanswered if value is None else scorer.score(value)

    def is_valid(self, item: Item, value) -> bool:
        """Whether a present value is of the right type and range for its item."""
        return self.by_id[item.id].score(value).status != "invalid"

    def score(self, answers: Mapping) -> ExerciseResult:
        """Score a learner's answers (item id -> value); anything but a mapping counts as no answers."""
        if not isinstance(answers, Mapping):
            answers = {}
        items, unanswered, invalid, score = [], [], [], 0
        for scorer in self.items:
            value = answers.get(scorer.id)
            result = scorer.unanswered if value is None else scorer.score(value)
            items.append(result)
            score += result.score
            if result.status == "unanswered":
                unanswered.append(scorer.id)
            elif result.status == "invalid":
                invalid.append(scorer.id)
        strangers = answers.keys() - self.by_id.keys()  # keys that name no item
        if strangers:
            invalid.extend(sorted(str(key) for key in strangers))
        dimensions, weakest = self._profile(items)
        return ExerciseResult(self.exercise.id, score, self.max, band_for(self.exercise, score), tuple(unanswered),
                              tuple(invalid), tuple(items), dimensions, weakest)

    def _profile(self, items: list[ItemResult]) -> tuple[tuple[DimensionResult, ...], tuple[str, ...]]:
        """Each dimension's total, and the ids of the weakest (lowest share of its max)."""
        found = []
        for strand in self.dimensions:
            score = sum(items[n].score for n in strand.positions)
            dim = strand.dimension
            found.append(DimensionResult(dim.id, dim.label, score, strand.max, dim.advice, score * 2 < strand.max))
        if not found:
            return (), ()
        # Compare shares score/max by cross-multiplying: integers only, so JS agrees exactly.
        weakest = found[0]
        for d in found[1:]:
            if d.score * weakest.max < weakest.score * d.max:
                weakest = d
        lowest = tuple(d.id for d in found if d.score * weakest.max == weakest.score * d.max)
        return tuple(found), lowest


def band_for(exercise: Exercise, score: int) -> Band:
    """The band a total score falls in."""
    for band in exercise.bands:
        if band.min <= score <= band.max:
            return band
    return exercise.bands[-1] if score > exercise.bands[-1].max else exercise.bands[0]


def score_exercise(exercise: Exercise, answers: Mapping) -> ExerciseResult:
    """Score one learner's answers to one exercise (to score many, build one Scorer and reuse it)."""
    return Scorer(exercise).score(answers)


def score_item(exercise: Exercise, item: Item, answers: Mapping) -> ItemResult:
    """Score one item from a learner's answers for its exercise."""
    return Scorer(exercise).item(item, answers)


def is_valid(exercise: Exercise, item: Item, value) -> bool:
    """Whether a present value is of the right type and range for its item."""
    return Scorer(exercise).is_valid(item, value)
