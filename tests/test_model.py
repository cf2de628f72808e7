"""The exercise model: what an item and an exercise can score, where a match item's options come from, a text
item's rubric, and a newcomer's answers as a sheet."""

from __future__ import annotations

from mingle.exercises import parse_exercise
from mingle.model import Exercise, exercise_max, item_max


def build(items, *, top: int, **extra) -> Exercise:
    """A valid exercise with these items and one band 0..top (fails the test if the data is invalid)."""
    data = {"id": "t", "title": "T", "module": 1, "intro": "Go.", "items": items,
            "bands": [{"min": 0, "max": top, "label": "All", "advice": "A"}], **extra}
    exercise, problems = parse_exercise(data, "t.yml", "t")
    assert problems == []
    return exercise


OPTIONS = [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}]
MIXED = build([
    {"id": "single", "kind": "single", "prompt": "Pick.", "answer": "a", "points": 3, "options": OPTIONS},
    {"id": "many", "kind": "multiple", "prompt": "Tick.", "answer": ["a", "c"], "options": OPTIONS},
    {"id": "often", "kind": "rating", "prompt": "How often?"},
    {"id": "done", "kind": "check", "prompt": "Done?", "points": 2},
    {"id": "who", "kind": "match", "prompt": "Who?", "answer": "doer"},
    {"id": "write", "kind": "text", "prompt": "Write.",
     "rubric": [{"id": "clear", "text": "Clear", "points": 2}, {"id": "kind", "text": "Kind"}]},
], top=15, scale={"min": 1, "max": 5, "labels": ["1", "2", "3", "4", "5"]},
    choices=[{"id": "doer", "text": "Doer"}, {"id": "owner", "text": "Owner"}])


def test_each_kind_scores_at_most_what_its_answer_can_earn():
    tops = {item.id: item_max(MIXED, item) for item in MIXED.items}
    # single and check: their points; multiple: one per right option; rating: the scale's span;
    # match: its points (1 by default); text: nothing itself (its rubric points do the scoring).
    assert tops == {"single": 3, "many": 2, "often": 4, "done": 2, "who": 1, "write": 0, "clear": 2, "kind": 1}


def test_the_exercise_scores_at_most_the_sum_of_its_items():
    assert exercise_max(MIXED) == sum(item_max(MIXED, item) for item in MIXED.items) == 15


def test_a_rating_with_no_scale_can_score_nothing():
    item = MIXED.item("often")
    unscaled = Exercise(MIXED.id, MIXED.title, MIXED.module, MIXED.intro, (item,), MIXED.bands)
    assert item_max(unscaled, item) == 0


def test_a_match_item_chooses_from_the_exercise_choices_and_others_from_their_own_options():
    assert [o.id for o in MIXED.options_for(MIXED.item("who"))] == ["doer", "owner"]
    assert [o.id for o in MIXED.options_for(MIXED.item("single"))] == ["a", "b", "c"]


def test_items_are_found_by_id_and_a_missing_one_is_none():
    assert MIXED.item("done").kind == "check"
    assert MIXED.item("nowhere") is None


def test_a_text_item_rubric_is_its_criteria_in_order_and_other_items_have_none():
    assert [i.id for i in MIXED.rubric(MIXED.item("write"))] == ["clear", "kind"]
    assert all(i.rubric_of == "write" for i in MIXED.rubric(MIXED.item("write")))
    assert MIXED.rubric(MIXED.item("single")) == ()


def test_a_newcomer_answers_read_back_as_an_answer_sheet_with_lists():
    exercise = build([
        {"id": "many", "kind": "multiple", "prompt": "Tick.", "answer": ["a"], "options": OPTIONS},
        {"id": "done", "kind": "check", "prompt": "Done?"},
    ], top=2, newcomer={"band": "All", "answers": {"many": ["b", "c"], "done": False}})
    assert exercise.newcomer.sheet() == {"many": ["b", "c"], "done": False}


def test_exercises_are_values_equal_whatever_file_they_came_from():
    again, problems = parse_exercise({"id": "t", "title": "T", "module": 1, "intro": "Go.",
                                      "items": [{"id": "done", "kind": "check", "prompt": "Done?"}],
                                      "bands": [{"min": 0, "max": 1, "label": "All", "advice": "A"}]},
                                     "elsewhere.yml", "t")
    first = build([{"id": "done", "kind": "check", "prompt": "Done?"}], top=1)
    assert problems == [] and again == first and hash(again) == hash(first)
