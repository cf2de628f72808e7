"""The exercise validator: one test per rule, each asserting the exact Problem (file, key, message)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from mingle.errors import ExerciseError, Problem
from mingle.exercises import check_exercises, load_exercises, parse_exercise, read_exercise
from mingle.model import before_and_after

ROOT = Path(__file__).resolve().parent.parent
FILE = "t.yml"
BOOLEAN = ("(unquoted yes, no, on, off, true and false are booleans in YAML); put the id in quotes")
TOP_KEYS = "bands, choices, dimensions, id, intro, items, module, newcomer, pair, scale, title"

BASE = {
    "id": "t",
    "title": "T",
    "module": 1,
    "intro": "Read this.",
    "items": [
        {"id": "a", "kind": "single", "prompt": "Pick one.",
         "options": [{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}], "answer": "x"},
    ],
    "bands": [{"min": 0, "max": 1, "label": "L", "advice": "A"}],
}

SCALE = {"min": 0, "max": 2, "labels": ["Never", "Sometimes", "Always"]}


def exercise(**changes) -> dict:
    """A fresh valid exercise with top-level keys replaced (None removes a key)."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def with_items(*items, top: int, **changes) -> dict:
    """An exercise holding these items, with one band covering 0..top."""
    return exercise(items=list(items), bands=[{"min": 0, "max": top, "label": "L", "advice": "A"}], **changes)


def problems(data) -> list[Problem]:
    """The problems parse_exercise finds in data read from t.yml."""
    found, problems = parse_exercise(data, FILE, "t")
    assert (found is None) == bool(problems)
    return problems


def one(data) -> Problem:
    """The single problem in data (fails if there are none or several)."""
    found = problems(data)
    assert len(found) == 1, found
    return found[0]


def read(tmp_path: Path, content: str | bytes, name: str = "t.yml") -> list[Problem]:
    """The problems read_exercise finds in a file with this content."""
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read_exercise(path)[1]


def single(**changes) -> dict:
    """A valid single-choice item with keys replaced (None removes a key)."""
    item = copy.deepcopy(BASE["items"][0])
    for key, value in changes.items():
        if value is None:
            item.pop(key, None)
        else:
            item[key] = value
    return item


def rating(item_id: str = "r", **extra) -> dict:
    """A rating item."""
    return {"id": item_id, "kind": "rating", "prompt": "How often?", **extra}


# --- the baseline and the real files ------------------------------------------------------------

def test_the_baseline_fixture_is_valid():
    found, found_problems = parse_exercise(exercise(), FILE, "t")
    assert found_problems == []
    assert found.id == "t" and found.bands[0].max == 1


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("*.y*ml")), ids=lambda p: p.name)
def test_every_real_exercise_file_validates(path):
    found, found_problems = read_exercise(path)
    assert found_problems == []
    assert found.id == path.stem


def test_the_real_folder_loads_with_no_problems():
    exercises, found = check_exercises(ROOT / "exercises")
    assert found == []
    assert len(exercises) == len(list((ROOT / "exercises").glob("*.y*ml")))


# --- keys ---------------------------------------------------------------------------------------

def test_unknown_top_level_key():
    assert one(exercise(colour="red")) == Problem(FILE, "colour", f"unknown key; expected one of: {TOP_KEYS}")


def test_unknown_item_key_is_reported_at_the_item_id():
    assert one(with_items(single(colour="red"), top=1)) == Problem(
        FILE, "items[a].colour", "unknown key; expected one of: answer, explain, id, kind, options, points, prompt")


def test_a_key_of_another_kind_is_unknown_for_this_kind():
    assert one(with_items(single(lines=3), top=1)) == Problem(
        FILE, "items[a].lines", "unknown key; expected one of: answer, explain, id, kind, options, points, prompt")


def test_missing_required_top_level_keys_are_each_named():
    data = {"id": "t", "items": BASE["items"]}
    assert problems(data) == [
        Problem(FILE, "bands", "missing required key"),
        Problem(FILE, "intro", "missing required key"),
        Problem(FILE, "module", "missing required key"),
        Problem(FILE, "title", "missing required key"),
    ]


def test_missing_item_prompt():
    item = single(prompt=None)
    assert one(with_items(item, top=1)) == Problem(FILE, "items[a].prompt", "missing required key")


