"""A room one attendee cannot take down, against a real `mingle room` on loopback: sheets held to their exercises,
new phones per address limited, one room per database, ending undone, every refusal one line of JSON, headers
that keep presenter pages out of frames and names out of caches, names that cannot pass for another, wrong keys
slowed, and database files only the presenter's account can read. Other devices speak from other loopback
addresses (room_devices), as phones on the venue's wifi would."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys

import pytest
from grading_kit import GOOD
from room_devices import answers, ask, bare_kit, device, room_on
from room_kit import ROOT, start_room

from mingle.cli import main
from mingle.exercises import load_exercises
from mingle.marking.reports.machine import safe_cell
from mingle.model import TEXT_LIMIT
from mingle.room.fit import learner_name, sheet_limit

QUIZ = GOOD["answers"]["quiz"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The test kit's exercises and a one-page site."""
    return bare_kit(tmp_path_factory.mktemp("hardening"))


@pytest.fixture(scope="module")
def room(folder):
    """One room for the module's tests, stopped with Ctrl-C at the end."""
    running = room_on(folder, folder / "room.sqlite")
    yield running
    code, _, err = running.stop()
    assert code == 0 and "Traceback" not in err


def stored(folder, client: str) -> list:
    """The rows the room's database holds for one phone."""
    with sqlite3.connect(folder / "room.sqlite") as conn:
        return conn.execute("SELECT exercise, answers FROM answers WHERE client=?", (client,)).fetchall()


def one_line(status: int, data) -> bool:
    return isinstance(data, dict) and set(data) == {"problem"} and "\n" not in data["problem"] and 400 <= status < 600


# --- sizes ---------------------------------------------------------------------------------------------------

REFUSED_SHEETS = [
    ("unknown item", {"quiz": {"pick": "ask", "no-such-item": 1}}, "answers.quiz.no-such-item: no such item"),
    ("8,000 unknown items", {"quiz": {f"k{n}": n for n in range(8_000)}}, "answers.quiz.k0: no such item"),
    ("text past its limit", {"quiz": {"write": "x" * (TEXT_LIMIT + 1)}}, "5,001 characters, but an answer here may "
                                                                         "have at most 5,000"),
    ("a long text in a choice", {"quiz": {"pick": "x" * 1000}}, "answers.quiz.pick: 1,000 characters"),
    ("500 deep", {"quiz": {"pick": json.loads("[" * 500 + "]" * 500)}}, "answers.quiz.pick: expected an answer, got "
                                                                       "a nested list"),
    ("a nested mapping", {"quiz": {"pick": {"a": {"b": 1}}}}, "got a nested mapping"),
    ("more choices than options", {"quiz": {"several": ["listen"] * 5}}, "5 choices, but this item has only 4"),
]


@pytest.mark.parametrize("sheet, problem", [case[1:] for case in REFUSED_SHEETS], ids=[c[0] for c in REFUSED_SHEETS])
def test_a_sheet_that_does_not_fit_its_exercise_is_refused_in_one_line_and_not_stored(room, folder, sheet, problem):
    client = f"phone-fit-{abs(hash(problem)) % 10**8:08d}"
    status, data = room.answers(client, sheet)
    assert status == 422 and one_line(status, data) and problem in data["problem"], data
    assert stored(folder, client) == []


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_not_a_number_is_refused(room, folder, constant):
    body = ('{"format": "mingle.answers/1", "learner": "A", "client": "phone-nan-%s", "answers": {"profile": '
            '{"joins": %s}}}' % (constant.strip("-").lower(), constant)).encode()
    status, data = room.request("POST", f"/room/{room.code}/answers", body)
    assert status == 422 and one_line(status, data) and constant.lstrip("-").lower()[:3] in data["problem"].lower()
    assert stored(folder, f"phone-nan-{constant.strip('-').lower()}") == []


def test_answers_within_the_limits_still_score_as_mingle_grade_scores_them(room):
    status, data = room.answers("phone-fit-good", {"quiz": {**QUIZ, "write": "é" * TEXT_LIMIT, "pick": "nonsense"}})
    assert status == 200 and data["stored"] == ["quiz"]  # a wrong option is the scorer's to judge: invalid, 0
    mine = next(e for e in room.results()["learners"] if e["source"].endswith("/phone-fit-good"))
    assert mine["exercises"]["quiz"]["invalid"] == ["pick"]


