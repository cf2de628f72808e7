"""Answer codes (MINGLE1): round trips, damaged codes rejected never mis-graded, codes found in any text."""

from __future__ import annotations

import base64
import json
import re

import pytest

from mingle1_samples import SAMPLES, code

from mingle.codes import PREFIX, AnswerCode, DamagedCode, checksum, find_codes

# The kit makes only MINGLE2 now: these tests read MINGLE1 codes an earlier kit made (tests/mingle1_samples.py).
CODE, _, _, ANSWERS = SAMPLES["ada"]
SHAPE = re.compile(r"^MINGLE1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$")

CUT_SHORT = "answer code is cut short (no checksum at its end)"
BAD_SUM = "answer code fails its checksum (mistyped or cut)"
UNREADABLE = "answer code cannot be decoded"
WRONG_SHAPE = "answer code does not hold a name, an exercise and answers"


def only(text: str):
    """The one code found in text (fails if there are none or several)."""
    found = list(find_codes(text))
    assert len(found) == 1, found
    return found[0]


def signed(body: str) -> str:
    """A code with this body and its correct checksum."""
    return f"{PREFIX}.{body}.{checksum(body)}"


def body_of(data: bytes) -> str:
    """The code body for raw bytes, as encode() writes it (URL-safe base64, no padding)."""
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


# --- encoding and round trips ------------------------------------------------------------------

def test_a_code_is_prefix_body_and_eight_hex_digits():
    assert SHAPE.match(CODE)


def test_the_body_is_compact_json_of_name_exercise_and_answers():
    body = CODE.split(".")[1]
    raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8")
    assert json.loads(raw) == {"n": "Ada Lovelace", "x": "why-are-you-here", "a": ANSWERS}
    assert ", " not in raw and ": " not in raw.replace("8.30am", "")


def test_round_trip():
    assert only(CODE) == AnswerCode("Ada Lovelace", "why-are-you-here", ANSWERS, 1)


@pytest.mark.parametrize("sample", ["zoe", "hanako", "olafur", "anais", "obrien"])
def test_round_trip_with_unicode_names(sample):
    made, name, exercise, answers = SAMPLES[sample]
    assert SHAPE.match(made)
    assert only(f"My code: {made}") == AnswerCode(name, exercise, answers, 1)


def test_round_trip_with_unicode_free_text():
    made, _, _, answers = SAMPLES["cafe"]
    assert only(made).answers == answers == {"rewrite": "Café open — come in, «bonjour» ☕\nSecond line"}


def test_decoded_names_are_trimmed():
    assert only(code("padded")).learner == "Ada"


def test_an_empty_answer_set_round_trips():
    assert only(code("empty")) == AnswerCode("Ada", "x", {}, 1)


def test_upper_case_checksum_is_accepted():
    head, _, tail = CODE.rpartition(".")
    assert isinstance(only(f"{head}.{tail.upper()}"), AnswerCode)


# --- damaged codes are rejected, never mis-graded ----------------------------------------------

def test_cut_body():
    assert only(CODE[:40]) == DamagedCode(1, CUT_SHORT)


def test_cut_after_the_body_dot():
    assert only(CODE.rpartition(".")[0] + ".") == DamagedCode(1, CUT_SHORT)


def test_cut_checksum():
    assert only(CODE[:-3]) == DamagedCode(1, CUT_SHORT)


def test_flipped_character_in_the_body():
    position = len(PREFIX) + 12
    flipped = CODE[:position] + ("A" if CODE[position] != "A" else "B") + CODE[position + 1:]
    assert only(flipped) == DamagedCode(1, BAD_SUM)


def test_flipped_character_in_the_checksum():
    flipped = CODE[:-1] + ("0" if CODE[-1] != "0" else "1")
    assert only(flipped) == DamagedCode(1, BAD_SUM)


def test_a_code_wrapped_by_an_email_client_is_read_whole():
    wrapped = "\n".join(CODE[n:n + 60] for n in range(0, len(CODE), 60))
    assert only(wrapped) == AnswerCode("Ada Lovelace", "why-are-you-here", ANSWERS, 1)


def test_a_wrapped_code_with_its_end_cut_off_is_damaged_not_misread():
    assert list(find_codes(CODE[:60] + "\n" + CODE[60:-12])) == [DamagedCode(1, CUT_SHORT)]