def test_missing_kind_lists_the_kinds():
    assert one(with_items(single(kind=None), top=1)) == Problem(
        FILE, "items[a].kind", "missing required key; expected one of: single, multiple, rating, check, match, text")


def test_unknown_kind_quotes_it_and_lists_the_kinds():
    assert one(with_items(single(kind="essay"), top=1)) == Problem(
        FILE, "items[a].kind", "expected one of: single, multiple, rating, check, match, text; got 'essay'")


def test_missing_item_id_is_reported_at_its_position():
    assert one(with_items(single(id=None), top=1)) == Problem(FILE, "items[0].id", "missing required key")


def test_single_needs_options_and_answer():
    assert problems(with_items(single(options=None, answer=None), top=1)) == [
        Problem(FILE, "items[a].answer", "missing required key"),
        Problem(FILE, "items[a].options", "missing required key"),
    ]


def test_multiple_needs_options_and_answer():
    item = {"id": "m", "kind": "multiple", "prompt": "Tick."}
    assert problems(with_items(item, top=0)) == [
        Problem(FILE, "items[m].answer", "missing required key"),
        Problem(FILE, "items[m].options", "missing required key"),
    ]


def test_match_needs_an_answer():
    item = {"id": "m", "kind": "match", "prompt": "Who?"}
    data = with_items(item, top=1, choices=[{"id": "me", "text": "Me"}, {"id": "you", "text": "You"}])
    assert one(data) == Problem(FILE, "items[m].answer", "missing required key")


def test_option_needs_id_and_text():
    item = single(options=[{"text": "X"}, {"id": "y"}], answer="y")
    assert problems(with_items(item, top=1)) == [
        Problem(FILE, "items[a].options[0].id", "missing required key"),
        Problem(FILE, "items[a].options[1].text", "missing required key"),
    ]


def test_rubric_criterion_needs_id_and_text():
    item = {"id": "w", "kind": "text", "prompt": "Write.", "rubric": [{"text": "Clear"}, {"id": "c2"}]}
    assert problems(with_items(item, top=1)) == [
        Problem(FILE, "items[w].rubric[0].id", "missing required key"),
        Problem(FILE, "items[w].rubric[1].text", "missing required key"),
    ]


def test_band_needs_all_four_keys():
    data = exercise(bands=[{"min": 0, "max": 1}])
    assert problems(data) == [
        Problem(FILE, "bands[0].advice", "missing required key"),
        Problem(FILE, "bands[0].label", "missing required key"),
    ]


def test_required_text_cannot_be_blank():
    assert one(exercise(title="   ")) == Problem(FILE, "title", "expected non-empty text, got empty text")


# --- ids ----------------------------------------------------------------------------------------

def test_id_must_match_the_file_stem():
    assert one(exercise(id="other")) == Problem(FILE, "id", "expected 't' (the file name), got 'other'")


def test_bad_id_pattern_quotes_the_id():
    assert one(with_items(single(id="Bad Id"), top=1)) == Problem(
        FILE, "items[0].id", "expected an id of lower-case letters, digits and hyphens, got 'Bad Id'")


def test_id_cannot_start_with_a_hyphen():
    assert one(with_items(single(id="-a"), top=1)) == Problem(
        FILE, "items[0].id", "expected an id of lower-case letters, digits and hyphens, got '-a'")


def test_empty_id_says_nothing_was_given():
    assert one(with_items(single(id=None) | {"id": None}, top=1)) == Problem(
        FILE, "items[0].id", "expected an id of lower-case letters, digits and hyphens, got nothing")


def test_numeric_id_asks_for_quotes():
    assert one(with_items(single(id=12), top=1)) == Problem(
        FILE, "items[0].id", "expected an id, got the number 12; put the id in quotes")


ITEM_YAML = """\
id: t
title: T
module: 1
intro: Read this.
items:
  - id: {item_id}
    kind: single
    prompt: Pick one.
    options:
      - id: {option_id}
        text: X
      - id: y
        text: Y
    answer: {answer}
bands:
  - {{min: 0, max: 1, label: L, advice: A}}
"""


def test_yaml_yes_as_an_item_id_is_a_boolean(tmp_path):
    text = ITEM_YAML.format(item_id="yes", option_id="x", answer="x")
    assert read(tmp_path, text) == [Problem(str(tmp_path / FILE), "items[0].id",
                                            f"expected an id, got the YAML boolean true {BOOLEAN}")]


