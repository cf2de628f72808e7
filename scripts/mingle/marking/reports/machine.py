"""The machine-readable reports, streamed: JSON (the Grader contract) and CSV (one row per learner and exercise)."""

from __future__ import annotations

import csv
import json
import unicodedata
from typing import TextIO

from mingle.marking.grading import LearnerResult
from mingle.marking.sheets import Rejected

CSV_COLUMNS = ("learner", "source", "exercise", "score", "max", "band", "unanswered", "invalid")
# A spreadsheet runs a cell that starts with one of these as a formula: a learner's name must never do that.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Drawn as nothing before a cell's text, so a spreadsheet may look past them: a byte-order mark, zero-width spaces.
UNSEEN = "\ufeff\u200b\u200c\u200d\u2060\u00ad"
# Built once: json.dumps(..., ensure_ascii=False) would build a new encoder for every learner.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def learner_dict(result: LearnerResult) -> dict:
    """One learner exactly as the `--json` contract shapes it."""
    return {
        "learner": result.learner,
        "source": result.source,
        "exercises": {
            r.exercise: {"score": r.score, "max": r.max, "band": r.band.label,
                         "unanswered": list(r.unanswered), "invalid": list(r.invalid)}
            for r in result.results},
        "total": result.total,
        "max": result.max,
        "unknown": list(result.unknown),
    }


class JsonReport:
    """`{"learners": [...], "rejected": [...]}`, one learner per line, written as each is graded."""

    def __init__(self, out: TextIO):
        self.out = out
        self.started = False
        self.rejected: list[dict] = []

    def _start(self) -> None:
        if not self.started:
            self.out.write('{"learners": [')
            self.started = True

    def add(self, result: LearnerResult) -> None:
        """Write one learner."""
        first = not self.started
        self._start()
        self.out.write(("\n  " if first else ",\n  ") + _ENCODE(learner_dict(result)))

    def reject(self, rejected: Rejected) -> None:
        """Keep a rejected input for the closing list."""
        self.rejected.append({"source": rejected.source, "problem": rejected.problem})

    def finish(self) -> None:
        """Close the learners list and write the rejected inputs."""
        had = self.started
        self._start()
        rejected = ",\n  ".join(_ENCODE(r) for r in self.rejected)
        self.out.write(("\n]" if had else "]") + ', "rejected": [' + (f"\n  {rejected}\n" if rejected else "") + "]}\n")
        self.out.flush()


def safe_cell(value):
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if not isinstance(value, str):
        return value
    # NFKC: a spreadsheet may read a full-width "＝" (or a small "﹦") as "=".
    start = value if value.isascii() else unicodedata.normalize("NFKC", value).lstrip(UNSEEN)
    if start.startswith(FORMULA_START):
        return "'" + value
    return value


class CsvReport:
    """One row per learner and exercise (unknown exercises too, so nobody goes missing), streamed."""

    def __init__(self, out: TextIO):
        self.out = out
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(CSV_COLUMNS)

    def add(self, result: LearnerResult) -> None:
        """Write one learner's rows."""
        who = (safe_cell(result.learner), safe_cell(result.source))
        for r in result.results:
            self.writer.writerow((*who, r.exercise, r.score, r.max, safe_cell(r.band.label),
                                  ";".join(r.unanswered), safe_cell(";".join(r.invalid))))
        for exercise in result.unknown:
            self.writer.writerow((*who, safe_cell(exercise), "", "", "unknown exercise", "", ""))
        if not result.results and not result.unknown:
            self.writer.writerow((*who, "", "", "", "", "", ""))

    def reject(self, rejected: Rejected) -> None:
        """Rejected inputs are reported on standard error only."""

    def finish(self) -> None:
        """Nothing is held back."""
        self.out.flush()
