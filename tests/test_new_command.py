"""`mingle new`: skeletons that keep the content rules, the next steps named, and never a file overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from mingle.cli import main
from mingle.course.checks import check_course
from mingle.course.new_command import KINDS
from mingle.exercises import read_exercise

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def kit(course_copy) -> Path:
    """A copy of the course as the current folder (conftest's)."""
    return course_copy


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `mingle ...`."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def numbers() -> list[int]:
    """The module numbers the course has."""
    from mingle.course.new_command import module_numbers

    return sorted(module_numbers(Path("docs/modules")))


def test_a_new_module_takes_the_next_number_and_keeps_every_rule_but_length(kit, capsys):
    number = numbers()[-1] + 1
    page, exercise = f"docs/modules/{number:02d}-local-heroes.md", "exercises/local-heroes.yml"
    code, out, err = run(capsys, "new", "module", "Local heroes")
    assert (code, err) == (0, "")
    assert out.splitlines()[:3] == [f"wrote {page}", f"wrote {exercise}", "next:"]
    assert f"add modules/{number:02d}-local-heroes.md to the Course list under nav in mkdocs.yml" in out
    assert "data/sessions.yml" in out and "run make check" in out
    found = [str(p) for p in check_course(Path("."), readability=True).problems]
    assert len(found) == 1 and found[0].startswith(f"{page}: prose: ") and found[0].endswith("(module-length)")
    exercise_read, problems = read_exercise(Path(exercise))
    assert problems == [] and exercise_read.module == number and exercise_read.title == "Local heroes"


@pytest.mark.parametrize("kind", KINDS)
def test_a_new_exercise_of_each_kind_validates_and_says_where_to_put_it(kit, capsys, kind):
    from mingle.course.new_command import module_numbers

    number, page = max(module_numbers(Path("docs/modules")).items())
    code, out, err = run(capsys, "new", "exercise", f"my-{kind}", "--kind", kind, "--module", str(number))
    assert (code, err) == (0, "")
    exercise, problems = read_exercise(Path(f"exercises/my-{kind}.yml"))
    assert problems == [] and {i.kind for i in exercise.items} >= {kind} and exercise.module == number
    assert f"put it on {page} with the two lines '/// exercise | my-{kind}' and '///'" in out
    assert [str(p) for p in check_course(Path(".")).problems] == [
        f"exercises/my-{kind}.yml: id: exercise 'my-{kind}' is on no page; put '/// exercise | my-{kind}' on the "
        f"page of module {number} (exercise-placed)"]


def test_nothing_is_ever_overwritten(kit, capsys):
    there = sorted(Path("exercises").glob("*.yml"))[0]
    before = there.read_bytes()
    code, out, err = run(capsys, "new", "exercise", there.stem, "--kind", "single")
    assert (code, out) == (1, "")
    assert err == f"mingle: {there}: already there; nothing written (choose another name, or edit it)\n"
    assert there.read_bytes() == before
    assert run(capsys, "new", "module", "Local heroes")[0] == 0
    code, _, err = run(capsys, "new", "module", "Local heroes")
    assert code == 1 and "a module by that name is already there; nothing written" in err


def test_a_module_whose_exercise_exists_writes_neither(kit, capsys):
    Path("exercises/local-heroes.yml").write_text("id: local-heroes\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "module", "Local heroes")
    assert code == 1 and "exercises/local-heroes.yml: already there" in err
    assert not list(Path("docs/modules").glob("*-local-heroes.md"))


@pytest.mark.parametrize("argv, message", [
    (("new", "exercise", "Pub Manners", "--kind", "single"), "'Pub Manners': expected an id of lower-case letters"),
    (("new", "module", "!!!"), "the title needs at least one letter or digit"),
    (("new", "module", "Again", "--number", "0"), "--number 0: expected a free module number from 0 to 99;"),
    (("new", "module", "Too far", "--number", "100"), "--number 100: expected a free module number from 0 to 99"),
])
def test_a_bad_request_is_a_usage_error(kit, capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "") and err.startswith(f"mingle: {message}")


def test_an_unknown_kind_is_a_usage_error(kit, capsys):
    code, _, err = run(capsys, "new", "exercise", "x", "--kind", "essay")
    assert code == 2 and "invalid choice: 'essay'" in err


def test_outside_a_kit(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "new", "module", "Local heroes") == (
        2, "", "mingle: docs/modules: no such folder; run from the kit's folder\n")
