"""Score one learner's answers to one exercise (mirrored exactly by docs/assets/mingle/scoring.js)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from mingle.model import (TEXT_LIMIT, UNSENT, Auto, Band, Dimension, Exercise, Item, exercise_max, is_marked, item_max,
                          marked_max)

# Shouting, as the page checks it: a word of four or more capital letters (A to Z) in a row, or "!!".
SHOUTING = re.compile(r"[A-Z]{4,}|!!")


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
    """The whole exercise's score, band and per-item detail; `marked` of `marked_max` is the part a pass mark or a
    course total counts (model.is_marked), the rest is the learner's profile."""

    exercise: str
    score: int
    max: int
    band: Band
    unanswered: tuple[str, ...]
    invalid: tuple[str, ...]
    items: tuple[ItemResult, ...]
    dimensions: tuple[DimensionResult, ...] = ()
    weakest: tuple[str, ...] = ()
    marked: int = 0
    marked_max: int = 0


def _result(item_id: str, score: int, top: int, feedback: tuple[str, ...] = ()) -> ItemResult:
    """An item's result for a valid, present answer."""
    if top == 0:
        return ItemResult(item_id, score, top, "answered", feedback)
    status = "correct" if score == top else "partial" if score > 0 else "incorrect"
    return ItemResult(item_id, score, top, status, feedback)


# What each kind of item accepts. Single, match, rating and check items have few possible answers, so every
# result is made once, when the Scorer is built, and scoring an answer is one dictionary look-up. Multiple
# choice and free text are open-ended, so a function scores them.

def _choice(exercise: Exercise, item: Item, top: int) -> dict:
    """Single choice and matching: one option id, worth the item's points when it is the answer."""
    results = {}
    for option in exercise.options_for(item):
        right = option.id == item.answer
        tip = option.feedback if item.kind == "single" else ("" if right else item.feedback)
        results[option.id] = _result(item.id, item.points if right else 0, top, (tip,) if tip else ())
    return results


def _rating(exercise: Exercise, item: Item, top: int) -> dict:
    """A rating: a whole number on the exercise's scale, counted from the low end (or the high end, reversed)."""
    scale = exercise.scale
    return {v: _result(item.id, scale.max - v if item.reverse else v - scale.min, top)
            for v in range(scale.min, scale.max + 1)}


def _check(exercise: Exercise, item: Item, top: int) -> dict:
    """A checklist box: true (ticked) earns its points, false earns the item's advice."""
    return {True: _result(item.id, item.points, top),
            False: _result(item.id, 0, top, (item.feedback,) if item.feedback else ())}


def _multiple(item: Item, invalid: ItemResult) -> Callable[[object], ItemResult]:
    """Multiple choice: a list of distinct option ids; one point per right tick, minus one per wrong, never below 0."""
    options = frozenset(o.id for o in item.options)
    right = frozenset(item.answer)
    tips = {o.id: o.feedback for o in item.options if o.feedback}

    def score(value: list) -> ItemResult:
        try:
            chosen = set(value)
        except TypeError:  # something unhashable in the list: not an option id
            return invalid
        if len(chosen) != len(value) or not chosen <= options:
            return invalid
        hits = len(chosen & right)
        return _result(item.id, max(0, hits - (len(value) - hits)), invalid.max,
                       tuple([tips[v] for v in value if v in tips]))
    return score


def is_written(value) -> bool:
    """Whether a free-text answer counts as written: text within the limit, not blank (what lets its rubric
    points count; an answer code carries this for each box even when the text stays with the learner)."""
    return type(value) is str and len(value) <= TEXT_LIMIT and not value.isspace() and value != ""


def passes(auto: Auto, text: str) -> bool:
    """Whether a written answer passes every test of a checklist point the page checks (scoring.js's passes)."""
    words = len(text.split())  # runs of anything but Python's spaces, as scoring.js counts them
    lower = text.lower()
    return ((not auto.question or "?" in text)
            and words >= auto.min_words and (not auto.max_words or words <= auto.max_words)
            and (not auto.no_shouting or SHOUTING.search(text) is None)
            and (not auto.mentions or any(m.lower() in lower for m in auto.mentions)))


