"""One rule for an unticked box: the same answers give the same graded result from the web and from a paper roster.

In an exercise the learner has started (answered anything, or pressed Check), an unticked box is the answer
false, on the page, in its download and in a roster, where a blank tick-box cell is false in the same way.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_browser_exercises import fill
from test_js_support import EXERCISES, exercise_pages, form, js_errors, right_value

from mingle.cli import main
from mingle.grade.roster import read_roster
from mingle.model import Exercise
from mingle.scoring import Scorer

pytestmark = pytest.mark.browser
PAGES = exercise_pages()
WITH_BOXES = sorted(e.id for e in EXERCISES.values() if any(i.kind == "check" for i in e.items) and e.id in PAGES)


def cases(exercise: Exercise) -> list[tuple[str, dict, dict]]:
    """(name, what the learner does on the page, the same answers as typed in a roster row: item -> cell)."""
    boxes = [i for i in exercise.items if i.kind == "check" and not i.auto]  # the page checks the others itself
    others = [i for i in exercise.items if i.kind != "check"]
    some = {b.id: True for b in boxes[::2]}
    found = [("every other box ticked", some, {b: "x" for b in some})]
    if others:
        first = others[0]
        value = right_value(exercise, first)
        if first.kind in ("single", "match", "multiple"):  # as the form lists them, and one even with no answer key
            ids = [o.id for o in exercise.options_for(first)]
            value = [o for o in ids if o in value] if first.kind == "multiple" else value or ids[0]
        found.append(("another question answered, no box ticked", {first.id: value}, {first.id: cell(value)}))
    # Checked with nothing ticked: on paper, "no" in one tick-box cell says the learner did the exercise.
    found.append(("checked with nothing ticked", {}, {boxes[0].id: "no"}))
    return found


def cell(value) -> str:
    """An answer as it is typed into a roster cell."""
    if isinstance(value, list):
        return ";".join(value)
    return "x" if value is True else str(value)


def roster(exercise: Exercise, row: dict) -> str:
    """A one-learner roster with every item of the exercise as a column; cells not in `row` left blank."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["learner", *(f"{exercise.id}.{i.id}" for i in exercise.items)])
    writer.writerow(["Paper Ada", *(row.get(i.id, "") for i in exercise.items)])
    return out.getvalue()


def grade(capsys, *paths) -> dict:
    """`mingle grade --json` over some inputs (the command itself, in this process), by learner name."""
    capsys.readouterr()
    code = main(["grade", "--json", *map(str, paths)])
    said = capsys.readouterr()
    assert code == 0, said.err
    report = json.loads(said.out)
    return {learner["learner"]: learner["exercises"] for learner in report["learners"]}


def web_debrief(page, exercise: Exercise) -> dict:
    """What the page shows after Check: score, max and each item's status."""
    f = form(page, exercise.id)
    return {"score": int(f.get_attribute("data-score")), "max": int(f.get_attribute("data-max")),
            "items": {i.id: f.locator(f'[data-feedback="{i.id}"]').get_attribute("data-status")
                      for i in exercise.items}}


@pytest.mark.parametrize("exercise_id", WITH_BOXES)
def test_the_same_answers_grade_the_same_from_the_web_and_from_paper(page, base_url, tmp_path, capsys,
                                                                     exercise_id):
    exercise = EXERCISES[exercise_id]
    page.goto(base_url + PAGES[exercise_id])
    f = form(page, exercise_id)
    f.locator("[data-role=learner-name]").fill("Web Ada")
    for name, done, row in cases(exercise):
        f.locator("[data-action=reset]").click()
        fill(page, exercise_id, done)
        f.locator("[data-action=check]").click()
        web = web_debrief(page, exercise)
        with page.expect_download() as info:
            f.locator("[data-action=export]").click()
        sheet = tmp_path / f"web-{len(name)}.json"
        sheet.write_bytes(open(info.value.path(), "rb").read())
        paper = tmp_path / f"paper-{len(name)}.csv"
        paper.write_text(roster(exercise, row), encoding="utf-8")

        graded = grade(capsys, sheet, paper)
        assert graded["Web Ada"] == graded["Paper Ada"], name
        on_paper = next(read_roster(paper.read_text(encoding="utf-8"), "paper.csv", EXERCISES)).answers[exercise_id]
        # A point the page checks holds the page's verdict on the words in the download, and what was typed in
        # its cell (false if blank) in a roster: both grade from the words, as the graded results above show.
        checked = {i.id for i in exercise.items if i.auto}
        web_sheet = json.loads(sheet.read_text(encoding="utf-8"))["answers"][exercise_id]
        assert {k: v for k, v in web_sheet.items() if k not in checked} == {
            k: v for k, v in on_paper.items() if k not in checked}, name
        want = Scorer(exercise).score(on_paper)
        assert web == {"score": want.score, "max": want.max, "items": {r.item: r.status for r in want.items}}, name
        # Every box has an answer once the exercise is started: none is left unanswered, on either side.
        boxes = {i.id for i in exercise.items if i.kind == "check"}
        assert not boxes & set(graded["Paper Ada"][exercise_id]["unanswered"])
    assert js_errors(page) == []


def test_an_unticked_box_shows_its_tip_after_checking(page, base_url):
    exercise = next(EXERCISES[e] for e in WITH_BOXES
                    if any(i.kind == "check" and i.feedback for i in EXERCISES[e].items))
    box = next(i for i in exercise.items if i.kind == "check" and i.feedback)
    page.goto(base_url + PAGES[exercise.id])
    f = form(page, exercise.id)
    f.locator("[data-action=check]").click()
    slot = f.locator(f'[data-feedback="{box.id}"]')
    assert " ".join(box.feedback.split()) in " ".join(slot.inner_text().split())
    assert "Not ticked" in slot.locator(".mingle-mark").inner_text()
    saved = json.loads(page.evaluate("k => localStorage.getItem(k)", f"mingle:v1:answers:{exercise.id}"))
    assert saved["answers"][box.id] is False
