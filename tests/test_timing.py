"""Timings stated once: the pace `mingle check` times exercises by, its warnings (an exercise over its module's
minutes, a plan's short wrap-up, notes that write the front matter's minutes again), and the timing line the build
writes at the top of a module's notes for presenters, from its front matter, on the page and in the deck's notes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from test_course_rules import TWO, edit, make_kit, write

from mingle.course import rules
from mingle.course.checks import check_course
from mingle.course.slidemaker import module_slides
from mingle.course.timing import durations, exercise_seconds, item_seconds
from mingle.errors import KitBuildError
from mingle.exercises import check_exercises
from mingle.model import Auto, Item
from mingle.site import blocks

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def kit(tmp_path, monkeypatch) -> Path:
    """The small valid course of the content rules' tests, as cwd."""
    make_kit(tmp_path)
    monkeypatch.chdir(tmp_path)
    return Path(".")


def questions(n: int, kind: str = "single") -> str:
    """An exercise file for module 2 with `n` questions of one kind (choices or written answers)."""
    items = "".join(
        f"  - id: q{i}\n    kind: single\n    prompt: Question {i}?\n    options:\n      - {{id: a, text: A}}\n"
        f"      - {{id: b, text: B}}\n    answer: a\n" if kind == "single" else
        f"  - id: q{i}\n    kind: text\n    prompt: Say something {i}.\n" for i in range(n))
    top = n if kind == "single" else 0
    bands = (f"  - {{min: 0, max: {top - 1}, label: Not yet, advice: Again.}}\n" if top else "") + \
        f"  - {{min: {top}, max: {top}, label: Done, advice: Well done.}}\n"
    return f"id: many\ntitle: Many questions\nmodule: 2\nintro: Answer them.\nitems:\n{items}bands:\n{bands}"


def with_exercise(text: str, when: str = "") -> None:
    """Put the exercise `many` in the small course, on module 2's page, after its other exercise."""
    write(Path("exercises/many.yml"), text)
    option = f"    when: {when}\n" if when else ""
    edit(TWO, "/// exercise | single-choice\n///\n", f"/// exercise | single-choice\n///\n\n/// exercise | many\n"
         f"{option}///\n")


def warnings(course: Path, rule: str) -> list[str]:
    """The warnings of one rule, as lines."""
    return [str(w) for w in check_course(course).warnings if str(w).endswith(f"({rule})")]


# --- the pace ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("item, seconds", [
    (Item("a", "single", "?"), rules.CHOICE_SECONDS),
    (Item("a", "multiple", "?"), rules.CHOICE_SECONDS),
    (Item("a", "match", "?"), rules.CHOICE_SECONDS),
    (Item("a", "rating", "?"), rules.TICK_SECONDS),
    (Item("a", "check", "?"), rules.TICK_SECONDS),
    (Item("a", "check", "?", rubric_of="b"), rules.TICK_SECONDS),
    (Item("a", "check", "?", rubric_of="b", auto=Auto(question=True)), 0),  # the page checks it: nobody ticks
    (Item("a", "text", "?"), rules.WRITTEN_MINUTES * 60),
])
def test_each_kind_of_question_takes_its_time(item, seconds):
    assert item_seconds(item) == seconds


def test_the_adapting_page_states_the_pace_from_the_rules():
    said = rules.BY_NAME["exercise-time"].says
    for figure in (f"{rules.CHOICE_SECONDS} seconds", f"{rules.TICK_SECONDS} seconds",
                   f"{rules.WRITTEN_MINUTES} minutes"):
        assert figure in said
    html = markdown.markdown("/// content-rules\n///\n", extensions=[blocks.makeExtension()])
    assert 'id="rule-exercise-time"' in html and 'id="rule-wrap-up"' in html and 'id="rule-timing-once"' in html


@pytest.mark.parametrize("text, minutes", [
    ("Allow about 15 minutes.", [15]), ("twenty-five minutes a week", [25]), ("a 25-minute slot", [25]),
    ("half an hour, or a half-hour", [30, 30]), ("a quarter of an hour", [15]), ("an hour or two hours", [60, 120]),
    ("Keep it short: five minutes at most.", [5]), ("no time at all", []),
])
def test_lengths_of_time_are_read_in_figures_and_in_words(text, minutes):
    assert durations(text) == minutes


