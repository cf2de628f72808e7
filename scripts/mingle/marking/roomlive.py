"""A room's live activities read from its database: by the room's own views and exports and by `mingle grade
room.sqlite`, so both show the same results. Only the room (mingle.room.activity_store) writes them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mingle.activity_results import tally
from mingle.model import ACTIVITY_ITEM, Activity


@dataclass(frozen=True)
class LiveRoom:
    """What a room keeps for live activities, as stored, read in one snapshot (never a name)."""

    source: str
    answers: tuple[tuple[str, str, str], ...] = ()  # (client, activity or exercise id, answers as JSON), oldest first
    questions: tuple[tuple[int, str, str, int], ...] = ()  # (row, activity id, text, votes)
    decisions: tuple[tuple[str, str, str], ...] = ()  # (activity id, item, state)


def read(conn: sqlite3.Connection, source: str = "") -> LiveRoom:
    """The room's answers, questions, votes and decisions in one snapshot (a room from before live activities has
    no questions or decisions: it has none to show)."""
    conn.execute("BEGIN")
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        answers = conn.execute("SELECT client, exercise, answers FROM answers ORDER BY received").fetchall()
        asked, decided = [], []
        if {"questions", "votes", "decisions"} <= tables:
            asked = conn.execute("SELECT q.id, q.activity, q.text, count(v.client) FROM questions q LEFT JOIN votes v"
                                 " ON v.question=q.id GROUP BY q.id ORDER BY q.id").fetchall()
            decided = conn.execute("SELECT activity, item, state FROM decisions").fetchall()
    finally:
        conn.execute("COMMIT")
    return LiveRoom(source, tuple(answers), tuple(asked), tuple(decided))


def question_id(row: int) -> str:
    """A question's item id, as the presenter and the phones name it."""
    return f"q{row}"


def question_row(question: str) -> int:
    """A question's row from its item id (`q12`); -1 for anything else."""
    return int(question[1:]) if question[:1] == "q" and question[1:].isdigit() else -1


def results(room: LiveRoom, activities: Mapping[str, Activity], blocked: Iterable[str] = ()) -> dict:
    """Every activity's results (the presenter's view: waiting items too), last answer from each phone counting."""
    responses: dict[str, dict] = {a: {} for a in activities}
    for client, activity, text in room.answers:
        if activity in responses:
            try:
                responses[activity][client] = json.loads(text)[ACTIVITY_ITEM]
            except (ValueError, KeyError, TypeError):
                continue  # a hand-edited row: left out rather than shown wrong
    states: dict[str, dict] = {a: {} for a in activities}
    for activity, item, state in room.decisions:
        states.setdefault(activity, {})[item] = state
    questions: dict[str, list] = {a: [] for a in activities}
    for row, activity, text, votes in room.questions:
        questions.setdefault(activity, []).append((question_id(row), text, votes))
    return {a: tally(activity, responses[a], blocked, states[a], questions[a]) for a, activity in activities.items()}
