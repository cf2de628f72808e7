"""Paired checks person by person: who counts as the same person, each person's gain, who did one side only, and how
each question moved."""

from __future__ import annotations

import pytest
from grading_kit import make_paired_kit

from mingle.exercises import load_exercises
from mingle.marking.grading import Grader
from mingle.marking.reports.pairs import Pairs, QuestionMove
from mingle.marking.sheets import Sheet

RIGHT = {"reply": "ask", "trust": "know", "habit": "weekly"}
WRONG = {"reply": "offer", "trust": "trust", "habit": "burst"}


def marks(*right: str) -> dict:
    """Answers to the check with the named questions right and the others wrong."""
    return {item: RIGHT[item] if item in right else WRONG[item] for item in RIGHT}


@pytest.fixture(scope="module")
def exercises(tmp_path_factory):
    return load_exercises(make_paired_kit(tmp_path_factory.mktemp("paired")))


def summary(exercises, sheets: list[Sheet]):
    """The one pair's summary after grading these sheets."""
    pairs = Pairs(exercises)
    for result in Grader(exercises).grade(sheets):
        pairs.add(result)
    [found] = pairs.summaries()
    return found


def test_each_person_is_matched_across_files_by_name_whatever_its_case_and_spacing(exercises):
    found = summary(exercises, [
        Sheet("Ada Lovelace", "ada-1.json", {"start": marks("reply")}),
        Sheet("  ada   LOVELACE ", "ada-2.json", {"end": marks("reply", "trust", "habit")}),
    ])
    assert (found.before, found.after) == ("start", "end")
    assert (found.both, found.improved, found.same, found.worse) == (1, 1, 0, 0)
    assert found.median_gain == 2 and (found.before_only, found.after_only) == (0, 0)


def test_improved_same_and_worse_make_the_median_and_the_spread_of_gains(exercises):
    found = summary(exercises, [
        Sheet("Ada", "a.json", {"start": marks("reply"), "end": marks("reply", "trust", "habit")}),  # +2
        Sheet("Bo", "b.json", {"start": marks("reply", "trust"), "end": marks("trust", "habit")}),  # 0
        Sheet("Cy", "c.json", {"start": marks("reply", "trust", "habit"), "end": marks("habit")}),  # -2
        Sheet("Dee", "d.json", {"start": marks(), "end": marks("habit")}),  # +1
    ])
    assert (found.both, found.improved, found.same, found.worse) == (4, 2, 1, 1)
    assert found.median_gain == 0.5  # between 0 and +1
    assert found.unit == "marks" and found.top == 3
    assert dict(found.gains) == {-3: 0, -2: 1, -1: 0, 0: 1, 1: 1, 2: 1, 3: 0}


def test_people_who_did_one_side_only_are_counted_not_dropped(exercises):
    found = summary(exercises, [
        Sheet("Ada", "a.json", {"start": marks(), "end": marks("reply")}),
        Sheet("Dee", "d.json", {"start": marks("reply")}),
        Sheet("Eve", "e.json", {"start": marks()}),
        Sheet("Fay", "f.json", {"end": marks()}),
        Sheet("Gus", "g.json", {"quiz": {}}),  # neither check: not in the pair at all
    ])
    assert (found.both, found.before_only, found.after_only) == (1, 2, 1)


def test_two_phones_with_one_name_stay_two_people(exercises):
    found = summary(exercises, [
        Sheet("Sam", "room R/phone-1", {"start": marks()}, person="room R/phone-1"),
        Sheet("Sam", "room R/phone-2", {"end": marks("reply", "trust")}, person="room R/phone-2"),
        Sheet("Sam", "room R/phone-3", {"start": marks(), "end": marks("habit")}, person="room R/phone-3"),
        Sheet("sam", "sam.json", {"end": marks()}),  # a file with the same name is not one of the phones either
    ])
    assert (found.both, found.before_only, found.after_only) == (1, 1, 2)
    assert found.improved == 1


def test_learners_with_no_name_are_never_matched(exercises):
    found = summary(exercises, [
        Sheet("(no name)", "x.json", {"start": marks()}),
        Sheet("(no name)", "y.json", {"end": marks("reply")}),
    ])
    assert (found.both, found.before_only, found.after_only) == (0, 1, 1)


def test_when_a_persons_check_comes_twice_the_last_one_counts(exercises):
    found = summary(exercises, [
        Sheet("Ada", "a-1.json", {"start": marks()}),
        Sheet("Ada", "a-2.json", {"start": marks("reply", "trust", "habit")}),
        Sheet("ADA", "a-3.json", {"end": marks("reply", "trust", "habit")}),
    ])
    assert (found.both, found.same, found.median_gain) == (1, 1, 0)


def test_each_question_counts_who_moved_from_wrong_to_right_and_back(exercises):
    found = summary(exercises, [
        Sheet("Ada", "a.json", {"start": marks("reply"), "end": marks("reply", "trust")}),
        Sheet("Bo", "b.json", {"start": marks("trust"), "end": {"reply": "ask"}}),  # left out counts as wrong
        Sheet("Cy", "c.json", {"start": marks("habit"), "end": marks("habit")}),
    ])
    assert found.questions == (
        QuestionMove("reply", "Which post invites a reply?", "Which of these starts a conversation?",
                     both=1, gained=1, lost=0, neither=1),
        QuestionMove("trust", "In what order do people come to buy?", "What comes before trust?",
                     both=0, gained=1, lost=1, neither=1),
        QuestionMove("habit", "Which habit lasts?", "Which plan keeps going?", both=1, gained=0, lost=0, neither=2),
    )


def test_a_pair_nobody_did_is_left_out(exercises):
    pairs = Pairs(exercises)
    for result in Grader(exercises).grade([Sheet("Ada", "a.json", {"quiz": {}})]):
        pairs.add(result)
    assert pairs.summaries() == ()


def test_a_pair_of_self_checks_with_no_right_answers_moves_in_points(tmp_path):
    for eid, module, pair in (("sure-before", 1, "sure-after"), ("sure-after", 6, "sure-before")):
        (tmp_path / f"{eid}.yml").write_text(
            f"id: {eid}\ntitle: How sure\nmodule: {module}\nintro: Tick what is true.\npair: {pair}\nitems:\n"
            "  - {id: posts, kind: check, prompt: I post each week.}\n"
            "  - {id: replies, kind: check, prompt: I reply within a day.}\n"
            "bands:\n  - {min: 0, max: 2, label: Any, advice: Keep going.}\n")
    exercises = load_exercises(tmp_path)
    found = summary(exercises, [Sheet("Ada", "a.json", {"sure-before": {"posts": False},
                                                        "sure-after": {"posts": True, "replies": True}})])
    assert (found.unit, found.top, found.improved, found.median_gain) == ("points", 2, 1, 2)
    assert found.questions == ()  # no question has a right answer to move to
