"""No answer lost, none counted twice: kill -9 a real `mingle room` in the middle of a load, start it again on
the same database, and every answer it acknowledged is there, once."""

from __future__ import annotations

import signal
import sqlite3
import threading
import time

from grading_kit import make_kit
from room_kit import start_room

from mingle.cli import main

PHONES = 12


def test_kill_9_mid_load_keeps_every_acknowledged_answer_once(tmp_path, capsys):
    exercises = make_kit(tmp_path)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<!doctype html><title>Kit</title>")
    db = tmp_path / "room.sqlite"
    room = start_room(db, tmp_path / "site", exercises=exercises)
    acked: dict[str, int] = {}  # phone -> the last answer number the room acknowledged
    sent: dict[str, int] = {}  # phone -> the last answer number it sent (acknowledged or not)
    stop = threading.Event()

    def phone(client: str) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            sent[client] = n
            status, _ = room.answers(client, {"quiz": {"write": f"answer {n}"}}, learner=client)
            if status == 200:
                acked[client] = n
            elif status == 0:  # the room has gone
                return
            time.sleep(0.05)  # a phone checks a few times a second at most (the rate limit's burst stays unspent)

    threads = [threading.Thread(target=phone, args=(f"phone-{i:03d}",)) for i in range(PHONES)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while sum(acked.values()) < PHONES * 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    room.process.send_signal(signal.SIGKILL)  # mid-load: requests are in flight
    room.process.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=15)
    room.stop()
    assert sum(acked.values()) >= PHONES * 5, "the load never got going"

    again = start_room(db, tmp_path / "site", exercises=exercises)
    try:
        assert again.code == room.code and again.key == room.key  # the same room, carried on
        rows = sqlite3.connect(db).execute("SELECT client, exercise, answers FROM answers").fetchall()
        stored = {client: int(text.split("answer ")[1].rstrip('"}')) for client, _, text in rows}
        assert len(rows) == len(stored)  # one row per phone and exercise: none twice
        for client, last in acked.items():
            # the acknowledged answer, or the one in flight when the room was killed (sent but never acknowledged)
            assert stored.get(client) in (last, sent[client]), client
        results = again.results()
        assert sorted(entry["learner"] for entry in results["learners"]) == sorted(stored)
        assert again.answers("phone-after", {"quiz": {}})[0] == 200  # and it carries on taking answers
    finally:
        again.stop()
    assert main(["grade", "--json", "--exercises", str(exercises), str(db)]) == 0
    capsys.readouterr()