def test_yaml_no_as_an_answer_is_a_boolean(tmp_path):
    text = ITEM_YAML.format(item_id="a", option_id="x", answer="no")
    assert read(tmp_path, text) == [Problem(str(tmp_path / FILE), "items[a].answer",
                                            f"expected an id, got the YAML boolean false {BOOLEAN}")]


def test_yaml_on_as_an_option_id_is_a_boolean(tmp_path):
    text = ITEM_YAML.format(item_id="a", option_id="on", answer="y")
    assert read(tmp_path, text) == [Problem(str(tmp_path / FILE), "items[a].options[0].id",
                                            f"expected an id, got the YAML boolean true {BOOLEAN}")]


def test_quoted_yes_and_on_are_ids(tmp_path):
    text = ITEM_YAML.format(item_id='"yes"', option_id='"on"', answer='"on"')
    assert read(tmp_path, text) == []


def test_duplicate_item_ids():
    second = single(prompt="Again.")
    assert one(with_items(single(), second, top=2)) == Problem(
        FILE, "items[a].id", "duplicate item id 'a' (rubric ids share the item namespace)")


def test_rubric_id_clashing_with_an_item_id():
    text_item = {"id": "w", "kind": "text", "prompt": "Write.", "rubric": [{"id": "a", "text": "Clear"}]}
    assert one(with_items(single(), text_item, top=2)) == Problem(
        FILE, "items[a].id", "duplicate item id 'a' (rubric ids share the item namespace)")


def test_rubric_ids_clashing_with_each_other():
    text_item = {"id": "w", "kind": "text", "prompt": "Write.",
                 "rubric": [{"id": "c", "text": "Clear"}, {"id": "c", "text": "Kind"}]}
    assert one(with_items(text_item, top=2)) == Problem(
        FILE, "items[c].id", "duplicate item id 'c' (rubric ids share the item namespace)")


def test_duplicate_option_ids():
    item = single(options=[{"id": "x", "text": "X"}, {"id": "x", "text": "Y"}])
    assert one(with_items(item, top=1)) == Problem(FILE, "items[a].options[1].id", "duplicate option id 'x'")


def test_duplicate_choice_ids():
    item = {"id": "m", "kind": "match", "prompt": "Who?", "answer": "me"}
    data = with_items(item, top=1, choices=[{"id": "me", "text": "Me"}, {"id": "me", "text": "You"}])
    assert one(data) == Problem(FILE, "choices[1].id", "duplicate option id 'me'")


def test_duplicate_dimension_ids():
    dims = [{"id": "d", "label": "D", "advice": "A"}, {"id": "d", "label": "E", "advice": "B"}]
    data = with_items(rating(dimension="d"), top=2, scale=SCALE, dimensions=dims)
    assert one(data) == Problem(FILE, "dimensions[1].id", "duplicate dimension id 'd'")


# --- answers ------------------------------------------------------------------------------------

def test_answer_not_among_options():
    assert one(with_items(single(answer="z"), top=1)) == Problem(
        FILE, "items[a].answer", "'z' is not one of this item's options: x, y")


def test_single_needs_two_options():
    item = single(options=[{"id": "x", "text": "X"}])
    assert one(with_items(item, top=1)) == Problem(FILE, "items[a].options", "expected at least two options, got one")


def test_options_must_be_a_list():
    assert one(with_items(single(options="x, y"), top=1)) == Problem(
        FILE, "items[a].options", "expected a non-empty list of options, got text")


def test_match_answer_not_among_choices():
    item = {"id": "m", "kind": "match", "prompt": "Who?", "answer": "them"}
    data = with_items(item, top=1, choices=[{"id": "me", "text": "Me"}, {"id": "you", "text": "You"}])
    assert one(data) == Problem(FILE, "items[m].answer", "'them' is not one of this item's choices: me, you")


def multiple(answer) -> dict:
    """A multiple-choice item with options p, q, r and this answer."""
    return {"id": "m", "kind": "multiple", "prompt": "Tick.", "answer": answer,
            "options": [{"id": "p", "text": "P"}, {"id": "q", "text": "Q"}, {"id": "r", "text": "R"}]}


def test_multiple_answer_listing_an_unknown_option():
    assert one(with_items(multiple(["p", "z"]), top=2)) == Problem(
        FILE, "items[m].answer", "'z' is not one of this item's options: p, q, r")


