"""The room's debrief download (in this process, through Starlette's TestClient): phones matched by client for the
before and after checks, the live activities as the wall showed them with no names, learner text kept as text, and
the same page as `mingle grade room.sqlite --html`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from grading_kit import make_paired_kit
from room_kit import AppRoom, one_page_site
from test_debrief_page import EVIL, Node, Page, figures, table
from test_pairs import marks

from mingle.activity_results import item_id
from mingle.cli import main

HERE = Path(__file__).resolve().parent
NAMES = ("Sam Jones", "Nia Secret", "Ola")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A kit with a pair of checks, the test activities and one blocked word, and a one-page site."""
    base = tmp_path_factory.mktemp("room-debrief")
    make_paired_kit(base)
    shutil.copytree(HERE / "fixtures" / "activities", base / "activities")
    (base / "data").mkdir()
    (base / "data" / "blocked-words.yml").write_text("words:\n  - rude\n", encoding="utf-8")
    one_page_site(base)
    return base


@pytest.fixture(scope="module")
def room(folder):
    app = AppRoom(folder / "room.sqlite", folder / "site", folder / "exercises")
    yield app
    app.close()


def post(room, path: str, body: dict, key: bool = True):
    status, data = room.request("POST", f"/room/{room.code}/{path}", body, key=room.key if key else None)
    assert status == 200, data
    return data


@pytest.fixture(scope="module")
def debrief(room, folder) -> bytes:
    """The room after a short session, and its debrief as the dashboard downloads it."""
    sam, nia, ola = NAMES
    # Three phones: two of them typed the same name; each phone is one person.
    post(room, "answers", {"format": "mingle.answers/1", "learner": sam, "client": "phone-aaa",
                           "answers": {"start": marks("reply"), "end": marks("reply", "trust", "habit"),
                                       "pick-one": {"answer": "shop"}, "three-words": {"answer": ["calm", "rude"]}}},
         key=False)
    post(room, "answers", {"format": "mingle.answers/1", "learner": sam, "client": "phone-bbb",
                           "answers": {"start": marks(), "pick-one": {"answer": "online"},
                                       "three-words": {"answer": ["busy", "calm"]}}}, key=False)
    post(room, "answers", {"format": "mingle.answers/1", "learner": nia, "client": "phone-ccc",
                           "answers": {"end": marks("reply"), "short-answer": {"answer": EVIL},
                                       "ask-us": {"answer": EVIL}}}, key=False)
    post(room, "answers", {"format": "mingle.answers/1", "learner": ola, "client": "phone-ddd",
                           "answers": {"short-answer": {"answer": "Kept back by the presenter"},
                                       "ask-us": {"answer": "Do I need two accounts?"}}}, key=False)
    post(room, "activities/three-words/decide", {"item": "busy", "state": "hidden"})
    post(room, "activities/short-answer/decide", {"item": item_id("short-answer", "phone-ccc"), "state": "shown"})
    status, found = room.request("GET", f"/room/{room.code}/activities", key=room.key)
    asked = {q["text"]: q["id"] for q in found["ask-us"]["questions"]}
    post(room, "activities/ask-us/decide", {"item": asked[EVIL], "state": "shown"})
    post(room, "activities/ask-us/decide", {"item": asked["Do I need two accounts?"], "state": "answered"})
    post(room, "activities/ask-us/vote", {"client": "phone-aaa", "question": asked[EVIL]}, key=False)
    status, page = room.request("GET", f"/room/{room.code}/export/debrief.html", key=room.key)
    assert status == 200
    return page


@pytest.fixture(scope="module")
def doc(debrief) -> Node:
    return Page(debrief.decode()).root


def test_two_phones_with_one_name_are_two_people_in_the_before_and_after(doc):
    pair = doc.by_id("pair-start")
    assert figures(pair)["Did both"] == "1" and figures(pair)["Improved"] == "1"
    assert "1 person did only the before check, and 1 person did only the after check" in pair.text()


def test_the_live_activities_are_in_the_download_as_the_wall_showed_them(doc):
    poll = doc.by_id("live-pick-one").all("svg")[0]
    assert doc.by_id(poll.attrs["aria-labelledby"].split()[1]).text() == (
        "Where do you meet customers most? People who chose each: In the shop: 1 (50%); Online: 1 (50%).")
    assert [li.children[0].strip() for li in doc.by_id("live-three-words").all("li")] == ["calm"]  # busy hidden
    assert [li.text() for li in doc.by_id("live-short-answer").all("li")] == [EVIL]
    assert table(doc.by_id("live-ask-us"))[1:] == [[EVIL, "1", "Not yet"], ["Do I need two accounts?", "0", "Answered"]]
    assert "Kept back by the presenter" not in doc.text()


def test_the_live_activities_name_nobody_and_learner_text_stays_text(doc):
    live = doc.by_id("live").text()
    assert not any(name in live for name in NAMES) and "phone-" not in live
    assert all(name in doc.by_id("learners").text() for name in NAMES)  # the presenter's own list, as before
    assert not doc.all("script") and not doc.all("img")
    assert not [n for n in doc.all() if any(a.startswith("on") for a in n.attrs)]


def test_mingle_grade_of_the_database_writes_the_same_page(debrief, folder, tmp_path, capsys):
    target = tmp_path / "debrief.html"
    code = main(["grade", "--exercises", str(folder / "exercises"), "--html", str(target),
                 str(folder / "room.sqlite")])
    capsys.readouterr()
    assert code == 0
    assert target.read_bytes() == debrief
