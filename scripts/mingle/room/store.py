"""The room's database: one SQLite file in WAL mode with synchronous=FULL, every write through `Store.write` on
one writer thread, so an answer acknowledged to a phone is on disk and a crash never counts one twice."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mingle.grade.sheets import Bad, Rejected, Sheet

FORMAT = "mingle.room/1"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS clients (client TEXT PRIMARY KEY, learner TEXT NOT NULL, joined REAL NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
  client TEXT NOT NULL, exercise TEXT NOT NULL, answers TEXT NOT NULL, received REAL NOT NULL,
  PRIMARY KEY (client, exercise));
CREATE TABLE IF NOT EXISTS closed (exercise TEXT PRIMARY KEY);
"""


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection that makes every commit durable: WAL, and a full fsync before a commit returns."""
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


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
        raise Bad(f"a SQLite database, but not a Mingle room's (expected {FORMAT})")
    return conn


def meta(conn: sqlite3.Connection, name: str) -> str | None:
    """One setting of the room (its code, its key, whether it has ended)."""
    row = conn.execute("SELECT value FROM meta WHERE name=?", (name,)).fetchone()
    return row[0] if row else None


def sheets(conn: sqlite3.Connection) -> Iterator[Sheet | Rejected]:
    """One answer sheet per phone that sent answers, in the order the phones joined, read in one snapshot.

    A stored row that cannot be read (a hand-edited database) comes out as a Rejected value instead."""
    code = meta(conn, "code") or "room"
    conn.execute("BEGIN")
    try:
        rows = conn.execute(
            "SELECT c.client, c.learner, a.exercise, a.answers FROM clients c JOIN answers a USING (client)"
            " ORDER BY c.rowid, a.exercise").fetchall()
    finally:
        conn.execute("COMMIT")
    current, learner, answers = None, "", {}
    for client, name, exercise, text in rows + [(None, "", "", "")]:
        if client != current:
            if current is not None:
                yield Sheet(learner, source(code, current), answers)
            current, learner, answers = client, name, {}
        if client is None:
            break
        try:
            items = json.loads(text)
        except ValueError:
            items = None
        if isinstance(items, dict):
            answers[exercise] = items
        else:
            yield Rejected(source(code, client), f"exercise {exercise}: stored answers cannot be read")


def source(code: str, client: str) -> str:
    """Where a room learner's answers came from, the same in `/results` and `mingle grade room.sqlite`."""
    return f"room {code}/{client}"


class Store:
    """The room's database, written only by one thread (SQLite's advice: one writer) and read by another."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._conn = connect(self.path)
        self._conn.executescript(SCHEMA)
        self._reader_conn = connect(self.path)
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="room-writer")
        self._reader = ThreadPoolExecutor(1, thread_name_prefix="room-reader")
        self._lock = threading.Lock()
        self.changed: Callable[[], None] = lambda: None
        self.version = 0  # acknowledged writes since start: dashboards compare it to know what they have seen
        self.closed = {row[0] for row in self._conn.execute("SELECT exercise FROM closed")}
        self.ended = meta(self._conn, "ended") == "1"

    def write_now(self, change: Callable[[sqlite3.Connection], object]):
        """Run one change in its own transaction and commit it (durably) before returning its result."""
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = change(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            self.version += 1
        return result

    async def write(self, change: Callable[[sqlite3.Connection], object]):
        """Every write of the room goes through here: on the writer thread, committed before it returns."""
        result = await asyncio.get_running_loop().run_in_executor(self._writer, self.write_now, change)
        self.changed()
        return result

    async def read(self, query: Callable[[sqlite3.Connection], object]):
        """Run a query on the reader thread (WAL lets it read while the writer writes)."""
        return await asyncio.get_running_loop().run_in_executor(self._reader, query, self._reader_conn)

    def close(self) -> None:
        """Finish pending writes and close both connections."""
        self._writer.shutdown(wait=True)
        self._reader.shutdown(wait=True)
        self._reader_conn.close()
        self._conn.close()

    # --- the changes, each run by write() ----------------------------------------------------------------

    def setup(self, code: str | None, key: str | None, new_code: Callable[[], str], new_key: Callable[[], str]):
        """The room's code and key: as given, else as stored from an earlier run, else new ones; returns both."""
        def change(conn):
            stored = meta(conn, "code")
            if code and stored and code != stored:
                raise ValueError(stored)
            values = {"format": FORMAT, "code": code or stored or new_code(), "key": key or meta(conn, "key") or new_key()}
            conn.executemany("INSERT INTO meta VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value=excluded.value",
                             values.items())
            return values["code"], values["key"]
        return self.write_now(change)

    @staticmethod
    def answers(client: str, learner: str, sheet: dict) -> Callable[[sqlite3.Connection], None]:
        """Store one phone's answers: each exercise replaces that phone's earlier answers to it."""
        now = time.time()

        def change(conn):
            conn.execute("INSERT INTO clients VALUES (?, ?, ?) ON CONFLICT(client) DO UPDATE SET learner=excluded.learner",
                         (client, learner, now))
            conn.executemany(
                "INSERT INTO answers VALUES (?, ?, ?, ?) ON CONFLICT(client, exercise)"
                " DO UPDATE SET answers=excluded.answers, received=excluded.received",
                [(client, exercise, json.dumps(items, ensure_ascii=False), now) for exercise, items in sheet.items()])
        return change

    @staticmethod
    def join(client: str) -> Callable[[sqlite3.Connection], None]:
        """Note a phone that opened the room (it counts as joined before it answers)."""
        def change(conn):
            conn.execute("INSERT INTO clients VALUES (?, '', ?) ON CONFLICT(client) DO NOTHING", (client, time.time()))
        return change

    def opening(self, exercise: str, is_open: bool) -> Callable[[sqlite3.Connection], None]:
        """Open or close one exercise for answers."""
        def change(conn):
            if is_open:
                conn.execute("DELETE FROM closed WHERE exercise=?", (exercise,))
                self.closed.discard(exercise)
            else:
                conn.execute("INSERT OR IGNORE INTO closed VALUES (?)", (exercise,))
                self.closed.add(exercise)
        return change

    @staticmethod
    def clear(conn: sqlite3.Connection) -> None:
        """Forget every phone and answer (after a rehearsal); the code, the key and closed exercises stay."""
        conn.execute("DELETE FROM answers")
        conn.execute("DELETE FROM clients")

    def end(self, conn: sqlite3.Connection) -> None:
        """End the room: no more answers are taken, everything stored stays for exporting."""
        conn.execute("INSERT INTO meta VALUES ('ended', '1') ON CONFLICT(name) DO UPDATE SET value='1'")
        self.ended = True


def prepare(path: str | Path, code: str | None, key: str | None, new_code: Callable[[], str],
            new_key: Callable[[], str]) -> tuple[str, str]:
    """Make or reopen the room's database before serving; returns the room's code and key."""
    room = Store(path)
    try:
        return room.setup(code, key, new_code, new_key)
    finally:
        room.close()


def counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """How many phones have joined, and how many of them have sent answers."""
    joined = conn.execute("SELECT count(*) FROM clients").fetchone()[0]
    answering = conn.execute("SELECT count(DISTINCT client) FROM answers").fetchone()[0]
    return joined, answering
