"""Live activities in a real room over HTTP: the pace, the deck's slide, answers as sheets, the results beside the
grader's, questions and votes, the presenter's decisions, and names never in what the wall gets."""

from __future__ import annotations

import json
import urllib.request

import pytest

POLL, CLOUD, OPEN, QA = "customer-platforms", "how-it-feels", "posts-worth-reading", "questions-for-today"


@pytest.fixture(scope="module")
def room(site_dir, tmp_path_factory):
    """A room of its own (these tests change its pace and fill its activities)."""
    from room_kit import start_room

    running = start_room(tmp_path_factory.mktemp("room") / "room.sqlite", site_dir)
    yield running
    running.stop()


def post(room, what: str, body: dict, key: bool = True):
    return room.request("POST", f"/room/{room.code}/{what}", body, key=room.key if key else None)


def now(room) -> dict:
    status, data = room.request("GET", f"/room/{room.code}/now")
    assert status == 200
    return data


def activities(room) -> dict:
    status, data = room.request("GET", f"/room/{room.code}/activities", key=room.key)
    assert status == 200, data
    return data


def first_event(room, path: str) -> dict:
    """The first event of a stream, read with the presenter's key."""
    request = urllib.request.Request(room.base + path, headers={"Authorization": f"Bearer {room.key}"})
    with urllib.request.urlopen(request, timeout=10) as stream:
        for raw in stream:
            line = raw.decode()
            if line.startswith("data: "):
                return json.loads(line[6:])
    raise AssertionError("no event")


def test_the_pace_needs_the_key_and_one_of_two_values(room):
    assert post(room, "pace", {"pace": "presenter"}, key=False)[0] == 401
    assert post(room, "pace", {"pace": "fast"}) == (400, {"problem": 'expected {"pace": "presenter"} or '
                                                                     '{"pace": "audience"}'})
    assert post(room, "pace", {"pace": "presenter"}) == (200, {"pace": "presenter"})
    assert now(room)["pace"] == "presenter"


def test_the_slide_names_an_exercise_or_an_activity_the_room_has(room):
    assert post(room, "slide", {"activity": "nope", "title": "x"})[0] == 404
    assert post(room, "slide", {"activity": CLOUD, "title": "  How it   feels "}) == (200, {"activity": CLOUD})
    assert now(room) | {"pace": "presenter"} == {"pace": "presenter", "activity": CLOUD, "title": "How it feels"}
    assert post(room, "slide", {"activity": "before-check", "title": "Before"})[0] == 200
    assert post(room, "slide", {"activity": "", "title": "A break"})[0] == 200
    assert now(room)["activity"] == ""


def test_answers_to_activities_are_sheets_and_never_marked(room):
    status, data = room.answers("phone-poll-1", {POLL: {"answer": ["instagram", "facebook"]}})
    assert (status, data) == (200, {"stored": [POLL], "scores": {}})
    room.answers("phone-poll-2", {POLL: {"answer": ["instagram"]}, "before-check": {}}, learner="Bo")
    found = room.results()
    assert found["activities"][POLL]["counts"]["instagram"] == 2
    assert found["activities"][POLL]["responses"] == 2
    learners = {learner["learner"]: learner for learner in found["learners"]}
    assert POLL not in learners["Bo"]["exercises"] and "before-check" in learners["Bo"]["exercises"]


@pytest.mark.parametrize("answer, problem", [
    ({"answer": ["instagram", "myspace"]}, "answers.customer-platforms.answer: expected option ids from: facebook, "
                                           "instagram, linkedin, not-sure, tiktok, whatsapp, youtube"),
    ({"choice": "instagram"}, 'answers.customer-platforms: expected {"answer": <your response>}'),
])
def test_an_unfit_answer_is_refused_in_one_line(room, answer, problem):
    assert room.answers("phone-poll-3", {POLL: answer}) == (422, {"problem": problem})


