"""The content rules: each one on a small course of its own, then the same rules over the course in the repo."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from mingle.course import rules
from mingle.course.checks import check_course
from mingle.errors import KitBuildError
from mingle.site import blocks

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "exercises"
PROSE = "We say hello to the room and then we listen to what they say back. " * 40  # 600 easy words


def module(number: int, title: str, exercise: str = "", extra: str = "", sources: str = "[]") -> str:
    """A module page that keeps every rule."""
    placed = f"/// scene | A scene\nA short story.\n///\n\n/// exercise | {exercise}\n///\n\n" if exercise else ""
    return (f"---\ntitle: {title}\ndescription: One line.\nmodule: {number}\nteaching: 10\nexercises: 5\n"
            f"sources: {sources}\n---\n\n# {title}\n\n/// objectives\n- Learn.\n///\n\n{PROSE}\n\n{placed}"
            f"/// checklist | list-{number}\n- [ ] One\n///\n\n/// discuss\nTalk.\n///\n\n/// try-this\nTry.\n///\n\n"
            f"/// facilitator\nNotes.\n///\n\n{extra}/// key-points\n- Done.\n///\n")


SESSIONS = """format: mingle.sessions/1
default_start: "10:00"
activities:
  close: {title: Wrap-up, minutes: 15}
plans:
  - id: "45"
    title: Short
    minutes: 45
    slots:
      - module: 0
      - module: 2
      - activity: close
"""


def write(path: Path, text: str) -> Path:
    """Write a file, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_kit(folder: Path) -> None:
    """A small valid course in `folder`: Welcome, module 2 with one exercise, a sources page, an answer-key page."""
    write(folder / "exercises" / "single-choice.yml", (FIXTURES / "single-choice.yml").read_text(encoding="utf-8"))
    write(folder / "docs" / "modules" / "00-welcome.md", module(0, "Welcome"))
    write(folder / "docs" / "modules" / "02-two.md", module(2, "Two", "single-choice", sources="[post]"))
    write(folder / "docs" / "about-the-sources.md", "---\ntitle: Sources\ndescription: Where.\n---\n\n"
          "# Sources\n\n## A post {#post}\n")
    write(folder / "docs" / "presenters" / "keys.md", "---\ntitle: Keys\ndescription: Keys.\n---\n\n# Keys\n\n"
          "/// answer-key | all\n///\n")
    write(folder / "data" / "sessions.yml", SESSIONS)


@pytest.fixture
def kit(tmp_path, monkeypatch) -> Path:
    """The small valid course, as cwd."""
    make_kit(tmp_path)
    monkeypatch.chdir(tmp_path)
    return Path(".")


def lines(kit: Path) -> list[str]:
    """Every problem `mingle check` would print, without the prefix."""
    return [str(p) for p in check_course(kit, readability=True).problems]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a file of the course, which must contain it."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


TWO = Path("docs/modules/02-two.md")


def test_the_small_course_keeps_every_rule(kit):
    report = check_course(kit, readability=True)
    assert (report.problems, report.warnings, report.pages, report.exercises) == ((), (), 4, 1)