def test_a_body_past_the_largest_real_sheet_is_413_and_the_database_does_not_grow(room, folder):
    before = sum(os.path.getsize(p) for p in folder.glob("room.sqlite*"))
    for n in range(5):  # the attack: a 1.99 MB answer per request, a new client id each time
        body = json.dumps({"format": "mingle.answers/1", "learner": "A", "client": f"phone-huge-{n:04d}",
                           "answers": {"quiz": {"write": "x" * 1_990_000}}}).encode()
        status, data = room.request("POST", f"/room/{room.code}/answers", body)
        assert status == 413 and one_line(status, data) and "too large" in data["problem"]
    assert sum(os.path.getsize(p) for p in folder.glob("room.sqlite*")) - before < 64 * 1024


def test_the_body_limit_fits_the_largest_real_sheet_of_the_kit(tmp_path):
    exercises = load_exercises(ROOT / "exercises")
    largest = {}
    for exercise in exercises.values():
        items = {}
        for item in exercise.items:
            if item.kind == "text":
                items[item.id] = "\x01" * TEXT_LIMIT  # every character a six-byte JSON escape
            elif item.kind == "multiple":
                items[item.id] = [o.id for o in exercise.options_for(item)]
            elif item.kind == "rating":
                items[item.id] = exercise.scale.max
            elif item.kind == "check":
                items[item.id] = True
            else:
                items[item.id] = max((o.id for o in exercise.options_for(item)), key=len)
        largest[exercise.id] = items
    body = json.dumps({"format": "mingle.answers/1", "learner": "N" * 80, "client": "c" * 64, "answers": largest})
    assert len(body.encode()) <= sheet_limit(exercises) < 2 * len(body.encode())
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<!doctype html><title>Kit</title>")
    running = start_room(tmp_path / "room.sqlite", tmp_path / "site")  # the kit's own exercises
    try:
        status, data = running.request("POST", f"/room/{running.code}/answers", body.encode())
        assert status == 200 and sorted(data["stored"]) == sorted(exercises)
    finally:
        running.stop()


# --- phones --------------------------------------------------------------------------------------------------

def test_new_phones_from_one_address_are_limited_and_known_ones_go_on(room):
    flooder, other = device(10), device(11)
    statuses = [answers(room, flooder, f"flood-new-{n:04d}", {"quiz": {}})[0] for n in range(12)]
    assert statuses[:6] == [200] * 6 and set(statuses[6:]) == {429}
    status, data = answers(room, flooder, "flood-new-0099", {"quiz": {}})
    assert status == 429 and "too many new phones from this address" in data["problem"]
    assert answers(room, flooder, "flood-new-0000", {"quiz": QUIZ})[0] == 200  # a phone already in goes on
    assert answers(room, other, "other-phone-01", {"quiz": {}})[0] == 200  # and the next person joins
    status, _, _ = ask(room, flooder, "POST", f"/room/{room.code}/join", {"client": "flood-new-0100"})
    assert status == 429  # joining counts as a new phone too
    learners = [e["source"] for e in room.results()["learners"] if "/flood-new-" in e["source"]]
    assert len(learners) == 6


# --- one room per database -----------------------------------------------------------------------------------

def test_a_second_room_on_the_same_database_refuses_to_start_naming_the_port(room, folder, capsys):
    code = main(["room", "--db", str(folder / "room.sqlite"), "--site", str(folder / "site"),
                 "--exercises", str(folder / "exercises")])
    err = capsys.readouterr().err
    port = room.base.rsplit(":", 1)[1]
    assert code == 2 and err.count("\n") == 1
    assert f"another room is running on this database (port {port})" in err
    assert room.request("GET", "/room/ping")[0] == 200  # the first carries on


def test_a_database_inside_the_served_folder_is_refused(folder, capsys):
    db = folder / "site" / "room.sqlite"
    code = main(["room", "--db", str(db), "--site", str(folder / "site"), "--exercises", str(folder / "exercises")])
    err = capsys.readouterr().err
    assert code == 2 and "is inside the site folder" in err and err.count("\n") == 1
    assert not db.exists()


# --- ending and reopening ------------------------------------------------------------------------------------

def test_an_ended_room_reopens_from_the_dashboard_and_with_reopen(folder, tmp_path):
    db = tmp_path / "r.sqlite"
    running = room_on(folder, db)
    assert running.request("POST", f"/room/{running.code}/end", key=running.key) == (200, {"ended": True})
    assert running.answers("phone-reopen-1", {"quiz": QUIZ})[0] == 410
    assert running.request("POST", f"/room/{running.code}/reopen")[0] == 401
    assert running.request("POST", f"/room/{running.code}/reopen", key=running.key) == (200, {"ended": False})
    assert running.answers("phone-reopen-1", {"quiz": QUIZ})[0] == 200
    running.request("POST", f"/room/{running.code}/end", key=running.key)
    running.stop()
    again = room_on(folder, db)
    assert again.answers("phone-reopen-1", {"quiz": QUIZ})[0] == 410  # a restart alone keeps it ended
    again.stop()
    third = room_on(folder, db, "--reopen")
    try:
        assert third.answers("phone-reopen-2", {"quiz": QUIZ})[0] == 200
        assert len(third.results()["learners"]) == 2  # nothing was lost on the way
    finally:
        third.stop()


