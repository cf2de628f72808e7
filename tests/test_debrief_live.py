"""Live activities for the debrief page: read from a room's database as the room reads them, shown as the wall shows
them (hidden and blocked words, answers not let through, left out), added up across rooms, and never a name."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from mingle.activities import load_activities
from mingle.activity_results import item_id
from mingle.marking import roomlive
from mingle.marking.reports.live import WORDS_SHOWN, Live, Question
from mingle.room import activity_store
from mingle.room.store import Store

HERE = Path(__file__).resolve().parent
ACTIVITIES = load_activities(HERE / "fixtures" / "activities")


def said(client: str, activity: str, value) -> tuple[str, str, str]:
    """One stored answer row, as the room keeps it."""
    return (client, activity, json.dumps({"answer": value}))


def summaries(*rooms: roomlive.LiveRoom, blocked=()) -> dict:
    live = Live(ACTIVITIES, blocked)
    for room in rooms:
        live.add(room)
    return {s.id: s for s in live.summaries()}


def test_a_poll_and_a_scale_become_bars_of_everyone_who_answered():
    found = summaries(roomlive.LiveRoom("r", answers=(
        said("p1", "pick-several", ["photos", "videos"]), said("p2", "pick-several", ["photos"]),
        said("p1", "how-sure", 2), said("p2", "how-sure", 0), said("p2", "how-sure", 1))))  # the last one counts
    poll, scale = found["pick-several"], found["how-sure"]
    assert poll.responses == 2 and poll.several and poll.label == "Quick poll"
    assert [(r.title, r.count, r.share) for r in poll.chart.rows] == [
        ("Photos", 2, "100%"), ("Videos", 1, "50%"), ("Words alone", 0, "0%")]
    assert [(r.title, r.count) for r in scale.chart.rows] == [("0 Not sure", 0), ("1 Fairly sure", 1),
                                                             ("2 Very sure", 1)]
    assert "Photos: 2 (100%)" in poll.chart.description  # the bars' figures in words, for a screen reader


def test_a_word_cloud_leaves_out_blocked_and_hidden_words_as_the_wall_does():
    room = roomlive.LiveRoom("r", answers=(said("p1", "three-words", ["Busy!", "noisy", "Rude"]),
                                           said("p2", "three-words", ["busy", "tiring"])),
                             decisions=(("three-words", "tiring", "hidden"),))
    words = summaries(room, blocked={"rude"})["three-words"]
    assert words.words == (("busy", 2), ("noisy", 1)) and words.more_words == 0


def test_a_long_word_cloud_says_how_many_words_it_does_not_list():
    many = tuple(said(f"p{n}", "three-words", [f"word{n}"]) for n in range(WORDS_SHOWN + 5))
    words = summaries(roomlive.LiveRoom("r", answers=many))["three-words"]
    assert len(words.words) == WORDS_SHOWN and words.more_words == 5


def test_only_answers_and_questions_let_through_are_shown_and_the_rest_are_counted():
    room = roomlive.LiveRoom(
        "r", answers=(said("p1", "short-answer", "A thank-you card"), said("p2", "short-answer", "Not this one")),
        questions=((1, "ask-us", "Is TikTok worth it?", 1), (2, "ask-us", "How often?", 4), (3, "ask-us", "Kept", 0)),
        decisions=(("short-answer", item_id("short-answer", "p1"), "shown"), ("ask-us", "q1", "answered"),
                   ("ask-us", "q2", "shown"), ("ask-us", "q3", "hidden")))
    found = summaries(room)
    assert (found["short-answer"].answers, found["short-answer"].held) == (("A thank-you card",), 1)
    assert found["ask-us"].questions == (Question("How often?", 4, False), Question("Is TikTok worth it?", 1, True))
    assert found["ask-us"].held == 1


def test_activities_nobody_answered_are_left_out():
    assert summaries(roomlive.LiveRoom("r")) == {}
    assert set(summaries(roomlive.LiveRoom("r", answers=(said("p1", "pick-one", "shop"),)))) == {"pick-one"}


def test_two_rooms_add_up():
    one = roomlive.LiveRoom("a", answers=(said("p1", "pick-one", "shop"), said("p1", "three-words", ["busy"])))
    two = roomlive.LiveRoom("b", answers=(said("p1", "pick-one", "online"), said("p2", "pick-one", "shop"),
                                          said("p2", "three-words", ["busy", "calm"])))
    found = summaries(one, two)
    assert found["pick-one"].responses == 3
    assert [(r.title, r.count) for r in found["pick-one"].chart.rows] == [("In the shop", 2), ("Online", 1)]
    assert found["three-words"].words == (("busy", 2), ("calm", 1))


@pytest.fixture
def store(tmp_path):
    room = Store(tmp_path / "room.sqlite")
    room.write_now(activity_store.install)
    yield room
    room.close()


def test_the_room_and_the_grader_read_the_same_results_from_its_database(store, tmp_path):
    store.write_now(store.answers("phone-0001", "Ada", {"pick-one": {"answer": "online"}}))
    row = store.write_now(activity_store.ask("phone-0001", "ask-us", "Can I post from two phones?"))
    store.write_now(activity_store.decide("ask-us", roomlive.question_id(row), "shown"))
    store.write_now(activity_store.vote("phone-0002", "ask-us", roomlive.question_id(row)))
    conn = sqlite3.connect(f"{(tmp_path / 'room.sqlite').as_uri()}?mode=ro", uri=True)
    try:
        read = roomlive.read(conn, "room.sqlite")
    finally:
        conn.close()
    assert read.source == "room.sqlite"
    assert roomlive.results(read, ACTIVITIES) == activity_store.results(store._reader_conn, ACTIVITIES)
    assert summaries(read)["ask-us"].questions == (Question("Can I post from two phones?", 1, False),)


def test_a_room_from_before_live_activities_has_none_to_show(tmp_path):
    conn = sqlite3.connect(tmp_path / "old.sqlite")
    conn.execute("CREATE TABLE answers (client TEXT, exercise TEXT, answers TEXT, received REAL)")
    conn.execute("INSERT INTO answers VALUES ('phone-0001', 'quiz', '{}', 1.0)")
    conn.commit()
    read = roomlive.read(conn)
    conn.close()
    assert (read.questions, read.decisions, len(read.answers)) == ((), (), 1)
    assert summaries(read) == {}
