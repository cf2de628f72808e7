"""One exit code for one kind of problem in every subcommand: 0 done, 1 problems in the input, 2 usage, 3 a bug."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from mingle import cli
from mingle.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "exercises"
CONFIG = str(ROOT / "mkdocs.yml")
CLOCK = "expected HH:MM on the 24-hour clock, such as 09:30"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of main(argv)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every command path (`grade`, `new module`, ...) under a parser, with the parser that reads it."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield (*path, name), child
                yield from _commands(child, (*path, name))


COMMAND_PATHS = [path for path, _ in _commands(build_parser())]


def subcommands() -> list[str]:
    """Every top-level subcommand."""
    return [path[0] for path in COMMAND_PATHS if len(path) == 1]


def test_a_missing_exercises_folder_is_a_usage_error_in_every_subcommand_that_reads_one(capsys, tmp_path):
    nope = str(tmp_path / "nope")
    assert run(capsys, "check", nope) == (2, "", f"mingle: {nope}: no such exercises folder\n")
    usage = f"mingle: {nope}: no such exercises folder (run in the kit's folder, or give --exercises DIR)\n"
    assert run(capsys, "grade", "--exercises", nope, "a.json") == (2, "", usage)
    assert run(capsys, "template", "--exercises", nope) == (2, "", usage)


def test_an_unknown_id_on_the_command_line_is_a_usage_error(capsys):
    code, out, err = run(capsys, "template", "--exercises", str(FIXTURES), "no-such-exercise")
    assert (code, out) == (2, "")
    assert err.startswith("mingle: template: unknown exercise 'no-such-exercise'; expected one of: ")
    code, out, err = run(capsys, "handouts", "--config", CONFIG, "--plan", "no-such-plan")
    assert (code, out) == (2, "")
    assert err.startswith("mingle: --plan no-such-plan: no such session plan; expected one of: ")
    assert err.count("\n") == 1


@pytest.mark.parametrize("start", ["25:00", "9.30", "noon"])
def test_a_start_time_flag_that_is_no_time_is_a_usage_error(capsys, start):
    said = f"mingle: --start {start}: {CLOCK}\n"
    assert run(capsys, "handouts", "--config", CONFIG, "--start", start) == (2, "", said)


def test_missing_files_named_by_flags_are_usage_errors(capsys, tmp_path):
    assert run(capsys, "handouts", "--config", str(tmp_path / "mkdocs.yml")) == (
        2, "",
        f"mingle: {tmp_path / 'mkdocs.yml'}: no such MkDocs config; run from the kit's folder or pass --config\n")
    assert run(capsys, "handouts", "--config", CONFIG, "--event", str(tmp_path / "event.yml")) == (
        2, "", f"mingle: {tmp_path / 'event.yml'}: no such event file\n")


def test_a_bad_start_time_in_the_event_file_is_a_problem_in_that_file(capsys, tmp_path):
    event = tmp_path / "event.yml"
    event.write_text('title: Spring workshop\nstart: "25:00"\n', encoding="utf-8")
    assert run(capsys, "handouts", "--config", CONFIG, "--event", str(event)) == (
        1, "", f"mingle: {event}: start: {CLOCK}\n")


def test_an_unknown_plan_in_the_event_file_is_a_problem_in_that_file_in_the_flag_s_words(capsys, tmp_path):
    event = tmp_path / "event.yml"
    event.write_text("plan: 45\n", encoding="utf-8")
    code, out, err = run(capsys, "handouts", "--config", CONFIG, "--event", str(event))
    assert (code, out) == (1, "")
    assert err.startswith(f"mingle: {event}: plan: 45: no such session plan; expected one of: ")
    assert err.count("\n") == 1
    # The flag wins over the file, so a good --plan leaves nothing to say about the file's.
    code, _, err = run(capsys, "handouts", "--config", CONFIG, "--event", str(event), "--plan", "45")
    assert code == 2 and err.startswith("mingle: --plan 45: no such session plan; expected one of: ")


def test_problems_in_the_input_exit_1_one_prefixed_line_each(capsys, tmp_path):
    folder = tmp_path / "exercises"
    shutil.copytree(FIXTURES, folder)
    (folder / "single-choice.yml").write_text("id: single-choice\ntitle: [unclosed\n", encoding="utf-8")
    (folder / "checklist.yml").write_text("- a list\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(folder))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith(f"mingle: {folder}") for line in lines)
    code, out, err = run(capsys, "grade", "--exercises", str(FIXTURES), str(tmp_path / "missing.json"))
    assert code == 1
    assert err == f"mingle: {tmp_path / 'missing.json'}: no such file or folder\n"


def test_done_is_0(capsys):
    code, out, err = run(capsys, "template", "--exercises", str(FIXTURES), "single-choice")
    assert (code, err) == (0, "")
    assert out.startswith("learner,single-choice.")


def test_a_bug_is_3_with_one_line_and_the_traceback_only_with_debug(capsys, monkeypatch):
    def broken(args):
        raise RuntimeError("boom")
    monkeypatch.setattr(cli.template, "run", broken)
    assert run(capsys, "template", "--exercises", str(FIXTURES)) == (
        3, "", "mingle: internal error: RuntimeError: boom (run with --debug for details)\n")
    with pytest.raises(RuntimeError, match="boom"):
        main(["template", "--debug", "--exercises", str(FIXTURES)])
    with pytest.raises(RuntimeError, match="boom"):
        main(["--debug", "template", "--exercises", str(FIXTURES)])


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=" ".join)
def test_every_command_takes_debug_wherever_it_takes_help(capsys, path):
    code, out, err = run(capsys, *path, "--help")
    assert (code, err) == (0, "")
    assert "--debug" in out


@pytest.mark.parametrize("path", [()] + COMMAND_PATHS, ids=lambda path: " ".join(path) or "mingle")
def test_every_help_that_lists_exit_statuses_lists_all_four(capsys, path):
    _, out, _ = run(capsys, *path, "--help")
    if "exit status:" in out:
        listed = " ".join(out.split("exit status:", 1)[1].split())
        assert all(f"{code} " in listed for code in "0123"), listed
        assert "3 internal error (add --debug for the traceback)" in listed


def test_every_subcommand_is_a_module_with_add_parser_and_run():
    for module in cli.COMMANDS:
        assert callable(module.add_parser) and callable(module.run), module.__name__
        parser = module.add_parser(argparse.ArgumentParser().add_subparsers())
        assert parser.get_default("run") is module.run, module.__name__


def test_a_bad_option_is_a_usage_error_in_every_subcommand(capsys):
    for name in subcommands():
        code, out, err = run(capsys, name, "--no-such-option")
        assert (code, out) == (2, ""), name
        assert err.startswith("usage: mingle") and "error: " in err, name
