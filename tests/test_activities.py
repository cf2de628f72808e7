"""The live activity reader: one test per rule, each asserting the exact Problem (file, key, message)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from mingle.activities import check_activities, clashes, load_activities, parse_activity, read_activity, read_blocked
from mingle.errors import Problem, ProblemsError
from mingle.model import Activity, Option, Scale

ROOT = Path(__file__).resolve().parent.parent
FILE = "a.yml"
POLL = {"id": "a", "kind": "poll", "question": "Which?",
        "options": [{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}]}


def poll(**changes) -> dict:
    """A fresh valid poll with keys replaced (None removes a key)."""
    return {key: value for key, value in {**copy.deepcopy(POLL), **changes}.items() if value is not None}


def problems(data) -> list[Problem]:
    """What the reader finds in data saved as a.yml."""
    activity, found = parse_activity(data, FILE, "a")
    assert (activity is None) == bool(found)
    return found


def one(key: str, message: str) -> list[Problem]:
    return [Problem(FILE, key, message)]


def test_a_valid_poll_reads_as_frozen_values():
    activity, found = parse_activity(poll(several=True), FILE, "a")
    assert found == []
    assert activity == Activity("a", "poll", "Which?", (Option("x", "X"), Option("y", "Y")), several=True)
    with pytest.raises(AttributeError):
        activity.kind = "open"


def test_each_kind_reads_with_its_own_settings():
    words, _ = parse_activity({"id": "a", "kind": "words", "question": "One word?", "words": 3}, FILE, "a")
    scale, _ = parse_activity({"id": "a", "kind": "scale", "question": "How far?",
                               "scale": {"min": 1, "max": 3, "labels": ["Low", "Middle", "High"]}}, FILE, "a")
    open_, _ = parse_activity({"id": "a", "kind": "open", "question": "Why?", "limit": 120, "lines": 5}, FILE, "a")
    qa, _ = parse_activity({"id": "a", "kind": "qa", "question": "Ask us"}, FILE, "a")
    assert (words.words, scale.scale, open_.limit, open_.lines, qa.limit) == (
        3, Scale(1, 3, ("Low", "Middle", "High")), 120, 5, 280)


def test_the_top_must_be_a_mapping():
    assert problems(["a"]) == one("(top)", "expected a mapping, got a list")


def test_kind_is_required():
    assert problems(poll(kind=None)) == one("kind", "missing required key; expected one of: poll, words, open, "
                                                    "scale, qa")


def test_kind_must_be_known():
    assert problems(poll(kind="quiz")) == one("kind", "expected one of: poll, words, open, scale, qa; got 'quiz'")


def test_required_keys_are_named():
    assert problems(poll(question=None, options=None)) == [
        Problem(FILE, "options", "missing required key"), Problem(FILE, "question", "missing required key")]


def test_a_key_of_another_kind_is_unknown():
    assert problems(poll(words=2)) == one("words", "unknown key; expected one of: id, kind, lines, notes, options, "
                                                   "question, several")


def test_id_must_match_the_file_name():
    assert problems(poll(id="b")) == one("id", "expected 'a' (the file name), got 'b'")


def test_id_must_be_an_id():
    assert problems(poll(id="A b")) == one("id", "expected an id of lower-case letters, digits and hyphens, "
                                                 "got 'A b'")


def test_question_must_be_text():
    assert problems(poll(question=" ")) == one("question", "expected non-empty text, got empty text")


def test_a_poll_needs_two_options():
    assert problems(poll(options=[{"id": "x", "text": "X"}])) == one("options", "expected at least two options, "
                                                                               "got one")


def test_a_poll_has_at_most_eight_options():
    many = [{"id": f"o{n}", "text": f"O{n}"} for n in range(9)]
    assert problems(poll(options=many)) == one("options", "expected at most 8 options (more will not read from the "
                                                          "back of the room), got 9")


def test_option_ids_are_unique():
    assert problems(poll(options=[{"id": "x", "text": "X"}, {"id": "x", "text": "Y"}])) == one(
        "options[1].id", "duplicate option id 'x'")


def test_several_is_true_or_false():
    assert problems(poll(several="yes please")) == one("several", "expected true or false, got text")


def test_words_run_from_one_to_three():
    data = {"id": "a", "kind": "words", "question": "Words?", "words": 4}
    assert problems(data) == one("words", "expected a whole number from 1 to 3, got 4")


def test_limit_stays_in_its_range():
    data = {"id": "a", "kind": "open", "question": "Why?", "limit": 5}
    assert problems(data) == one("limit", "expected a whole number from 20 to 1000, got 5")


def test_lines_are_a_whole_number():
    assert problems(poll(lines="three")) == one("lines", "expected a whole number, got text")


def test_a_scale_needs_a_label_for_each_point():
    data = {"id": "a", "kind": "scale", "question": "How far?", "scale": {"min": 1, "max": 3, "labels": ["Low"]}}
    assert problems(data) == one("scale.labels", "expected 3 labels (one for each point from 1 to 3), got 1")


def test_a_scale_needs_its_scale():
    assert problems({"id": "a", "kind": "scale", "question": "How far?"}) == one("scale", "missing required key")


def test_an_empty_file_says_what_it_expected(tmp_path):
    path = tmp_path / "a.yml"
    path.write_text("", encoding="utf-8")
    assert read_activity(path) == (None, [Problem(str(path), "", "the file is empty; expected an activity (id, "
                                                                 "kind, question)")])


def test_bad_yaml_is_placed_by_line(tmp_path):
    path = tmp_path / "a.yml"
    path.write_text("id: a\nkind: [poll\n", encoding="utf-8")
    activity, found = read_activity(path)
    assert activity is None and found[0].file == str(path) and "line 3" in found[0].message


def test_the_same_id_in_two_files_is_refused(tmp_path):
    for name in ("a.yml", "a.yaml"):
        (tmp_path / name).write_text("id: a\nkind: qa\nquestion: Ask us\n", encoding="utf-8")
    _, found = check_activities(tmp_path)
    assert found == [Problem(str(tmp_path / "a.yml"), "id", f"duplicate activity id 'a', also in "
                                                             f"{tmp_path / 'a.yaml'}")]


def test_a_course_without_activities_has_none(tmp_path):
    assert check_activities(tmp_path / "activities") == ({}, [])


def test_an_activity_may_not_share_an_exercise_id():
    activity, _ = parse_activity(poll(), FILE, "a")
    exercise = type("E", (), {"source": "exercises/a.yml"})()
    assert clashes({"a": activity}, {"a": exercise}) == one(
        "id", "'a' is also an exercise's id (exercises/a.yml); give the activity an id of its own")


def test_load_raises_with_every_problem(tmp_path):
    (tmp_path / "a.yml").write_text("id: a\nkind: qa\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_activities(tmp_path)
    assert caught.value.problems == [Problem(str(tmp_path / "a.yml"), "question", "missing required key")]


def test_blocked_words_are_single_words_read_without_case(tmp_path):
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "blocked-words.yml"
    path.write_text("words: [Drat, two words, 3]\n", encoding="utf-8")
    words, found = read_blocked(tmp_path)
    assert "drat" in words
    assert found == [Problem(str(path), "words[1]", "expected one word, got 'two words'"),
                     Problem(str(path), "words[2]", "expected one word, got the number 3")]


def test_the_course_activities_are_valid_and_cover_every_kind():
    activities = load_activities(ROOT / "activities")
    assert {a.kind for a in activities.values()} == {"poll", "words", "open", "scale", "qa"}
    assert read_blocked(ROOT)[1] == []
