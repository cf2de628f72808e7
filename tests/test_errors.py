"""The kit's exceptions: problems sorted and printed one per line with file and key; which errors stop MkDocs
cleanly."""

from __future__ import annotations

import pytest

from mingle.errors import ExerciseError, KitBuildError, MingleError, Problem, ProblemsError, ReadError, UsageError


def test_a_problem_reads_file_key_and_message_or_file_and_message():
    assert str(Problem("exercises/a.yml", "items[2].answer", "expected one of the options")) == \
        "exercises/a.yml: items[2].answer: expected one of the options"
    assert str(Problem("exercises/a.yml", "", "not valid YAML")) == "exercises/a.yml: not valid YAML"


def test_several_problems_are_sorted_by_file_then_key_and_printed_one_per_line():
    err = ExerciseError([Problem("b.yml", "id", "missing"), Problem("a.yml", "title", "empty"),
                         Problem("a.yml", "bands", "missing")])
    assert [str(p) for p in err.problems] == ["a.yml: bands: missing", "a.yml: title: empty", "b.yml: id: missing"]
    assert str(err).splitlines() == ["a.yml: bands: missing", "a.yml: title: empty", "b.yml: id: missing"]


def test_every_kit_error_is_a_mingle_error_the_command_reports_in_one_line_each():
    for error in (UsageError("no such folder"), ReadError([Problem("p.md", "", "bad")]),
                  ExerciseError([Problem("e.yml", "", "bad")]), KitBuildError("stop")):
        assert isinstance(error, MingleError)
    assert issubclass(ReadError, ProblemsError) and issubclass(ExerciseError, ProblemsError)


def test_a_build_error_is_one_mkdocs_reports_without_a_traceback():
    from mkdocs.exceptions import PluginError

    assert issubclass(KitBuildError, PluginError)


def test_a_build_error_with_several_problems_says_its_heading_and_keeps_a_line_each():
    err = KitBuildError("the course breaks its content rules", ["a.md: title: missing", ReadError(
        [Problem("b.md", "front matter", "bad"), Problem("c.md", "", "worse")])])
    assert err.problems == ("a.md: title: missing", "b.md: front matter: bad", "c.md: worse")
    assert str(err) == "the course breaks its content rules"
    assert err.lines == ("the course breaks its content rules", *err.problems)
    assert str(KitBuildError("one problem")) == "one problem"


def test_the_site_logs_each_problem_on_a_line_of_its_own_as_it_stops(caplog):
    from mingle.site.problems import stop

    err = KitBuildError("invalid exercise files", ["a.yml: id: missing", "b.yml: title: empty"])
    with caplog.at_level("ERROR", logger="mkdocs.plugins.mingle"), pytest.raises(KitBuildError) as raised:
        stop(err)
    assert raised.value is err and str(err) == "invalid exercise files"
    assert [r.getMessage() for r in caplog.records] == ["mingle: a.yml: id: missing", "mingle: b.yml: title: empty"]
    caplog.clear()
    with caplog.at_level("ERROR", logger="mkdocs.plugins.mingle"), pytest.raises(KitBuildError):
        stop(KitBuildError("alone"))  # one problem: MkDocs says it itself
    assert caplog.records == []


def test_every_exception_the_kit_defines_lives_in_errors_py():
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "scripts" / "mingle"
    elsewhere = []
    for path in package.rglob("*.py"):
        if path.name == "errors.py" and path.parent == package:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    (getattr(base, "id", None) or getattr(base, "attr", "")).endswith(("Error", "Exception"))
                    for base in node.bases):
                elsewhere.append(f"{path.relative_to(package)}: {node.name}")
    assert elsewhere == []
