"""A live activity's responses: one test per rule for what a room keeps, and the results it shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingle.activities import load_activities
from mingle.activity_results import clean_word, item_id, on_the_wall, response_problem, tally

HERE = Path(__file__).resolve().parent
A = load_activities(HERE / "fixtures" / "activities")


@pytest.mark.parametrize("activity_id, value", [
    ("pick-one", "shop"), ("pick-several", ["photos", "words"]), ("how-sure", 2), ("three-words", ["Warm", "local"]),
    ("three-words", "Friendly"), ("short-answer", "A quick reply"), ("ask-us", "Is TikTok worth it?")])
def test_a_fit_response_has_no_problem(activity_id, value):
    assert response_problem(A[activity_id], value) == ""


@pytest.mark.parametrize("activity_id, value, problem", [
    ("pick-one", "pub", "expected an option id from: online, shop"),
    ("pick-one", ["shop"], "expected an option id from: online, shop"),
    ("pick-several", [], "expected a list of one or more option ids"),
    ("pick-several", ["photos", "photos"], "lists an option more than once"),
    ("how-sure", 3, "expected a whole number from 0 to 2"),
    ("how-sure", True, "expected a whole number from 0 to 2"),
    ("three-words", ["a", "b", "c", "d"], "expected from 1 to 3 words"),
    ("three-words", ["two words"], "expected single words of up to 30 letters, with no spaces"),
    ("three-words", ["x" * 31], "expected single words of up to 30 letters, with no spaces"),
    ("short-answer", "  ", "expected some text"),
    ("short-answer", "x" * 101, "expected at most 100 characters, got 101"),
    ("ask-us", 7, "expected some text"),
])
def test_each_unfit_response_says_why(activity_id, value, problem):
    assert response_problem(A[activity_id], value) == problem


def test_words_are_counted_without_case_or_edge_punctuation():
    assert clean_word(" Hopeful! ") == "hopeful" and clean_word("ＷＯＷ") == "wow" and clean_word("don't") == "don't"


def test_polls_and_scales_count_every_option_even_unpicked():
    assert tally(A["pick-several"], {"c1": ["photos"], "c2": ["photos", "videos"]})["counts"] == {
        "photos": 2, "videos": 1, "words": 0}
    assert tally(A["how-sure"], {"c1": 2, "c2": 2})["counts"] == {"0": 0, "1": 0, "2": 2}


def test_a_word_cloud_keeps_blocked_words_off_and_lists_hidden_ones_apart():
    result = tally(A["three-words"], {"a": ["Busy", "drat"], "b": ["busy", "fun"], "c": ["Noisy"]},
                   blocked=["DRAT"], states={"noisy": "hidden"})
    assert result["words"] == {"busy": 2, "fun": 1} and result["hidden"] == ["noisy"]
    assert "hidden" not in on_the_wall(result) and result["responses"] == 3


def test_open_answers_reach_the_wall_only_once_let_through():
    responses = {"client-one": "<b>Photos</b> of the team", "client-two": "Answers to questions"}
    result = tally(A["short-answer"], responses, states={item_id("short-answer", "client-two"): "shown"})
    assert [a["state"] for a in result["answers"]] == ["waiting", "shown"]
    assert on_the_wall(result)["answers"] == [{"id": item_id("short-answer", "client-two"),
                                               "text": "Answers to questions"}]


def test_questions_go_by_votes_answered_ones_last_and_waiting_ones_off_the_wall():
    result = tally(A["ask-us"], {}, states={"q1": "answered", "q2": "shown", "q3": "shown"},
                   questions=[("q1", "First?", 9), ("q2", "Second?", 1), ("q3", "Third?", 4), ("q4", "New?", 7)])
    assert [q["id"] for q in result["questions"]] == ["q4", "q3", "q2", "q1"] and result["responses"] == 4
    assert [(q["id"], q["answered"]) for q in on_the_wall(result)["questions"]] == [
        ("q3", False), ("q2", False), ("q1", True)]


def test_an_item_id_never_carries_the_phone_id():
    assert "client-one" not in item_id("short-answer", "client-one") and len(item_id("x", "y")) == 12