def test_multiple_answer_listing_an_option_twice():
    assert one(with_items(multiple(["p", "p"]), top=2)) == Problem(
        FILE, "items[m].answer", "lists 'p' more than once")


def test_multiple_answer_must_be_a_list():
    assert one(with_items(multiple("p"), top=1)) == Problem(
        FILE, "items[m].answer", "expected a non-empty list of option ids, got text")


def test_multiple_answer_cannot_be_empty():
    assert one(with_items(multiple([]), top=0)) == Problem(
        FILE, "items[m].answer", "expected a non-empty list of option ids, got an empty list")


# --- scale, choices and dimensions --------------------------------------------------------------

def test_scale_labels_count_wrong():
    scale = {"min": 1, "max": 5, "labels": ["a", "b", "c"]}
    assert one(with_items(rating(), top=4, scale=scale)) == Problem(
        FILE, "scale.labels", "expected 5 labels (one for each point from 1 to 5), got 3")


def test_scale_max_equal_to_min():
    scale = {"min": 2, "max": 2, "labels": ["a"]}
    assert one(with_items(rating(), top=0, scale=scale)) == Problem(
        FILE, "scale.max", "expected more than scale.min (2), got 2")


def test_scale_max_below_min():
    scale = {"min": 3, "max": 1, "labels": ["a", "b", "c"]}
    assert one(with_items(rating(), top=0, scale=scale)) == Problem(
        FILE, "scale.max", "expected more than scale.min (3), got 1")


def test_scale_missing_an_end_is_reported_once():
    scale = {"max": 2, "labels": ["a", "b", "c"]}
    assert one(with_items(rating(), top=2, scale=scale)) == Problem(FILE, "scale.min", "missing required key")


def test_scale_labels_must_be_text():
    scale = {"min": 0, "max": 1, "labels": [0, 1]}
    assert one(with_items(rating(), top=1, scale=scale)) == Problem(
        FILE, "scale.labels", "expected a list of text labels")


def test_rating_item_without_scale():
    assert one(with_items(rating(), top=0)) == Problem(
        FILE, "scale", "missing: rating items need the exercise's scale {min, max, labels}")


def test_rating_reverse_must_be_a_boolean():
    assert one(with_items(rating(reverse="yes"), top=2, scale=SCALE)) == Problem(
        FILE, "items[r].reverse", "expected true or false, got text")


def test_match_without_choices():
    item = {"id": "m", "kind": "match", "prompt": "Who?", "answer": "me"}
    assert one(with_items(item, top=1)) == Problem(
        FILE, "choices", "missing: match items need the exercise's list of choices")


DIMS = [{"id": "loud", "label": "Loud", "advice": "Listen."}, {"id": "shy", "label": "Shy", "advice": "Speak."}]


def test_dimension_missing_from_a_rating_item():
    data = with_items(rating("r1", dimension="loud"), rating("r2"), rating("r3", dimension="shy"),
                      top=6, scale=SCALE, dimensions=DIMS)
    assert one(data) == Problem(
        FILE, "items[r2].dimension", "missing: this exercise has dimensions, expected one of: loud, shy")


def test_dimension_unknown():
    data = with_items(rating("r1", dimension="loud"), rating("r2", dimension="quiet"), rating("r3", dimension="shy"),
                      top=6, scale=SCALE, dimensions=DIMS)
    assert one(data) == Problem(
        FILE, "items[r2].dimension", "'quiet' is not a dimension of this exercise; expected one of: loud, shy")


def test_dimension_named_when_the_exercise_has_none():
    assert one(with_items(rating(dimension="loud"), top=2, scale=SCALE)) == Problem(
        FILE, "items[r].dimension",
        "'loud' is not a dimension of this exercise, which has none; "
        "add a top-level dimensions list or remove this key")


def test_dimension_with_no_rating_items():
    data = with_items(rating("r1", dimension="loud"), top=2, scale=SCALE, dimensions=DIMS)
    assert one(data) == Problem(FILE, "dimensions[1].id", "no rating item names 'shy'; add one or remove the dimension")


# --- bands --------------------------------------------------------------------------------------

def bands(*ranges) -> list[dict]:
    """Bands from (min, max) pairs."""
    return [{"min": lo, "max": hi, "label": f"L{n}", "advice": "A"} for n, (lo, hi) in enumerate(ranges)]


