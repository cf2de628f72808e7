"""A room's database read as answer sheets, one per phone: by `mingle grade room.sqlite` and by the room's own
results, so the two give the same figures. Only the room (mingle.room.store) writes it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from mingle.errors import InputProblem
from mingle.marking.sheets import Rejected, Sheet

FORMAT = "mingle.room/1"


def open_read_only(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to a room's database (for `mingle grade`), refusing a file that is not one."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        fmt = conn.execute("SELECT value FROM meta WHERE name='format'").fetchone() if "meta" in tables else None
    except sqlite3.DatabaseError:
        conn.close()
        raise
    if not fmt or fmt[0] != FORMAT or not {"clients", "answers"} <= tables:
        conn.close()
        raise InputProblem(f"a SQLite database, but not a Mingle room's (expected {FORMAT})")
    return conn


def meta(conn: sqlite3.Connection, name: str) -> str | None:
    """One setting of the room (its code, its key, whether it has ended)."""
    row = conn.execute("SELECT value FROM meta WHERE name=?", (name,)).fetchone()
    return row[0] if row else None


def phones(conn: sqlite3.Connection) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Every phone that sent answers, in the order they joined, read in one snapshot: (client, learner name,
    [(exercise id, its answers as stored JSON text), ...])."""
    conn.execute("BEGIN")
    try:
        rows = conn.execute(
            "SELECT c.client, c.learner, a.exercise, a.answers FROM clients c JOIN answers a USING (client)"
            " ORDER BY c.rowid, a.exercise").fetchall()
    finally:
        conn.execute("COMMIT")
    found: list[tuple[str, str, list]] = []
    for client, learner, exercise, text in rows:
        if not found or found[-1][0] != client:
            found.append((client, learner, []))
        found[-1][2].append((exercise, text))
    return found


def parsed(code: str, client: str, stored: list[tuple[str, str]]) -> tuple[dict, list[Rejected]]:
    """A phone's stored answers as exercise id -> answers, and a problem for each row that cannot be read
    (a hand-edited database)."""
    answers, problems = {}, []
    for exercise, text in stored:
        try:
            items = json.loads(text)
        except ValueError:
            items = None
        if isinstance(items, dict):
            answers[exercise] = items
        else:
            problems.append(Rejected(source(code, client), f"exercise {exercise}: stored answers cannot be read"))
    return answers, problems


def sheets(conn: sqlite3.Connection) -> Iterator[Sheet | Rejected]:
    """One answer sheet per phone that sent answers, in the order the phones joined, read in one snapshot."""
    code = meta(conn, "code") or "room"
    for client, learner, stored in phones(conn):
        answers, problems = parsed(code, client, stored)
        yield from problems
        yield Sheet(learner, source(code, client), answers, person=source(code, client))  # one phone, one person


def source(code: str, client: str) -> str:
    """Where a room learner's answers came from, the same in `/results` and `mingle grade room.sqlite`."""
    return f"room {code}/{client}"