def test_blocked_words_never_reach_the_results_and_a_hidden_word_goes_from_the_wall(room):
    room.answers("phone-word-1", {CLOUD: {"answer": ["Busy!"]}})
    room.answers("phone-word-2", {CLOUD: {"answer": ["SHITE"]}})
    room.answers("phone-word-3", {CLOUD: {"answer": ["tiring"]}})
    assert activities(room)[CLOUD]["words"] == {"busy": 1, "tiring": 1}
    assert post(room, f"activities/{CLOUD}/decide", {"item": "tiring", "state": "hidden"})[0] == 200
    found = activities(room)[CLOUD]
    assert found["words"] == {"busy": 1} and found["hidden"] == ["tiring"]


def test_open_answers_wait_for_the_presenter_and_the_wall_never_names_anyone(room):
    room.answers("phone-open-1", {OPEN: {"answer": "Photos of the new puppy at the shop"}}, learner="Carys Jones")
    answer = activities(room)[OPEN]["answers"][0]
    assert answer["state"] == "waiting"
    assert first_event(room, f"/room/{room.code}/wall")[OPEN]["answers"] == []
    post(room, f"activities/{OPEN}/decide", {"item": answer["id"], "state": "shown"})
    wall = first_event(room, f"/room/{room.code}/wall")
    assert wall[OPEN]["answers"] == [{"id": answer["id"], "text": "Photos of the new puppy at the shop"}]
    assert "Carys" not in json.dumps(wall) and "phone-open-1" not in json.dumps(wall)


def test_questions_are_voted_for_once_each_once_let_through(room):
    room.answers("phone-qa-1", {QA: {"answer": "Do I need a separate business account?"}})
    room.answers("phone-qa-1", {QA: {"answer": "How often should I post?"}})
    questions = activities(room)[QA]["questions"]
    assert [q["text"] for q in questions] == ["Do I need a separate business account?", "How often should I post?"]
    first = questions[0]["id"]
    assert post(room, f"activities/{QA}/vote", {"client": "phone-qa-2", "question": first}, key=False)[0] == 404
    post(room, f"activities/{QA}/decide", {"item": first, "state": "shown"})
    for phone in ("phone-qa-2", "phone-qa-2", "phone-qa-3"):
        assert post(room, f"activities/{QA}/vote", {"client": phone, "question": first}, key=False)[0] == 200
    assert activities(room)[QA]["questions"][0] | {"state": "shown"} == {
        "id": first, "text": "Do I need a separate business account?", "votes": 2, "state": "shown"}


def test_the_presenters_views_need_the_key(room):
    assert room.request("GET", f"/room/{room.code}/activities")[0] == 401
    assert room.request("GET", f"/room/{room.code}/wall")[0] == 401
    assert post(room, f"activities/{OPEN}/decide", {"item": "x", "state": "shown"}, key=False)[0] == 401


def test_exports_carry_the_activities_results(room):
    room.answers("phone-csv-1", {POLL: {"answer": ["tiktok"]}})
    room.answers("phone-csv-2", {OPEN: {"answer": "=HYPERLINK(\"http://x\")"}})
    status, data = room.request("GET", f"/room/{room.code}/export/results.json", key=room.key)
    assert status == 200 and data["activities"][POLL]["counts"]["tiktok"] >= 1
    status, raw = room.request("GET", f"/room/{room.code}/activities.csv", key=room.key)
    lines = raw.decode().splitlines()
    assert status == 200 and lines[0] == "activity,kind,question,item,text,count,state"
    assert any(line.startswith(f"{POLL},poll,Which platforms do your customers use?,tiktok,TikTok,") for line in lines)
    assert any("'=HYPERLINK" in line for line in lines)  # a formula kept as text


def test_mingle_grade_of_the_rooms_database_lists_activities_apart(room):
    import subprocess
    import sys

    room.answers("phone-grade-1", {POLL: {"answer": ["youtube"]}, "before-check": {}}, learner="Dee")
    status, data = room.request("GET", f"/room/{room.code}/results", key=room.key)
    db = room.process.args[room.process.args.index("--db") + 1]
    done = subprocess.run([sys.executable, "-m", "mingle", "grade", "--json", db], capture_output=True, text=True,
                          timeout=60, cwd=str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    graded = {learner["source"]: learner for learner in json.loads(done.stdout)["learners"]}
    served = {learner["source"]: learner for learner in data["learners"]}
    assert graded == served
    assert next(v for v in served.values() if v["learner"] == "Dee")["activities"] == [POLL]