def _text(item: Item, invalid: ItemResult) -> Callable[[object], ItemResult]:
    """Free text: never scored itself (its rubric is); blank text counts as unanswered."""
    answered = ItemResult(item.id, 0, invalid.max, "answered")
    blank = ItemResult(item.id, 0, invalid.max, "unanswered")

    def score(value: str) -> ItemResult:
        if len(value) > TEXT_LIMIT:
            return invalid
        return answered if is_written(value) else blank
    return score


# kind -> (the one Python type its answers have, the builder of its table of answers)
FEW_ANSWERS = {"single": (str, _choice), "match": (str, _choice), "rating": (int, _rating), "check": (bool, _check)}
# kind -> (the one Python type its answers have, the builder of the function that scores an answer)
OPEN_ANSWERS = {"multiple": (list, _multiple), "text": (str, _text)}


@dataclass(frozen=True, slots=True)
class ItemScorer:
    """One item ready to score.

    An answer must be of the item's one type, exactly (`type(value) is`: a tick True is not the rating 1, and
    the rating 1 is not a tick). Then it is looked up in `known` (every answer an item with few answers can
    have) or, for open-ended items, passed to `judge`.
    """

    id: str
    kind: type
    known: Mapping[object, ItemResult]
    judge: Callable[[object], ItemResult] | None
    unanswered: ItemResult
    invalid: ItemResult

    def score(self, value) -> ItemResult:
        """The result of one answer to this item (None: not answered)."""
        if value is None:
            return self.unanswered
        if type(value) is not self.kind:
            return self.invalid
        return self.judge(value) if self.judge else self.known.get(value, self.invalid)


@dataclass(frozen=True)
class DimensionScorer:
    """A profile strand: where its rating items sit among the exercise's items, and its result for each total."""

    positions: tuple[int, ...]
    results: tuple[DimensionResult, ...]  # by total, from 0 to the strand's max


