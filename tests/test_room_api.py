"""The live room's HTTP contract: answers stored and scored by the one scorer, every bad request a clear 4xx in one
line, the presenter's key guarding results, and figures equal to `mingle grade room.sqlite`. The app is spoken to in
this process through Starlette's TestClient; what only the command does (its four lines, listening, closing on a
signal) is tested against a real `mingle room` process."""

from __future__ import annotations

import io
import json
import re
import signal
import sqlite3
import zipfile

import pytest
from grading_kit import GOOD, kit, make_kit
from room_kit import AppRoom, FORMAT, one_page_site, start_room

from mingle.cli import main
from mingle.scoring import Scorer

QUIZ = GOOD["answers"]["quiz"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The test kit's exercises and a one-page site."""
    base = tmp_path_factory.mktemp("room")
    make_kit(base)
    one_page_site(base)
    return base


@pytest.fixture(scope="module")
def room(folder):
    """One room's app for the module's tests, in this process."""
    app = AppRoom(folder / "room.sqlite", folder / "site", folder / "exercises")
    yield app
    app.close()


def grade_json(capsys, *argv) -> tuple[int, dict, str]:
    code = main(["grade", "--json", *argv])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def test_it_prints_exactly_the_four_labelled_lines_serves_and_closes_on_a_signal(folder, tmp_path):
    room = start_room(tmp_path / "r.sqlite", folder / "site", exercises=folder / "exercises")
    try:
        lines = [line.rstrip("\n") for line in room.printed]
        assert [line.split(": ")[0] for line in lines] == ["join", "code", "dashboard", "key"]
        assert re.fullmatch(r"[A-Z0-9]{4,8}", room.code)
        assert re.fullmatch(rf"join: http://127\.0\.0\.1:\d+/\?room={room.code}", lines[0])
        assert lines[2] == f"dashboard: {room.base}/room/dashboard"
        assert len(room.key) * 6 >= 128
        status, body = room.request("GET", "/")  # the site and the room on the one port
        assert status == 200 and b"The kit's site." in body
        assert room.answers("phone-signal-1", {"quiz": QUIZ})[0] == 200
    finally:
        code, out, err = room.stop(signal.SIGTERM)
    assert code == 0 and f"Room {room.code} closed" in err
    assert room.key not in err and out.count(room.key) == 1


def test_it_serves_the_site_on_the_same_port(room):
    status, body = room.request("GET", "/")
    assert status == 200 and b"The kit's site." in body


def test_answers_are_stored_and_scored_by_the_grader_s_scorer(room, folder):
    status, data = room.answers("phone-good-1", {"quiz": QUIZ})
    expected = Scorer(kit(folder / "k")["quiz"]).score(QUIZ)
    assert status == 200
    assert data == {"stored": ["quiz"], "scores": {"quiz": {"score": expected.score, "max": expected.max,
                                                            "band": expected.band.label}}}


def test_checking_again_replaces_the_earlier_answers(room):
    room.answers("phone-again-1", {"quiz": {"pick": "shout"}}, learner="Bo")
    room.answers("phone-again-1", {"quiz": {"pick": "ask"}, "profile": {"joins": 4}}, learner="Bo Bell")
    mine = [entry for entry in room.results()["learners"] if entry["source"].endswith("/phone-again-1")]
    assert len(mine) == 1
    assert mine[0]["learner"] == "Bo Bell"
    assert mine[0]["exercises"]["quiz"]["score"] == 1 and set(mine[0]["exercises"]) == {"quiz", "profile"}


def test_invalid_answers_score_0_and_are_listed_without_rejecting_the_sheet(room):
    status, data = room.answers("phone-invalid", {"quiz": {"pick": "nonsense", "who": "doer"}})
    assert status == 200 and data["scores"]["quiz"]["score"] == 1
    mine = next(e for e in room.results()["learners"] if e["source"].endswith("/phone-invalid"))
    assert mine["exercises"]["quiz"]["invalid"] == ["pick"]


def test_a_learner_name_is_kept_as_text(room):
    room.answers("phone-html-1", {"quiz": {}}, learner="<script>alert(1)</script>\x1b[31m")
    mine = next(e for e in room.results()["learners"] if e["source"].endswith("/phone-html-1"))
    assert mine["learner"] == "<script>alert(1)</script> [31m"


def sheet(**fields) -> bytes:
    return json.dumps({"format": FORMAT, "learner": "Ada", "client": "phone-bad-00", "answers": {"quiz": {}},
                       **fields}).encode()


BAD = [
    ("not JSON", b"{this is not json", 400, "not valid JSON"),
    ("empty", b"", 400, "empty request"),
    ("a list", b"[1, 2]", 400, "expected an answer sheet"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00", 400, "a PNG image"),
    ("not UTF-8", b'{"learner": "\xff\xfe\xfa"}', 400, "not UTF-8 text"),
    ("duplicate key", b'{"format": "mingle.answers/1", "format": "x"}', 400, "duplicate key"),
    ("wrong format", sheet(format="mingle.answers/9"), 400, "unsupported format"),
    ("no format", json.dumps({"learner": "A", "client": "abcdefgh", "answers": {}}).encode(), 400, 'missing "format"'),
    ("answers a list", sheet(answers=[1]), 400, "answers: expected a mapping"),
    ("exercise a list", sheet(answers={"quiz": [1]}), 400, "answers.quiz: expected a mapping"),
    ("name a number", sheet(learner=7), 400, "learner: expected the learner's name as text"),
    ("no client", json.dumps({"format": FORMAT, "answers": {"quiz": {}}}).encode(), 400, "client:"),
    ("short client", sheet(client="abc"), 400, "client:"),
    ("client with a slash", sheet(client="abcdefgh/../x"), 400, "client:"),
    ("nested too deeply", b"[" * 100000, 400, "nested too deeply"),
    ("unknown exercise", sheet(answers={"no-such-exercise": {}}), 422, "no such exercise"),
    ("no exercise", sheet(answers={}), 422, "no exercise given"),
    ("oversized", b'{"x": "' + b"a" * (2 * 1024 * 1024 + 10) + b'"}', 413, "too large"),
]


@pytest.mark.parametrize("body, status, problem", [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_a_bad_answer_request_is_a_clear_4xx_in_one_line(room, body, status, problem):
    got, data = room.request("POST", f"/room/{room.code}/answers", body)
    assert got == status
    assert problem in data["problem"] and "\n" not in data["problem"]
    assert room.request("GET", "/room/ping")[0] == 200  # the room keeps going


def test_another_room_s_code_is_404(room):
    status, data = room.request("POST", "/room/ZZZZ9/answers", sheet())
    assert status == 404 and "no room ZZZZ9 here" in data["problem"]


def test_a_flood_from_one_phone_is_429_and_other_phones_go_on(room):
    statuses = [room.answers("phone-flood-1", {"quiz": {}})[0] for _ in range(30)]
    assert statuses[0] == 200 and statuses[-1] == 429
    assert room.answers("phone-flood-2", {"quiz": {}})[0] == 200


def test_join_counts_a_phone_and_refuses_a_bad_id(room):
    assert room.request("POST", f"/room/{room.code}/join", {"client": "phone-join-1"})[0] == 200
    status, data = room.request("POST", f"/room/{room.code}/join", {"client": "<b>"})
    assert status == 400 and "client" in data["problem"]
    assert room.request("POST", f"/room/{room.code}/join", b"\xff")[0] == 400


def test_how_to_join_is_given_to_a_deck_without_the_key_as_the_join_address_and_its_qr_code(room):
    from mingle.room.pages import qr_image

    status, join = room.request("GET", f"/room/{room.code}/join")
    assert status == 200
    assert join["code"] == room.code and join["join"] == room.settings.join
    assert join["short"] == room.settings.join.split("://", 1)[1]
    assert join["qr"].startswith("data:image/svg+xml;") and "%3Csvg" in join["qr"]
    assert join["qr"] == qr_image(room.settings.join) != qr_image(room.settings.join + "x")
    status, data = room.request("GET", "/room/ZZZZ9/join")
    assert status == 404 and "no room ZZZZ9 here" in data["problem"]


PRESENTER_ONLY = [("GET", "results"), ("GET", "live"), ("GET", "events"), ("GET", "export/results.csv"),
                  ("POST", "exercises/quiz"), ("POST", "clear"), ("POST", "end")]


@pytest.mark.parametrize("method, path", PRESENTER_ONLY)
def test_presenter_endpoints_are_401_without_the_key_and_403_with_a_wrong_one(room, method, path):
    url = f"/room/{room.code}/{path}"
    status, data = room.request(method, url, {"open": False} if method == "POST" else None)
    assert status == 401 and data["problem"]
    assert room.request(method, url, key="not-the-key-at-all")[0] == 403
    assert room.request(method, url, headers={"Authorization": "Basic abc"})[0] == 401
    assert room.request(method, url, headers={"Cookie": "mingle_room=forged"})[0] == 403


def test_login_gives_a_cookie_that_is_not_the_key(room):
    status, _ = room.request("POST", "/room/login", key="wrong-key-wrong-key")
    assert status == 403
    status, _, headers = room.send("POST", "/room/login", None, {"Authorization": f"Bearer {room.key}"}, 10)
    cookie = headers["set-cookie"]
    assert status == 200
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and room.key not in cookie
    value = cookie.split(";")[0]
    assert room.request("GET", f"/room/{room.code}/results", headers={"Cookie": value})[0] == 200


def test_results_equal_mingle_grade_of_the_database_and_exports_equal_its_reports(room, folder, capsys, tmp_path):
    room.answers("phone-export-1", {"quiz": QUIZ, "profile": {"joins": 3, "hides": 1}}, learner="=Eve")
    db, exercises = str(folder / "room.sqlite"), str(folder / "exercises")
    code, graded, err = grade_json(capsys, "--exercises", exercises, db)
    assert code == 0 and err == ""
    assert room.results() == graded and graded["learners"]
    assert room.request("GET", f"/room/{room.code}/export/results.json", key=room.key)[1] == graded
    main(["grade", "--csv", "--exercises", exercises, "--html", str(tmp_path / "d.html"),
          "--feedback", str(tmp_path / "fb"), db])
    csv_text = capsys.readouterr().out
    assert room.request("GET", f"/room/{room.code}/export/results.csv", key=room.key)[1].decode() == csv_text
    assert "'=Eve" in csv_text  # the grader's own formula guard
    debrief = room.request("GET", f"/room/{room.code}/export/debrief.html", key=room.key)[1]
    assert debrief == (tmp_path / "d.html").read_bytes()
    packed = zipfile.ZipFile(io.BytesIO(room.request("GET", f"/room/{room.code}/export/feedback.zip", key=room.key)[1]))
    assert sorted(packed.namelist()) == sorted(f"feedback/{p.name}" for p in (tmp_path / "fb").iterdir())
    assert packed.read("feedback/index.html") == (tmp_path / "fb" / "index.html").read_bytes()
    assert room.request("GET", f"/room/{room.code}/export/secrets.txt", key=room.key)[0] == 404


def test_a_closed_exercise_refuses_answers_until_opened_again(room):
    url = f"/room/{room.code}/exercises/profile"
    assert room.request("POST", url, {"open": False}, key=room.key) == (200, {"exercise": "profile", "open": False})
    status, data = room.answers("phone-closed-1", {"profile": {"joins": 1}})
    assert status == 409 and "closed" in data["problem"]
    assert room.request("POST", url, {"open": "yes"}, key=room.key)[0] == 400
    assert room.request("POST", f"/room/{room.code}/exercises/nope", {"open": True}, key=room.key)[0] == 404
    assert room.request("POST", url, {"open": True}, key=room.key)[0] == 200
    assert room.answers("phone-closed-1", {"profile": {"joins": 1}})[0] == 200


def test_a_database_that_is_not_a_room_is_one_rejected_line(tmp_path, capsys):
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    code = main(["grade", "--exercises", str(make_kit(tmp_path)), str(other)])
    err = capsys.readouterr().err
    said = f"mingle: {other}: a SQLite database, but not a Mingle room's (expected mingle.room/1)\n"
    assert code == 1 and err == said


def test_clear_then_end(folder, tmp_path):
    running = AppRoom(tmp_path / "r.sqlite", folder / "site", folder / "exercises")
    try:
        assert running.answers("phone-clear-1", {"quiz": QUIZ})[0] == 200
        assert running.request("POST", f"/room/{running.code}/clear", key=running.key)[0] == 200
        assert running.results() == {"learners": [], "rejected": []}
        assert running.request("POST", f"/room/{running.code}/end", key=running.key)[0] == 200
        status, data = running.answers("phone-clear-1", {"quiz": QUIZ})
        assert status == 410 and "ended" in data["problem"]
    finally:
        running.close()


def test_a_malformed_change_from_the_dashboard_is_400(room):
    url = f"/room/{room.code}/exercises/quiz"
    status, data = room.request("POST", url, b"{not json", key=room.key)
    assert status == 400 and data == {"problem": "expected a JSON object"}
    assert room.request("POST", url, b"[true]", key=room.key)[0] == 400


@pytest.mark.parametrize("argv, message", [
    (["--code", "ab"], "--code ab: expected 4 to 8 letters and digits"),
    (["--code", "ABCD!"], "--code ABCD!: expected 4 to 8 letters and digits"),
    (["--key", "short"], "--key: expected at least 16 characters, no spaces"),
    (["--port", "70000"], "--port 70000: expected 0 to 65535"),
    (["--db", "/no/such/folder/room.sqlite"],
     "--db /no/such/folder/room.sqlite: folder /no/such/folder does not exist"),
    (["--site", "/no/such/site"], "--site /no/such/site: no built site there"),
])
def test_room_usage_errors_exit_2_in_one_line(argv, message, folder, capsys, tmp_path):
    code = main(["room", "--db", str(tmp_path / "r.sqlite"), "--exercises", str(folder / "exercises"), *argv])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(f"mingle: {message}") and err.count("\n") == 1


def test_a_database_holding_another_room_is_a_usage_error(room, folder, capsys):
    code = main(["room", "--db", str(folder / "room.sqlite"), "--code", "OTHER1", "--site", str(folder / "site"),
                 "--exercises", str(folder / "exercises")])
    err = capsys.readouterr().err
    assert code == 2 and f"holds room {room.code}" in err


def test_listening_on_the_local_network_says_so(folder, tmp_path):
    running = start_room(tmp_path / "lan.sqlite", folder / "site", "--host", "0.0.0.0", exercises=folder / "exercises")
    code, out, err = running.stop()
    assert code == 0 and "Open to the local network on 0.0.0.0" in err
    assert re.match(r"join: http://[0-9.]+:\d+/\?room=", out)



async def post(app, path: str, body: bytes, port: int) -> int:
    """One POST straight into the ASGI app (no HTTP client needed); the response's status."""
    inbox, sent = [{"type": "http.request", "body": body, "more_body": False}], []

    async def receive():
        return inbox.pop(0) if inbox else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "client": ("127.0.0.1", port), "server": ("127.0.0.1", 8000),
             "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]}
    await app(scope, receive, send)
    return sent[0]["status"]


def test_the_room_builds_one_scorer_per_exercise_for_its_whole_run(folder, tmp_path, monkeypatch):
    import asyncio
    import concurrent.futures

    from mingle import scoring
    from mingle.exercises import load_exercises
    from mingle.room import store
    from mingle.room.app import Settings, create_app

    built, original = [], scoring.Scorer.__init__

    def counted(self, exercise):
        built.append(exercise.id)
        original(self, exercise)
    monkeypatch.setattr(scoring.Scorer, "__init__", counted)
    exercises = load_exercises(folder / "exercises")
    db, key = tmp_path / "room.sqlite", "k" * 32
    store.prepare(db, "ABCD", key, lambda: "ABCD", lambda: key)
    settings = Settings(code="ABCD", key=key, db=db, site=folder / "site", exercises=exercises, join="")
    assert sorted(built) == sorted(exercises)
    app = create_app(settings)

    async def run() -> list[int]:
        started, stop, said = asyncio.Event(), asyncio.Event(), []

        async def receive():
            if not started.is_set():
                return {"type": "lifespan.startup"}
            await stop.wait()
            return {"type": "lifespan.shutdown"}

        async def send(message):
            said.append(message)
            started.set()
        life = asyncio.create_task(app({"type": "lifespan", "asgi": {"version": "3.0"}}, receive, send))
        await started.wait()
        assert said[0]["type"] == "lifespan.startup.complete", said[0].get("message")
        statuses = [await post(app, "/room/ABCD/answers", json.dumps({**GOOD, "client": f"phone-{n:04d}"}).encode(),
                               5000 + n) for n in range(3)]
        stop.set()
        await life
        return statuses

    # A thread of its own: Playwright's sync API, when a browser test ran first, keeps a loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, run()).result(timeout=120) == [200, 200, 200]
    assert sorted(built) == sorted(exercises), "a request built a Scorer of its own"
