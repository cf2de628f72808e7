"""Answer codes (MINGLE2): the format, its check characters' promises proven, round trips for every exercise."""

from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mingle1_samples

from mingle import codes
from mingle.codes import ALPHABET, PREFIX2, AnswerCode, DamagedCode, encode2, find_codes, group
from mingle.exercises import load_exercises
from mingle.model import Option
from mingle.scoring import Scorer, is_written, passes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = load_exercises(ROOT / "tests" / "fixtures" / "exercises")
COURSE = load_exercises(ROOT / "exercises")
KITS = [FIXTURES, COURSE]
EVERYTHING = FIXTURES["everything"]
ANSWERS = {"pick": "b", "ticks": ["c", "d"], "reads": 2, "hogs": 0, "done": True, "who": "you", "because": False}
CODE = encode2("Ada Lovelace", EVERYTHING, ANSWERS)


def only(text: str, exercises=FIXTURES):
    """The one code found in text (fails if there are none or several)."""
    found = list(find_codes(text, exercises))
    assert len(found) == 1, found
    return found[0]


class Seeded:
    """Choices from a seeded generator (for fixed samples)."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def boolean(self):
        return self.rng.random() < 0.5

    def one(self, items):
        return self.rng.choice(items)

    def some(self, items):
        return [i for i in items if self.rng.random() < 0.5]

    def whole(self, low, high):
        return self.rng.randint(low, high)

    def text(self):
        return self.rng.choice(["Ask first.", "Zoë ☕ replies to everyone.", ""])


class Drawn(Seeded):
    """The same choices drawn by Hypothesis (so failures shrink)."""

    def __init__(self, data):
        self.draw = data.draw

    def boolean(self):
        return self.draw(st.booleans())

    def one(self, items):
        return self.draw(st.sampled_from(items))

    def some(self, items):
        chosen = self.draw(st.sets(st.sampled_from(items)))
        return [i for i in items if i in chosen]

    def whole(self, low, high):
        return self.draw(st.integers(low, high))

    def text(self):
        return self.draw(st.text(max_size=300))


def valid_answers(exercise, choose, texts: bool = True) -> dict:
    """Random valid answers to any exercise's items, some left out, as the site or a roster could give them."""
    answers = {}
    for item in exercise.items:
        if choose.boolean():
            continue
        ids = [o.id for o in exercise.options_for(item)]
        if item.kind in ("single", "match"):
            answers[item.id] = choose.one(ids)
        elif item.kind == "multiple":
            answers[item.id] = choose.some(ids)
        elif item.kind == "rating":
            answers[item.id] = choose.whole(exercise.scale.min, exercise.scale.max)
        elif item.kind == "check":
            answers[item.id] = choose.boolean()
        elif texts:
            answers[item.id] = choose.text()
    return answers


# --- the format ----------------------------------------------------------------------------------------------

def test_golden_code_for_the_fixture_exercise():
    """Pinned: a change to these characters breaks every code a learner has already sent."""
    assert group(CODE) == "MINGLE2-22S8-T7GD-BKYH-H838-8NQE-VKCP-WMD"


@pytest.mark.parametrize("name, exercise, answers, code", [
    ("", "single-choice", {}, "MINGLE2-229M-95EC-S37"),
    ("Zoë 😀 mcKay", "rating-scale", {"reply": 3, "shout": 1}, "MINGLE2-22XC-D2FT-7423-J47M-XE6M-2VEK-UKZ5-PP4T"),
    ("Bo", "checklist", {"replied": True, "asked": False}, "MINGLE2-22DH-J6UY-MU34-X5A"),
])
def test_golden_codes_for_names_and_kinds(name, exercise, answers, code):
    """Pinned too: no name, a name with an accent, an emoji and a capital inside a word; ratings; ticks."""
    assert group(encode2(name, FIXTURES[exercise], answers)) == code
    assert only(code) == AnswerCode(name, exercise, answers, 1)


def test_a_code_is_the_prefix_then_characters_of_the_alphabet_only():
    assert re.fullmatch(f"{PREFIX2}[{ALPHABET}]+", CODE)
    assert not set("0O1IL") & set(ALPHABET) and len(ALPHABET) == 31