def test_bad_base64_with_a_good_checksum():
    assert only(signed("A")) == DamagedCode(1, UNREADABLE)


def test_base64_that_is_not_utf8():
    assert only(signed(body_of(b"\xff\xfe\xfd"))) == DamagedCode(1, UNREADABLE)


def test_base64_that_is_not_json():
    assert only(signed(body_of(b"hello there"))) == DamagedCode(1, UNREADABLE)


@pytest.mark.parametrize("data", [
    [1, 2],
    "just text",
    {"n": "Ada", "x": "ex"},
    {"n": 1, "x": "ex", "a": {}},
    {"n": "Ada", "x": None, "a": {}},
    {"n": "Ada", "x": "ex", "a": []},
    {"name": "Ada", "exercise": "ex", "answers": {}},
], ids=lambda d: json.dumps(d))
def test_json_of_the_wrong_shape(data):
    assert only(signed(body_of(json.dumps(data).encode()))) == DamagedCode(1, WRONG_SHAPE)


# --- finding codes in any text ------------------------------------------------------------------

def test_the_bare_word_in_prose_is_not_a_code():
    assert list(find_codes("Press the button, then send your MINGLE1 code to the tutor.")) == []


def test_the_prefix_in_lower_case_is_not_a_code():
    assert list(find_codes(CODE.lower())) == []


@pytest.mark.parametrize("text", [
    "Paste the code that starts with MINGLE1.",
    "Codes look like MINGLE1... and go in the chat.",
    "(Your code starts MINGLE1.)",
])
def test_the_word_ending_a_sentence_is_not_a_code(text):
    assert list(find_codes(text)) == []


@pytest.mark.parametrize(("before", "after"), [
    ("(", ")"), ("<", ">"), ('"', '",'), ("'", "'"), ("[", "]"), ("«", "»"), ("`", "`"),
    ("code: ", "."), ("code:", "!"), ("", "?"), ("", ";"), ("", " :)"), ("\t", "\r\n"),
])
def test_codes_among_punctuation(before, after):
    assert only(f"Here is mine {before}{CODE}{after} thanks") == AnswerCode("Ada Lovelace", "why-are-you-here",
                                                                               ANSWERS, 1)


def test_codes_in_a_chat_log_in_order_with_line_numbers():
    bea = code("bea")
    log = (f"[10:01] Tutor: please paste your MINGLE1 code below\n"
           f"[10:02] Ada: {CODE}\n"
           f"[10:02] Cy: not done yet, sorry!\n"
           f"[10:03] Bea: here: {bea} :)\n"
           f"[10:04] Cy: {CODE[:30]}\n")
    assert list(find_codes(log)) == [
        AnswerCode("Ada Lovelace", "why-are-you-here", ANSWERS, 2),
        AnswerCode("Bea", "why-are-you-here", {"first-question": "go-viral"}, 4),
        DamagedCode(5, CUT_SHORT),
    ]


def test_codes_in_a_form_csv():
    bea = code("bea-leeds")
    csv_text = ("Timestamp,Name,Code\n"
                f'2024-03-01 10:02,"Lovelace, Ada",{CODE}\n'
                f'2024-03-01 10:05,Bea,"{bea}"\n')
    found = list(find_codes(csv_text))
    assert [(c.learner, c.exercise, c.line) for c in found] == [
        ("Ada Lovelace", "why-are-you-here", 2), ("Bea, from Leeds", "who-should-post", 3)]


def test_codes_in_an_email_reply_with_quoting():
    email = ("From: Ada <ada@example.org>\nSubject: Re: my answers\n\n"
             f"Hi,\n\nMy code is {CODE}.\n\n> On Monday you wrote:\n> > send me {CODE}\n")
    found = list(find_codes(email))
    assert [c.line for c in found] == [6, 9]
    assert all(isinstance(c, AnswerCode) for c in found)


def test_two_codes_on_one_line():
    bea = code("bea-x")
    assert [c.learner for c in find_codes(f"{CODE} {bea},{CODE}")] == ["Ada Lovelace", "Bea", "Ada Lovelace"]


def test_text_with_no_codes():
    assert list(find_codes("Nothing to see here.\nMINGLE 1. MINGLE-1. mingle1.abc.12345678")) == []