def points(total: int) -> dict:
    """An exercise whose maximum score is `total` (one check item worth that much)."""
    return with_items({"id": "c", "kind": "check", "prompt": "Done?", "points": total}, top=total)


def test_bands_covering_exactly_are_valid():
    assert problems(points(9) | {"bands": bands((0, 3), (4, 8), (9, 9))}) == []


def test_bands_with_a_gap():
    assert one(points(9) | {"bands": bands((0, 3), (5, 9))}) == Problem(
        FILE, "bands[1].min", "leaves a gap: scores 4..4 have no band")


def test_bands_not_starting_at_zero():
    assert one(points(9) | {"bands": bands((2, 9))}) == Problem(
        FILE, "bands[0].min", "leaves a gap: scores 0..1 have no band")


def test_first_band_below_zero():
    assert one(points(9) | {"bands": bands((-1, 9))}) == Problem(
        FILE, "bands[0].min", "expected the first band to start at 0, got -1")


def test_overlapping_bands():
    assert one(points(9) | {"bands": bands((0, 4), (3, 9))}) == Problem(
        FILE, "bands[1].min", "overlaps the band before: expected 5, got 3")


def test_bands_not_ending_at_max():
    assert one(points(9) | {"bands": bands((0, 4), (5, 8))}) == Problem(
        FILE, "bands[1].max", "expected the last band to end at the exercise's maximum score 9, got 8")


def test_bands_running_past_max():
    assert one(points(9) | {"bands": bands((0, 4), (5, 10))}) == Problem(
        FILE, "bands[1].max", "expected the last band to end at the exercise's maximum score 9, got 10")


def test_band_max_below_min():
    assert problems(points(9) | {"bands": bands((0, 4), (6, 5), (6, 9))}) == [
        Problem(FILE, "bands[1]", "max 5 is below min 6"),
        Problem(FILE, "bands[1].min", "leaves a gap: scores 5..5 have no band"),
    ]


def test_bands_must_be_a_list():
    assert one(exercise(bands={"min": 0})) == Problem(
        FILE, "bands", "expected a non-empty list of bands, got a mapping")


def test_band_that_is_not_a_mapping_is_reported_alone():
    assert one(exercise(bands=[3, *bands((0, 1))])) == Problem(FILE, "bands[0]", "expected a mapping, got the number 3")


def test_band_ends_are_not_checked_against_an_unknown_maximum():
    # A broken item makes the maximum unknowable: only the item is reported, not the bands too.
    assert one(with_items(single(kind=None), top=1)) == Problem(
        FILE, "items[a].kind", "missing required key; expected one of: single, multiple, rating, check, match, text")


# --- numbers ------------------------------------------------------------------------------------

def test_module_above_range():
    assert one(exercise(module=100)) == Problem(FILE, "module", "expected a module number from 0 to 99, got 100")


def test_module_below_range():
    assert one(exercise(module=-1)) == Problem(FILE, "module", "expected a module number from 0 to 99, got -1")


def test_module_not_a_whole_number():
    assert one(exercise(module=1.5)) == Problem(FILE, "module", "expected a whole number, got the number 1.5")


def test_module_as_text():
    assert one(exercise(module="one")) == Problem(FILE, "module", "expected a whole number, got text")


def test_points_below_one():
    assert one(with_items(single(points=0), top=0)) == Problem(
        FILE, "items[a].points", "expected a number of at least 1, got 0")


def test_points_as_a_boolean():
    assert one(with_items(single(points=True), top=1)) == Problem(
        FILE, "items[a].points", "expected a whole number, got the boolean true")


def test_rubric_points_below_one():
    item = {"id": "w", "kind": "text", "prompt": "Write.", "rubric": [{"id": "c", "text": "Clear", "points": 0}]}
    assert one(with_items(item, top=0)) == Problem(
        FILE, "items[w].rubric[0].points", "expected a number of at least 1, got 0")


def test_text_lines_below_one():
    item = {"id": "w", "kind": "text", "prompt": "Write.", "lines": 0}
    assert one(with_items(item, top=0)) == Problem(FILE, "items[w].lines", "expected a number of at least 1, got 0")


# --- shapes -------------------------------------------------------------------------------------

def test_non_mapping_top_level():
    assert problems(["id", "t"]) == [Problem(FILE, "(top)", "expected a mapping, got a list")]