def test_the_site_shows_blocks_of_four_joined_by_dashes():
    shown = group(CODE)
    blocks = shown.split("-")
    assert blocks[0] == PREFIX2 and all(len(b) == 4 for b in blocks[1:-1]) and 1 <= len(blocks[-1]) <= 4


def test_round_trip():
    assert only(CODE) == AnswerCode("Ada Lovelace", "everything", ANSWERS, 1)


def test_written_answers_travel_only_when_asked_for():
    answers = {**ANSWERS, "why": "Because a shout is not a talk. ☕"}
    assert only(encode2("Ada", EVERYTHING, answers)).answers == {**ANSWERS, "why": codes.UNSENT}
    assert only(encode2("Ada", EVERYTHING, answers, texts=True)).answers == answers


@pytest.mark.parametrize("text", ["", " \n\u3000", "x" * 5001])
def test_a_box_left_blank_or_invalid_is_not_carried_as_written(text):
    answers = {**ANSWERS, "why": text}
    assert only(encode2("Ada", EVERYTHING, answers)).answers == ANSWERS


def test_without_its_text_a_code_grades_to_the_score_the_page_showed():
    """The rubric points of a written box count whether or not the learner sent the text with the code."""
    exercise = FIXTURES["free-text"]
    box = next(i for i in exercise.items if i.kind == "text")
    answers = {i.id: True for i in exercise.rubric(box)} | {box.id: "Where's your favourite spot for tea?"}
    shown = Scorer(exercise).score(answers)
    assert shown.score > 0
    for texts in (False, True):
        found = only(encode2("Ada", exercise, answers, texts=texts))
        assert Scorer(exercise).score(found.answers).score == shown.score
    unwritten = only(encode2("Ada", exercise, {**answers, box.id: ""}))
    assert Scorer(exercise).score(unwritten.answers).score == 0


def test_a_code_carrying_which_boxes_were_written_is_still_short():
    choice_only = next(e for e in FIXTURES.values() if all(i.kind in ("single", "match") for i in e.items))
    top = {i.id: i.answer for i in choice_only.items}
    assert len(encode2("Ada Lovelace", choice_only, top)) - len(PREFIX2) <= 40


def test_written_answers_are_compressed():
    text = "We will answer every comment within a day, and ask one question a week. " * 20
    long = encode2("Ada", FIXTURES["free-text"], {"rewrite": text}, texts=True)
    assert len(long) < len(text) / 3


@pytest.mark.parametrize("name", ["Ada Lovelace", "ada", "McDonald", "Zoë Brontë-O'Hara 😀", "J. R. R. Tolkien",
                                  "  padded  ", "", "x" * 100, "李小龍", "Anne-Marie d'Arc"])
def test_names_come_back_as_written(name):
    expected = name.strip()[:80]
    assert only(encode2(name, EVERYTHING, {})).learner == expected


def test_a_usual_name_costs_about_one_character_per_letter():
    short, named = encode2("", EVERYTHING, ANSWERS), encode2("Ada Lovelace", EVERYTHING, ANSWERS)
    assert len(named) - len(short) <= len("Ada Lovelace") + 1


def test_a_value_that_is_not_valid_for_its_item_is_refused_when_encoding():
    with pytest.raises(ValueError, match="pick"):
        encode2("Ada", EVERYTHING, {"pick": "no-such-option"})


# --- the check characters: what they promise, proven over every case of a sample -----------------------------

def _sample_codes() -> list[str]:
    """Codes for the fixture exercises and the course's, with random answers and names, one with written text."""
    choose = Seeded(11)
    sample = [CODE, encode2("", FIXTURES["single-choice"], {})]
    for exercise in list(COURSE.values())[:6]:
        sample.append(encode2(choose.one(["Bo", "Ada Lovelace", "Zoë"]), exercise,
                              valid_answers(exercise, choose, texts=False)))
    sample.append(encode2("Ada", FIXTURES["free-text"], {"rewrite": "Ask first, then offer."}, texts=True))
    return sample


SAMPLE = _sample_codes()
EVERY_EXERCISE = {**FIXTURES, **COURSE}


