"""The terminal report: a block per learner as they are graded, then the cohort summary."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import TextIO

from mingle.marking.grading import LearnerResult
from mingle.marking.reports.stats import Cohort, ExerciseSummary
from mingle.marking.sheets import Rejected, oneline
from mingle.model import Exercise


def width(text: str) -> int:
    """How many terminal columns text takes (wide East Asian characters take two, combining marks none)."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    """Text padded with spaces to fill `columns` terminal columns."""
    return text + " " * max(0, columns - width(text))


def _notes(result) -> str:
    """What else to know about one exercise result."""
    notes = []
    if result.unanswered:
        notes.append(f"{len(result.unanswered)} unanswered")
    if result.invalid:
        notes.append(f"{len(result.invalid)} invalid: {', '.join(result.invalid)}")
    return "; ".join(notes)


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def summary_lines(summary: ExerciseSummary) -> list[str]:
    """The cohort summary of one exercise, as lines."""
    lines = [f"{summary.id}: {summary.title}",
             f"  learners {summary.learners}   average {summary.mean:.1f}/{summary.max}   "
             f"median {summary.median:g}   range {summary.low}–{summary.high}"]
    lines.append("  bands: " + " · ".join(f"{b.label} {b.count}" for b in summary.bands))
    if summary.missed:
        lines.append("  most missed: " + ", ".join(f"{i.id} ({_percent(i.right_share)} right)" for i in summary.missed))
    if summary.profile:
        common = max(summary.profile, key=lambda strand: strand.weakest)
        if common.weakest:
            lines.append(f"  most common weakest strand: {common.label} ({common.weakest})")
    extra = [f"{n} {what}" for n, what in ((summary.unanswered, "unanswered"), (summary.invalid, "invalid")) if n]
    if extra:
        lines.append("  answers " + ", ".join(extra))
    return lines


class TextReport:
    """Readable on a terminal and in a log; streamed, so a long batch shows results as it goes."""

    def __init__(self, out: TextIO, exercises: Mapping[str, Exercise]):
        self.out = out
        self.cohort = Cohort(exercises)
        self.column = max((len(e) for e in exercises), default=10) + 2
        self.rejected = 0

    def add(self, result: LearnerResult) -> None:
        """Write one learner's block."""
        self.cohort.add(result)
        write = self.out.write
        write(f"{result.learner}  ·  {oneline(result.source)}\n")
        for r in result.results:
            score = f"{r.score}/{r.max}"
            line = f"  {pad(r.exercise, self.column)}{score:>7}  {r.band.label}"
            notes = oneline(_notes(r))
            write(line + (f"  ({notes})" if notes else "") + "\n")
        for exercise in result.unknown:
            write(f"  {pad(oneline(exercise), self.column)}{'–':>7}  unknown exercise\n")
        if len(result.results) > 1:
            # The learner's total counts the marked items only, so it is labelled as such: it is not the sum above.
            write(f"  {pad('marked', self.column)}{f'{result.total}/{result.max}':>7}\n")
        if not result.results and not result.unknown:
            write("  (no answers)\n")

    def reject(self, rejected: Rejected) -> None:
        """Count a rejected input (its message goes to standard error)."""
        self.rejected += 1

    def finish(self) -> None:
        """Write the cohort summary."""
        c = self.cohort
        learners = f"{c.learners} learner{'s' if c.learners != 1 else ''} graded"
        rejected = f", {self.rejected} input{'s' if self.rejected != 1 else ''} rejected" if self.rejected else ""
        lines = ["", f"Cohort: {learners}{rejected}"]
        for summary in c.summaries():
            lines.append("")
            lines.extend(summary_lines(summary))
        if c.unknown:
            lines.append("")
            lines.append("unknown exercises: " + ", ".join(f"{oneline(k)} ({n})" for k, n in sorted(c.unknown.items())))
        self.out.write("\n".join(lines) + "\n")
        self.out.flush()