def test_items_must_be_a_non_empty_list():
    assert one(exercise(items=[])) == Problem(FILE, "items", "expected a non-empty list of items, got an empty list")


def test_item_that_is_not_a_mapping():
    assert one(exercise(items=["a"])) == Problem(FILE, "items[0]", "expected a mapping, got text")


def test_rubric_must_be_a_list():
    item = {"id": "w", "kind": "text", "prompt": "Write.", "rubric": "clear"}
    assert one(with_items(item, top=0)) == Problem(FILE, "items[w].rubric", "expected a list of criteria, got text")


def test_dates_are_named_as_dates():
    import datetime
    assert one(exercise(title=datetime.date(2024, 1, 31))) == Problem(
        FILE, "title", "expected non-empty text, got the date 2024-01-31")


# --- files --------------------------------------------------------------------------------------

def test_not_yaml_names_line_and_column(tmp_path):
    assert read(tmp_path, "id: t\ntitle: [T\n") == [Problem(
        str(tmp_path / FILE), "", "not valid YAML at line 3, column 1: expected ',' or ']', but got '<stream end>'")]


def test_tab_indentation_is_not_yaml(tmp_path):
    assert read(tmp_path, "id: t\n\ttitle: T\n") == [Problem(
        str(tmp_path / FILE), "",
        "not valid YAML at line 2, column 1: found character '\\t' that cannot start any token")]


def test_control_characters_are_not_yaml(tmp_path):
    assert read(tmp_path, "id: t\x00\n") == [Problem(
        str(tmp_path / FILE), "",
        "not valid YAML at line 1, column 6: character #x0000: special characters are not allowed")]


def test_duplicate_yaml_keys(tmp_path):
    assert read(tmp_path, "id: t\ntitle: T\nid: t\n") == [Problem(
        str(tmp_path / FILE), "", "not valid YAML at line 3, column 1: duplicate key 'id'")]


def test_duplicate_yaml_keys_in_an_item(tmp_path):
    text = yaml.safe_dump(exercise(), sort_keys=False).replace("  kind: single\n", "  kind: single\n  kind: text\n")
    found = read(tmp_path, text)
    assert len(found) == 1 and found[0].message.endswith("duplicate key 'kind'")


def test_python_tags_are_refused(tmp_path):
    assert read(tmp_path, "!!python/object/apply:os.system [ls]\n") == [Problem(
        str(tmp_path / FILE), "", "not valid YAML at line 1, column 1: could not determine a constructor for the tag "
                                  "'tag:yaml.org,2002:python/object/apply:os.system'")]


def test_empty_file(tmp_path):
    assert read(tmp_path, "") == [Problem(
        str(tmp_path / FILE), "", "the file is empty; expected an exercise (id, title, module, intro, items, bands)")]


def test_file_of_only_comments_is_empty(tmp_path):
    assert read(tmp_path, "# to do\n")[0].message.startswith("the file is empty")


def test_unreadable_non_utf8_file(tmp_path):
    assert read(tmp_path, "title: caf\xe9\n".encode("latin-1")) == [Problem(
        str(tmp_path / FILE), "", "not UTF-8 text (byte 0xe9 at position 10 cannot be read); save the file as UTF-8")]


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    assert read(tmp_path, "\ufeff" + yaml.safe_dump(exercise())) == []


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path):
    # PyYAML's own parser gives up on it; libyaml's (the fast path, where PyYAML has it) reads the list.
    assert read(tmp_path, "[" * 5000 + "]" * 5000) in (
        [Problem(str(tmp_path / FILE), "", "not valid YAML: nested too deeply to read")],
        [Problem(str(tmp_path / FILE), "(top)", "expected a mapping, got a list")])
    problems = read(tmp_path, "id: t\ntitle: " + "[" * 5000 + "]" * 5000 + "\n")
    assert problems and all(p.file == str(tmp_path / FILE) for p in problems)


def test_a_folder_named_like_a_file_cannot_be_read(tmp_path):
    (tmp_path / "t.yml").mkdir()
    assert read_exercise(tmp_path / "t.yml")[1] == [Problem(
        str(tmp_path / FILE), "", "cannot read the file: Is a directory")]


def test_missing_folder(tmp_path):
    assert check_exercises(tmp_path / "nope") == ({}, [Problem(str(tmp_path / "nope"), "", "no such folder")])


