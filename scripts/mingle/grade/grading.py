"""Turn a stream of sheets and codes into learner results with the site's own scorer, one learner at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from mingle.grade.sheets import Code, Rejected, Sheet
from mingle.model import Exercise
from mingle.scoring import ExerciseResult, score_exercise

# How inputs combine (documented on the "Grading a room" page):
# - every answer sheet file and every roster row is its own entry, even when two carry the same name;
# - answer codes are gathered by learner name (case and spacing ignored) across all inputs of the run;
#   for each exercise the last code counts (inputs in the order given, folders sorted, lines in order),
#   and these learners follow the sheets, in the order their names first appeared.


@dataclass(frozen=True)
class LearnerResult:
    """One learner's graded exercises, the exercise ids nobody knows, and where the answers came from."""

    learner: str
    source: str
    results: tuple[ExerciseResult, ...]
    unknown: tuple[str, ...] = ()
    answers: Mapping = field(default_factory=dict, compare=False, repr=False)

    @property
    def total(self) -> int:
        """The learner's score over every graded exercise."""
        return sum(r.score for r in self.results)

    @property
    def max(self) -> int:
        """The most the graded exercises could score."""
        return sum(r.max for r in self.results)


def kit_order(exercises: Mapping[str, Exercise]) -> dict[str, int]:
    """Each exercise id's place in the course (by module, then id): results are listed in this order."""
    ranked = sorted(exercises.values(), key=lambda e: (e.module, e.id))
    return {e.id: n for n, e in enumerate(ranked)}


def grade_answers(learner: str, source: str, answers: Mapping, exercises: Mapping[str, Exercise],
                  order: Mapping[str, int] | None = None) -> LearnerResult:
    """Score one learner's answers (exercise id -> item id -> value) to every exercise they name."""
    order = order if order is not None else kit_order(exercises)
    results, unknown = [], []
    for exercise_id, items in answers.items():
        exercise = exercises.get(exercise_id)
        if exercise is None:
            unknown.append(str(exercise_id))
        else:
            results.append(score_exercise(exercise, items))
    if len(results) > 1:
        results.sort(key=lambda r: order.get(r.exercise, len(order)))
    return LearnerResult(learner, source, tuple(results), tuple(sorted(set(unknown))) if unknown else (), answers)


@dataclass
class _Coded:
    """The codes gathered so far for one learner name."""

    learner: str
    exercises: dict = field(default_factory=dict)  # exercise id -> (answers, "file:line")


def _key(code: Code) -> tuple[str, ...]:
    """Who a code belongs to: the name without case or spacing; codes with no name are never merged."""
    if not code.learner or code.learner.startswith("(no name"):
        return ("", code.source, str(code.line))
    return (" ".join(code.learner.casefold().split()),)


def grade(stream: Iterable[Sheet | Code | Rejected], exercises: Mapping[str, Exercise]) -> Iterator[LearnerResult | Rejected]:
    """Grade sheets as they stream past; gather codes and grade them once every input has been read."""
    order = kit_order(exercises)
    coded: dict[tuple[str, ...], _Coded] = {}
    for entry in stream:
        if isinstance(entry, Sheet):
            yield grade_answers(entry.learner, entry.source, entry.answers, exercises, order)
        elif isinstance(entry, Code):
            person = coded.setdefault(_key(entry), _Coded(entry.learner))
            person.exercises.pop(entry.exercise, None)  # re-insert: the last code decides the position too
            person.exercises[entry.exercise] = (entry.answers, f"{entry.source}:{entry.line}")
        else:
            yield entry
    for person in coded.values():
        ranked = sorted(person.exercises.items(), key=lambda kv: order.get(kv[0], len(order)))
        answers = {exercise: pair[0] for exercise, pair in ranked}
        source = ", ".join(pair[1] for _, pair in ranked)
        yield grade_answers(person.learner, source, answers, exercises, order)
