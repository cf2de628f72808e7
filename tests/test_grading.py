"""Grading: the site's scorer on every sheet, unknown exercises noted, codes gathered by learner (the last counts)."""

from __future__ import annotations

import pytest
from grading_kit import GOOD, kit

from mingle.marking import grading
from mingle.marking.grading import Grader, LearnerResult, grade, kit_order
from mingle.marking.sheets import Code, Rejected, Sheet
from mingle.scoring import Scorer


@pytest.fixture(scope="module")
def exercises(tmp_path_factory):
    return kit(tmp_path_factory.mktemp("kit"))


def test_kit_order_is_by_module_then_id(exercises):
    assert kit_order(exercises) == {"quiz": 0, "profile": 1}


def test_a_sheet_is_scored_by_the_sites_scorer(exercises):
    answers = {"profile": {"joins": 4, "hides": 9}, **GOOD["answers"]}
    result = Grader(exercises).learner("Ada", "a.json", answers)
    assert result.results == (Scorer(exercises["quiz"]).score(answers["quiz"]),
                              Scorer(exercises["profile"]).score(answers["profile"]))  # course order
    # The total counts the marked items only: the quiz's pick, several and who (4 of 4); its ticks and the
    # profile's ratings give each exercise its band, never marks.
    assert (result.total, result.max) == (4, 4)
    assert [(r.score, r.max) for r in result.results] == [(6, 7), (4, 12)]
    assert result.results[1].invalid == ("hides",)
    assert result.unknown == ()


def test_unknown_exercises_are_listed_not_fatal(exercises):
    result = Grader(exercises).learner("Ada", "a.json", {"zzz": {"a": 1}, "quiz": {}, "aaa": {}})
    assert result.unknown == ("aaa", "zzz")
    assert [r.exercise for r in result.results] == ["quiz"]
    assert result.results[0].unanswered == ("pick", "several", "who", "done", "write", "asks", "kind-words")


def test_unknown_items_and_bad_values_score_zero_and_are_listed_as_invalid(exercises):
    result = Grader(exercises).learner("Ada", "a.json", {"quiz": {"pick": "nope", "several": "listen", "done": "yes",
                                                      "who": "doer", "extra": 1}})
    [quiz] = result.results
    assert quiz.score == 1
    assert quiz.invalid == ("pick", "several", "done", "extra")


def test_an_empty_sheet_has_no_results(exercises):
    result = Grader(exercises).learner("Ada", "a.json", {})
    assert result == LearnerResult("Ada", "a.json", (), ())
    assert (result.total, result.max) == (0, 0)


def test_sheets_stream_through_in_order_and_rejections_pass_through(exercises):
    stream = [Sheet("Ada", "a.json", {"quiz": {"pick": "ask"}}), Rejected("b.json", "empty file"),
              Sheet("Ada", "c.json", {"quiz": {"pick": "shout"}})]
    found = list(grade(stream, exercises))
    assert [(f.learner, f.source) if isinstance(f, LearnerResult) else f for f in found] == [
        ("Ada", "a.json"), Rejected("b.json", "empty file"), ("Ada", "c.json")]  # two sheets: two entries
    assert [f.total for f in found if isinstance(f, LearnerResult)] == [1, 0]


def test_grading_is_lazy_so_sheets_are_never_all_held(exercises):
    def endless():
        n = 0
        while True:
            n += 1
            yield Sheet(f"L{n}", f"{n}.json", {"quiz": {"pick": "ask"}})
    stream = grade(endless(), exercises)
    assert [next(stream).learner for _ in range(3)] == ["L1", "L2", "L3"]


def code(learner, exercise, answers, source="chat.txt", line=1):
    return Code(learner, exercise, answers, source, line)


def test_codes_merge_by_learner_and_the_last_code_for_an_exercise_counts(exercises):
    stream = [
        code("Ada", "quiz", {"pick": "shout"}, line=1),
        code("Bo", "quiz", {"pick": "ask"}, line=2),
        code("ada ", "profile", {"joins": 4}, line=3),
        Sheet("Cy", "cy.json", {"quiz": {}}),
        code("  ADA", "quiz", {"pick": "ask"}, source="mail.txt", line=9),
    ]
    found = list(grade(stream, exercises))
    assert [(f.learner, f.source) for f in found] == [
        ("Cy", "cy.json"),  # sheets first, as they stream; code learners once every input is read
        ("Ada", "mail.txt:9, chat.txt:3"),  # first spelling of the name; one place per counted code
        ("Bo", "chat.txt:2")]
    ada = found[1]
    assert [(r.exercise, r.score) for r in ada.results] == [("quiz", 1), ("profile", 4)]
    assert ada.answers == {"quiz": {"pick": "ask"}, "profile": {"joins": 4}}


def test_codes_without_a_name_are_never_merged(exercises):
    stream = [code("(no name)", "quiz", {"pick": "ask"}, line=1), code("(no name)", "quiz", {"pick": "shout"}, line=2)]
    found = list(grade(stream, exercises))
    assert [(f.learner, f.source, f.total) for f in found] == [
        ("(no name)", "chat.txt:1", 1), ("(no name)", "chat.txt:2", 0)]


def test_a_code_for_an_unknown_exercise_is_listed_as_unknown(exercises):
    [found] = list(grade([code("Ada", "old-exercise", {"a": 1})], exercises))
    assert found.unknown == ("old-exercise",) and found.results == ()


def test_results_compare_as_values_whatever_raw_answers_they_carry():
    assert grading.LearnerResult("A", "s", (), ()) == grading.LearnerResult("A", "s", (), (), answers={"x": 1})