def test_folder_without_exercise_files(tmp_path):
    assert check_exercises(tmp_path) == ({}, [Problem(str(tmp_path), "", "no exercise files (*.yml or *.yaml) found")])


def test_same_id_in_yml_and_yaml(tmp_path):
    text = yaml.safe_dump(exercise())
    (tmp_path / "t.yml").write_text(text)
    (tmp_path / "t.yaml").write_text(text)
    exercises, found = check_exercises(tmp_path)
    assert list(exercises) == ["t"]
    assert found == [Problem(str(tmp_path / "t.yml"), "id",
                             f"duplicate exercise id 't', also in {tmp_path / 't.yaml'}")]


def test_load_exercises_raises_with_every_problem_sorted(tmp_path):
    (tmp_path / "t.yml").write_text(yaml.safe_dump(exercise(module=100, colour="red")))
    with pytest.raises(ExerciseError) as caught:
        load_exercises(tmp_path)
    file = str(tmp_path / "t.yml")
    assert caught.value.problems == [
        Problem(file, "colour", f"unknown key; expected one of: {TOP_KEYS}"),
        Problem(file, "module", "expected a module number from 0 to 99, got 100"),
    ]
    assert str(caught.value) == (f"{file}: colour: unknown key; expected one of: {TOP_KEYS}\n"
                                 f"{file}: module: expected a module number from 0 to 99, got 100")


def test_problem_str_without_a_key():
    assert str(Problem("t.yml", "", "the file is empty")) == "t.yml: the file is empty"


# --- newcomer: how someone new to social media answers ------------------------------------------

def test_a_newcomer_is_read_into_the_model():
    found, found_problems = parse_exercise(exercise(newcomer={"band": "L", "answers": {"a": "y"}}), FILE, "t")
    assert found_problems == []
    assert (found.newcomer.band, found.newcomer.sheet()) == ("L", {"a": "y"})


def test_a_newcomer_multiple_answer_reads_back_as_a_list():
    item = {"id": "m", "kind": "multiple", "prompt": "Tick.", "options": [{"id": "x", "text": "X"},
            {"id": "y", "text": "Y"}], "answer": ["x"]}
    found, found_problems = parse_exercise(with_items(item, top=1, newcomer={"band": "L", "answers": {"m": ["y"]}}),
                                           FILE, "t")
    assert found_problems == [] and found.newcomer.sheet() == {"m": ["y"]}


def test_a_newcomer_needs_a_band_and_answers():
    assert problems(exercise(newcomer={})) == [Problem(FILE, "newcomer.answers", "missing required key"),
                                               Problem(FILE, "newcomer.band", "missing required key"),
                                               Problem(FILE, "newcomer.answers",
                                                       "expected a mapping of item ids to answers, got nothing")]


def test_a_newcomer_band_must_be_one_of_the_bands():
    assert one(exercise(newcomer={"band": "Top", "answers": {}})) == Problem(
        FILE, "newcomer.band", "'Top' is not the label of a band; expected one of: L")


def test_a_newcomer_answer_must_name_an_item():
    assert one(exercise(newcomer={"band": "L", "answers": {"zz": "x"}})) == Problem(
        FILE, "newcomer.answers.zz", "not an item of this exercise")


def test_a_newcomer_answer_must_be_valid_for_its_item():
    assert one(exercise(newcomer={"band": "L", "answers": {"a": "z"}})) == Problem(
        FILE, "newcomer.answers.a", "'z' is not a valid answer for this single item")


def test_a_newcomer_must_be_a_mapping():
    assert one(exercise(newcomer=["a"])) == Problem(FILE, "newcomer", "expected a mapping, got a list")


# --- checklist points the page checks (auto) and paired checks ---------------------------------

def _auto(auto) -> dict:
    """An exercise whose one text item has one checklist point the page checks with these tests."""
    item = {"id": "w", "kind": "text", "prompt": "Write.", "rubric": [{"id": "c", "text": "Asks", "auto": auto}]}
    return with_items(item, top=1)


def test_a_page_checked_point_is_read_with_every_test():
    found, _ = parse_exercise(_auto({"question": True, "min-words": 3, "max-words": 9, "no-shouting": True,
                                     "mentions": [" tea ", "coffee"]}), FILE, "t")
    auto = found.item("c").auto
    assert (auto.question, auto.min_words, auto.max_words, auto.no_shouting, auto.mentions) == (
        True, 3, 9, True, ("tea", "coffee"))
    assert found.item("c").kind == "check" and found.item("c").rubric_of == "w"


