"""The debrief page for the projector: charts, bands, most-missed items and every learner, as one HTML file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from mingle import atomic
from mingle.marking.grading import LearnerResult
from mingle.marking.reports import charts
from mingle.marking.reports.stats import Cohort
from mingle.marking.reports.templating import environment
from mingle.marking.sheets import Rejected
from mingle.model import Exercise

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


def render(cohort: Cohort, rows: list[Row], rejected: list[Rejected], title: str = TITLE) -> str:
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
    return environment().get_template("debrief.html.j2").render(
        title=title, learners=cohort.learners, exercises=exercises, rows=table, rejected=rejected)


class DebriefReport:
    """Gathers the room's figures as results stream past, then writes the page atomically."""

    def __init__(self, path: str | os.PathLike, exercises: Mapping[str, Exercise]):
        self.path = path
        self.cohort = Cohort(exercises)
        self.rows: list[Row] = []
        self.rejected: list[Rejected] = []

    def add(self, result: LearnerResult) -> None:
        """Count one learner and keep their row."""
        self.cohort.add(result)
        self.rows.append(Row(result.learner, result.source,
                             tuple((r.exercise, r.score, r.max, r.band.label) for r in result.results),
                             result.total, result.max, result.unknown))

    def reject(self, rejected: Rejected) -> None:
        """List a rejected input at the end of the page."""
        self.rejected.append(rejected)

    def finish(self) -> None:
        """Write the page."""
        atomic.write_text(self.path, render(self.cohort, self.rows, self.rejected))
