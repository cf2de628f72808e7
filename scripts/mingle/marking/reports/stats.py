"""Cohort figures gathered one learner at a time (memory grows with exercises and items, not learners)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from mingle.marking.grading import LearnerResult, kit_order
from mingle.model import Exercise, exercise_max, item_max

# Items with a right answer (or a box to tick): the ones a room can "miss". Ratings and free text cannot be.
MISSABLE = ("single", "multiple", "match", "check")
MISSED_SHOWN = 3


@dataclass(frozen=True)
class ItemSummary:
    """How the room did on one item."""

    id: str
    prompt: str
    kind: str
    explain: str
    max: int
    graded: int
    right: int
    points: int
    unanswered: int
    invalid: int

    @property
    def right_share(self) -> float:
        """The share of learners who got the item fully right (or ticked it)."""
        return self.right / self.graded if self.graded else 0.0

    @property
    def points_share(self) -> float:
        """The share of the item's points the room earned (a rating item's average, as a share of its range)."""
        return self.points / (self.max * self.graded) if self.max and self.graded else 0.0

    @property
    def answered(self) -> int:
        """How many learners gave a usable answer."""
        return self.graded - self.unanswered - self.invalid


@dataclass(frozen=True)
class BandSummary:
    """How many learners landed in one band."""

    label: str
    min: int
    max: int
    count: int
    share: float


@dataclass(frozen=True)
class StrandSummary:
    """One strand of a self-assessment profile: for how many learners it is the weakest."""

    label: str
    weakest: int


@dataclass(frozen=True)
class ExerciseSummary:
    """One exercise across the room: score distribution, bands, items, and the profile for self-assessments."""

    id: str
    title: str
    module: int
    max: int
    learners: int
    mean: float
    median: float
    low: int
    high: int
    scores: tuple[tuple[int, int], ...]  # (score, learners) for every score 0..max
    bands: tuple[BandSummary, ...]
    items: tuple[ItemSummary, ...]
    missed: tuple[ItemSummary, ...]
    profile: tuple[StrandSummary, ...]
    unanswered: int
    invalid: int


class _Tally:
    """Running counts for one exercise."""

    def __init__(self, exercise: Exercise):
        self.exercise = exercise
        self.learners = 0
        self.scores: Counter[int] = Counter()
        self.bands: Counter[str] = Counter()
        self.weakest: Counter[str] = Counter()
        self.items = {i.id: Counter() for i in exercise.items}
        self.points: Counter[str] = Counter()

    def add(self, result) -> None:
        """Count one learner's result for this exercise."""
        self.learners += 1
        self.scores[result.score] += 1
        self.bands[result.band.label] += 1
        for dim in result.weakest:
            self.weakest[dim] += 1
        for item in result.items:
            self.items[item.item][item.status] += 1
            self.points[item.item] += item.score


def _nth(counts: Mapping[int, int], n: int) -> int:
    """The n-th smallest value (from 0) of values given as value -> how many times."""
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen > n:
            return value
    raise IndexError(n)


def median(counts: Mapping[int, int]) -> float:
    """The median of values given as value -> how many times (0 when there are none)."""
    total = sum(counts.values())
    if not total:
        return 0.0
    return (_nth(counts, (total - 1) // 2) + _nth(counts, total // 2)) / 2


class Cohort:
    """The whole room's figures, fed one learner at a time."""

    def __init__(self, exercises: Mapping[str, Exercise]):
        self.exercises = exercises
        self.order = kit_order(exercises)
        self.learners = 0
        self.rejected = 0
        self.unknown: Counter[str] = Counter()
        self._tallies: dict[str, _Tally] = {}

    def add(self, result: LearnerResult) -> None:
        """Count one learner."""
        self.learners += 1
        for exercise_id in result.unknown:
            self.unknown[exercise_id] += 1
        for r in result.results:
            tally = self._tallies.get(r.exercise)
            if tally is None:
                tally = self._tallies[r.exercise] = _Tally(self.exercises[r.exercise])
            tally.add(r)

    def summaries(self) -> tuple[ExerciseSummary, ...]:
        """Every exercise anyone did, in course order."""
        ranked = sorted(self._tallies.values(), key=lambda t: self.order[t.exercise.id])
        return tuple(_summary(t) for t in ranked)


def _summary(t: _Tally) -> ExerciseSummary:
    """Freeze one exercise's tally into a summary."""
    ex = t.exercise
    items = tuple(
        ItemSummary(
            id=i.id, prompt=i.prompt, kind=i.kind, explain=i.explain, max=item_max(ex, i), graded=t.learners,
            right=t.items[i.id]["correct"], points=t.points[i.id], unanswered=t.items[i.id]["unanswered"],
            invalid=t.items[i.id]["invalid"])
        for i in ex.items)
    missable = [s for s in items if s.kind in MISSABLE and s.max and s.right < s.graded]
    missed = tuple(sorted(missable, key=lambda s: s.right_share)[:MISSED_SHOWN])
    total = sum(v * n for v, n in t.scores.items())
    return ExerciseSummary(
        id=ex.id, title=ex.title, module=ex.module, max=exercise_max(ex), learners=t.learners,
        mean=total / t.learners if t.learners else 0.0, median=median(t.scores),
        low=min(t.scores) if t.scores else 0, high=max(t.scores) if t.scores else 0,
        scores=tuple((s, t.scores.get(s, 0)) for s in range(exercise_max(ex) + 1)),
        bands=tuple(BandSummary(b.label, b.min, b.max, t.bands[b.label],
                                t.bands[b.label] / t.learners if t.learners else 0.0) for b in ex.bands),
        items=items, missed=missed,
        profile=tuple(StrandSummary(d.label, t.weakest[d.id]) for d in ex.dimensions),
        unanswered=sum(c["unanswered"] for c in t.items.values()),
        invalid=sum(c["invalid"] for c in t.items.values()))
