"""The room's database: one SQLite file in WAL mode with synchronous=FULL, every write through `Store.write` on
one writer thread, so an answer acknowledged to a phone is on disk and a crash never counts one twice."""

from __future__ import annotations

import asyncio
import json
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mingle.errors import InputProblem, Refused
from mingle.marking.roomdb import FORMAT, meta, open_read_only

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS clients (client TEXT PRIMARY KEY, learner TEXT NOT NULL, joined REAL NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
  client TEXT NOT NULL, exercise TEXT NOT NULL, answers TEXT NOT NULL, received REAL NOT NULL,
  PRIMARY KEY (client, exercise));
CREATE TABLE IF NOT EXISTS closed (exercise TEXT PRIMARY KEY);
"""


def private(path: str | Path) -> None:
    """Make the database and its -wal and -shm files readable by the presenter's account only: they hold the key
    and every learner's name. (SQLite gives the -wal and -shm it makes the database file's own mode.)"""
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    for name in (str(path), f"{path}-wal", f"{path}-shm"):
        try:
            os.chmod(name, 0o600)
        except FileNotFoundError:
            pass


def refusal(err: sqlite3.Error) -> Refused | None:
    """A database error that is the laptop's disk, as the one-line 503 phones hear; None for anything else."""
    code = getattr(err, "sqlite_errorcode", 0) & 0xFF
    if code == sqlite3.SQLITE_FULL:
        return Refused(503, "the laptop's disk is full: your answers stay on your phone", {"Retry-After": "30"})
    if code == sqlite3.SQLITE_IOERR:
        return Refused(503, "the laptop could not save to its disk (is it full?): your answers stay on your phone",
                       {"Retry-After": "30"})
    return None


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection that makes every commit durable: WAL, and a full fsync before a commit returns."""
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


class Store:
    """The room's database, written only by one thread (SQLite's advice: one writer) and read by another.

    The writer commits the changes waiting at that moment together (a group commit): one fsync for a burst of
    phones instead of one each, and still no phone hears "stored" before its answers are on disk."""

    BATCH = 64

    def __init__(self, path: str | Path):
        self.path = Path(path)
        private(self.path)
        self._conn = connect(self.path)
        self._conn.executescript(SCHEMA)
        self._reader_conn = connect(self.path)
        self._reader = ThreadPoolExecutor(1, thread_name_prefix="room-reader")
        self._waiting: queue.Queue = queue.Queue()
        self._writer = threading.Thread(target=self._write_loop, name="room-writer", daemon=True)
        self._writer.start()
        self.changed: Callable[[], None] = lambda: None
        self.version = 0  # acknowledged writes since start: dashboards compare it to know what they have seen
        self.closed = {row[0] for row in self._conn.execute("SELECT exercise FROM closed")}
        self.ended = meta(self._conn, "ended") == "1"
        self.clients = {row[0] for row in self._conn.execute("SELECT client FROM clients")}  # every phone counted

    def write_now(self, change: Callable[[sqlite3.Connection], object]):
        """Run one change in its own transaction and commit it (durably) before returning its result."""
        done: Future = Future()
        self._waiting.put((change, done))
        return done.result()

    def _write_loop(self) -> None:
        """The writer thread: take what is waiting, apply each change in a savepoint, commit once, then answer."""
        while True:
            first = self._waiting.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < self.BATCH:
                try:
                    more = self._waiting.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._waiting.put(None)  # stop after this batch
                    break
                batch.append(more)
            self._commit(batch)

    def _commit(self, batch: list) -> None:
        """Apply a batch of changes in one transaction; a change that fails is rolled back alone."""
        conn, outcomes = self._conn, []
        try:
            conn.execute("BEGIN IMMEDIATE")
            for change, _ in batch:
                conn.execute("SAVEPOINT one")
                try:
                    outcomes.append((True, change(conn)))
                    conn.execute("RELEASE one")
                except Exception as err:  # noqa: BLE001 - handed to the one caller it belongs to
                    conn.execute("ROLLBACK TO one")
                    conn.execute("RELEASE one")
                    outcomes.append((False, err))
            conn.execute("COMMIT")
        except Exception as err:  # noqa: BLE001 - the commit itself failed (disk full): nobody is told "stored"
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            outcomes = [(False, err)] * len(batch)
        self.version += sum(ok for ok, _ in outcomes)
        for (_, done), (ok, value) in zip(batch, outcomes):
            done.set_result(value) if ok else done.set_exception(value)

    async def write(self, change: Callable[[sqlite3.Connection], object]):
        """Every write of the room goes through here: on the writer thread, committed before it returns."""
        done: Future = Future()
        self._waiting.put((change, done))
        try:
            result = await asyncio.wrap_future(done)
        except sqlite3.Error as err:
            raise (refusal(err) or err) from None
        self.changed()
        return result

    async def read(self, query: Callable[[sqlite3.Connection], object]):
        """Run a query on the reader thread (WAL lets it read while the writer writes)."""
        return await asyncio.get_running_loop().run_in_executor(self._reader, query, self._reader_conn)

    def close(self) -> None:
        """Finish pending writes and close both connections."""
        self._waiting.put(None)
        self._writer.join()
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
            values = {"format": FORMAT, "code": code or stored or new_code(),
                      "key": key or meta(conn, "key") or new_key()}
            conn.executemany("INSERT INTO meta VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value=excluded.value",
                             values.items())
            return values["code"], values["key"]
        return self.write_now(change)

    @staticmethod
    def answers(client: str, learner: str, sheet: dict) -> Callable[[sqlite3.Connection], None]:
        """Store one phone's answers: each exercise replaces that phone's earlier answers to it."""
        now = time.time()

        def change(conn):
            conn.execute("INSERT INTO clients VALUES (?, ?, ?) "
                         "ON CONFLICT(client) DO UPDATE SET learner=excluded.learner",
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

    def clear(self, conn: sqlite3.Connection) -> None:
        """Forget every phone and answer (after a rehearsal); the code, the key and closed exercises stay."""
        conn.execute("DELETE FROM answers")
        conn.execute("DELETE FROM clients")
        self.clients.clear()

    def end(self, conn: sqlite3.Connection) -> None:
        """End the room: no more answers are taken, everything stored stays for exporting."""
        conn.execute("INSERT INTO meta VALUES ('ended', '1') ON CONFLICT(name) DO UPDATE SET value='1'")
        self.ended = True

    def reopen(self, conn: sqlite3.Connection) -> None:
        """Undo `end`: answers are taken again."""
        conn.execute("DELETE FROM meta WHERE name='ended'")
        self.ended = False


def held_code(path: str | Path) -> str | None:
    """The code of the room a database already holds, read without writing to it; None for a new database."""
    if not Path(path).is_file():
        return None
    try:
        conn = open_read_only(path)
    except (sqlite3.Error, InputProblem):
        return None  # not a room's: prepare() says so
    try:
        return meta(conn, "code")
    finally:
        conn.close()


def prepare(path: str | Path, code: str | None, key: str | None, new_code: Callable[[], str],
            new_key: Callable[[], str], reopen: bool = False) -> tuple[str, str]:
    """Make or carry on the room's database before serving (taking answers again if `reopen`); returns the
    room's code and key."""
    room = Store(path)
    try:
        if reopen:
            room.write_now(room.reopen)
        return room.setup(code, key, new_code, new_key)
    finally:
        room.close()


def counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """How many phones have joined, and how many of them have sent answers."""
    joined = conn.execute("SELECT count(*) FROM clients").fetchone()[0]
    answering = conn.execute("SELECT count(DISTINCT client) FROM answers").fetchone()[0]
    return joined, answering