# --- mingle check's warnings -------------------------------------------------------------------------------------

def test_an_exercise_with_more_questions_than_its_minutes_warns(kit):
    # Module 2 of the small course gives 5 minutes to its exercises; one question is already there.
    over = (5 * 60) // rules.CHOICE_SECONDS  # with the one already there, one more than fits
    with_exercise(questions(over))
    report = check_course(kit)
    assert report.problems == ()
    need, many = (-(-n * rules.CHOICE_SECONDS // 60) for n in (over + 1, over))
    assert [str(w) for w in report.warnings] == [
        f"docs/modules/02-two.md: front matter: exercises: the exercises done in the room take about {need} minutes "
        f"(single-choice about 1, many about {many}), more than the 5 this page gives; give `exercises` more "
        "minutes, cut questions, or mark an exercise `when: at home` (exercise-time)"]


def test_written_answers_take_minutes_each(kit):
    with_exercise(questions(2, kind="text"))  # two written answers and the one choice: over five minutes
    assert warnings(kit, "exercise-time")
    edit(TWO, "exercises: 5", f"exercises: {2 * rules.WRITTEN_MINUTES + 1}")
    assert warnings(kit, "exercise-time") == []


def test_an_exercise_that_fits_exactly_does_not_warn(kit):
    fits = (5 * 60) // rules.CHOICE_SECONDS - 1
    with_exercise(questions(fits))
    assert exercise_seconds(check_exercises(Path("exercises"))[0]["many"]) + rules.CHOICE_SECONDS <= 5 * 60
    assert warnings(kit, "exercise-time") == []


@pytest.mark.parametrize("when", list(rules.WHEN))
def test_an_exercise_done_elsewhere_is_not_timed_against_the_module(kit, when):
    with_exercise(questions(20), when=when)
    assert warnings(kit, "exercise-time") == []


def test_an_unknown_when_is_a_problem_naming_the_block_and_the_places(kit):
    with_exercise(questions(1), when="at lunch")
    assert [str(p) for p in check_course(kit).problems] == [
        "docs/modules/02-two.md: line 25: /// exercise | many: when: 'at lunch' is not a place the kit knows; "
        f"expected {', '.join(rules.WHEN)}, or no `when` for an exercise done in the room (block-options)"]
    with pytest.raises(KitBuildError, match="/// exercise | many: when: 'at lunch' is not a place the kit knows"):
        markdown.Markdown(extensions=[blocks.makeExtension(exercises_dir="exercises")]).convert(
            "/// exercise | many\n    when: at lunch\n///\n")


def test_a_plan_with_a_short_wrap_up_warns(kit):
    edit(Path("data/sessions.yml"), "close: {title: Wrap-up, minutes: 15}", "close: {title: Wrap-up, minutes: 10}")
    edit(Path("data/sessions.yml"), "minutes: 45", "minutes: 40")
    assert [str(w) for w in check_course(kit).warnings] == [
        "data/sessions.yml: plans[0].slots[2]: plan '45' gives its wrap-up ('Wrap-up') 10 minutes; the after check, "
        f"the feedback form, answer codes, the results and questions need at least {rules.WRAP_UP_MINUTES} (wrap-up)"]


def test_a_plan_that_ends_without_a_wrap_up_warns(kit):
    edit(Path("data/sessions.yml"), "      - activity: close\n", "")
    edit(Path("data/sessions.yml"), "minutes: 45", "minutes: 30")
    assert warnings(kit, "wrap-up") == [
        "data/sessions.yml: plans[0].slots[1]: plan '45' ends with 'Module 2 – Two', not a wrap-up; end it with an "
        f"activity of at least {rules.WRAP_UP_MINUTES} minutes for the after check, the feedback form, answer codes, "
        "the results and questions (wrap-up)"]


def test_notes_that_write_the_front_matter_s_minutes_again_warn(kit):
    edit(TWO, "/// facilitator\nNotes.", "/// facilitator\nAllow about fifteen minutes. The guests mingle for two "
         "minutes.")
    assert warnings(kit, "timing-once") == [
        "docs/modules/02-two.md: line 37: /// facilitator: the notes say 15 minutes, which the front matter gives "
        "already (teaching and exercises together); the build opens the notes with the timing, so leave the number "
        "out (timing-once)"]


def test_mingle_check_prints_the_timing_warnings_and_still_passes(kit):
    with_exercise(questions(20))
    done = subprocess.run([sys.executable, "-m", "mingle", "check"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^mingle: warning: docs/modules/02-two.md: front matter: exercises: .*\(exercise-time\)$",
                     done.stderr, re.M)


# --- the timing line ---------------------------------------------------------------------------------------------

def page_html(path: Path) -> str:
    """A page's body through the kit's extension, as the site builds it (the front matter off)."""
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    return markdown.Markdown(extensions=[blocks.makeExtension(exercises_dir="exercises", docs_dir="docs")]).convert(
        body)


def timing(html: str) -> str:
    """The timing line's text."""
    found = re.findall(r'<p class="mingle-timing">(.*?)</p>', html, re.S)
    assert len(found) == 1, found
    return re.sub(r"</?em>", "", found[0])


def test_the_notes_open_with_the_minutes_of_the_front_matter(kit):
    html = page_html(TWO)
    assert re.search(r'<p class="mingle-block-title">Notes for presenters</p>\s*<p class="mingle-timing">', html)
    assert timing(html) == ("Timing: 10 minutes to teach and 5 for Pick &lt;one&gt; "
                            "&amp; only one.")
    edit(TWO, "teaching: 10\nexercises: 5", "teaching: 12\nexercises: 7")
    assert timing(page_html(TWO)).startswith("Timing: 12 minutes to teach and 7 for ")


def test_the_line_says_where_the_other_exercises_are_done(kit):
    with_exercise(questions(2), when="at home")
    assert timing(page_html(TWO)) == ("Timing: 10 minutes to teach and 5 for Pick "
                                      "&lt;one&gt; &amp; only one. At home: Many questions.")


def test_a_page_without_exercises_gives_its_teaching_time_only(kit):
    assert timing(page_html(Path("docs/modules/00-welcome.md"))) == (
        "Timing: 10 minutes to teach and 5 for exercises and talk.")
    edit(Path("docs/modules/00-welcome.md"), "exercises: 5", "exercises: 0")
    assert timing(page_html(Path("docs/modules/00-welcome.md"))) == (
        "Timing: 10 minutes to teach.")


def test_notes_on_a_page_that_is_no_module_have_no_timing_line(kit):
    html = markdown.Markdown(extensions=[blocks.makeExtension(exercises_dir="exercises", docs_dir="docs")]).convert(
        "# Keys\n\n/// facilitator\nSay this.\n///\n")
    assert "mingle-timing" not in html and "<p>Say this.</p>" in html


def test_the_deck_s_speaker_notes_carry_the_same_line(kit):
    exercises = check_exercises(Path("exercises"))[0]
    notes = [" ".join("".join(note.itertext()).split())
             for slide in module_slides(TWO, Path("exercises"), Path("docs"), exercises) for note in slide.notes]
    assert any("Timing: 10 minutes to teach and 5 for Pick <one> & only one." in note
               for note in notes)


def test_every_module_in_the_repo_opens_its_notes_with_its_own_minutes():
    from mingle import reading

    for path in sorted((ROOT / "docs" / "modules").glob("*.md")):
        meta, body = reading.read_front_matter(path)
        html = markdown.Markdown(extensions=[blocks.makeExtension(
            exercises_dir=str(ROOT / "exercises"), docs_dir=str(ROOT / "docs"))]).convert(body)
        line = timing(html)
        assert line.startswith(f"Timing: {meta['teaching']} minutes to teach"), path
        assert meta["exercises"] == 0 or f" and {meta['exercises']} for " in line, path
