"""The exercise model: frozen values shared by the site, the grader and the handouts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

KINDS = ("single", "multiple", "rating", "check", "match", "text")
# What a score counts (DESIGN): only items with a right answer are marked. Ratings, ticks (self-checks and rubric
# points) and written answers are the learner's own judgement or a survey's: they make a profile or a band of
# their own, never a pass or a fail, so no pass mark, course total or quiz counts them.
MARKED_KINDS = ("single", "multiple", "match")
TEXT_LIMIT = 5000
# What a written answer kept by the learner reads as once an answer code is decoded: it counts as written, as it did
# on the learner's page, but its words are not there, so a checklist point the page checked keeps the page's verdict.
UNSENT = "(written on the learner's page, not sent with the code)"


@dataclass(frozen=True)
class Option:
    """One choice a learner can pick."""

    id: str
    text: str
    feedback: str = ""


@dataclass(frozen=True)
class Scale:
    """The rating scale shared by an exercise's rating items."""

    min: int
    max: int
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Band:
    """A range of total scores with the advice that goes with it."""

    min: int
    max: int
    label: str
    advice: str


@dataclass(frozen=True)
class Dimension:
    """A strand of a self-assessment profile, summed from its rating items."""

    id: str
    label: str
    advice: str


@dataclass(frozen=True)
class Newcomer:
    """How someone who does not use social media yet would answer, and the band whose words fit them."""

    band: str
    answers: tuple[tuple[str, object], ...]  # (item id, value as in an answer sheet; lists as tuples)

    def sheet(self) -> dict:
        """The answers as an answer sheet's mapping of item id to value."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.answers}


@dataclass(frozen=True)
class Auto:
    """What the page checks in a written answer for a checklist point, instead of the learner ticking it: every
    test given must pass (0 words: no limit that way)."""

    question: bool = False
    min_words: int = 0
    max_words: int = 0
    no_shouting: bool = False
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One question: its kind decides its control, value type and scoring."""

    id: str
    kind: str
    prompt: str
    explain: str = ""
    options: tuple[Option, ...] = ()
    answer: str | tuple[str, ...] | None = None
    points: int = 1
    dimension: str = ""
    reverse: bool = False
    feedback: str = ""
    lines: int = 4
    example: str = ""
    rubric_of: str = ""
    auto: Auto | None = None


@dataclass(frozen=True)
class Exercise:
    """A whole exercise: the single source for form, worksheet, key and grader."""

    id: str
    title: str
    module: int
    intro: str
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    scale: Scale | None = None
    choices: tuple[Option, ...] = ()
    dimensions: tuple[Dimension, ...] = ()
    newcomer: Newcomer | None = None
    pair: str = ""  # the exercise this one is paired with (a check before and after): items pair by id
    source: str = field(default="", compare=False)

    def item(self, item_id: str) -> Item | None:
        """The item with this id, or None."""
        return next((i for i in self.items if i.id == item_id), None)

    def options_for(self, item: Item) -> tuple[Option, ...]:
        """The options a learner chooses from for this item."""
        return self.choices if item.kind == "match" else item.options

    def rubric(self, item: Item) -> tuple[Item, ...]:
        """The rubric criteria that belong to a text item."""
        return tuple(i for i in self.items if i.rubric_of == item.id)


def item_max(exercise: Exercise, item: Item) -> int:
    """The most an item can score."""
    if item.kind == "multiple":
        return len(item.answer or ())
    if item.kind == "rating":
        return exercise.scale.max - exercise.scale.min if exercise.scale else 0
    if item.kind == "text":
        return 0
    return item.points


def exercise_max(exercise: Exercise) -> int:
    """The most the whole exercise can score."""
    return sum(item_max(exercise, i) for i in exercise.items)


def is_marked(item: Item) -> bool:
    """Whether an item counts towards a pass mark, a course total or a quiz: it has a right answer."""
    return item.kind in MARKED_KINDS and item.answer is not None


def marked_max(exercise: Exercise) -> int:
    """The most an exercise's marked items can score (0: it gives a profile or a band only)."""
    return sum(item_max(exercise, i) for i in exercise.items if is_marked(i))


def before_and_after(exercises: Mapping[str, Exercise]) -> list[tuple[Exercise, Exercise]]:
    """Each pair of paired checks as (before, after), in course order: the check in the earlier module comes before
    (`mingle check` refuses a pair in one module, where no order is clear)."""
    pairs = []
    for exercise in sorted(exercises.values(), key=lambda e: (e.module, e.id)):
        other = exercises.get(exercise.pair)
        if other is not None and other.pair == exercise.id and exercise.module < other.module:
            pairs.append((exercise, other))
    return pairs


ACTIVITY_KINDS = ("poll", "words", "open", "scale", "qa")
ACTIVITY_ITEM = "answer"  # the one item id under which a sheet carries an activity's response


@dataclass(frozen=True)
class Activity:
    """A live activity for a room (poll, word cloud, open question, scale or Q&A): shown and collected, never scored."""

    id: str
    kind: str
    question: str
    options: tuple[Option, ...] = ()  # a poll's choices
    several: bool = False  # a poll where each person may pick more than one
    words: int = 1  # how many words each person may give to a word cloud (1 to 3)
    scale: Scale | None = None  # a scale's points and their labels
    lines: int = 3  # lines to write on in the printed handout
    limit: int = 280  # the most characters an open answer or a question may have
    notes: str = ""  # for the presenter: what to do with the results
    source: str = field(default="", compare=False)
