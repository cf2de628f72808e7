"""The debrief page for the projector: each person's gain between paired checks, then for each exercise its charts,
bands and most-missed items, the room's live activities, and every learner, as one HTML file."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mingle import atomic
from mingle.marking.grading import LearnerResult
from mingle.marking.reports import charts
from mingle.marking.reports.live import Live, LiveSummary
from mingle.marking.reports.pairs import PairSummary, Pairs
from mingle.marking.reports.stats import Cohort
from mingle.marking.roomlive import LiveRoom
from mingle.marking.reports.templating import environment
from mingle.marking.sheets import Rejected
from mingle.model import Activity, Exercise

TITLE = "Room debrief"


@dataclass(frozen=True)
class Row:
    """What the learners table needs of one learner (kept small: one of these per learner)."""

    learner: str
    source: str
    scores: tuple[tuple[str, int, int, str], ...]  # (exercise, score, max, band label)
    total: int
    max: int
    unknown: tuple[str, ...]


def render(cohort: Cohort, rows: list[Row], rejected: list[Rejected], title: str = TITLE,
           pairs: Iterable[PairSummary] = (), live: Iterable[LiveSummary] = ()) -> str:
    """The debrief page as HTML text (every value escaped by the template)."""
    summaries = cohort.summaries()
    exercises = [{"summary": s, "histogram": charts.histogram(s.scores, s.max, s.bands),
                  "segments": charts.stacked(s.bands)} for s in summaries]
    ids = [s.id for s in summaries]
    table = []
    for row in rows:
        by_id = {e: (score, top, band) for e, score, top, band in row.scores}
        table.append({"learner": row.learner, "source": row.source, "cells": [by_id.get(i) for i in ids],
                      "total": row.total, "max": row.max, "unknown": row.unknown})
    paired = [{"summary": p, "chart": charts.gains(p.gains, p.top, p.unit)} for p in pairs]
    return environment().get_template("debrief.html.j2").render(
        title=title, learners=cohort.learners, exercises=exercises, rows=table, rejected=rejected, pairs=paired,
        live=list(live))


class DebriefReport:
    """Gathers the room's figures as results stream past, then writes the page atomically."""

    def __init__(self, path: str | os.PathLike, exercises: Mapping[str, Exercise],
                 activities: Mapping[str, Activity] | None = None, blocked: Iterable[str] = ()):
        self.path = path
        self.cohort = Cohort(exercises)
        self.pairs = Pairs(exercises)
        self.live = Live(activities or {}, blocked)
        self.rows: list[Row] = []
        self.rejected: list[Rejected] = []

    def add(self, result: LearnerResult) -> None:
        """Count one learner and keep their row."""
        self.cohort.add(result)
        self.pairs.add(result)
        self.rows.append(Row(result.learner, result.source,
                             tuple((r.exercise, r.score, r.max, r.band.label) for r in result.results),
                             result.total, result.max, result.unknown))

    def reject(self, rejected: Rejected) -> None:
        """List a rejected input at the end of the page."""
        self.rejected.append(rejected)

    def add_room(self, room: LiveRoom) -> None:
        """Add a room's live activities (a room's database graded, or the room's own export)."""
        self.live.add(room)

    def finish(self) -> None:
        """Write the page."""
        atomic.write_text(self.path, render(self.cohort, self.rows, self.rejected, pairs=self.pairs.summaries(),
                                            live=self.live.summaries()))