@pytest.mark.parametrize("code", SAMPLE, ids=range(len(SAMPLE)))
def test_every_single_character_typo_is_caught(code):
    body = code[len(PREFIX2):]
    for at in range(len(body)):
        for c in ALPHABET:
            if c != body[at]:
                typo = PREFIX2 + body[:at] + c + body[at + 1:]
                assert isinstance(only(group(typo), EVERY_EXERCISE), DamagedCode), (at, c)


@pytest.mark.parametrize("code", SAMPLE, ids=range(len(SAMPLE)))
def test_every_swap_of_two_neighbours_is_caught(code):
    body = code[len(PREFIX2):]
    for at in range(len(body) - 1):
        if body[at] != body[at + 1]:
            swapped = PREFIX2 + body[:at] + body[at + 1] + body[at] + body[at + 2:]
            assert isinstance(only(group(swapped), EVERY_EXERCISE), DamagedCode), at


def test_random_damage_is_caught_too():
    rng, passed = random.Random(3), 0
    for _ in range(2000):
        values = [rng.randrange(31) for _ in range(len(CODE) - len(PREFIX2))]
        damaged = PREFIX2 + "".join(ALPHABET[v] for v in values)
        passed += isinstance(only(group(damaged), EVERY_EXERCISE), AnswerCode)
    assert passed == 0


def test_a_typo_with_a_look_alike_says_which_character():
    body = CODE[len(PREFIX2):]
    found = only(PREFIX2 + body[:6] + "O" + body[7:])
    assert isinstance(found, DamagedCode) and '"O"' in found.problem and "no 0, O, 1, I or L" in found.problem


def test_a_code_cut_short_says_so():
    found = only(group(CODE)[:-6] + "\nThanks! See you on Tuesday")
    assert found.line == 1 and "cut short" in found.problem


def test_a_code_cut_short_before_the_next_one_leaves_the_next_one_whole():
    found = list(find_codes(group(CODE)[:-6] + "\n" + group(CODE), FIXTURES))
    assert [type(f) for f in found] == [DamagedCode, AnswerCode] and found[1].line == 2


# --- fingerprints: a code for another version of an exercise is named, never mis-graded ------------------------

def test_a_code_for_an_older_version_of_the_exercise_is_recognised():
    options = EVERYTHING.items[0].options + (Option("c", "A third way"),)
    newer = dataclasses.replace(EVERYTHING, items=(dataclasses.replace(EVERYTHING.items[0], options=options),
                                                   *EVERYTHING.items[1:]))
    found = only(CODE, {"everything": newer})
    assert isinstance(found, DamagedCode)
    assert "older version of the exercise \"everything\"" in found.problem and "new code" in found.problem


def test_rewording_an_exercise_keeps_its_codes():
    reworded = dataclasses.replace(EVERYTHING, title="A new title", intro="New words",
                                   items=(dataclasses.replace(EVERYTHING.items[0], prompt="Asked another way"),
                                          *EVERYTHING.items[1:]))
    assert only(CODE, {"everything": reworded}) == AnswerCode("Ada Lovelace", "everything", ANSWERS, 1)


def test_a_code_for_an_exercise_the_kit_does_not_have():
    found = only(CODE, {"single-choice": FIXTURES["single-choice"]})
    assert isinstance(found, DamagedCode) and "does not have" in found.problem


def test_every_exercise_of_a_kit_has_its_own_fingerprint():
    for kit in KITS:
        prints = [codes.fingerprint(e) for e in kit.values()]
        assert len(set(prints)) == len(prints)


# --- found in any text ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Press the button, then send your MINGLE2 code to the tutor.",
    "Codes look like MINGLE2 and then some blocks of letters.",
    "(Your code starts MINGLE2.)",
    "MINGLE2 THE END",
])
def test_the_word_alone_in_prose_is_not_a_code(text):
    assert list(find_codes(text, FIXTURES)) == []


@pytest.mark.parametrize("carry", [
    lambda c: group(c),
    lambda c: group(c).replace("-", " "),
    lambda c: group(c).replace("-", "\u2013"),
    lambda c: group(c).lower(),
    lambda c: f"“{group(c)}”",
    lambda c: "\n".join(c[n:n + 7] for n in range(0, len(c), 7)),
    lambda c: "\n".join(group(c)[n:n + 10] for n in range(0, len(group(c)), 10)),
    lambda c: f"Ada: {group(c)}, thanks",
    lambda c: group(c).replace("-", " ").lower(),
    lambda c: c,
], ids=["blocks", "spaces", "en-dashes", "lower-case", "smart-quotes", "wrapped-7", "wrapped-10", "in-a-sentence",
        "lower-case-spaces", "no-separators"])
