"""The scorer: each kind at its edges, invalid values, bands at every boundary, dimension profiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingle.exercises import load_exercises, parse_exercise
from mingle.model import UNSENT
from mingle.scoring import DimensionResult, ItemResult, Scorer, band_for

ROOT = Path(__file__).resolve().parent.parent
REAL = load_exercises(ROOT / "exercises")


def build(items, *, top: int, **extra):
    """A valid exercise with these items and one band 0..top (fails the test if the data is invalid)."""
    data = {"id": "t", "title": "T", "module": 1, "intro": "Go.", "items": items,
            "bands": [{"min": 0, "max": top, "label": "All", "advice": "A"}], **extra}
    exercise, problems = parse_exercise(data, "t.yml", "t")
    assert problems == []
    return exercise


SINGLE = build([
    {"id": "s", "kind": "single", "prompt": "Pick.", "points": 3, "answer": "good",
     "options": [{"id": "good", "text": "Good", "feedback": "Yes."}, {"id": "bad", "text": "Bad", "feedback": "No."},
                 {"id": "meh", "text": "Meh"}]},
], top=3)

MATCH = build([
    {"id": "m", "kind": "match", "prompt": "Who?", "answer": "doer", "points": 2, "feedback": "The doer tells it."},
    {"id": "n", "kind": "match", "prompt": "Who else?", "answer": "owner"},
], top=3, choices=[{"id": "doer", "text": "Doer"}, {"id": "owner", "text": "Owner"}])

MULTIPLE = build([
    {"id": "m", "kind": "multiple", "prompt": "Tick.", "answer": ["a", "b", "c"],
     "options": [{"id": "a", "text": "A", "feedback": "Yes, a."}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"},
                 {"id": "x", "text": "X", "feedback": "Not x."}, {"id": "y", "text": "Y"}]},
], top=3)

RATING = build([
    {"id": "up", "kind": "rating", "prompt": "How often?"},
    {"id": "down", "kind": "rating", "prompt": "How rarely?", "reverse": True},
], top=8, scale={"min": 1, "max": 5, "labels": ["1", "2", "3", "4", "5"]})

CHECK = build([
    {"id": "tip", "kind": "check", "prompt": "Done?", "points": 2, "feedback": "Try it this week."},
    {"id": "plain", "kind": "check", "prompt": "Also done?"},
], top=3)

TEXT = build([
    {"id": "w", "kind": "text", "prompt": "Write.", "rubric": [{"id": "clear", "text": "Clear"},
                                                              {"id": "kind", "text": "Kind", "points": 2}]},
], top=3)


def item_result(exercise, item_id: str, value=None, **more) -> ItemResult:
    """How one item scores when given this value (no value: left out)."""
    answers = ({} if value is None else {item_id: value}) | more
    return Scorer(exercise).item(exercise.item(item_id), answers)


# --- single and match ---------------------------------------------------------------------------

def test_single_right_scores_its_points_with_the_option_feedback():
    assert item_result(SINGLE, "s", "good") == ItemResult("s", 3, 3, "correct", ("Yes.",))


def test_single_wrong_scores_zero_with_the_chosen_option_feedback():
    assert item_result(SINGLE, "s", "bad") == ItemResult("s", 0, 3, "incorrect", ("No.",))


def test_single_wrong_option_without_feedback_gives_none():
    assert item_result(SINGLE, "s", "meh") == ItemResult("s", 0, 3, "incorrect", ())


def test_match_right_scores_its_points_without_feedback():
    assert item_result(MATCH, "m", "doer") == ItemResult("m", 2, 2, "correct", ())


def test_match_wrong_scores_zero_with_the_item_feedback():
    assert item_result(MATCH, "m", "owner") == ItemResult("m", 0, 2, "incorrect", ("The doer tells it.",))


def test_match_defaults_to_one_point():
    assert item_result(MATCH, "n", "owner") == ItemResult("n", 1, 1, "correct", ())


# --- multiple: +1 per right tick, -1 per wrong tick, never below 0 -------------------------------

@pytest.mark.parametrize(("ticked", "score", "status"), [
    (["a", "b", "c"], 3, "correct"),
    (["c", "b", "a"], 3, "correct"),
    (["a", "b"], 2, "partial"),
    (["a"], 1, "partial"),
    (["a", "b", "c", "x"], 2, "partial"),
    (["a", "b", "x"], 1, "partial"),
    (["a", "x"], 0, "incorrect"),
    (["a", "x", "y"], 0, "incorrect"),
    (["x", "y"], 0, "incorrect"),
    ([], 0, "incorrect"),
])
def test_multiple_partial_credit(ticked, score, status):
    result = item_result(MULTIPLE, "m", ticked)
    assert (result.score, result.max, result.status) == (score, 3, status)


def test_multiple_feedback_for_every_chosen_option_in_the_order_ticked():
    assert item_result(MULTIPLE, "m", ["x", "b", "a"]).feedback == ("Not x.", "Yes, a.")


# --- rating -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "score", "status"), [(1, 0, "incorrect"), (2, 1, "partial"), (5, 4, "correct")])
def test_rating_scores_value_minus_min(value, score, status):
    assert item_result(RATING, "up", value) == ItemResult("up", score, 4, status)


@pytest.mark.parametrize(("value", "score", "status"), [(1, 4, "correct"), (4, 1, "partial"), (5, 0, "incorrect")])
def test_reverse_rating_scores_max_minus_value(value, score, status):
    assert item_result(RATING, "down", value) == ItemResult("down", score, 4, status)


# --- check --------------------------------------------------------------------------------------

def test_check_ticked_scores_its_points_without_a_tip():
    assert item_result(CHECK, "tip", True) == ItemResult("tip", 2, 2, "correct", ())


def test_check_unticked_scores_zero_with_its_tip():
    assert item_result(CHECK, "tip", False) == ItemResult("tip", 0, 2, "incorrect", ("Try it this week.",))


def test_check_unticked_without_a_tip_gives_no_feedback():
    assert item_result(CHECK, "plain", False) == ItemResult("plain", 0, 1, "incorrect", ())


# --- text and rubric ----------------------------------------------------------------------------

def test_text_is_answered_and_scores_nothing_itself():
    assert item_result(TEXT, "w", "My answer.") == ItemResult("w", 0, 0, "answered")


def test_blank_text_counts_as_unanswered():
    assert item_result(TEXT, "w", "  \n ") == ItemResult("w", 0, 0, "unanswered")


def test_text_at_the_length_limit_is_valid():
    assert item_result(TEXT, "w", "x" * 5000).status == "answered"


@pytest.mark.parametrize("value", ["x" * 5001, " " * 5001, 42, ["a"], True])
def test_text_over_the_limit_or_not_text_is_invalid_even_when_blank(value):
    assert item_result(TEXT, "w", value).status == "invalid"


def test_rubric_criteria_score_as_check_items():
    result = Scorer(TEXT).score({"w": "Draft", "clear": True, "kind": False})
    assert [(r.item, r.score, r.max, r.status) for r in result.items] == [
        ("w", 0, 0, "answered"), ("clear", 1, 1, "correct"), ("kind", 0, 2, "incorrect")]
    assert (result.score, result.max) == (1, 3)


@pytest.mark.parametrize("text", [None, "", " \t\n\u3000", "x" * 5001, 42])
def test_a_rubric_point_ticked_beside_no_written_text_scores_nothing(text):
    """Ticking the checklist without writing anything earns none of its points: the tick shows, the score is 0."""
    answers = {"clear": True, "kind": True} | ({} if text is None else {"w": text})
    result = Scorer(TEXT).score(answers)
    assert [(r.item, r.score, r.status) for r in result.items[1:]] == [("clear", 0, "incorrect"),
                                                                        ("kind", 0, "incorrect")]
    assert result.score == 0
    assert item_result(TEXT, "kind", True, **({} if text is None else {"w": text})).score == 0


def test_a_rubric_point_counts_once_something_is_written():
    assert Scorer(TEXT).score({"w": "Ask them.", "clear": True, "kind": True}).score == 3
    assert item_result(TEXT, "kind", True, w="Ask them.").status == "correct"


def test_only_the_written_items_rubric_counts():
    two = build([{"id": "a", "kind": "text", "prompt": "A.", "rubric": [{"id": "a1", "text": "Yes"}]},
                 {"id": "b", "kind": "text", "prompt": "B.", "rubric": [{"id": "b1", "text": "Yes"}]}], top=2)
    result = Scorer(two).score({"a": "Written.", "a1": True, "b": "  ", "b1": True})
    assert [(r.item, r.score) for r in result.items] == [("a", 0), ("a1", 1), ("b", 0), ("b1", 0)]


# --- invalid values score 0 and are listed --------------------------------------------------------

@pytest.mark.parametrize(("exercise", "item_id", "value"), [
    (RATING, "up", True),             # a boolean is not a rating, though Python calls it an int
    (RATING, "up", 3.0),
    (RATING, "up", "3"),
    (RATING, "up", 0),                # below the scale
    (RATING, "up", 6),                # above the scale
    (CHECK, "tip", 1),                # an int is not a tick
    (CHECK, "tip", "true"),
    (SINGLE, "s", "nope"),            # unknown option
    (SINGLE, "s", ["good"]),
    (SINGLE, "s", 1),
    (MATCH, "m", "good"),             # another item's option is not a choice
    (MULTIPLE, "m", ["a", "a"]),      # duplicates
    (MULTIPLE, "m", ["a", "zzz"]),    # unknown option
    (MULTIPLE, "m", "a"),             # not a list
    (MULTIPLE, "m", [1]),
    (TEXT, "w", "x" * 5001),          # too long
    (TEXT, "w", 42),
    (TEXT, "clear", "yes"),           # a rubric tick must be a boolean
], ids=lambda v: repr(v)[:20])
def test_invalid_values_score_zero_and_are_listed(exercise, item_id, value):
    result = Scorer(exercise).score({item_id: value})
    found = next(r for r in result.items if r.item == item_id)
    assert (found.score, found.status, found.feedback) == (0, "invalid", ())
    assert result.invalid == (item_id,)
    assert item_id not in result.unanswered


def test_unknown_item_keys_are_invalid_and_sorted_after_known_ones():
    result = Scorer(RATING).score({"zebra": 1, "down": "x", "apple": 2, "up": 9})
    assert result.invalid == ("up", "down", "apple", "zebra")


def test_non_text_unknown_keys_are_listed_as_text():
    assert Scorer(CHECK).score({7: True}).invalid == ("7",)


# --- unanswered ---------------------------------------------------------------------------------

def test_missing_and_null_answers_are_unanswered_in_item_order():
    result = Scorer(CHECK).score({"plain": None})
    assert result.unanswered == ("tip", "plain")
    assert result.invalid == ()
    assert [r.status for r in result.items] == ["unanswered", "unanswered"]


def test_answers_that_are_not_a_mapping_leave_everything_unanswered():
    result = Scorer(CHECK).score(["tip"])
    assert (result.score, result.unanswered, result.invalid) == (0, ("tip", "plain"), ())


def test_exercise_totals_and_band():
    result = Scorer(CHECK).score({"tip": True, "plain": True})
    assert (result.exercise, result.score, result.max, result.band.label) == ("t", 3, 3, "All")


# --- bands: every boundary of every real exercise -------------------------------------------------

BOUNDARIES = [(ex_id, n, edge) for ex_id, ex in sorted(REAL.items()) for n, band in enumerate(ex.bands)
              for edge in ("min", "max")]


@pytest.mark.parametrize(("exercise_id", "index", "edge"), BOUNDARIES)
def test_band_lookup_at_every_boundary(exercise_id, index, edge):
    exercise = REAL[exercise_id]
    band = exercise.bands[index]
    assert band_for(exercise, getattr(band, edge)) == band


@pytest.mark.parametrize("exercise_id", sorted(REAL))
def test_scores_just_across_a_boundary_move_band(exercise_id):
    exercise = REAL[exercise_id]
    for lower, upper in zip(exercise.bands, exercise.bands[1:]):
        assert band_for(exercise, lower.max) == lower
        assert band_for(exercise, lower.max + 1) == upper


@pytest.mark.parametrize("exercise_id", sorted(REAL))
def test_out_of_range_scores_fall_in_the_end_bands(exercise_id):
    exercise = REAL[exercise_id]
    assert band_for(exercise, -1) == exercise.bands[0]
    assert band_for(exercise, exercise.bands[-1].max + 1) == exercise.bands[-1]


def test_nothing_answered_lands_in_the_lowest_band_of_a_real_exercise():
    exercise = REAL["why-are-you-here"]
    assert Scorer(exercise).score({}).band == exercise.bands[0]


# --- dimension profiles -------------------------------------------------------------------------

GUESTS = REAL["which-guest-are-you"]


def guest_answers(**by_dimension: int) -> dict:
    """How good each named strand is, 0 to 4, answered honestly: the positively worded items rated that high and
    the reversed ones that low, so each strand scores three times its value out of 12."""
    dims = {name.replace("_", "-"): value for name, value in by_dimension.items()}
    return {item.id: 4 - dims[item.dimension] if item.reverse else dims[item.dimension]
            for item in GUESTS.items if item.kind == "rating" and item.dimension in dims}


def test_profile_lists_every_dimension_with_score_and_max():
    result = Scorer(GUESTS).score(guest_answers(active=4, interact=3, quality=1, personal=0, authentic=2))
    assert [(d.id, d.score, d.max, d.needs_work) for d in result.dimensions] == [
        ("active", 12, 12, False), ("interact", 9, 12, False), ("quality", 3, 12, True),
        ("personal", 0, 12, True), ("authentic", 6, 12, False)]
    assert result.weakest == ("personal",)


def test_a_reversed_item_scores_the_scale_backwards():
    result = Scorer(GUESTS).score({"int-own-news": 0, "int-reply": 0})
    assert [(r.item, r.score) for r in result.items if r.item in ("int-own-news", "int-reply")] == [
        ("int-own-news", 4), ("int-reply", 0)]


def test_profile_carries_label_and_advice():
    result = Scorer(GUESTS).score(guest_answers(active=4, interact=4, quality=4, personal=4, authentic=4))
    first = GUESTS.dimensions[0]
    assert result.dimensions[0] == DimensionResult(first.id, first.label, 12, 12, first.advice, False)


def test_weakest_lists_every_tied_dimension_in_order():
    result = Scorer(GUESTS).score(guest_answers(active=1, interact=3, quality=1, personal=3, authentic=1))
    assert result.weakest == ("active", "quality", "authentic")


def test_all_equal_means_all_weakest():
    result = Scorer(GUESTS).score(guest_answers(active=2, interact=2, quality=2, personal=2, authentic=2))
    assert result.weakest == ("active", "interact", "quality", "personal", "authentic")


def test_exactly_half_does_not_need_work():
    result = Scorer(GUESTS).score(guest_answers(active=2, interact=2, quality=2, personal=2, authentic=2))
    assert [d.needs_work for d in result.dimensions] == [False] * 5


def test_unanswered_profile_scores_zero_everywhere():
    result = Scorer(GUESTS).score({})
    assert [d.score for d in result.dimensions] == [0] * 5
    assert len(result.weakest) == 5


UNEVEN = build(
    [{"id": "a1", "kind": "rating", "prompt": "A?", "dimension": "a"},
     {"id": "b1", "kind": "rating", "prompt": "B?", "dimension": "b"},
     {"id": "b2", "kind": "rating", "prompt": "B again?", "dimension": "b"}],
    top=6, scale={"min": 0, "max": 2, "labels": ["0", "1", "2"]},
    dimensions=[{"id": "a", "label": "A", "advice": "Do A."}, {"id": "b", "label": "B", "advice": "Do B."}])


def test_weakest_compares_shares_not_raw_scores():
    # a: 1 of 2 (half); b: 1 of 4 (a quarter) - b is weaker though the raw scores are equal.
    assert Scorer(UNEVEN).score({"a1": 1, "b1": 1, "b2": 0}).weakest == ("b",)


def test_weakest_ties_on_equal_shares_of_different_maxima():
    # a: 1 of 2, b: 2 of 4 - the same share, so both.
    assert Scorer(UNEVEN).score({"a1": 1, "b1": 2, "b2": 0}).weakest == ("a", "b")


def test_exercise_without_dimensions_has_no_profile():
    result = Scorer(CHECK).score({"tip": True})
    assert (result.dimensions, result.weakest) == ((), ())


# --- What a score counts: the items with a right answer -----------------------------------------------------

MIXED = build([
    {"id": "q", "kind": "single", "prompt": "Pick.", "answer": "good",
     "options": [{"id": "good", "text": "Good"}, {"id": "bad", "text": "Bad"}]},
    {"id": "r", "kind": "rating", "prompt": "How often?"},
    {"id": "t", "kind": "check", "prompt": "I did it."},
    {"id": "w", "kind": "text", "prompt": "Write.", "rubric": [{"id": "w-kind", "text": "It is kind."}]},
], top=7, scale={"min": 0, "max": 4, "labels": ["0", "1", "2", "3", "4"]})


@pytest.mark.parametrize("answers, marked, score", [
    ({"q": "good", "r": 0, "t": False, "w": "Hi", "w-kind": False}, 1, 1),  # right, modest about oneself
    ({"q": "bad", "r": 4, "t": True, "w": "Hi", "w-kind": True}, 0, 6),  # wrong, glowing about oneself
    ({}, 0, 0),
])
def test_only_items_with_a_right_answer_are_marked(answers, marked, score):
    result = Scorer(MIXED).score(answers)
    assert (result.marked, result.marked_max, result.score, result.max) == (marked, 1, score, 7)


def test_an_exercise_of_ratings_and_ticks_has_nothing_marked():
    for exercise in REAL.values():
        kinds = {i.kind for i in exercise.items}
        if kinds <= {"rating", "check", "text"}:
            assert Scorer(exercise).score({}).marked_max == 0, exercise.id
        if kinds & {"single", "multiple", "match"}:
            assert Scorer(exercise).score({}).marked_max > 0, exercise.id


# --- checklist points the page checks (auto): judged from the words, not the tick ----------------------------

PAGE = build([
    {"id": "w", "kind": "text", "prompt": "Write.", "rubric": [
        {"id": "ask", "text": "Asks", "auto": {"question": True}},
        {"id": "size", "text": "Three to five words", "points": 2, "auto": {"min-words": 3, "max-words": 5}},
        {"id": "calm", "text": "Calm", "auto": {"no-shouting": True}},
        {"id": "day", "text": "A day", "auto": {"mentions": ["Monday", "friday"]}},
        {"id": "mine", "text": "My own check"}]},
], top=6)


@pytest.mark.parametrize(("text", "passed"), [
    ("x", ["calm"]),
    ("Tea on Monday?", ["ask", "size", "calm", "day"]),
    ("Is it FRIDAY yet?", ["ask", "size", "day"]),
    ("Come along on friday!! Do", ["size", "day"]),
    ("one two three four five six?", ["ask", "calm"]),
    ("Free TEA? Two", ["ask", "size", "calm"]),  # three capitals in a row is not shouting; four is
])
def test_page_checked_points_are_judged_from_the_words_whatever_the_sheet_says(text, passed):
    for ticks in (True, False, None):
        result = Scorer(PAGE).score({"w": text, **{i: ticks for i in ("ask", "size", "calm", "day")}})
        assert [r.item for r in result.items if r.score and r.item != "mine"] == passed
        assert [i for i in ("ask", "size", "calm", "day") if i in result.unanswered] == []


def test_a_page_checked_point_scores_nothing_beside_an_empty_box():
    result = Scorer(PAGE).score({"w": " ", "ask": True, "calm": True})
    assert result.score == 0


def test_a_page_checked_point_keeps_the_pages_verdict_when_the_words_stayed_with_the_learner():
    """A code sent without the writing carries the page's verdicts as ticks; the grader can't judge again."""
    sent = Scorer(PAGE).score({"w": UNSENT, "ask": True, "size": False, "calm": True, "day": False})
    assert [r.item for r in sent.items if r.score] == ["ask", "calm"]


def test_a_page_checked_point_with_an_invalid_value_is_invalid():
    result = Scorer(PAGE).score({"w": "Tea on Monday?", "ask": "yes"})
    assert "ask" in result.invalid and result.items[1].score == 0
