"""What the room keeps for live activities beside the answers table: the pace and the slide the deck is on, the
room's questions and their votes, and the presenter's decisions (let through, hidden, answered); each change is a
function for `Store.write`, each reading one for `Store.read`."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Mapping

from mingle.activity_results import STATES
from mingle.marking import roomlive
from mingle.model import Activity

TABLES = (
    "CREATE TABLE IF NOT EXISTS questions (id INTEGER PRIMARY KEY, activity TEXT NOT NULL, client TEXT NOT NULL,"
    " text TEXT NOT NULL, received REAL NOT NULL)",
    "CREATE TABLE IF NOT EXISTS votes (question INTEGER NOT NULL, client TEXT NOT NULL,"
    " PRIMARY KEY (question, client))",
    "CREATE TABLE IF NOT EXISTS decisions (activity TEXT NOT NULL, item TEXT NOT NULL, state TEXT NOT NULL,"
    " PRIMARY KEY (activity, item))",
)
PACES = ("presenter", "audience")
QUESTIONS_EACH = 20  # the most questions one phone may ask in one Q&A: a flood from one phone stays small


def install(conn: sqlite3.Connection) -> None:
    """Make the tables (a room database from before live activities gains them on opening)."""
    for statement in TABLES:
        conn.execute(statement)


def _meta(conn: sqlite3.Connection, name: str, value: str) -> None:
    conn.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value=excluded.value", (name, value))


def now(conn: sqlite3.Connection) -> dict:
    """Where the room is: its pace, and the activity (or exercise) and title of the deck's slide ('' between)."""
    rows = dict(conn.execute("SELECT name, value FROM meta WHERE name IN ('pace', 'slide')").fetchall())
    try:
        slide = json.loads(rows.get("slide") or "{}")
    except ValueError:
        slide = {}
    slide = slide if isinstance(slide, dict) else {}
    # Until the presenter chooses, phones follow a deck once one is presented in the room, and move freely before.
    chosen = rows.get("pace") if rows.get("pace") in PACES else None
    return {"pace": chosen or ("presenter" if rows.get("slide") else "audience"),
            "activity": str(slide.get("activity", "")), "title": str(slide.get("title", ""))}


def pace(wanted: str) -> Callable[[sqlite3.Connection], None]:
    """Change the pace: `presenter` (phones follow the deck) or `audience` (phones move freely)."""
    return lambda conn: _meta(conn, "pace", wanted)


def slide(activity: str, title: str) -> Callable[[sqlite3.Connection], None]:
    """The deck has reached a slide: the activity or exercise it carries ('' for none) and its title."""
    text = json.dumps({"activity": activity, "title": title}, ensure_ascii=False)
    return lambda conn: _meta(conn, "slide", text)


def ask(client: str, activity: str, text: str) -> Callable[[sqlite3.Connection], int]:
    """Keep one question from a phone; returns its id (a phone past QUESTIONS_EACH raises ValueError)."""
    def change(conn):
        asked = conn.execute("SELECT count(*) FROM questions WHERE activity=? AND client=?",
                             (activity, client)).fetchone()[0]
        if asked >= QUESTIONS_EACH:
            raise ValueError(f"at most {QUESTIONS_EACH} questions from one phone")
        return conn.execute("INSERT INTO questions (activity, client, text, received) VALUES (?, ?, ?, ?)",
                            (activity, client, text, time.time())).lastrowid
    return change


def vote(client: str, activity: str, question: str) -> Callable[[sqlite3.Connection], bool]:
    """One phone's vote for a question it can see (once each; a second vote changes nothing); False if no such."""
    def change(conn):
        row = conn.execute("SELECT q.id FROM questions q JOIN decisions d ON d.activity=q.activity AND d.item=?"
                           " WHERE q.activity=? AND q.id=? AND d.state IN ('shown', 'answered')",
                           (question, activity, roomlive.question_row(question))).fetchone()
        if row is None:
            return False
        conn.execute("INSERT OR IGNORE INTO votes VALUES (?, ?)", (row[0], client))
        return True
    return change


def decide(activity: str, item: str, state: str) -> Callable[[sqlite3.Connection], None]:
    """The presenter's decision on an answer, a question or a word: one of STATES."""
    assert state in STATES, state
    return lambda conn: conn.execute("INSERT INTO decisions VALUES (?, ?, ?) ON CONFLICT(activity, item)"
                                     " DO UPDATE SET state=excluded.state", (activity, item, state))


def clear(conn: sqlite3.Connection) -> None:
    """Forget the questions, votes and decisions (with the answers, after a rehearsal)."""
    for table in ("questions", "votes", "decisions"):
        conn.execute(f"DELETE FROM {table}")  # the table names are the module's own


def results(conn: sqlite3.Connection, activities: Mapping[str, Activity], blocked=()) -> dict:
    """Every activity's results, read in one snapshot (the presenter's view: waiting items too)."""
    return roomlive.results(roomlive.read(conn), activities, blocked)
