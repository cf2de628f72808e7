"""The authors' page (docs/presenters/exercise-format.md) tells the truth: its examples run as it says."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from mingle.codes import AnswerCode, find_codes
from mingle.exercises import parse_exercise
from mingle.model import exercise_max
from mingle.scoring import Scorer

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "presenters" / "exercise-format.md"
TEXT = PAGE.read_text(encoding="utf-8")
FENCES = re.findall(r"^```(\w+)\n(.*?)^```$", TEXT, re.M | re.S)
EXAMPLES = [body for lang, body in FENCES if lang == "yaml" and body.startswith("id: ")]
SHEETS = [json.loads(body) for lang, body in FENCES if lang == "json" and "<exercise-id>" not in body]


def parsed(body: str):
    """An example file read as if saved under its own id."""
    data = yaml.safe_load(body)
    return parse_exercise(data, f"exercises/{data['id']}.yml", data["id"])


def test_front_matter_has_title_and_description():
    meta = yaml.safe_load(re.match(r"^---\n(.*?)\n---\n", TEXT, re.S).group(1))
    assert meta["title"] == "Exercise format" and meta["description"]


def test_there_is_a_worked_example_for_every_kind():
    kinds = {item["kind"] for body in EXAMPLES for item in yaml.safe_load(body)["items"]}
    assert kinds == {"single", "multiple", "rating", "check", "match", "text"}


@pytest.mark.parametrize("body", EXAMPLES, ids=lambda b: b.split("\n")[0][4:])
def test_every_worked_example_is_a_valid_exercise(body):
    exercise, problems = parsed(body)
    assert problems == []
    assert exercise.bands[-1].max == exercise_max(exercise)


def test_the_contract_sheet_is_shown_exactly():
    contract = ('{\n  "format": "mingle.answers/1",\n  "learner": "Ada Lovelace",\n  "answers": {\n'
                '    "<exercise-id>": { "<item-id>": "<value>" }\n  }\n}\n')
    assert ("json", contract) in FENCES


def test_the_example_sheet_scores_as_the_page_says():
    exercises = {e.id: e for e in (parsed(body)[0] for body in EXAMPLES)}
    (sheet,) = SHEETS
    assert sheet["format"] == "mingle.answers/1"
    results = {ex_id: Scorer(exercises[ex_id]).score(answers) for ex_id, answers in sheet["answers"].items()}
    assert all(r.invalid == () for r in results.values())
    # "Ada did not tick no-capitals, so the file says false": an answer, not a gap.
    assert sheet["answers"]["rewrite-it"]["no-capitals"] is False and results["rewrite-it"].unanswered == ()
    assert results["good-reasons"].score == 0  # one right tick and one wrong tick cancel out


def test_the_rating_example_profile_is_as_described():
    exercise = next(parsed(b)[0] for b in EXAMPLES if b.startswith("id: which-voice"))
    # "5 of 6 as a listener but 0 of 2 as a helper"; "Never" on the reversed question scores 2.
    result = Scorer(exercise).score({"reply-to-comments": 2, "ask-questions": 1, "offers-only": 0,
                                       "share-tips": 0})
    assert [(d.id, d.score, d.max) for d in result.dimensions] == [("listener", 5, 6), ("helper", 0, 2)]
    assert result.weakest == ("helper",)
    # "Never to everything scores 2, lands in the lowest band and sees both strands' advice."
    never = Scorer(exercise).score({i.id: 0 for i in exercise.items})
    assert (never.score, never.band) == (2, exercise.bands[0])
    assert all(d.needs_work for d in never.dimensions)


def test_the_example_code_decodes_to_what_the_page_describes():
    exercise = next(parsed(b)[0] for b in EXAMPLES if b.startswith("id: pub-manners"))
    found = [c for c in find_codes(TEXT, {exercise.id: exercise}) if isinstance(c, AnswerCode)]
    assert found and all(c.exercise == "pub-manners" and c.learner == "Ada Lovelace" for c in found)
    assert all(c.answers == {"walk-in": "listen"} for c in found)


def test_the_page_contains_no_damaged_codes():
    # The page's prose mentions "MINGLE2" and "MINGLE1" as words; none of it may read as a broken code.
    exercise = next(parsed(b)[0] for b in EXAMPLES if b.startswith("id: pub-manners"))
    assert [c for c in find_codes(TEXT, {exercise.id: exercise}) if not isinstance(c, AnswerCode)] == []


def test_the_check_messages_shown_are_the_ones_mingle_check_prints():
    base = next(b for b in EXAMPLES if b.startswith("id: pub-manners"))
    mistakes = [base.replace("answer: listen", "answer: listens"), base.replace("points: 2", "points: 3"),
                base.replace("id: stay-quiet", "id: no"),
                base.replace("    feedback: The room", "    feedbak: The room")]
    for broken in mistakes:
        (problem,) = parse_exercise(yaml.safe_load(broken), "exercises/pub-manners.yml", "pub-manners")[1]
        assert f"mingle: {problem}\n" in TEXT