class Scorer:
    """Scores answers to one exercise. Build one per exercise and reuse it for every sheet of a run."""

    def __init__(self, exercise: Exercise):
        self.exercise = exercise
        self.max = exercise_max(exercise)
        self.marked_max = marked_max(exercise)
        self.marked = tuple(n for n, item in enumerate(exercise.items) if is_marked(item))
        self.items: tuple[ItemScorer, ...] = tuple(self._item(item) for item in exercise.items)
        self.by_id = {scorer.id: scorer for scorer in self.items}
        self.dimensions = tuple(self._dimension(dim) for dim in exercise.dimensions)
        self.bands = {score: band_for(exercise, score) for score in range(self.max + 1)}
        # A rubric point counts only when its text item has been written: (its position, its text item's
        # position, its result when ticked beside an empty box), checked after the items are scored.
        at = {item.id: n for n, item in enumerate(exercise.items)}
        self.rubric = tuple((n, at[item.rubric_of], self._unwritten(item)) for n, item in enumerate(exercise.items)
                            if item.rubric_of and item.rubric_of in at)
        self.unwritten = {exercise.items[n].id: (exercise.items[text].id, result) for n, text, result in self.rubric}
        # A point the page checks is judged from its written answer, whatever the sheet says, unless the words stayed
        # with the learner (a code sent without them): then the page's verdict, carried as a tick, stands.
        self.auto = tuple((n, at[item.rubric_of], item) for n, item in enumerate(exercise.items)
                          if item.auto and item.rubric_of in at)

    def _unwritten(self, item: Item) -> ItemResult:
        """A rubric point's result when it is ticked but its text item is blank: 0, as if not ticked."""
        tip = (item.feedback,) if item.feedback else ()
        return ItemResult(item.id, 0, item_max(self.exercise, item), "incorrect", tip)

    def _item(self, item: Item) -> ItemScorer:
        """The scorer of one item."""
        top = item_max(self.exercise, item)
        invalid = ItemResult(item.id, 0, top, "invalid")
        unanswered = ItemResult(item.id, 0, top, "unanswered")
        if item.kind in FEW_ANSWERS:
            kind, table = FEW_ANSWERS[item.kind]
            return ItemScorer(item.id, kind, table(self.exercise, item, top), None, unanswered, invalid)
        kind, judge = OPEN_ANSWERS[item.kind]
        return ItemScorer(item.id, kind, {}, judge(item, invalid), unanswered, invalid)

    def _dimension(self, dim: Dimension) -> DimensionScorer:
        """A dimension's rating items (by position) and its result for every total they can reach."""
        positions = tuple(n for n, item in enumerate(self.exercise.items)
                          if item.kind == "rating" and item.dimension == dim.id)
        top = sum(self.items[n].unanswered.max for n in positions)
        return DimensionScorer(positions,
                               tuple(DimensionResult(dim.id, dim.label, total, top, dim.advice, total * 2 < top)
                                                for total in range(top + 1)))

    def _judged(self, item: Item, answers: Mapping, result: ItemResult) -> ItemResult:
        """A point the page checks, judged from its written answer when the words are there (else `result`)."""
        text = answers.get(item.rubric_of)
        if result.status == "invalid" or not is_written(text) or text == UNSENT:
            return result
        return (ItemResult(item.id, item.points, item.points, "correct") if passes(item.auto, text)
                else ItemResult(item.id, 0, item.points, "incorrect"))

    def item(self, item: Item, answers: Mapping) -> ItemResult:
        """Score one item from a learner's answers to this exercise."""
        result = self.by_id[item.id].score(answers.get(item.id))
        if item.auto:
            judged = self._judged(item, answers, result)
            if judged is not result:
                return judged
        if result.score and item.id in self.unwritten:
            text, unwritten = self.unwritten[item.id]
            if self.by_id[text].score(answers.get(text)).status != "answered":
                return unwritten
        return result

    def is_valid(self, item: Item, value) -> bool:
        """Whether a present value is of the right type and range for its item."""
        return self.by_id[item.id].score(value).status != "invalid"

    def score(self, answers: Mapping) -> ExerciseResult:
        """Score a learner's answers (item id -> value); anything but a mapping counts as no answers."""
        if type(answers) is not dict and not isinstance(answers, Mapping):  # a dict, nearly always: skip the ABC
            answers = {}
        items, unanswered, invalid, score, present = [], [], [], 0, 0
        for scorer in self.items:
            value = answers.get(scorer.id)
            if value is None:
                items.append(scorer.unanswered)
                unanswered.append(scorer.id)
                continue
            present += 1
            result = scorer.score(value)
            items.append(result)
            score += result.score
            if result.status == "invalid":
                invalid.append(scorer.id)
            elif result.status == "unanswered":  # blank text
                unanswered.append(scorer.id)
        for n, text, unwritten in self.rubric:
            if items[n].score and items[text].status != "answered":  # ticked beside an empty box
                score -= items[n].score
                items[n] = unwritten
        for n, text, item in self.auto:
            judged = self._judged(item, answers, items[n])
            if judged is not items[n]:
                if items[n].status == "unanswered":
                    unanswered.remove(item.id)
                score += judged.score - items[n].score
                items[n] = judged
        if present < len(answers):  # keys that name no item (or items answered None)
            invalid.extend(sorted(str(key) for key in answers.keys() - self.by_id.keys()))
        dimensions, weakest = self._profile(items) if self.dimensions else ((), ())
        band = self.bands.get(score) or band_for(self.exercise, score)
        marked = 0
        for n in self.marked:
            marked += items[n].score
        return ExerciseResult(self.exercise.id, score, self.max, band, tuple(unanswered), tuple(invalid),
                              tuple(items), dimensions, weakest, marked, self.marked_max)

    def _profile(self, items: tuple[ItemResult, ...]) -> tuple[tuple[DimensionResult, ...], tuple[str, ...]]:
        """Each dimension's total, and the ids of the weakest (lowest share of its max)."""
        found = []
        for strand in self.dimensions:
            total = 0
            for n in strand.positions:
                total += items[n].score
            found.append(strand.results[total])
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


def is_valid(exercise: Exercise, item: Item, value) -> bool:
    """Whether a present value is of the right type and range for its item."""
    return Scorer(exercise).is_valid(item, value)
