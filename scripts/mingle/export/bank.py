"""What of an exercise a quiz can hold: its items as choice and essay questions, and what is left out and why."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from mingle.errors import Problem
from mingle.model import Exercise, Item, is_marked, item_max

# Why a quiz cannot mark these kinds: said once per item left out, on standard error.
LEFT_OUT = {
    "rating": "left out: a rating on a scale has no right answer, so a quiz cannot mark it",
    "check": "left out: a self-check tick is the learner's own judgement, so a quiz has nothing to mark",
}


@dataclass(frozen=True)
class Answer:
    """One option of a choice question: its text, its share of the marks (-1 to 1) and its feedback."""

    id: str
    text: str
    fraction: Fraction
    feedback: str = ""


@dataclass(frozen=True)
class Question:
    """One quiz question made from one kit item: choice (single or multiple answers) or essay."""

    exercise: Exercise
    item: Item
    kind: str  # single | multiple | essay
    points: int
    answers: tuple[Answer, ...] = ()
    rubric: tuple[tuple[str, int], ...] = ()  # essay: each checklist point and its marks

    @property
    def ident(self) -> str:
        """The question's id, unique across the kit: exercise id and item id."""
        return f"{self.exercise.id}.{self.item.id}"

    @property
    def name(self) -> str:
        """The short name a question bank lists."""
        return f"{self.exercise.title} ({self.item.id})"

    @property
    def text(self) -> str:
        """The question as the learner reads it: in a bank each stands alone, so it carries the exercise's intro."""
        return f"{self.exercise.intro}\n\n{self.item.prompt}"

    @property
    def general_feedback(self) -> str:
        """The why behind the answer, shown after answering."""
        return self.item.explain

    def grader_info(self) -> str:
        """For an essay: the checklist a grader marks it by, and the example answer."""
        lines = ["Give a mark for each point the answer meets:"]
        lines += [f"- {marks} mark{'s' if marks != 1 else ''}: {text}" for text, marks in self.rubric]
        if self.item.example:
            lines += ["", f"An example answer: {self.item.example}"]
        return "\n".join(lines)


def _choice(exercise: Exercise, item: Item) -> Question:
    """A single, multiple or match item as a choice question scored as the kit scores it."""
    if item.kind == "multiple":
        # The kit gives 1 per right option ticked and takes 1 per wrong one, never below 0: the same
        # as each right option worth +1/n of the marks and each wrong one -1/n, as quiz tools add them.
        share = Fraction(1, len(item.answer))
        answers = tuple(Answer(o.id, o.text, share if o.id in item.answer else -share, o.feedback)
                        for o in item.options)
        return Question(exercise, item, "multiple", item_max(exercise, item), answers)
    # A match item picks one of the exercise's choices: a single-answer question keeps its points and its tip.
    answers = tuple(Answer(o.id, o.text, Fraction(1 if o.id == item.answer else 0),
                           o.feedback if item.kind == "single" else ("" if o.id == item.answer else item.feedback))
                    for o in exercise.options_for(item))
    return Question(exercise, item, "single", item.points, answers)


def questions(exercises: Iterable[Exercise]) -> tuple[list[Question], list[Problem]]:
    """Every question a quiz can mark, in course order, and one problem per item left out."""
    found, left_out = [], []
    for exercise in exercises:
        for item in exercise.items:
            if is_marked(item):  # what a score counts: the items with a right answer
                found.append(_choice(exercise, item))
            elif item.kind == "text":
                rubric = tuple((r.prompt, item_max(exercise, r)) for r in exercise.rubric(item))
                found.append(Question(exercise, item, "essay", sum(m for _, m in rubric), rubric=rubric))
            elif not item.rubric_of:  # a rubric point is marked inside its essay
                left_out.append(Problem(exercise.source or exercise.id, item.id, LEFT_OUT[item.kind]))
    return found, left_out


def percent(fraction: Fraction) -> str:
    """A share of the marks as the percentage quiz formats write: 100, 50, -33.33333."""
    text = f"{float(fraction * 100):.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