def test_codes_are_found_however_they_are_spaced_wrapped_or_quoted(carry):
    assert only(carry(CODE)) == AnswerCode("Ada Lovelace", "everything", ANSWERS, 1)


def test_several_codes_in_order_with_their_lines():
    other = encode2("Bo", FIXTURES["single-choice"], {"opener": "ask"})
    found = list(find_codes(f"{group(CODE)}\nchat chat\nBo: {group(other)}\n", FIXTURES))
    assert [(f.learner, f.line) for f in found] == [("Ada Lovelace", 1), ("Bo", 3)]


def test_mingle1_and_mingle2_codes_are_both_read():
    old = mingle1_samples.code("ada-single-choice")
    found = list(find_codes(f"{old}\n{group(CODE)}", FIXTURES))
    assert [f.exercise for f in found] == ["single-choice", "everything"]


# --- encode then decode is the identity, for every exercise of any kit -----------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.data())
def test_decoding_a_code_gives_back_the_answers(data):
    kit = data.draw(st.sampled_from(KITS))
    exercise = kit[data.draw(st.sampled_from(sorted(kit)))]
    answers = valid_answers(exercise, Drawn(data))
    name = data.draw(st.text(max_size=30).map(lambda s: s.strip()))
    texts = data.draw(st.booleans())
    found = only(group(encode2(name, exercise, answers, texts=texts)), kit)
    assert isinstance(found, AnswerCode), found
    sent = answers if texts else {k: v if exercise.item(k).kind != "text" else codes.UNSENT
                                  for k, v in answers.items() if exercise.item(k).kind != "text" or is_written(v)}
    assert (found.exercise, found.answers) == (exercise.id, sent)
    assert found.learner == codes.unicodedata.normalize("NFC", name).strip()[:80] or len(name) > 80


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_code_broken_up_anyhow_between_its_characters_still_reads(data):
    """Any separators between any characters (spaces, dashes of every kind, line breaks), in either case."""
    shown = group(CODE)
    pieces = [shown[:len(PREFIX2)]]
    for c in shown[len(PREFIX2):]:
        pieces.append(data.draw(st.sampled_from(["", "", "-", " ", "\n", " - ", "\u2013", "\u00a0", "\n\t"])))
        pieces.append(c)
    text = "".join(pieces)
    if data.draw(st.booleans()):
        text = text.lower()
    found = only("Sent at 10:02: " + text + "\n\nCheers")
    assert found == AnswerCode("Ada Lovelace", "everything", ANSWERS, 1), text


@pytest.mark.parametrize("bits", [b"\x00", b"\xff", b"\x01\x01"])
def test_written_flags_that_do_not_fit_the_exercise_are_damage_not_answers(monkeypatch, bits):
    """None written, a box the exercise does not have, or too many bytes: a code no kit makes, never misread."""
    monkeypatch.setattr(codes, "_written_bits", lambda written: bits)
    made = encode2("Ada", EVERYTHING, {**ANSWERS, "why": "Written."})
    assert only(made) == DamagedCode(1, "answer code cannot be read (which answers were written does not fit "
                                        "the exercise)")


@pytest.mark.parametrize("text", ["Where's your favourite spot for TEA?", "Tea. " * 40, "Coffee or tea, folks?"])
def test_points_the_page_checked_travel_as_its_verdict_and_grade_as_the_page_showed(text):
    """A code sent without the writing still grades a page-checked point as the page judged it."""
    exercise = FIXTURES["free-text"]
    box = next(i for i in exercise.items if i.kind == "text")
    page = {box.id: text, **{i.id: passes(i.auto, text) if i.auto else True for i in exercise.rubric(box)}}
    shown = Scorer(exercise).score(page)
    for texts in (False, True):
        found = only(encode2("Ada", exercise, page, texts=texts))
        graded = Scorer(exercise).score(found.answers)
        assert [r.score for r in graded.items] == [r.score for r in shown.items]
