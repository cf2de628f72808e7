"""Paired checks across a room, person by person: who did both, how far each moved, and how each question moved."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from mingle.marking.grading import LearnerResult
from mingle.marking.reports.stats import median
from mingle.model import Exercise, before_and_after, exercise_max, is_marked, marked_max
from mingle.scoring import ExerciseResult


@dataclass(frozen=True)
class QuestionMove:
    """How one paired question moved for the people who did both checks ("right": full marks)."""

    id: str
    before: str  # the question as the check before asks it
    after: str  # and as the check after asks it
    both: int  # right both times
    gained: int  # not right before, right after
    lost: int  # right before, not right after
    neither: int  # not right either time


@dataclass(frozen=True)
class PairSummary:
    """One pair of checks across the room: the gain of each person who did both, and who did only one."""

    before: str  # the check before: its id and title
    before_title: str
    after: str
    after_title: str
    unit: str  # "marks" (questions with a right answer) or "points" (a pair of self-checks, with none)
    top: int  # the most either check gives in that unit
    both: int
    improved: int
    same: int
    worse: int
    median_gain: float
    gains: tuple[tuple[int, int], ...]  # (gain, people) for every gain from -top to top
    before_only: int
    after_only: int
    questions: tuple[QuestionMove, ...]


class Pairs:
    """Each person's result on each side of every pair of checks, fed one learner at a time.

    A person is a room's phone, or a name without case or spacing (LearnerResult.who); where one person's check
    comes twice (two answer files with one name), the last one counts, as with answer codes."""

    def __init__(self, exercises: Mapping[str, Exercise]):
        self.pairs = before_and_after(exercises)
        self.sides = {e.id: (n, side) for n, pair in enumerate(self.pairs) for side, e in enumerate(pair)}
        self.people: list[dict[tuple, list[ExerciseResult | None]]] = [{} for _ in self.pairs]

    def add(self, result: LearnerResult) -> None:
        """Keep this learner's results for any paired check."""
        for r in result.results:
            if r.exercise in self.sides:
                n, side = self.sides[r.exercise]
                self.people[n].setdefault(result.who, [None, None])[side] = r

    def summaries(self) -> tuple[PairSummary, ...]:
        """Every pair anyone did at least one side of, in course order."""
        return tuple(_summary(before, after, people) for (before, after), people in zip(self.pairs, self.people)
                     if people)


def _summary(before: Exercise, after: Exercise, people: Mapping[tuple, list]) -> PairSummary:
    """Freeze one pair's people into its figures."""
    marked = marked_max(before) > 0 and marked_max(after) > 0
    top = max(marked_max(before), marked_max(after)) if marked else max(exercise_max(before), exercise_max(after))
    done = [(b, a) for b, a in people.values() if b is not None and a is not None]
    gains = Counter((a.marked - b.marked) if marked else (a.score - b.score) for b, a in done)
    questions = []
    for item in before.items:
        other = after.item(item.id)
        if not is_marked(item) or other is None or not is_marked(other):
            continue
        moves = Counter(_right(b, item.id) * 2 + _right(a, item.id) for b, a in done)
        questions.append(QuestionMove(item.id, item.prompt, other.prompt, both=moves[3], gained=moves[1],
                                      lost=moves[2], neither=moves[0]))
    return PairSummary(
        before.id, before.title, after.id, after.title, "marks" if marked else "points", top, len(done),
        improved=sum(n for g, n in gains.items() if g > 0), same=gains[0],
        worse=sum(n for g, n in gains.items() if g < 0), median_gain=median(gains),
        gains=tuple((g, gains[g]) for g in range(-top, top + 1)),
        before_only=sum(1 for b, a in people.values() if a is None),
        after_only=sum(1 for b, a in people.values() if b is None), questions=tuple(questions))


def _right(result: ExerciseResult, item_id: str) -> int:
    """1 when the item earned full marks in this result, else 0 (wrong, part right, left out or not valid)."""
    return int(any(i.item == item_id and i.status == "correct" for i in result.items))
