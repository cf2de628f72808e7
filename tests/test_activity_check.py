"""`mingle check` over live activities: a broken file, an unknown block or plan id, an id an exercise has."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mingle.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def kit(course_copy) -> Path:
    """A copy of the course as the current folder (conftest's)."""
    return course_copy


def check(capsys) -> tuple[int, str, list[str]]:
    """(exit code, stdout, stderr lines) of `mingle check`."""
    code = main(["check"])
    out, err = capsys.readouterr()
    return code, out, err.splitlines()


def swap(path: str, old: str, new: str) -> None:
    body = Path(path).read_text(encoding="utf-8")
    assert old in body
    Path(path).write_text(body.replace(old, new, 1), encoding="utf-8")


def test_the_course_passes(kit, capsys):
    code, out, err = check(capsys)
    assert (code, err) == (0, []) and "keep the content rules" in out


def test_a_broken_activity_fails_naming_file_key_and_reason(kit, capsys):
    swap("activities/how-it-feels.yml", "words: 1", "words: 7")
    code, _, err = check(capsys)
    assert code == 1
    assert err == ["mingle: activities/how-it-feels.yml: words: expected a whole number from 1 to 3, got 7 "
                   "(activity-file)"]


def test_an_unknown_activity_block_fails_naming_page_and_line(kit, capsys):
    swap("docs/modules/01-social-means-social.md", "/// activity | how-it-feels", "/// activity | how-it-feel")
    code, _, err = check(capsys)
    assert code == 1 and len(err) == 1
    assert err[0].startswith("mingle: docs/modules/01-social-means-social.md: line ")
    assert err[0].endswith(": /// activity | how-it-feel: no such activity; valid ids: customer-platforms, "
                           "how-it-feels, posts-worth-reading, questions-for-today, ready-to-post (activity-known)")


def test_a_plan_naming_an_unknown_activity_fails(kit, capsys):
    swap("data/sessions.yml", "live: questions-for-today", "live: questions")
    code, _, err = check(capsys)
    assert code == 1 and len(err) == 3
    assert err[0].startswith("mingle: data/sessions.yml: plans[0].slots[4]: live: 'questions' is no such activity")


def test_an_activity_with_an_exercise_id_fails(kit, capsys):
    shutil.copy("activities/how-it-feels.yml", "activities/before-check.yml")
    swap("activities/before-check.yml", "id: how-it-feels", "id: before-check")
    code, _, err = check(capsys)
    assert code == 1
    assert err == ["mingle: activities/before-check.yml: id: 'before-check' is also an exercise's id "
                   "(exercises/before-check.yml); give the activity an id of its own (activity-file)"]


def test_blocked_words_must_be_single_words(kit, capsys):
    swap("data/blocked-words.yml", "  - arse\n", "  - two words\n")
    code, _, err = check(capsys)
    assert code == 1
    assert err == ["mingle: data/blocked-words.yml: words[0]: expected one word, got 'two words' (activity-file)"]


def test_mingle_grade_lists_activity_answers_apart_and_never_marks_them(kit, capsys):
    sheet = Path("sheet.json")
    sheet.write_text(json.dumps({"format": "mingle.answers/1", "learner": "Ada", "answers": {
        "how-it-feels": {"answer": ["hopeful"]}, "nope": {"a": 1},
        "before-check": {}}}), encoding="utf-8")
    code = main(["grade", "--json", str(sheet)])
    learner = json.loads(capsys.readouterr().out)["learners"][0]
    assert code == 0
    assert (learner["activities"], learner["unknown"], list(learner["exercises"])) == (
        ["how-it-feels"], ["nope"], ["before-check"])
    assert main(["grade", "--csv", str(sheet)]) == 0
    assert "Ada,sheet.json,how-it-feels,,,live activity (not marked),," in capsys.readouterr().out.splitlines()
