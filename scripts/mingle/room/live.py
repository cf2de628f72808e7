"""The dashboard's live view, made in a process of its own: grading a whole room many times a minute would
otherwise hold the server's interpreter while phones wait for their answers to be acknowledged.

The process reads the database (WAL lets it read while the server writes) and grades again only the phones
whose stored answers changed since the last view."""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mingle.marking import roomdb
from mingle.marking.grading import Grader
from mingle.model import Exercise
from mingle.room import results, store

_state: dict = {}


def _watch(parent: int) -> None:
    """In the view process: end as soon as the server is gone, even when it was killed outright (kill -9)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _start(db: str, exercises: Mapping[str, Exercise], parent: int) -> None:
    """In the view process: watch the server, and open the database read-only, once."""
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    _state.update(conn=roomdb.open_read_only(db), exercises=exercises, grader=Grader(exercises), graded={})


def view(closed: set, ended: bool, version: int) -> str:
    """In the view process: the live view as JSON text, re-grading only the phones that changed."""
    conn, exercises, grader = _state["conn"], _state["exercises"], _state["grader"]
    code = roomdb.meta(conn, "code") or "room"
    graded, learners = {}, []
    for client, learner, stored in roomdb.phones(conn):
        key = (learner, tuple(stored))
        seen, result = _state["graded"].get(client, (None, None))
        if seen != key:  # a phone new since the last view, or one that has answered again
            answers, _ = roomdb.parsed(code, client, stored)
            result = grader.learner(learner, roomdb.source(code, client), answers)
        graded[client] = (key, result)
        learners.append(result)
    _state["graded"] = graded
    joined, answering = store.counts(conn)
    return json.dumps(results.live(learners, exercises, closed, ended, version, joined, answering), ensure_ascii=False)


def pool(db: Path, exercises: Mapping[str, Exercise]) -> ProcessPoolExecutor:
    """The one view process (spawned, not forked: the server already runs threads)."""
    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_start,
                               initargs=(str(db), exercises, os.getpid()))
