"""Random input thrown at the grader: it never crashes, and every score stays within 0..max."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from grading_kit import kit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mingle1_samples import SAMPLES

from mingle.errors import InputProblem
from mingle.exercises import load_exercises
from mingle.grade import inputs
from mingle.marking import sheets
from mingle.marking.grading import Grader, LearnerResult, grade
from mingle.marking.sheets import Rejected
from mingle.model import exercise_max

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _kits():
    """The test kit and, when it is valid, the kit's real exercises."""
    import tempfile
    found = [kit(Path(tempfile.mkdtemp()))]
    try:
        found.append(load_exercises(ROOT / "exercises"))
    except Exception:  # noqa: BLE001 - someone is mid-edit on an exercise: the property still holds for the test kit
        pass
    return found


KITS = _kits()

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=20), st.sampled_from(["ask", "shout", "listen", "help", "doer", "x", ""]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner,
                                                                                            max_size=4), max_leaves=12)


def item_answers(exercises):
    """Answers to one exercise: its own item ids (and some strangers) with any values at all."""
    ids = sorted({i.id for e in exercises.values() for i in e.items} | {"nope"})
    return st.dictionaries(st.sampled_from(ids) | st.text(max_size=6), values, max_size=12)


def sheet_answers(exercises):
    names = sorted(exercises) + ["unknown-exercise"]
    return st.dictionaries(st.sampled_from(names) | st.text(max_size=6), item_answers(exercises), max_size=4)


def assert_in_range(result: LearnerResult, exercises) -> None:
    for r in result.results:
        assert 0 <= r.score <= r.max == exercise_max(exercises[r.exercise])
        assert r.band in exercises[r.exercise].bands
        for item in r.items:
            assert 0 <= item.score <= item.max
    assert 0 <= result.total <= result.max


@pytest.mark.parametrize("exercises", KITS, ids=["test-kit", "real-kit"][:len(KITS)])
@SETTINGS
@given(data=st.data())
def test_any_answers_grade_within_range(exercises, data):
    answers = data.draw(sheet_answers(exercises))
    assert_in_range(Grader(exercises).learner("A", "a.json", answers), exercises)


@pytest.mark.parametrize("exercises", KITS, ids=["test-kit", "real-kit"][:len(KITS)])
@SETTINGS
@given(data=st.data())
def test_any_sheet_file_is_graded_or_rejected_never_a_crash(exercises, data):
    document = data.draw(st.one_of(
        st.fixed_dictionaries({"format": st.just(sheets.FORMAT), "learner": values,
                               "answers": sheet_answers(exercises)}),
        st.dictionaries(st.sampled_from(["format", "learner", "answers", "x"]), values),
        values))
    raw = json.dumps(document).encode(data.draw(st.sampled_from(["utf-8", "utf-16", "utf-8-sig"])))
    for found in grade(inputs.parse(raw, "a.json", exercises), exercises):
        if isinstance(found, LearnerResult):
            assert_in_range(found, exercises)
        else:
            assert isinstance(found, Rejected) and "\n" not in str(found)


@SETTINGS
@given(raw=st.binary(max_size=400), suffix=st.sampled_from(["", ".json", ".yml", ".csv", ".txt"]))
def test_any_bytes_are_read_without_crashing(raw, suffix):
    exercises = KITS[0]
    for found in grade(inputs.parse(raw, "in" + suffix, exercises), exercises):
        assert isinstance(found, (LearnerResult, Rejected))


cells = st.lists(st.sampled_from(list('ab,;"\n x1-?#') + ["ask", "quiz.pick", "learner", "listen;help"]),
                 max_size=40).map("".join)


@SETTINGS
@given(body=cells,
       header=st.lists(st.sampled_from(["learner", "quiz.pick", "quiz.several", "quiz.done", "profile.joins",
                                                    "quiz.write", "notes", "quizz.pick", ""]), max_size=6))
def test_any_roster_is_read_without_crashing(body, header):
    exercises = KITS[0]
    text = ",".join(header) + "\n" + body
    for found in grade(inputs.parse(text.encode(), "room.csv", exercises), exercises):
        if isinstance(found, LearnerResult):
            assert_in_range(found, exercises)


@SETTINGS
@given(parts=st.lists(st.one_of(st.text(max_size=30), st.builds(
    lambda made, cut: made[:cut], st.sampled_from([code for code, *_ in SAMPLES.values()]),
    st.integers(8, 400))), max_size=6))
def test_any_chat_text_with_codes_and_fragments_is_read_without_crashing(parts):
    exercises = KITS[0]
    text = "\n".join(parts)
    for found in grade(inputs.parse(text.encode(), "chat.txt", exercises), exercises):
        if isinstance(found, LearnerResult):
            assert_in_range(found, exercises)


keys = st.text(alphabet='ab"\\: ', max_size=4)
json_values = st.recursive(st.none() | st.integers() | st.text(alphabet='ab"\\: {}', max_size=6),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
                           max_leaves=10)


@SETTINGS
@given(value=json_values)
def test_strict_json_reads_exactly_what_json_reads_when_no_key_repeats(value):
    text = json.dumps(value)
    assert sheets.load_json(text) == json.loads(text)


@SETTINGS
@given(value=st.dictionaries(keys, json_values, min_size=1, max_size=3), data=st.data())
def test_a_repeated_key_anywhere_is_always_caught(value, data):
    key = data.draw(st.sampled_from(sorted(value)))
    text = json.dumps(value)
    doubled = text[:-1] + ", " + json.dumps(key) + ": 0}"
    nest = data.draw(st.booleans())
    if nest:
        doubled = '{"outer": [' + doubled + "]}"
    with pytest.raises(InputProblem) as err:
        sheets.load_json(doubled)
    assert err.value.problem == f"duplicate key {sheets.shown(key)} (each key may appear only once)"