MISTAKES = {
    "answer key on a learner page": (
        lambda: edit(TWO, "/// key-points", "/// answer-key | single-choice\n///\n\n/// key-points"),
        ["docs/modules/02-two.md: line 41: /// answer-key | single-choice: presenters' material on a page learners "
         "read; move it to a page in docs/presenters/ (presenter-only)"]),
    "checklist id used twice": (
        lambda: edit(TWO, "list-2", "list-0"),
        ["docs/modules/02-two.md: line 25: /// checklist | list-0: this id is already used at "
         "docs/modules/00-welcome.md line 18; give each its own id (checklist-once)"]),
    "exercise placed twice": (
        lambda: write(Path("docs/presenters/keys.md"), "---\ntitle: Keys\ndescription: Keys.\n---\n\n# Keys\n\n"
                      "/// exercise | single-choice\n///\n"),
        ["docs/presenters/keys.md: line 8: /// exercise | single-choice: this id is already used at "
         "docs/modules/02-two.md line 22; give each its own id (exercise-once)"]),
    "exercise on another module's page": (
        lambda: edit(Path("exercises/single-choice.yml"), "module: 2", "module: 5"),
        ["docs/modules/02-two.md: line 22: /// exercise | single-choice: the exercise says `module: 5` but this "
         "page is module 2; change one to match (exercise-module)"]),
    "unknown exercise": (
        lambda: edit(TWO, "exercise | single-choice", "exercise | single-choise"),
        ["docs/modules/02-two.md: line 22: /// exercise | single-choise: no such exercise; valid ids: "
         "single-choice (exercise-known)",
         "exercises/single-choice.yml: id: exercise 'single-choice' is on no page; put "
         "'/// exercise | single-choice' on the page of module 2 (exercise-placed)"]),
    "unknown source": (
        lambda: edit(TWO, "sources: [post]", "sources: [pots]"),
        ["docs/modules/02-two.md: front matter: sources: 'pots' is not a source; expected one of the anchors on "
         "docs/about-the-sources.md: post (module-front-matter)"]),
    "misspelt front matter key": (
        lambda: edit(TWO, "teaching: 10", "teching: 10"),
        ["docs/modules/02-two.md: front matter: teaching: missing (module-front-matter)",
         "docs/modules/02-two.md: front matter: teching: unknown key; expected title, description, module, "
         "teaching, exercises, sources (module-front-matter)"]),
    "heading not the title": (
        lambda: edit(TWO, "# Two", "# Two and a half"),
        ["docs/modules/02-two.md: line 10: the first line should be the heading `# Two`, found '# Two and a half' "
         "(first-heading)"]),
    "block missing": (
        lambda: edit(TWO, "/// discuss\nTalk.\n///\n", ""),
        ["docs/modules/02-two.md: blocks: no /// discuss block; every module has one (module-blocks)"]),
    "scene missing beyond the Welcome": (
        lambda: edit(TWO, "/// scene | A scene\nA short story.\n///\n", ""),
        ["docs/modules/02-two.md: blocks: no /// scene block; every module but the Welcome has one "
         "(module-blocks)"]),
    "too short": (
        lambda: edit(TWO, PROSE, "Hello."),
        ["docs/modules/02-two.md: prose: 11 words; a module runs to 500–1,200 (module-length)"]),
    "hard to read": (
        lambda: edit(TWO, PROSE, "Notwithstanding considerable organisational heterogeneity, practitioners "
                     "systematically operationalise multifaceted communicative methodologies. " * 50),
        None),
    "unknown block": (
        lambda: edit(TWO, "/// discuss", "/// discussion"),
        ["docs/modules/02-two.md: blocks: no /// discuss block; every module has one (module-blocks)",
         "docs/modules/02-two.md: line 29: /// discussion: the kit has no such block; see the Adapting page for "
         "the blocks (known-block)"]),
    "a picture that is not there": (
        lambda: edit(TWO, "/// scene | A scene\n", "/// scene | A scene\n    picture: pub\n    alt: A pub.\n"),
        ["docs/modules/02-two.md: line 18: /// scene | A scene: picture: no such picture 'pub' in "
         "docs/assets/mingle/pictures; valid: none yet (block-options)"]),
    "a diagram with an icon too many": (
        lambda: edit(TWO, "/// checklist | list-2\n", "/// checklist | list-2\n    diagram: steps\n    caption: Two\n"
                     "    icons: material-eye material-heart\n"),
        ["docs/modules/02-two.md: line 25: /// checklist | list-2: icons: 2 icons for 1 items; give one each "
         "(block-options)"]),
    "options that are not YAML": (
        lambda: edit(TWO, "/// scene | A scene\n", "/// scene | A scene\n    alt: \"A pub\" again\n"),
        ["docs/modules/02-two.md: line 18: /// scene | A scene: the options are not valid YAML (option line 1): "
         "quote a value that holds a colon or starts with a quote mark (block-options)"]),
    "module number used twice": (
        lambda: edit(TWO, "module: 2", "module: 0"),
        None),
    # Said once, by the page: not again by the plans (which read the same front matter), and the exercise on the
    # page is still on a page.
    "front matter that is not YAML": (
        lambda: edit(TWO, "module: 2", "module: [2"),
        ["docs/modules/02-two.md: front matter: not valid YAML at line 5, column 9: expected ',' or ']', but got "
         "':' (front-matter)"]),
    "minutes that are not minutes": (
        lambda: edit(TWO, "teaching: 10", "teaching: lots"),
        ["docs/modules/02-two.md: front matter: teaching: expected whole minutes (1 or more), got 'lots' "
         "(module-front-matter)"]),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_is_one_line_naming_file_place_and_rule(kit, mistake):
    make, expected = MISTAKES[mistake]
    make()
    found = lines(kit)
    if expected is not None:
        assert found == expected
    assert found and all(line.count(": ") >= 2 and line.endswith(")") for line in found), found


def test_a_hard_page_names_its_reading_grade(kit):
    MISTAKES["hard to read"][0]()
    found = lines(kit)
    assert len(found) == 1 and found[0].startswith("docs/modules/02-two.md: prose: reads at Flesch-Kincaid grade ")
    assert found[0].endswith(", above 9; use shorter sentences and everyday words (reading-grade)")
    assert check_course(kit).problems == ()  # the site build leaves readability to `mingle check` and the tests


def test_two_modules_with_one_number_are_both_named(kit):
    MISTAKES["module number used twice"][0]()
    assert ("docs/modules/02-two.md: front matter: module: module 0 is also docs/modules/00-welcome.md; give each "
            "module its own number (module-number)") in lines(kit)


def test_a_plan_that_overruns_is_a_warning_not_a_problem(kit):
    edit(Path("data/sessions.yml"), "minutes: 45", "minutes: 35")
    report = check_course(kit)
    assert report.problems == ()
    assert [str(w) for w in report.warnings] == [
        "data/sessions.yml: plans[0]: plan '45' runs 45 minutes, 10 more than its 35; shorten a slot or give the plan "
        "more minutes (plan-fits)"]


def mingle(*args: str) -> subprocess.CompletedProcess:
    """`python -m mingle` in the current folder."""
    return subprocess.run([sys.executable, "-m", "mingle", *args], capture_output=True, text=True, timeout=120)


def test_mingle_check_prints_warnings_and_exits_0(kit):
    edit(Path("data/sessions.yml"), "minutes: 45", "minutes: 35")
    done = mingle("check")
    assert (done.returncode, done.stdout) == (0, "4 pages and 1 exercise files keep the content rules\n")
    assert done.stderr.startswith("mingle: warning: data/sessions.yml: plans[0]: plan '45' runs 45 minutes, "
                                  "10 more than its 35")


def test_mingle_check_prints_each_problem_and_exits_1(kit):
    MISTAKES["checklist id used twice"][0]()
    done = mingle("check")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"mingle: {MISTAKES['checklist id used twice'][1][0]}\n"


def render(kit: Path, show_errors: bool) -> str:
    """A page through the kit's extension with the content rules on, as mkdocs.yml sets it."""
    ext = blocks.makeExtension(exercises_dir="exercises", docs_dir="docs", course_rules=True, show_errors=show_errors)
    html = markdown.Markdown(extensions=[ext]).convert("# A page\n")
    # Present mode's marks (tested in test_blocks.py) are left out here: these tests are about the alert.
    return re.sub(r' data-slide-part="[^"]*"', "", html)


def test_the_build_stops_on_the_same_problems(kit):
    MISTAKES["exercise on another module's page"][0]()
    with pytest.raises(KitBuildError) as err:
        render(kit, show_errors=False)
    assert list(err.value.problems) == MISTAKES["exercise on another module's page"][1]


def test_under_serve_the_problems_show_on_the_page_instead(kit, capsys):
    MISTAKES["exercise on another module's page"][0]()
    html = render(kit, show_errors=True)
    assert html.startswith('<div class="admonition failure mingle-build-error" role="alert">')
    assert "(exercise-module)</li>" in html and html.endswith("<h1>A page</h1>")
    assert "mingle: docs/modules/02-two.md" in capsys.readouterr().err


def test_under_serve_a_broken_exercise_file_shows_in_place_of_the_exercise(kit):
    write(Path("exercises/single-choice.yml"), "id: [\n")
    html = markdown.Markdown(extensions=[blocks.makeExtension(exercises_dir="exercises", show_errors=True)]).convert(
        "/// exercise | single-choice\n///\n")
    assert 'role="alert"' in html and "exercises/single-choice.yml: not valid YAML at line 2" in html


def test_under_serve_a_fix_saved_within_the_clock_s_resolution_clears_the_alert(kit):
    path = Path("exercises/single-choice.yml")
    before = path.stat()
    MISTAKES["exercise on another module's page"][0]()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same timestamp: only the bytes differ
    assert 'role="alert"' in render(kit, show_errors=True)
    edit(path, "module: 5", "module: 2")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert render(kit, show_errors=True) == "<h1>A page</h1>"


def test_a_clean_course_renders_no_alert(kit):
    assert render(kit, show_errors=True) == "<h1>A page</h1>"


def test_the_rules_know_exactly_the_blocks_the_extension_registers():
    md = markdown.Markdown(extensions=[blocks.makeExtension()])
    assert set(md.parser.blockprocessors["blocks"].blocks) == set(rules.BLOCKS)


def test_the_adapting_page_shows_the_rules_from_their_data():
    page = (ROOT / "docs" / "presenters" / "adapting.md").read_text(encoding="utf-8")
    assert "\n/// content-rules\n///\n" in page
    html = markdown.markdown("/// content-rules\n///\n", extensions=[blocks.makeExtension()])
    for rule in rules.RULES:
        assert f'<tr id="rule-{rule.name}">\n<td><code>{rule.name}</code></td>' in html


# --- the same rules over whatever course is in the repo ------------------------------------------------------

def test_the_course_in_the_repo_keeps_every_rule(monkeypatch):
    monkeypatch.chdir(ROOT)
    report = check_course(Path("."), readability=True)
    assert report.problems == ()
    assert report.pages and report.exercises


def test_the_course_in_the_repo_passes_mingle_check(monkeypatch):
    monkeypatch.chdir(ROOT)
    done = mingle("check")
    assert (done.returncode, done.stdout.endswith(" exercise files keep the content rules\n")) == (0, True), done.stderr


def test_a_slide_over_the_budget_stops_mingle_check_naming_page_and_slide(kit):
    assert mingle("check").returncode == 0  # the small course's slides fit
    many = "".join(f"- Point number {n} to remember on the wall.\n" for n in range(rules.SLIDE_ITEMS + 1))
    edit(TWO, "/// key-points\n- Done.\n", f"## To take away\n\n/// key-points\n{many}")
    done = mingle("check")
    assert (done.returncode, done.stdout) == (1, "")
    words = 8 * (rules.SLIDE_ITEMS + 1)
    said = [re.sub(r"slide \d+ ", "slide N ", line) for line in done.stderr.splitlines()]
    assert sorted(said) == sorted([
        f"mingle: docs/modules/02-two.md: slide N (To take away): {words} words on the wall; a slide holds at most "
        f"{rules.SLIDE_WORDS}: move the rest to a paragraph, which the speaker's notes take (slide-budget)",
        f"mingle: docs/modules/02-two.md: slide N (To take away): a list of {rules.SLIDE_ITEMS + 1} items; a slide "
        f"holds at most {rules.SLIDE_ITEMS} (slide-budget)"])


def test_a_slide_block_is_the_sections_wall_and_its_other_parts_go_to_the_notes(kit):
    long = "".join(f"- A long line of words, number {n}, for the page.\n" for n in range(rules.SLIDE_ITEMS + 1))
    edit(TWO, "/// key-points", f"## More\n\n{long}\n/// slide\n- Short.\n///\n\n/// key-points")
    done = mingle("check")
    assert (done.returncode, done.stderr) == (0, "")