@pytest.mark.parametrize(("auto", "key", "message"), [
    ({}, "auto", "expected at least one test; expected one or more of: max-words, mentions, min-words, no-shouting, "
                 "question"),
    ("question", "auto", "expected a mapping, got text"),
    ({"questions": True}, "auto.questions", "unknown key; expected one of: max-words, mentions, min-words, "
                                            "no-shouting, question"),
    ({"question": False}, "auto.question", "expected true (or leave the test out), got the boolean false"),
    ({"no-shouting": "yes"}, "auto.no-shouting", "expected true (or leave the test out), got text"),
    ({"min-words": 0}, "auto.min-words", "expected a number of at least 1, got 0"),
    ({"max-words": "ten"}, "auto.max-words", "expected a whole number, got text"),
    ({"min-words": 5, "max-words": 4}, "auto.max-words", "expected at least min-words (5), got 4"),
    ({"mentions": "tea"}, "auto.mentions", "expected a non-empty list of words or phrases, got text"),
    ({"mentions": []}, "auto.mentions", "expected a non-empty list of words or phrases, got an empty list"),
    ({"mentions": ["tea", " "]}, "auto.mentions", "expected a non-empty list of words or phrases, got a list"),
])
def test_a_page_checked_point_names_its_problem(auto, key, message):
    assert one(_auto(auto)) == Problem(FILE, f"items[w].rubric[0].{key}", message)


def _paired(tmp_path, before: dict, after: dict) -> list[Problem]:
    """The problems check_exercises finds in a folder holding these two exercises."""
    for data in (before, after):
        (tmp_path / f"{data['id']}.yml").write_text(yaml.safe_dump(data))
    return check_exercises(tmp_path)[1]


def test_paired_checks_that_name_each_other_and_share_their_questions_pass(tmp_path):
    assert _paired(tmp_path, exercise(id="b", pair="a", module=0), exercise(id="a", pair="b", module=7)) == []


def test_the_check_in_the_earlier_module_is_the_one_before(tmp_path):
    later, earlier = exercise(id="a", pair="z", module=7), exercise(id="z", pair="a", module=0)
    (tmp_path / "a.yml").write_text(yaml.safe_dump(later))
    (tmp_path / "z.yml").write_text(yaml.safe_dump(earlier))
    found = check_exercises(tmp_path)[0]
    assert [(b.id, a.id) for b, a in before_and_after(found)] == [("z", "a")]


def test_paired_checks_in_one_module_have_no_before_and_are_refused(tmp_path):
    assert _paired(tmp_path, exercise(id="b", pair="a", module=3), exercise(id="a", pair="b", module=3)) == [
        Problem(str(tmp_path / "a.yml"), "pair", "expected a module other than b's (both are in module 3): the check "
                                                 "in the earlier module is the one before"),
        Problem(str(tmp_path / "b.yml"), "pair", "expected a module other than a's (both are in module 3): the check "
                                                 "in the earlier module is the one before")]


def test_a_pair_must_exist_and_name_this_one_back(tmp_path):
    assert _paired(tmp_path, exercise(id="b", pair="c"), exercise(id="a", pair="b")) == [
        Problem(str(tmp_path / "a.yml"), "pair", "b does not name 'a' as its pair; add pair: a to "
                                                 f"{tmp_path / 'b.yml'}"),
        Problem(str(tmp_path / "b.yml"), "pair", "no exercise has the id 'c'")]


def test_paired_checks_ask_the_same_questions(tmp_path):
    other = {"id": "z", "kind": "check", "prompt": "Tick."}
    assert _paired(tmp_path, exercise(id="b", pair="a", module=0), with_items(other, top=1, id="a", pair="b")) == [
        Problem(str(tmp_path / "a.yml"), "pair", "expected the same questions as b, with the same ids and kinds in "
                                                 "the same order; this one has: z (check)"),
        Problem(str(tmp_path / "b.yml"), "pair", "expected the same questions as a, with the same ids and kinds in "
                                                 "the same order; this one has: a (single)")]


def test_a_pair_is_another_exercise():
    assert one(exercise(pair="t")) == Problem(FILE, "pair", "expected the id of another exercise, got this "
                                                            "exercise's own id")
