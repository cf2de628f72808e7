"""Personal feedback pages: one HTML page per learner (score, band advice, item by item) and an index."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from mingle import atomic
from mingle.marking.grading import LearnerResult
from mingle.marking.reports.templating import environment
from mingle.marking.sheets import Rejected, shown
from mingle.model import Exercise, Item
from mingle.scoring import ExerciseResult

INDEX = "index.html"


def slug(name: str) -> str:
    """A file name from a learner's name: ASCII letters, digits and hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-") or "learner"


def _item_view(exercise: Exercise, item: Item, result, answers: Mapping) -> dict:
    """What the page shows for one item: the learner's answer in words, and the right one if they missed it."""
    value = answers.get(item.id) if isinstance(answers, Mapping) else None
    options = {o.id: o.text for o in exercise.options_for(item)}
    view = {"item": item, "result": result, "value": value, "raw": shown(value, 60), "chosen": [], "right": [],
            "scale_label": ""}
    if result.status in ("unanswered", "invalid"):
        pass
    elif item.kind in ("single", "match"):
        view["chosen"] = [options.get(value, value)]
    elif item.kind == "multiple":
        view["chosen"] = [options.get(v, v) for v in value]
    elif item.kind == "rating" and exercise.scale and exercise.scale.labels:
        view["scale_label"] = exercise.scale.labels[value - exercise.scale.min]
    if item.kind in ("single", "match", "multiple") and result.status != "correct" and item.answer:
        right = item.answer if isinstance(item.answer, tuple) else (item.answer,)
        view["right"] = [options.get(a, a) for a in right]
    return view


def exercise_view(exercise: Exercise, result: ExerciseResult, answers: Mapping) -> dict:
    """One exercise's section of a feedback page."""
    by_id = {r.item: r for r in result.items}
    return {"exercise": exercise, "result": result,
            "questions": [_item_view(exercise, i, by_id[i.id], answers) for i in exercise.items]}


def render(result: LearnerResult, exercises: Mapping[str, Exercise]) -> str:
    """One learner's feedback page as HTML text (every value escaped by the template)."""
    sections = [exercise_view(exercises[r.exercise], r, result.answers.get(r.exercise, {})) for r in result.results]
    return environment().get_template("feedback.html.j2").render(
        learner=result.learner, total=result.total, max=result.max, exercises=sections, unknown=result.unknown)


class FeedbackReport:
    """Writes each learner's page as soon as they are graded, and an index of them all at the end."""

    def __init__(self, folder: str, exercises: Mapping[str, Exercise]):
        self.folder = Path(folder)
        self.exercises = exercises
        self.taken = {"index"}
        self.pages: list[dict] = []

    def _name(self, learner: str) -> str:
        """A file name no other page of this run has taken."""
        base = slug(learner)
        name, n = base, 1
        while name in self.taken:
            n += 1
            name = f"{base}-{n}"
        self.taken.add(name)
        return f"{name}.html"

    def add(self, result: LearnerResult) -> None:
        """Write one learner's page."""
        file = self._name(result.learner)
        atomic.write_text(self.folder / file, render(result, self.exercises))
        self.pages.append({"learner": result.learner, "source": result.source, "file": file,
                           "total": result.total, "max": result.max})

    def reject(self, rejected: Rejected) -> None:
        """Rejected inputs get no page."""

    def finish(self) -> None:
        """Write the index of pages."""
        html = environment().get_template("feedback-index.html.j2").render(pages=self.pages)
        atomic.write_text(self.folder / INDEX, html)