# --- errors --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("method, path, body, status", [
    ("POST", "/room/{code}/join", b"[" * 100_000, 413),
    ("POST", "/room/{code}/join", b"[" * 5_000, 400),
    ("POST", "/room/{code}/join", b'{"client": ' * 1000, 400),
    ("GET", "/room/{code}/answers", None, 404),
    ("POST", "/room/dashboard", b"{}", 405),
    ("GET", "/room/{code}/nothing-here", None, 404),
    ("POST", "/room/{code}/answers", b'{"format": "mingle.answers/1"' + b', "a": 1' * 10 + b"}", 400),
])
def test_every_refusal_is_one_line_of_json(room, method, path, body, status):
    got, data, headers = ask(room, device(20), method, path.format(code=room.code), body)
    assert got == status and one_line(got, data) and headers["content-type"] == "application/json"
    assert room.request("GET", "/room/ping")[0] == 200


def test_a_full_disk_is_a_one_line_503_and_loses_no_acknowledged_answer(folder, tmp_path):
    db = tmp_path / "full.sqlite"
    limit = 1024 * 1024  # bytes any one file of the room may grow to: a disk that fills after a few hundred answers

    running = room_on(folder, db)
    resource.prlimit(running.process.pid, resource.RLIMIT_FSIZE, (limit, limit))  # Python ignores SIGXFSZ: EFBIG
    acked, problem = [], None
    try:
        for n in range(1000):  # bounded: 1,000 answers of 5,000 characters is five times the disk
            client = f"phone-disk-{n:04d}"
            status, data = running.answers(client, {"quiz": {"write": "w" * TEXT_LIMIT}})
            if status == 200:
                acked.append(client)
            else:
                problem = (status, data)
                break
        assert problem is not None and problem[0] == 503 and one_line(*problem), problem
        assert "the laptop's disk is full" in problem[1]["problem"] or "is it full?" in problem[1]["problem"]
        assert running.request("GET", "/room/ping")[0] == 200  # it keeps going, and says the same next time
        assert running.answers("phone-disk-last", {"quiz": {"write": "w" * TEXT_LIMIT}})[0] == 503
    finally:
        code, _, err = running.stop()
    assert code == 0 and "Traceback" not in err
    with sqlite3.connect(db) as conn:
        kept = {row[0] for row in conn.execute("SELECT client FROM answers")}
    assert set(acked) <= kept and len(acked) > 10


# --- headers -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/room/dashboard", "/room/projector", "/room/check"])
def test_presenter_pages_refuse_every_frame_and_sniffing(room, path):
    status, _, headers = ask(room, device(30), "GET", path)
    assert status == 200
    assert headers["content-security-policy"] == "frame-ancestors 'none'" and headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff" and headers["cache-control"] == "no-store"


def test_the_site_may_be_framed_by_itself_only(room):
    status, _, headers = ask(room, device(30), "GET", "/")
    assert status == 200 and headers["content-security-policy"] == "frame-ancestors 'self'"
    assert headers["x-frame-options"] == "SAMEORIGIN" and headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["results", "live", "export/results.csv", "export/results.json"])
def test_nothing_with_names_is_cached(room, path):
    _, _, headers = ask(room, "127.0.0.1", "GET", f"/room/{room.code}/{path}",
                        headers={"Authorization": f"Bearer {room.key}"})
    assert headers["cache-control"] == "no-store" and headers["x-content-type-options"] == "nosniff"


# --- names ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, shown", [
    ("Ali\u200bce", "Alice"),
    ("\u202eAlice", "Alice"),
    ("Alice\u200f\u2066", "Alice"),
    ("\ufeffAlice", "Alice"),
    ("Ａｌｉｃｅ", "Alice"),
    ("\u200b\u200b\u200b", "(no name)"),
    ("\u2800\u3164", "(no name)"),
    ("Zoë", "Zoë"),
    ("Ana 👩\u200d👩\u200d👧", "Ana 👩\u200d👩\u200d👧"),  # a family stays one emoji
])
def test_names_are_normalised_and_invisible_characters_go(raw, shown):
    assert learner_name(raw) == shown


