"""The room's live activities for the debrief page, as the wall showed them but still: bars, words, and the answers
and questions the presenter let through. Never a name: the results hold none."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mingle.activity_results import on_the_wall
from mingle.activity_view import KIND_NAMES
from mingle.marking import roomlive
from mingle.marking.reports import charts
from mingle.model import Activity

WORDS_SHOWN = 40  # a word cloud's words listed, most said first; the page says how many more there were


@dataclass(frozen=True)
class Question:
    """A question from the room as the wall showed it."""

    text: str
    votes: int
    answered: bool


@dataclass(frozen=True)
class LiveSummary:
    """One live activity's results, ready to show."""

    id: str
    kind: str
    label: str  # what kind of activity, in words ("Quick poll")
    question: str
    responses: int  # phones that answered (for a Q&A: questions asked)
    several: bool  # a poll where each person could pick more than one
    chart: charts.BarChart | None  # a poll's or a scale's bars
    words: tuple[tuple[str, int], ...]  # the most said first
    more_words: int  # other words, fewer times said, not listed
    answers: tuple[str, ...]  # open answers the presenter let through
    questions: tuple[Question, ...]  # questions let through, the unanswered and most voted first
    held: int  # answers or questions never let through to the wall


class Live:
    """Live activities' results from each room's database graded, added up across rooms, as the wall shows them."""

    def __init__(self, activities: Mapping[str, Activity], blocked: Iterable[str] = ()):
        self.activities = activities
        self.blocked = frozenset(blocked)
        self.found: dict[str, dict] = {}

    def add(self, room: roomlive.LiveRoom) -> None:
        """Add one room's results (hidden and blocked words, answers not let through, left off as on the wall)."""
        for activity_id, result in roomlive.results(room, self.activities, self.blocked).items():
            shown = on_the_wall(result)
            self.found[activity_id] = _merge(self.found[activity_id], shown) if activity_id in self.found else shown

    def summaries(self) -> tuple[LiveSummary, ...]:
        """Every activity anyone answered, in the course's order of activity files."""
        return tuple(_summary(self.activities[a], r) for a, r in self.found.items() if r["responses"])


def _merge(one: dict, other: dict) -> dict:
    """Two rooms' wall results for one activity as one."""
    merged = dict(one, responses=one["responses"] + other["responses"])
    if "counts" in one:
        merged["counts"] = {k: n + other["counts"].get(k, 0) for k, n in one["counts"].items()}
    if "words" in one:
        words = Counter(one["words"]) + Counter(other["words"])
        merged["words"] = dict(sorted(words.items(), key=lambda p: (-p[1], p[0])))
    if "answers" in one:
        merged["answers"] = one["answers"] + other["answers"]
    if "questions" in one:
        merged["questions"] = sorted(one["questions"] + other["questions"], key=lambda q: (q["answered"], -q["votes"]))
    return merged


def _summary(activity: Activity, result: dict) -> LiveSummary:
    """Freeze one activity's wall results."""
    chart = None
    if activity.kind == "poll":
        names = {o.id: o.text for o in activity.options}
        chart = charts.bars([(names[k], n) for k, n in result["counts"].items()], result["responses"],
                            f"{activity.question} People who chose each")
    elif activity.kind == "scale":
        labels = dict(zip(range(activity.scale.min, activity.scale.max + 1), activity.scale.labels))
        chart = charts.bars([(f"{k} {labels[int(k)]}" if labels.get(int(k)) else k, n)
                             for k, n in result["counts"].items()], result["responses"],
                            f"{activity.question} People at each point")
    words = tuple(result.get("words", {}).items())
    answers = tuple(a["text"] for a in result.get("answers", ()))
    questions = tuple(Question(q["text"], q["votes"], q["answered"]) for q in result.get("questions", ()))
    return LiveSummary(
        activity.id, activity.kind, KIND_NAMES[activity.kind], activity.question, result["responses"],
        activity.several, chart, words[:WORDS_SHOWN], max(len(words) - WORDS_SHOWN, 0), answers, questions,
        held=result["responses"] - len(answers) if activity.kind == "open"
        else result["responses"] - len(questions) if activity.kind == "qa" else 0)
