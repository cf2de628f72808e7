"""`mingle grade` and `mingle template` as a user meets them: exit code, standard output, standard error."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
import mingle1_samples
from grading_kit import FORMAT, GOOD, make_kit, sheet, write_sheet

from mingle.cli import main
from mingle.marking import grading

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def room(tmp_path):
    """A folder with the test kit and one good sheet; returns (kit folder, good sheet path)."""
    return make_kit(tmp_path), write_sheet(tmp_path / "good.json", GOOD)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def graded(out: str) -> dict:
    """Learners by source from --json output."""
    return {entry["source"]: entry for entry in json.loads(out)["learners"]}


def raw_code(data: dict) -> str:
    """An answer code around any JSON (a well-formed checksum over a body the site would never write)."""
    body = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return f"MINGLE1.{body}.{zlib.crc32(body.encode()):08x}"


GOOD_CODE = mingle1_samples.code("coded-quiz")


@dataclass
class Case:
    """One malformed input: what it is, what the user is told, and the exit code."""

    id: str
    name: str
    data: bytes | str | Callable[[Path], None]
    problems: list[str]
    exit: int = 1
    check: Callable[[dict], None] | None = field(default=None, repr=False)


def sheet_text(**fields) -> str:
    return json.dumps({"format": FORMAT, "learner": "Bad", **fields})


def learner(source_end: str, **expect):
    """A check that the learner read from the bad input was graded as expected."""
    def check(learners):
        [entry] = [v for k, v in learners.items() if k.endswith(source_end)]
        for key, value in expect.items():
            got = entry["exercises"]["quiz"][key] if key in ("score", "invalid", "unanswered", "band") else entry[key]
            assert got == value, (key, got)
    return check


def big(path: Path) -> None:
    with open(path, "wb") as file:
        file.truncate(2 * 1024 * 1024 + 1)


def loop(path: Path) -> None:
    os.symlink(path, path)


def no_sheets(path: Path) -> None:
    path.mkdir()
    (path / "notes.docx").write_bytes(b"PK\x03\x04")


DAMAGED = GOOD_CODE[:-1] + ("0" if GOOD_CODE[-1] != "0" else "1")
ROSTER = "learner,quiz.pick,quiz.done\n"

CASES = [
    # Not a sheet at all
    Case("not-json", "a.json", '{"format": ', ["not valid JSON: Expecting value (line 1, column 12)"]),
    Case("not-yaml", "a.yml", "learner: [oops\n",
         ["not valid YAML: expected ',' or ']', but got '<stream end>' (line 2, column 1)"]),
    Case("yaml-tag", "a.yaml", "format: !!python/object:os.system x\n",
         ["not valid YAML: could not determine a constructor for the tag "
          "'tag:yaml.org,2002:python/object:os.system' (line 1, column 9)"]),
    Case("prose", "notes.txt", "Thanks all, see you next week.\n", ["no answer sheet, roster or answer code found"]),
    Case("empty", "a.json", "", ["empty file"]),
    Case("blank", "a.json", "\n  \n\t", ["empty file"]),
    Case("deep", "a.json", "[" * 50_000, ["not valid JSON: nested too deeply"]),
    # Wrong shape
    Case("no-format", "a.json", json.dumps({"learner": "A", "answers": {}}),
         ['missing "format": expected "mingle.answers/1"']),
    Case("wrong-format", "a.json", sheet_text(answers={}).replace("answers/1", "answers/2"),
         ['unsupported format "mingle.answers/2": expected "mingle.answers/1"']),
    Case("format-number", "a.json", json.dumps({"format": 1, "answers": {}}),
         ['unsupported format 1: expected "mingle.answers/1"']),
    Case("top-list", "a.json", "[1, 2]",
         ["expected an answer sheet (a mapping with format, learner and answers), got a list"]),
    Case("no-answers", "a.json", sheet_text(), ['missing "answers": expected a mapping of exercise id to answers']),
    Case("answers-list", "a.json", sheet_text(answers=["quiz"]),
         ["answers: expected a mapping of exercise id to answers, got a list"]),
    Case("exercise-text", "a.json", sheet_text(answers={"quiz": "ask"}),
         ["answers.quiz: expected a mapping of item id to answer, got text"]),
    Case("learner-number", "a.json", json.dumps({"format": FORMAT, "learner": 12, "answers": {}}),
         ["learner: expected the learner's name as text, got a number"]),
    Case("duplicate-json", "a.json", '{"format": "mingle.answers/1", "learner": "A", "learner": "B", "answers": {}}',
         ['duplicate key "learner" (each key may appear only once)']),
    Case("duplicate-yaml", "a.yml", "format: mingle.answers/1\nanswers:\n  quiz: {pick: ask}\n  quiz: {pick: shout}\n",
         ["duplicate key 'quiz' (each key may appear only once) (line 4, column 3)"]),
    # Present but invalid answers: counted, never fatal (exit 0, nothing on standard error)
    Case("unknown-exercise", "a.json", sheet_text(answers={"nope": {"x": 1}, "quiz": {"pick": "ask"}}), [], 0,
         learner("a.json", unknown=["nope"], score=1)),
    Case("unknown-item", "a.json", sheet_text(answers={"quiz": {"pick": "ask", "extra": 1}}), [], 0,
         learner("a.json", invalid=["extra"], score=1)),
    Case("option-not-offered", "a.json", sheet_text(answers={"quiz": {"pick": "maybe", "who": "boss"}}), [], 0,
         learner("a.json", invalid=["pick", "who"], score=0)),
    Case("rating-out-of-range", "a.json", sheet_text(answers={"profile": {"joins": 5, "hides": -1, "listens": 4}}),
         [], 0,
         lambda ls: ls[next(k for k in ls if k.endswith("a.json"))]["exercises"]["profile"] == {
             "score": 4, "max": 12, "band": "At the edge", "unanswered": [], "invalid": ["joins", "hides"]}),
    Case("wrong-types", "a.json", sheet_text(answers={"quiz": {"pick": ["ask"], "several": "listen", "who": 1,
                                                                "done": "yes", "write": 5, "asks": 1}}), [], 0,
         learner("a.json", invalid=["pick", "several", "who", "done", "write", "asks"], score=0)),
    Case("nan-and-null", "a.json",
         '{"format": "mingle.answers/1", "answers": {"profile": {"joins": NaN, "hides": null}}}',
         [], 0,
         lambda ls: ls[next(k for k in ls if k.endswith("a.json"))]["exercises"]["profile"]["invalid"] == ["joins"]),
    # Encodings and junk
    Case("utf8-bom", "a.json", b"\xef\xbb\xbf" + sheet_text(answers={"quiz": {"pick": "ask"}}).encode(), [], 0,
         learner("a.json", score=1)),
    Case("utf16", "a.json", sheet_text(answers={"quiz": {"pick": "ask"}}).encode("utf-16"), [], 0,
         learner("a.json", score=1)),
    Case("utf16-no-bom", "a.json", sheet_text(answers={"quiz": {"pick": "ask"}}).encode("utf-16-le"), [], 0,
         learner("a.json", score=1)),
    Case("latin1", "a.json", sheet_text(answers={}).replace("Bad", "Zoë").encode("latin-1"),
         ["not UTF-8 text (binary data or another encoding); save it as UTF-8"]),
    Case("binary", "a.json", bytes(range(256)) * 4,
         ["binary data, not an answer sheet, a roster or text with answer codes"]),
    Case("pdf", "answers.json", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
         ["a PDF document, not an answer sheet, a roster or text with answer codes"]),
    Case("xlsx", "roster.csv", b"PK\x03\x04\x14\x00\x06\x00",
         ["a ZIP archive (an Excel or Word file?), not an answer sheet, a roster or text with answer codes"]),
    # Files and folders
    Case("too-large", "a.json", big, ["too large (2.0 MiB, the limit is 2 MiB per input)"]),
    Case("unreadable", "a.json", loop, ["cannot read: Too many levels of symbolic links"]),
    Case("missing", "a.json", lambda path: None, ["no such file or folder"]),
    Case("no-sheets", "folder", no_sheets,
         ["no answer sheets in this folder (looked for .json, .yaml, .yml, .csv, .tsv, .xlsx, .txt, .log, .eml, "
          ".mbox, .html, .htm files)"]),
    # Answer codes
    Case("damaged-code", "chat.txt", f"{DAMAGED}\nand the good one: {GOOD_CODE}\n",
         ["line 1: answer code fails its checksum (mistyped or cut)"], 1, learner("chat.txt:2", score=1)),
    Case("cut-code", "chat.txt", f"here: {GOOD_CODE[:40]}\n",
         ["line 1: answer code is cut short (no checksum at its end)"]),
    Case("prose-with-prefix", "chat.txt", "Paste your MINGLE1.@ code here\n",
         ["no answer sheet, roster or answer code found"]),
    Case("code-not-json", "chat.txt", f"MINGLE1.AAAA.{zlib.crc32(b'AAAA'):08x}\n",
         ["line 1: answer code cannot be decoded"]),
    Case("code-wrong-content", "chat.txt", raw_code({"n": "A", "x": 3}) + "\n",
         ["line 1: answer code does not hold a name, an exercise and answers"]),
    # CSV rosters
    Case("csv-no-learner", "room.csv", "name,quiz.pick\nAda,ask\n",
         ['no "learner" column in the header row (expected learner,<exercise>.<item>,...)']),
    Case("csv-unknown-column", "room.csv", "learner,quiz.pick,notes\nAda,ask,late\n",
         ['column 3 "notes": expected learner or <exercise>.<item>'], 1, learner("room.csv:2", score=1)),
    Case("csv-unknown-exercise", "room.csv", "learner,quiz.pick,quizz.done\nAda,ask,x\n",
         ['column 3 "quizz.done": unknown exercise "quizz" (did you mean "quiz"?)'], 1, learner("room.csv:2", score=1)),
    Case("csv-unknown-item", "room.csv", "learner,quiz.pick,quiz.don\nAda,ask,x\n",
         ['column 3 "quiz.don": exercise "quiz" has no item "don" (did you mean "done"?)'], 1,
         learner("room.csv:2", score=1)),
    Case("csv-extra-cells", "room.csv", ROSTER + "Ada,ask,x,oops\nBo,ask,\n",
         ["row 2: 4 cells but the header has 3 columns (an unquoted comma in an answer?); row skipped"], 1,
         learner("room.csv:3", score=1, learner="Bo")),
    Case("csv-header-only", "room.csv", ROSTER, ["no learner rows under the header row"]),
    Case("csv-unclosed-quote", "room.csv", ROSTER + 'Ada,"ask,x\nBo,ask,x\n',
         ["not a readable CSV: unexpected end of data (row 2)"]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_malformed_input_is_named_in_one_line_and_everything_else_is_graded(case, room, capsys):
    exercises, good = room
    bad = good.parent / case.name
    if callable(case.data):
        case.data(bad)
    else:
        bad.write_bytes(case.data.encode() if isinstance(case.data, str) else case.data)
    code, out, err = run(capsys, "grade", "--json", "--exercises", str(exercises), str(bad), str(good))
    assert err == "".join(f"mingle: {bad}: {p}\n" for p in case.problems)
    assert code == case.exit
    learners = graded(out)
    assert learners[str(good)]["exercises"]["quiz"]["score"] == 6  # the good sheet beside it is still graded
    assert json.loads(out)["rejected"] == [{"source": str(bad), "problem": p} for p in case.problems]
    if case.check:
        assert case.check(learners) is not False


def test_there_are_at_least_thirty_malformed_cases():
    assert len(CASES) >= 30


def test_every_input_graded_exits_0_with_nothing_on_stderr(room, capsys):
    exercises, good = room
    code, out, err = run(capsys, "grade", "--json", "--exercises", str(exercises), str(good))
    assert (code, err) == (0, "")
    assert json.loads(out) == {"learners": [{
        "learner": "Good Learner", "source": str(good),
        "exercises": {"quiz": {"score": 6, "max": 7, "band": "Well done", "unanswered": [], "invalid": []}},
        "total": 4, "max": 4, "unknown": []}], "rejected": []}  # the total: the marked items only


def test_the_default_output_is_a_table_and_a_cohort_summary(room, capsys):
    exercises, good = room
    other = write_sheet(good.parent / "bo.json", sheet("Bo", quiz={"pick": "shout", "several": ["spam"]},
                                                      profile={"joins": 1, "hides": 4, "listens": 9}))
    code, out, err = run(capsys, "grade", "--exercises", str(exercises), str(good), str(other))
    assert (code, err) == (0, "")
    assert out == (
        f"Good Learner  ·  {good}\n"
        "  quiz         6/7  Well done\n"
        f"Bo  ·  {other}\n"
        "  quiz         0/7  Keep going  (5 unanswered)\n"
        "  profile     1/12  At the edge  (1 invalid: listens)\n"
        "  marked       0/4\n"  # the total of the items with a right answer, not the sum of the rows
        "\n"
        "Cohort: 2 learners graded\n"
        "\n"
        "quiz: A quick quiz\n"
        "  learners 2   average 3.0/7   median 3   range 0–6\n"
        "  bands: Keep going 1 · Well done 1\n"
        "  most missed: kind-words (0% right), pick (50% right), several (50% right)\n"
        "  answers 5 unanswered\n"
        "\n"
        "profile: Which guest?\n"
        "  learners 1   average 1.0/12   median 1   range 1–1\n"
        "  bands: At the edge 1 · Mingling 0\n"
        "  most common weakest strand: The shouter (1)\n"
        "  answers 1 invalid\n")


def test_csv_output(room, capsys):
    exercises, good = room
    code, out, err = run(capsys, "grade", "--csv", "--exercises", str(exercises), str(good))
    assert (code, err) == (0, "")
    assert out == ("learner,source,exercise,score,max,band,unanswered,invalid\n"
                   f"Good Learner,{good},quiz,6,7,Well done,,\n")


def test_standard_input(room, capsys, monkeypatch):
    exercises, _ = room
    data = json.dumps(sheet("Piped", quiz={"pick": "ask"})).encode("utf-16")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = run(capsys, "grade", "--json", "--exercises", str(exercises), "-")
    assert (code, err) == (0, "")
    assert graded(out)["-"]["learner"] == "Piped"


def test_bad_standard_input_is_named_dash(room, capsys, monkeypatch):
    exercises, good = room
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, out, err = run(capsys, "grade", "--json", "--exercises", str(exercises), "-", str(good))
    assert (code, err) == (1, "mingle: -: empty input\n")
    assert str(good) in graded(out)


def test_no_standard_input_at_all_is_a_rejected_input_not_a_crash(room, capsys, monkeypatch):
    exercises, good = room
    monkeypatch.setattr(sys, "stdin", None)
    code, out, err = run(capsys, "grade", "--json", "--exercises", str(exercises), "-", str(good))
    assert (code, err) == (1, "mingle: -: cannot read: there is no standard input\n")
    assert str(good) in graded(out)


def test_codes_from_several_inputs_combine_and_the_last_counts(room, capsys):
    exercises, good = room
    chat = good.parent / "chat.txt"
    chat.write_text(f"{mingle1_samples.code('ada-quiz-shout')}\n{mingle1_samples.code('ada-profile')}\n")
    mail = good.parent / "mail.eml"
    mail.write_text(f"Sorry, this one: {mingle1_samples.code('ada-lower-quiz')}\n")
    code, out, err = run(capsys, "grade", "--json", "--exercises", str(exercises), str(chat), str(mail))
    assert (code, err) == (0, "")
    [ada] = json.loads(out)["learners"]
    assert ada["learner"] == "Ada" and ada["source"] == f"{mail}:1, {chat}:2"
    assert {k: v["score"] for k, v in ada["exercises"].items()} == {"quiz": 1, "profile": 4}


@pytest.mark.parametrize("argv, message", [
    ([], "the following arguments are required: INPUT"),
    (["--json", "--csv", "x"], "argument --csv: not allowed with argument --json"),
    (["--bogus", "x"], "unrecognized arguments: --bogus"),
])
def test_usage_errors_exit_2(argv, message, capsys):
    code, out, err = run(capsys, "grade", *argv)
    assert code == 2 and out == ""
    assert err.startswith("usage: mingle") and err.rstrip().endswith(message)


def test_usage_errors_found_after_parsing_exit_2_before_grading(room, capsys, tmp_path):
    exercises, good = room
    cases = [
        (["--exercises", str(tmp_path / "nope"), str(good)],
         f"mingle: {tmp_path / 'nope'}: no such exercises folder (run in the kit's folder, or give --exercises DIR)\n"),
        (["--exercises", str(exercises), "-", "-"], "mingle: - (standard input) can be given only once\n"),
        (["--exercises", str(exercises), "--html", str(tmp_path / "no" / "r.html"), str(good)],
         f"mingle: --html {tmp_path / 'no' / 'r.html'}: folder {tmp_path / 'no'} does not exist\n"),
        (["--exercises", str(exercises), "--html", str(tmp_path), str(good)],
         f"mingle: --html {tmp_path}: is a folder; give a file name\n"),
        (["--exercises", str(exercises), "--feedback", str(good), str(good)],
         f"mingle: --feedback {good}: cannot make the folder: File exists\n"),
    ]
    for argv, message in cases:
        assert run(capsys, "grade", *argv) == (2, "", message)


def test_the_exercises_folder_defaults_to_exercises_in_the_current_folder(room, capsys, monkeypatch):
    exercises, good = room
    monkeypatch.chdir(exercises.parent)
    code, out, err = run(capsys, "grade", "--json", "good.json")
    assert (code, err) == (0, "") and graded(out)["good.json"]["total"] == 4


def test_invalid_exercise_files_stop_grading_with_each_problem(room, capsys):
    exercises, good = room
    (exercises / "broken.yml").write_text("id: broken\n")
    code, out, err = run(capsys, "grade", "--exercises", str(exercises), str(good))
    assert code == 1 and out == ""
    assert f"mingle: {exercises / 'broken.yml'}: intro: missing required key" in err.splitlines()


def test_a_bug_is_one_line_unless_debug(room, capsys, monkeypatch):
    exercises, good = room

    def boom(*args):
        raise RuntimeError("boom")
    monkeypatch.setattr(grading, "grade", boom)
    assert run(capsys, "grade", "--exercises", str(exercises), str(good)) == (
        3, "", "mingle: internal error: RuntimeError: boom (run with --debug for details)\n")
    for argv in (["--debug", "grade"], ["grade", "--debug"]):
        with pytest.raises(RuntimeError):
            main([*argv, "--exercises", str(exercises), str(good)])


def test_as_a_real_process_no_traceback_ever(room, tmp_path):
    exercises, good = room
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00\xff" * 100)
    done = subprocess.run([sys.executable, "-m", "mingle", "grade", "--exercises", str(exercises), str(bad), str(good)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert done.stderr == f"mingle: {bad}: binary data, not an answer sheet, a roster or text with answer codes\n"
    assert "Traceback" not in done.stdout + done.stderr and "Good Learner" in done.stdout


def test_html_and_feedback_files_are_written_whole(room, capsys, tmp_path):
    exercises, good = room
    report, pages = tmp_path / "out" / "debrief.html", tmp_path / "out" / "feedback"
    report.parent.mkdir()
    code, out, err = run(capsys, "grade", "--exercises", str(exercises), "--html", str(report),
                         "--feedback", str(pages), str(good))
    assert (code, err) == (0, "")
    assert out.endswith(f"\nDebrief page: {report}\nFeedback pages: {pages / 'index.html'}\n")
    assert report.read_text().startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in pages.iterdir()) == ["good-learner.html", "index.html"]
    assert sorted(p.name for p in report.parent.iterdir()) == ["debrief.html", "feedback"]  # no temporary files left


def test_a_broken_activity_file_stops_the_debrief_page_with_its_file_key_and_reason(room, capsys, tmp_path):
    exercises, good = room
    (tmp_path / "activities").mkdir()
    (tmp_path / "activities" / "pick.yml").write_text("id: pick\nkind: poll\nquestion: Which?\n", encoding="utf-8")
    code, out, err = run(capsys, "grade", "--exercises", str(exercises), "--html", str(tmp_path / "d.html"),
                         str(good))
    assert (code, out) == (1, "")
    assert err == f"mingle: {tmp_path / 'activities' / 'pick.yml'}: options: missing required key\n"
    assert not (tmp_path / "d.html").exists()
    assert run(capsys, "grade", "--exercises", str(exercises), str(good))[0] == 0  # without the page, as before


def test_json_stays_clean_when_files_are_also_written(room, capsys, tmp_path):
    exercises, good = room
    code, out, err = run(capsys, "grade", "--json", "--exercises", str(exercises), "--html", str(tmp_path / "r.html"),
                         str(good))
    assert (code, err) == (0, "") and json.loads(out)["learners"][0]["total"] == 4


def test_inputs_are_never_modified(room, capsys):
    exercises, good = room
    before = (good.read_bytes(), good.stat().st_mtime_ns)
    run(capsys, "grade", "--exercises", str(exercises), "--feedback", str(good.parent / "fb"), str(good.parent))
    assert (good.read_bytes(), good.stat().st_mtime_ns) == before


def test_template_prints_the_empty_roster(room, capsys):
    exercises, _ = room
    code, out, err = run(capsys, "template", "--csv", "--exercises", str(exercises), "profile")
    assert (code, err) == (0, "")
    assert out == ("learner,profile.joins,profile.hides,profile.listens\n"
                   "# question,I join discussions.,I stay quiet.,I ask what people think.\n"
                   "# type,0 (Never) to 4 (Always),0 (Never) to 4 (Always),0 (Never) to 4 (Always)\n")


def test_template_defaults_to_every_exercise_in_course_order(room, capsys):
    exercises, _ = room
    code, out, _ = run(capsys, "template", "--exercises", str(exercises))
    assert code == 0 and out.startswith("learner,quiz.pick,") and ",profile.joins," in out


def test_template_unknown_exercise_is_a_usage_error(room, capsys):
    exercises, _ = room
    assert run(capsys, "template", "--exercises", str(exercises), "quiz", "nope") == (
        2, "", "mingle: template: unknown exercise 'nope'; expected one of: quiz, profile\n")


def test_a_filled_template_grades(room, capsys, tmp_path):
    exercises, _ = room
    run(capsys, "template", "--exercises", str(exercises), "quiz")
    code, out, _ = run(capsys, "template", "--exercises", str(exercises), "quiz")
    roster = tmp_path / "paper.csv"
    roster.write_text(out + "Ada,ask,listen;help,doer,x,Hi?,x,\n")
    code, out, err = run(capsys, "grade", "--json", "--exercises", str(exercises), str(roster))
    assert (code, err) == (0, "")
    assert graded(out)[f"{roster}:4"]["exercises"]["quiz"] == {
        "score": 6, "max": 7, "band": "Well done", "unanswered": [], "invalid": []}
