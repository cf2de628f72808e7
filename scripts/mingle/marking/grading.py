"""Turn a stream of sheets and codes into learner results with the site's own scorer, one learner at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from mingle.marking.roomlive import LiveRoom
from mingle.marking.sheets import NO_NAME, Code, Notice, Rejected, Sheet
from mingle.model import Exercise
from mingle.scoring import ExerciseResult, Scorer

# How inputs combine (documented on the "Grading a room" page):
# - every answer sheet file and every roster row is its own entry, even when two carry the same name;
# - answer codes are gathered by learner name (case and spacing ignored) across all inputs of the run;
#   for each exercise the last code counts (inputs in the order given, folders sorted, lines in order),
#   and these learners follow the sheets, in the order their names first appeared.


@dataclass(frozen=True)
class LearnerResult:
    """One learner's graded exercises, the exercise ids nobody knows, the live activities they answered (never
    marked, so listed apart), and where the answers came from."""

    learner: str
    source: str
    results: tuple[ExerciseResult, ...]
    unknown: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    answers: Mapping = field(default_factory=dict, compare=False, repr=False)
    person: str = ""  # who this is when a name alone is not enough (a room's phone); "" matches by name

    @property
    def who(self) -> tuple[str, ...]:
        """The same person across inputs: a room's phone is itself (two phones with one name stay two people);
        anyone else is their name without case or spacing, except that no name is never anyone else."""
        if self.person:
            return ("phone", self.person)
        if unnamed(self.learner):
            return ("unnamed", self.source)
        return ("name", name_key(self.learner))

    @property
    def total(self) -> int:
        """The learner's marks over every graded exercise: only the items with a right answer count (DESIGN, "What
        a score counts"); ratings and ticks give each exercise its band, never a share of the total."""
        return sum(r.marked for r in self.results)

    @property
    def max(self) -> int:
        """The most the graded exercises' marked items could score."""
        return sum(r.marked_max for r in self.results)


def kit_order(exercises: Mapping[str, Exercise]) -> dict[str, int]:
    """Each exercise id's place in the course (by module, then id): results are listed in this order."""
    ranked = sorted(exercises.values(), key=lambda e: (e.module, e.id))
    return {e.id: n for n, e in enumerate(ranked)}


class Grader:
    """Grades learners against the kit's exercises: one Scorer per exercise, built once and reused for every sheet."""

    def __init__(self, exercises: Mapping[str, Exercise], activities: Iterable[str] = ()):
        self.exercises = exercises
        self.activities = frozenset(activities)  # ids answered but never marked: listed apart, not as unknown
        self.order = kit_order(exercises)
        self.scorers = {exercise_id: Scorer(exercise) for exercise_id, exercise in exercises.items()}

    def learner(self, learner: str, source: str, answers: Mapping, person: str = "") -> LearnerResult:
        """Score one learner's answers (exercise id -> item id -> value) to every exercise they name."""
        results, unknown, live = [], [], []
        for exercise_id, items in answers.items():
            scorer = self.scorers.get(exercise_id)
            if scorer is None and exercise_id in self.activities:
                live.append(exercise_id)
            elif scorer is None:
                unknown.append(str(exercise_id))
            else:
                results.append(scorer.score(items))
        if len(results) > 1:
            results.sort(key=lambda r: self.order[r.exercise])
        return LearnerResult(learner, source, tuple(results), tuple(sorted(set(unknown))) if unknown else (),
                             tuple(sorted(live)), answers, person)

    def grade(self, stream: Iterable[Sheet | Code | Rejected | Notice | LiveRoom]
              ) -> Iterator[LearnerResult | Rejected | Notice | LiveRoom]:
        """Grade sheets as they stream past; gather codes and grade them once every input has been read; pass
        anything else on as it came (rejected inputs, notices, a room's live activities)."""
        coded: dict[tuple[str, ...], _Coded] = {}
        for entry in stream:
            if isinstance(entry, Sheet):
                yield self.learner(entry.learner, entry.source, entry.answers, entry.person)
            elif isinstance(entry, Code):
                person = coded.setdefault(_key(entry), _Coded(entry.learner))
                person.codes.pop(entry.exercise, None)  # the last code for an exercise counts, and takes its place
                person.codes[entry.exercise] = entry
            else:
                yield entry
        for person in coded.values():
            ranked = sorted(person.codes.values(), key=lambda code: self.order.get(code.exercise, len(self.order)))
            answers = {code.exercise: code.answers for code in ranked}
            source = ", ".join(f"{code.source}:{code.line}" for code in ranked)
            yield self.learner(person.learner, source, answers)


@dataclass
class _Coded:
    """The codes gathered so far for one learner name (as first written): exercise id -> the code that counts."""

    learner: str
    codes: dict[str, Code] = field(default_factory=dict)


def unnamed(name: str) -> bool:
    """Whether a learner gave no name (shown as "(no name)"): never taken to be anyone else."""
    return not name or name == NO_NAME


def name_key(name: str) -> str:
    """A learner's name as the grader matches it: without case or spacing (`Ada` and ` ada ` are one learner)."""
    return " ".join(name.casefold().split())


def _key(code: Code) -> tuple[str, ...]:
    """Who a code belongs to: the name without case or spacing; codes with no name are never merged."""
    if unnamed(code.learner):
        return ("", code.source, str(code.line))
    return (name_key(code.learner),)


def grade(stream: Iterable[Sheet | Code | Rejected], exercises: Mapping[str, Exercise],
          activities: Iterable[str] = ()) -> Iterator[LearnerResult | Rejected]:
    """Grade a stream of sheets, codes and rejected inputs against the exercises (answers to the live activities
    named are listed apart)."""
    return Grader(exercises, activities).grade(stream)
