"""The room's store for live activities, on a real database: pace and slide, questions and votes, decisions, and
each activity's results read in one snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingle.activities import load_activities
from mingle.activity_results import item_id
from mingle.marking import roomlive
from mingle.room import activity_store as A
from mingle.room.store import Store

HERE = Path(__file__).resolve().parent
ACTIVITIES = load_activities(HERE / "fixtures" / "activities")


@pytest.fixture
def store(tmp_path):
    room = Store(tmp_path / "room.sqlite")
    room.write_now(A.install)
    yield room
    room.close()


def read(store, query):
    return query(store._reader_conn)


def test_a_new_room_is_at_audience_pace_between_activities(store):
    assert read(store, A.now) == {"pace": "audience", "activity": "", "title": ""}


def test_a_deck_presented_in_the_room_brings_presenter_pace_until_the_presenter_chooses(store):
    store.write_now(A.slide("", "Welcome"))
    assert read(store, A.now)["pace"] == "presenter"
    store.write_now(A.pace("audience"))
    store.write_now(A.slide("how-sure", "How sure are you?"))
    assert read(store, A.now)["pace"] == "audience"  # the presenter's choice stands


def test_pace_and_slide_are_kept(store):
    store.write_now(A.pace("presenter"))
    store.write_now(A.slide("how-sure", "How sure are you?"))
    assert read(store, A.now) == {"pace": "presenter", "activity": "how-sure", "title": "How sure are you?"}


def test_answers_to_activities_make_results_last_one_counting(store):
    store.write_now(store.answers("phone-0001", "Ada", {"pick-one": {"answer": "shop"}}))
    store.write_now(store.answers("phone-0002", "Bo", {"pick-one": {"answer": "shop"}}))
    store.write_now(store.answers("phone-0002", "Bo", {"pick-one": {"answer": "online"}}))
    found = read(store, lambda conn: A.results(conn, ACTIVITIES))
    assert found["pick-one"] == {"kind": "poll", "responses": 2, "counts": {"shop": 1, "online": 1}}
    assert found["ask-us"] == {"kind": "qa", "responses": 0, "questions": []}


def test_a_question_can_be_voted_for_only_once_it_is_let_through_and_once_per_phone(store):
    row = store.write_now(A.ask("phone-0001", "ask-us", "Is TikTok worth it?"))
    qid = roomlive.question_id(row)
    assert store.write_now(A.vote("phone-0002", "ask-us", qid)) is False
    store.write_now(A.decide("ask-us", qid, "shown"))
    for phone in ("phone-0002", "phone-0002", "phone-0003"):
        assert store.write_now(A.vote(phone, "ask-us", qid)) is True
    found = read(store, lambda conn: A.results(conn, ACTIVITIES))["ask-us"]
    assert found["questions"] == [{"id": qid, "text": "Is TikTok worth it?", "votes": 2, "state": "shown"}]


def test_one_phone_cannot_flood_the_questions(store):
    for n in range(A.QUESTIONS_EACH):
        store.write_now(A.ask("phone-0001", "ask-us", f"Question {n}?"))
    with pytest.raises(ValueError, match="at most 20 questions"):
        store.write_now(A.ask("phone-0001", "ask-us", "One more?"))


def test_an_open_answer_is_waiting_until_the_presenter_lets_it_through(store):
    store.write_now(store.answers("phone-0001", "Ada", {"short-answer": {"answer": "Thanks for the repair"}}))
    assert read(store, lambda c: A.results(c, ACTIVITIES))["short-answer"]["answers"][0]["state"] == "waiting"
    store.write_now(A.decide("short-answer", item_id("short-answer", "phone-0001"), "shown"))
    assert read(store, lambda c: A.results(c, ACTIVITIES))["short-answer"]["answers"][0]["state"] == "shown"


def test_clearing_forgets_questions_votes_and_decisions(store):
    store.write_now(A.ask("phone-0001", "ask-us", "Why?"))
    store.write_now(A.decide("three-words", "busy", "hidden"))
    store.write_now(A.clear)
    assert read(store, lambda c: A.results(c, ACTIVITIES))["ask-us"]["questions"] == []
