"""What grading inputs hold, as values: answer sheets (strict JSON or YAML, shape-checked), answer codes found
in text, and the problems of inputs that cannot be graded, each with its one-line reason."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import yaml

from mingle import codes, reading
from mingle.errors import DuplicateKeyError, InputProblem

FORMAT = "mingle.answers/1"
NAME_LIMIT = 80
NO_NAME = "(no name)"
# Terminal escapes and bidi overrides in a name could disguise output; other format characters (emoji joiners) stay.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Sheet:
    """One learner's answers from one place: exercise id -> item id -> value."""

    learner: str
    source: str
    answers: Mapping = field(default_factory=dict)
    person: str = ""  # who this is when a name alone is not enough (a room's phone); "" matches by name


@dataclass(frozen=True)
class Code:
    """One answer code found in a text: one learner's answers to one exercise."""

    learner: str
    exercise: str
    answers: Mapping
    source: str
    line: int


@dataclass(frozen=True, order=True)
class Rejected:
    """An input (or a part of one) that could not be graded, and why."""

    source: str
    problem: str

    def __str__(self) -> str:
        return f"{oneline(self.source)}: {oneline(self.problem)}"


@dataclass(frozen=True)
class Notice:
    """Something worth saying about an input that was still read (a roster in Windows' own encoding, say)."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{oneline(self.source)}: {oneline(self.message)}"


def oneline(text: str) -> str:
    """Text with control characters escaped, so a message stays on one line and cannot drive a terminal."""
    return UNSAFE.sub(lambda m: repr(m.group())[1:-1] if m.group() not in "\n\r\t" else " ", str(text))


def clean_name(raw: str) -> str:
    """A learner's name fit to show anywhere: no control characters, single spaces, not too long."""
    name = " ".join(UNSAFE.sub(" ", unicodedata.normalize("NFC", raw)).split())
    if len(name) > NAME_LIMIT:
        name = name[:NAME_LIMIT - 1].rstrip() + "…"
    return name or NO_NAME


def kind(value) -> str:
    """A reader's name for the type of a parsed value."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return "a number"
    return {dict: "a mapping", list: "a list", str: "text"}.get(type(value), type(value).__name__)


def shown(value, limit: int = 40) -> str:
    """A short JSON-style rendering of a value for a message."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --- answer sheets -------------------------------------------------------------------------------------------

def _pairs(pairs: list) -> dict:
    """A JSON object, refusing a key it names twice (json itself keeps the last silently)."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise InputProblem(f"duplicate key {shown(key)} (each key may appear only once)")
            seen.add(key)
    return data


# Built once: json.loads(text, object_pairs_hook=...) would build a new decoder for every sheet.
_STRICT_JSON = json.JSONDecoder(object_pairs_hook=_pairs)


def load_json(text: str):
    """Parse JSON strictly: duplicate keys and absurd nesting are problems, not crashes."""
    try:
        # A sheet holds a handful of objects, so checking each for repeated keys costs less than any
        # way of detecting them after the fact (counting `":` and `{` in the text costs more).
        return _STRICT_JSON.decode(text)
    except json.JSONDecodeError as err:
        raise InputProblem(f"not valid JSON: {err.msg} (line {err.lineno}, column {err.colno})") from None
    except RecursionError:
        raise InputProblem("not valid JSON: nested too deeply") from None
    except ValueError as err:  # e.g. an integer with thousands of digits
        raise InputProblem(f"not valid JSON: {err}") from None


def load_yaml(text: str):
    """Parse YAML strictly (duplicate keys refused), naming line and column of a problem."""
    try:
        return reading.load(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        what = err.problem or err.context or "unreadable"
        if isinstance(err, DuplicateKeyError):
            raise InputProblem(f"{what} (each key may appear only once){where}") from None
        raise InputProblem(f"not valid YAML: {what}{where}") from None
    except yaml.YAMLError as err:
        raise InputProblem("not valid YAML: " + " ".join(str(err).split())) from None
    except RecursionError:
        raise InputProblem("not valid YAML: nested too deeply") from None


def sheet(data, source: str) -> Sheet:
    """Check a parsed answer sheet's shape; answer values are left for the scorer to judge."""
    if not isinstance(data, dict):
        raise InputProblem(f"expected an answer sheet (a mapping with format, learner and answers), got {kind(data)}")
    if "format" not in data:
        raise InputProblem(f'missing "format": expected "{FORMAT}"')
    if data["format"] != FORMAT:
        raise InputProblem(f'unsupported format {shown(data["format"])}: expected "{FORMAT}"')
    learner = data.get("learner")
    if learner is not None and not isinstance(learner, str):
        raise InputProblem(f"learner: expected the learner's name as text, got {kind(learner)}")
    if "answers" not in data:
        raise InputProblem('missing "answers": expected a mapping of exercise id to answers')
    answers = data["answers"]
    if not isinstance(answers, dict):
        raise InputProblem(f"answers: expected a mapping of exercise id to answers, got {kind(answers)}")
    tidy = {}
    for exercise, items in answers.items():
        if items is None:  # `my-exercise:` with nothing under it in YAML
            items = {}
        if not isinstance(items, dict):
            raise InputProblem(
                f"answers.{oneline(exercise)}: expected a mapping of item id to answer, got {kind(items)}")
        tidy[str(exercise)] = items
    return Sheet(clean_name(learner or ""), source, tidy)


# --- text with answer codes ----------------------------------------------------------------------------------

def codes_in(text: str, source: str, exercises: Mapping, where: str = "") -> Iterator[Code | Rejected]:
    """Every answer code in a text (already freed of its carrier: see carriers.clean), good ones as Code values,
    damaged ones as Rejected naming the line (after `where`, such as "message 2, " in a mailbox)."""
    for found in codes.find_codes(text, exercises):
        if isinstance(found, codes.DamagedCode):
            yield Rejected(source, f"{where}line {found.line}: {found.problem}")
        else:
            yield Code(clean_name(found.learner), found.exercise, found.answers, source, found.line)
