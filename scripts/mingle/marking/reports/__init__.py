"""Reports of a graded room: each takes learner results one at a time, then finishes (text, JSON, CSV, HTML,
feedback)."""

from __future__ import annotations

from typing import Protocol

from mingle.marking.grading import LearnerResult
from mingle.marking.sheets import Rejected


class Report(Protocol):
    """What every report does: take results as they stream past, note rejected inputs, then finish."""

    def add(self, result: LearnerResult) -> None:
        """Take one learner's results."""

    def reject(self, rejected: Rejected) -> None:
        """Note one rejected input."""

    def finish(self) -> None:
        """Write whatever is left once every input has been graded."""
