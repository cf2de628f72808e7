"""The room's figures, all made by the grader itself: the `--json`, CSV, debrief and feedback reports of
`mingle grade`, and the dashboard's live view built on the grader's own cohort figures."""

from __future__ import annotations

import io
import sqlite3
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from mingle.marking import roomdb, roomlive
from mingle.marking.grading import Grader, LearnerResult
from mingle.marking.reports.debrief import DebriefReport
from mingle.marking.reports.feedback import FeedbackReport
from mingle.marking.reports.machine import CsvReport, JsonReport
from mingle.marking.reports.stats import Cohort
from mingle.marking.sheets import Rejected
from mingle.model import Activity, Exercise

EXPORTS = {"results.json": "application/json", "results.csv": "text/csv; charset=utf-8",
           "debrief.html": "text/html; charset=utf-8", "feedback.zip": "application/zip"}


def feed(conn: sqlite3.Connection, grader: Grader, reports: list) -> None:
    """Grade every phone's sheet in the room (one snapshot) into each report, as `mingle grade` does."""
    for event in grader.grade(roomdb.sheets(conn)):
        for report in reports:
            (report.reject if isinstance(event, Rejected) else report.add)(event)
    for report in reports:
        report.finish()


def export(conn: sqlite3.Connection, grader: Grader, name: str, activities: Mapping[str, Activity] | None = None,
           blocked: Iterable[str] = ()) -> bytes:
    """One of the grader's reports of the room, as the bytes of a file called `name` (see EXPORTS); the debrief
    shows the live `activities` too, as the wall did (without the `blocked` words)."""
    exercises = grader.exercises
    if name in ("results.json", "results.csv"):
        out = io.StringIO()
        feed(conn, grader, [JsonReport(out) if name.endswith(".json") else CsvReport(out)])
        return out.getvalue().encode()
    with tempfile.TemporaryDirectory(prefix="mingle-room-") as folder:
        if name == "debrief.html":
            debrief = DebriefReport(Path(folder) / name, exercises, activities, blocked)
            debrief.add_room(roomlive.read(conn))
            feed(conn, grader, [debrief])
            return (Path(folder) / name).read_bytes()
        feed(conn, grader, [FeedbackReport(folder, exercises)])
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
            for page in sorted(Path(folder).iterdir()):
                archive.write(page, f"feedback/{page.name}")
        return packed.getvalue()


def _spread(exercise: Exercise, answers: list[Mapping]) -> dict:
    """For each item, how many chose each option or rating (what a room's answers look like at a glance)."""
    spread = {}
    for item in exercise.items:
        if item.kind in ("text", "check"):
            continue
        counts: Counter = Counter()
        for given in answers:
            value = given.get(item.id)
            for one in value if isinstance(value, list) else [value]:
                if isinstance(one, (str, int)) and not isinstance(one, bool):
                    counts[str(one)] += 1
        choices = ([str(v) for v in range(exercise.scale.min, exercise.scale.max + 1)] if item.kind == "rating"
                   else [o.id for o in exercise.options_for(item)])
        spread[item.id] = [[choice, counts[choice]] for choice in choices]
    return spread


def live(learners: list[LearnerResult], exercises: Mapping[str, Exercise], closed: set, ended: bool, version: int,
         joined: int, answering: int) -> dict:
    """What the dashboard and projector show: counts, each exercise's bands, items and most-missed, and names."""
    cohort, people, given = Cohort(exercises), [], {}
    for learner in learners:
        cohort.add(learner)
        people.append({"learner": learner.learner, "total": learner.total, "max": learner.max})
        for exercise_id, items in learner.answers.items():
            given.setdefault(exercise_id, []).append(items)
    summaries = {s.id: s for s in cohort.summaries()}
    shown = []
    for exercise in sorted(exercises.values(), key=lambda e: (e.module, e.id)):
        s = summaries.get(exercise.id)
        shown.append({
            "id": exercise.id, "title": exercise.title, "open": exercise.id not in closed,
            "learners": s.learners if s else 0, "max": s.max if s else 0, "mean": round(s.mean, 1) if s else 0,
            "bands": [{"label": b.label, "count": b.count} for b in s.bands] if s else [],
            "items": [{"id": i.id, "prompt": i.prompt, "kind": i.kind, "answered": i.answered,
                       "right": round(i.right_share, 3),
                       "points": round(i.points_share, 3)} for i in s.items] if s else [],
            "missed": [i.id for i in s.missed] if s else [],
            "spread": _spread(exercise, given.get(exercise.id, [])),
        })
    return {"version": version, "joined": joined, "answering": answering, "ended": ended,
            "exercises": shown, "people": people}