def test_two_names_that_look_the_same_are_one_name_in_the_room(room):
    room.answers("phone-name-1", {"quiz": {}}, learner="Alice")
    room.answers("phone-name-2", {"quiz": {}}, learner="Al\u200bice\u200e")
    room.answers("phone-name-3", {"quiz": {}}, learner="\u200b \u200b")
    names = {e["source"].rsplit("/", 1)[1]: e["learner"] for e in room.results()["learners"]}
    assert names["phone-name-1"] == names["phone-name-2"] == "Alice" and names["phone-name-3"] == "(no name)"


@pytest.mark.parametrize("cell", ["＝1+1", "\ufeff=1+1", "\u200b=HYPERLINK(1)", "﹦1", "＠SUM(A1)", "－2+3",
                                  "＋2"])
def test_the_csv_formula_guard_holds_for_full_width_and_hidden_starts(cell):
    assert safe_cell(cell) == "'" + cell


def test_a_formula_name_from_a_phone_stays_text_in_the_csv(room):
    room.answers("phone-formula", {"quiz": {}}, learner="\ufeff＝1+1")
    _, csv_text, _ = ask(room, "127.0.0.1", "GET", f"/room/{room.code}/export/results.csv",
                         headers={"Authorization": f"Bearer {room.key}"})
    row = next(line for line in csv_text.decode().splitlines() if "phone-formula" in line)
    assert row.startswith("'=1+1,")


# --- the key -------------------------------------------------------------------------------------------------

def test_wrong_keys_are_slowed_per_address(room):
    guesser = device(40)
    statuses = [ask(room, guesser, "GET", f"/room/{room.code}/results",
                    headers={"Authorization": f"Bearer guess-{n:06d}-guess"})[0] for n in range(40)]
    assert statuses[:30] == [403] * 30 and set(statuses[30:]) == {429}
    status, data, headers = ask(room, guesser, "GET", f"/room/{room.code}/results",
                                headers={"Authorization": f"Bearer {room.key}"})
    assert status == 200  # the right key is never refused: guessing costs the guesser, not the presenter
    assert ask(room, device(41), "GET", f"/room/{room.code}/results",
               headers={"Authorization": f"Bearer {room.key}"})[0] == 200  # the presenter, elsewhere, is let in


def test_the_database_files_are_readable_by_the_presenter_only(room, folder):
    room.answers("phone-modes", {"quiz": {}})
    files = [folder / name for name in ("room.sqlite", "room.sqlite-wal", "room.sqlite-shm", "room.sqlite.lock")]
    assert all(path.exists() for path in files)
    assert {path.name: stat.S_IMODE(path.stat().st_mode) for path in files} == {path.name: 0o600 for path in files}


def test_an_existing_database_is_made_private_at_start(folder, tmp_path):
    db = tmp_path / "old.sqlite"
    sqlite3.connect(db).close()
    os.chmod(db, 0o644)
    running = room_on(folder, db)
    running.stop()
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_a_room_stopped_by_kill_9_leaves_no_lock_behind(folder, tmp_path):
    db = tmp_path / "k.sqlite"
    running = room_on(folder, db)
    running.stop(signal.SIGKILL)
    again = room_on(folder, db)
    code, _, _ = again.stop()
    assert code == 0


def test_the_room_s_own_help_names_reopen():
    out = subprocess.run([sys.executable, "-m", "mingle", "room", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert "--reopen" in out.stdout


# --- the unforeseen ------------------------------------------------------------------------------------------

def test_an_unforeseen_error_is_a_one_line_json_500_and_one_log_line(caplog):
    import asyncio

    from mingle.room.guard import Limits
    from mingle.room.middleware import RoomMiddleware

    async def broken(scope, receive, send):
        raise RuntimeError("a bug nobody foresaw\nsecond line")

    async def run() -> list:
        sent = []

        async def send(message):
            sent.append(message)

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}
        app = RoomMiddleware(broken, Limits())
        for n in range(3):
            await app({"type": "http", "method": "GET", "path": f"/room/X/results/{n}", "headers": [],
                       "client": ("10.0.0.7", 5000 + n)}, receive, send)
        return sent

    with caplog.at_level("WARNING", logger="mingle.room"):
        sent = asyncio.run(run())
    starts = [m for m in sent if m["type"] == "http.response.start"]
    bodies = [json.loads(m["body"]) for m in sent if m["type"] == "http.response.body"]
    assert [m["status"] for m in starts] == [500] * 3
    assert all(set(b) == {"problem"} and "\n" not in b["problem"] for b in bodies)
    logged = [r.getMessage() for r in caplog.records if r.name == "mingle.room"]
    assert len(logged) == 1 and "RuntimeError: a bug nobody foresaw second line" in logged[0] and "\n" not in logged[0]
    assert "--debug" in logged[0]
    assert "Traceback" not in caplog.text
