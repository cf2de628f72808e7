"""`mingle check`: exit codes (0 valid, 1 problems, 2 usage), one problem per line on stderr, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mingle import __version__
from mingle.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "exercises"
TOP_KEYS = "bands, choices, dimensions, id, intro, items, module, newcomer, pair, scale, title"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of main(argv)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_module(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -m mingle ...` in a real process."""
    return subprocess.run([sys.executable, "-m", "mingle", *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=60)


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the fixture exercises to break."""
    target = tmp_path / "exercises"
    shutil.copytree(FIXTURES, target)
    return target


# --- exit 0 -------------------------------------------------------------------------------------

def test_valid_folder(capsys):
    assert run(capsys, "check", str(FIXTURES)) == (0, f"7 exercise files valid in {FIXTURES}\n", "")


def test_the_real_exercises_are_valid(capsys):
    code, out, err = run(capsys, "check", str(ROOT / "exercises"))
    assert (code, err) == (0, "")
    assert out.endswith(f"exercise files valid in {ROOT / 'exercises'}\n")


def test_with_no_folder_the_whole_course_in_the_current_directory_is_checked():
    result = run_module("check")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith(" exercise files keep the content rules\n")


def test_with_no_folder_outside_a_kit_is_a_usage_error(tmp_path):
    result = run_module("check", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"mingle: {tmp_path}: no course here (expected docs/ and exercises/); run from the "
                             "kit's folder, or name a folder of exercise files\n")


# --- exit 1 -------------------------------------------------------------------------------------

def test_problems_one_per_line_on_stderr(capsys, folder):
    path = folder / "checklist.yml"
    path.write_text(path.read_text().replace("module: 7", "module: 100\ncolour: red"))
    assert run(capsys, "check", str(folder)) == (1, "", (
        f"mingle: {path}: colour: unknown key; expected one of: {TOP_KEYS}\n"
        f"mingle: {path}: module: expected a module number from 0 to 99, got 100\n"))


def test_problems_in_several_files_are_all_reported(capsys, folder):
    (folder / "matching.yml").write_text("id: [\n")
    (folder / "free-text.yml").write_text("")
    assert run(capsys, "check", str(folder)) == (1, "", (
        f"mingle: {folder / 'free-text.yml'}: the file is empty; expected an exercise (id, title, module, intro, "
        "items, bands)\n"
        f"mingle: {folder / 'matching.yml'}: not valid YAML at line 2, column 1: expected the node content, "
        "but found '<stream end>'\n"))


def test_missing_folder(capsys, tmp_path):
    said = f"mingle: {tmp_path / 'nope'}: no such exercises folder\n"
    assert run(capsys, "check", str(tmp_path / "nope")) == (2, "", said)


def test_folder_with_no_exercise_files(capsys, tmp_path):
    assert run(capsys, "check", str(tmp_path)) == (
        1, "", f"mingle: {tmp_path}: no exercise files (*.yml or *.yaml) found\n")


# --- exit 2 -------------------------------------------------------------------------------------

def test_no_command_prints_help_to_stderr(capsys):
    code, out, err = run(capsys)
    assert (code, out) == (2, "")
    assert err.startswith("usage: mingle") and "check" in err


def test_unknown_command(capsys):
    code, out, err = run(capsys, "chek")
    assert (code, out) == (2, "")
    assert "invalid choice: 'chek'" in err


def test_too_many_folders(capsys):
    code, out, err = run(capsys, "check", "a", "b")
    assert (code, out) == (2, "")
    assert "unrecognized arguments: b" in err


def test_unknown_option(capsys):
    code, out, err = run(capsys, "check", "--strict")
    assert (code, out) == (2, "")
    assert "unrecognized arguments: --strict" in err


# --- help, version and the module entry point ---------------------------------------------------

def test_help(capsys):
    code, out, err = run(capsys, "--help")
    assert (code, err) == (0, "")
    assert out.startswith("usage: mingle") and "check" in out


def test_check_help(capsys):
    code, out, _ = run(capsys, "check", "--help")
    assert code == 0 and "folder of exercise files to check on their own" in out


def test_version(capsys):
    assert run(capsys, "--version") == (0, f"mingle {__version__}\n", "")


def test_python_dash_m_mingle_help():
    result = run_module("--help")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("usage: mingle")


def test_console_script_help():
    script = Path(sys.executable).with_name("mingle")
    if not script.exists():
        pytest.skip("the mingle console script is not installed in this environment")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")


def test_python_dash_m_mingle_passes_the_exit_code_on(tmp_path):
    assert run_module("check", str(tmp_path)).returncode == 1
    assert run_module("nonsense").returncode == 2


# --- a broken file is a problem, never a traceback ----------------------------------------------

BROKEN = {
    "not-utf8.yml": "title: caf\xe9\n".encode("latin-1"),
    "not-yaml.yml": b"id: [\n",
    "tabs.yml": b"id: x\n\ttitle: y\n",
    "nul.yml": b"id: t\x00\n",
    "deep.yml": b"[" * 5000 + b"]" * 5000,
    "python-tag.yml": b"!!python/object/apply:os.system [echo hi]\n",
    "a-list.yml": b"- id: a-list\n",
    "empty.yml": b"",
    "booleans.yml": b"id: booleans\ntitle: yes\nmodule: no\nintro: on\nitems: off\nbands: true\n",
    "nested-junk.yml": b"id: nested-junk\ntitle: T\nmodule: 1\nintro: I\nitems: [[1], {kind: [x]}, {id: {a: 1}}]\n"
                       b"bands: [[], {min: a, max: b}]\nscale: {min: [], max: {}, labels: 7}\n"
                       b"choices: [1, {id: null}]\ndimensions: [x]\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_is_reported_without_a_traceback(tmp_path, capsys, name):
    (tmp_path / name).write_bytes(BROKEN[name])
    code, out, err = run(capsys, "check", str(tmp_path))  # in this process: any exception would fail the test
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines and all(line.startswith(f"mingle: {tmp_path / name}: ") for line in lines)


def test_a_folder_named_like_an_exercise_file(tmp_path):
    (tmp_path / "odd.yml").mkdir()
    result = run_module("check", str(tmp_path))
    said = f"mingle: {tmp_path / 'odd.yml'}: cannot read the file: Is a directory\n"
    assert (result.returncode, result.stderr) == (1, said)
