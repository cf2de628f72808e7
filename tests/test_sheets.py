"""Reading grading inputs: bytes to text, sheet shapes, answer codes in text, files, folders and CSV rosters."""

from __future__ import annotations

import json
import os
import threading

import pytest
import mingle1_samples
from grading_kit import FORMAT, kit, sheet

from mingle.grade import inputs, roster
from mingle.marking import sheets
from mingle.errors import InputProblem
from mingle.marking.sheets import Code, Rejected, Sheet


@pytest.fixture(scope="module")
def exercises(tmp_path_factory):
    return kit(tmp_path_factory.mktemp("kit"))


def parsed(data, exercises, source="in.json"):
    """Everything one input yields, from text or bytes."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return list(inputs.parse(raw, source, exercises))


def problem(data, exercises, source="in.json") -> str:
    """The single problem one bad input yields."""
    [found] = parsed(data, exercises, source)
    assert isinstance(found, Rejected), found
    return found.problem


# --- bytes to text -------------------------------------------------------------------------------------------

TEXT = '{"format": "mingle.answers/1", "learner": "Zoë", "answers": {}}'


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),  # with BOM, as Windows PowerShell writes
    b"\xfe\xff" + TEXT.encode("utf-16-be"),
    TEXT.encode("utf-16-le"),  # no BOM: recognised by its NULs
    TEXT.encode("utf-16-be"),
    TEXT.encode("utf-32"),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-bare", "utf16be-bare", "utf32"])
def test_every_unicode_encoding_a_tool_may_write_is_read(data):
    assert inputs.decode(data) == TEXT


@pytest.mark.parametrize("data, message", [
    (b"%PDF-1.7 ...", "a PDF document, not an answer sheet, a roster or text with answer codes"),
    (b"PK\x03\x04 rest",
     "a ZIP archive (an Excel or Word file?), not an answer sheet, a roster or text with answer codes"),
    (b"\x89PNG\r\n\x1a\n...", "a PNG image, not an answer sheet, a roster or text with answer codes"),
    (b"\x00\x01\x02\x03\xff\xfe\x00", "binary data, not an answer sheet, a roster or text with answer codes"),
    ("caf\u00e9".encode("latin-1"), "not UTF-8 text (binary data or another encoding); save it as UTF-8"),
    (b"\xff\xfe\x00\xd8", "not UTF-16 text (binary data or another encoding); save it as UTF-8"),
])
def test_bytes_that_are_not_text_are_named(data, message):
    with pytest.raises(InputProblem) as err:
        inputs.decode(data)
    assert err.value.problem == message


# --- JSON and YAML -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, message", [
    ('{"a": 1, "a": 2}', 'duplicate key "a" (each key may appear only once)'),
    ('{"a": {"b": 1, "b" : 2}}', 'duplicate key "b" (each key may appear only once)'),
    ('{"a": [{"c": 1, "c": 1}]}', 'duplicate key "c" (each key may appear only once)'),
    ('{"a": ', "not valid JSON: Expecting value (line 1, column 7)"),
    ("[" * 100_000, "not valid JSON: nested too deeply"),
])
def test_json_problems(text, message):
    with pytest.raises(InputProblem) as err:
        sheets.load_json(text)
    assert err.value.problem == message


def test_json_quote_colon_inside_a_string_is_not_taken_for_a_duplicate():
    text = '{"a": "he said \\"hi\\": twice", "b": {"c": "\\":"}}'
    assert sheets.load_json(text) == json.loads(text)


def test_json_number_too_long_is_a_problem_not_a_crash():
    with pytest.raises(InputProblem) as err:
        sheets.load_json('{"a": ' + "9" * 5000 + "}")
    assert err.value.problem.startswith("not valid JSON: Exceeds the limit")


@pytest.mark.parametrize("text, message", [
    ("a: 1\na: 2\n", "duplicate key 'a' (each key may appear only once) (line 2, column 1)"),
    ("learner: [oops\n", "not valid YAML: expected ',' or ']', but got '<stream end>' (line 2, column 1)"),
    ("a: !!python/object:os.system x\n", "not valid YAML: could not determine a constructor for the tag "
                                          "'tag:yaml.org,2002:python/object:os.system' (line 1, column 4)"),
])
def test_yaml_problems(text, message):
    with pytest.raises(InputProblem) as err:
        sheets.load_yaml(text)
    assert err.value.problem == message


# --- sheet shape ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("data, message", [
    ([], "expected an answer sheet (a mapping with format, learner and answers), got a list"),
    ("hello", "expected an answer sheet (a mapping with format, learner and answers), got text"),
    ({"learner": "A", "answers": {}}, 'missing "format": expected "mingle.answers/1"'),
    ({"format": "mingle.answers/2", "answers": {}},
     'unsupported format "mingle.answers/2": expected "mingle.answers/1"'),
    ({"format": 1, "answers": {}}, 'unsupported format 1: expected "mingle.answers/1"'),
    ({"format": FORMAT, "learner": 7, "answers": {}}, "learner: expected the learner's name as text, got a number"),
    ({"format": FORMAT, "learner": "A"}, 'missing "answers": expected a mapping of exercise id to answers'),
    ({"format": FORMAT, "answers": ["quiz"]}, "answers: expected a mapping of exercise id to answers, got a list"),
    ({"format": FORMAT, "answers": {"quiz": "ask"}}, "answers.quiz: expected a mapping of item id to answer, got text"),
])
def test_sheet_shape_problems(data, message):
    with pytest.raises(InputProblem) as err:
        sheets.sheet(data, "x.json")
    assert err.value.problem == message


def test_sheet_values_are_left_to_the_scorer_and_extra_keys_ignored():
    data = {"format": FORMAT, "learner": " Ada  Lovelace ", "exported": "2026-01-01",
            "answers": {"quiz": {"pick": 42}, "other": None}}
    assert sheets.sheet(data, "x.json") == Sheet("Ada Lovelace", "x.json", {"quiz": {"pick": 42}, "other": {}})


@pytest.mark.parametrize("raw, name", [
    ("", "(no name)"),
    ("   ", "(no name)"),
    ("Ada\x1b[31m Red", "Ada [31m Red"),
    ("evil\u202eeman", "evil eman"),
    ("Zoe\u0308", "Zoë"),
    ("x" * 200, "x" * 79 + "…"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),  # kept as text; every output escapes it
])
def test_learner_names_are_made_safe_to_show(raw, name):
    assert sheets.clean_name(raw) == name


def test_oneline_keeps_a_message_on_one_line():
    assert sheets.oneline("a\nb\x1bc") == "a b\\x1bc"


# --- what an input is ----------------------------------------------------------------------------------------

def test_json_sheet(exercises):
    assert parsed(json.dumps(sheet("Ada", quiz={"pick": "ask"})), exercises) == [
        Sheet("Ada", "in.json", {"quiz": {"pick": "ask"}})]


def test_yaml_sheet_by_suffix_and_by_content(exercises):
    text = "format: mingle.answers/1\nlearner: Ada\nanswers:\n  quiz:\n    done: yes\n"
    expected = Sheet("Ada", "in.yml", {"quiz": {"done": True}})
    assert parsed(text, exercises, "in.yml") == [expected]
    assert parsed(text, exercises, "-") == [Sheet("Ada", "-", {"quiz": {"done": True}})]


def test_codes_are_found_anywhere_in_text(exercises):
    first, second = mingle1_samples.code("ada-quiz"), mingle1_samples.code("bo-profile")
    text = f"10:01 Ada: here you go {first} thanks!\n10:02 Bo:\n>{second}<\n"
    assert parsed(text, exercises, "chat.txt") == [
        Code("Ada", "quiz", {"pick": "ask"}, "chat.txt", 1), Code("Bo", "profile", {"joins": 3}, "chat.txt", 3)]


def test_codes_in_a_forms_csv_export(exercises):
    code = mingle1_samples.code("ada-quiz")
    text = f'Timestamp,Name,Code\n2026-01-01 10:00,Ada,"{code}"\n'
    assert parsed(text, exercises, "form.csv") == [Code("Ada", "quiz", {"pick": "ask"}, "form.csv", 2)]


def test_damaged_codes_are_rejected_with_their_line_and_the_rest_still_read(exercises):
    good = mingle1_samples.code("ada-quiz")
    typo = good[:-3] + ("0" if good[-3] != "0" else "1") + good[-2:]
    text = f"{typo}\n{good[:20]}\n{good}\n"
    assert parsed(text, exercises, "chat.txt") == [
        Rejected("chat.txt", "line 1: answer code fails its checksum (mistyped or cut)"),
        Rejected("chat.txt", "line 2: answer code is cut short (no checksum at its end)"),
        Code("Ada", "quiz", {"pick": "ask"}, "chat.txt", 3)]


def test_codes_cut_by_quoted_printable_email_lines_are_joined(exercises):
    code = mingle1_samples.code("ada-quiz")
    wrapped = "=\n".join(code[i:i + 70] for i in range(0, len(code), 70))
    text = f"Content-Transfer-Encoding: quoted-printable\n\nMy code: {wrapped}\n"
    [found] = parsed(text, exercises, "mail.eml")
    assert isinstance(found, Code) and found.answers == {"pick": "ask"}


@pytest.mark.parametrize("text, source, message", [
    ("", "a.json", "empty file"),
    ("  \n\t\n", "a.json", "empty file"),
    ("", "-", "empty input"),
    ("Thanks everyone, see you next week!", "chat.txt", "no answer sheet, roster or answer code found"),
    ("Thanks, see you\n", "notes.json", "not valid JSON: Expecting value (line 1, column 1)"),
    ("learner: [oops\n", "a.yaml", "not valid YAML: expected ',' or ']', but got '<stream end>' (line 2, column 1)"),
    ("just words\n", "a.yml", "expected an answer sheet (a mapping with format, learner and answers), got text"),
])
def test_inputs_with_nothing_to_grade(text, source, message, exercises):
    assert problem(text, exercises, source) == message


# --- files and folders ---------------------------------------------------------------------------------------

def test_read_bytes_problems(tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as file:
        file.truncate(inputs.LIMIT + 1)
    loop = tmp_path / "loop.json"
    os.symlink(loop, loop)
    cases = {str(tmp_path / "missing.json"): "no such file or folder",
             str(big): "too large (2.0 MiB, the limit is 2 MiB per input)",
             str(loop): "cannot read: Too many levels of symbolic links",
             str(tmp_path): "is a folder"}
    for path, message in cases.items():
        with pytest.raises(InputProblem) as err:
            inputs.read_bytes(path)
        assert err.value.problem == message, path


def test_a_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "full.json"
    path.write_bytes(b" " * inputs.LIMIT)
    assert len(inputs.read_bytes(str(path))) == inputs.LIMIT


def test_a_named_pipe_is_read_to_its_end_in_pieces(tmp_path):
    fifo = tmp_path / "chat.txt"
    os.mkfifo(fifo)
    body = b"MINGLE1." + b"x" * 200_000  # several pipe buffers' worth

    def write():
        with open(fifo, "wb") as pipe:
            pipe.write(body)
    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert inputs.read_bytes(str(fifo)) == body
    finally:
        writer.join(timeout=10)


def test_an_endless_device_stops_one_byte_past_the_limit():
    with pytest.raises(InputProblem) as err:
        inputs.read_bytes("/dev/zero")
    assert err.value.problem == "too large (the limit is 2 MiB per input)"


def test_folders_are_read_recursively_sorted_skipping_hidden_and_other_files(tmp_path):
    for name in ["b.json", "a.yml", "notes.docx", ".hidden.json", "sub/c.csv", "sub/deeper/d.txt", ".git/e.json"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [os.path.relpath(p, tmp_path) for p in inputs.folder_files(str(tmp_path))]
    assert found == ["a.yml", "b.json", "sub/c.csv", "sub/deeper/d.txt"]


def test_an_unreadable_subfolder_is_reported_in_its_place_and_the_rest_still_read(tmp_path, monkeypatch):
    for name in ["a.json", "locked/b.json", "open/c.json"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    scandir = os.scandir

    def refusing(path):
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)
    monkeypatch.setattr(os, "scandir", refusing)
    found = [p if isinstance(p, Rejected) else os.path.relpath(p, tmp_path) for p in inputs.folder_files(str(tmp_path))]
    assert found == ["a.json", Rejected(str(tmp_path / "locked"), "cannot read folder: Permission denied"),
                     os.path.join("open", "c.json")]


def test_a_folder_that_cannot_be_read_is_reported_once(tmp_path, monkeypatch):
    def refusing(path):
        raise PermissionError(13, "Permission denied", path)
    monkeypatch.setattr(os, "scandir", refusing)
    assert list(inputs.folder_files(str(tmp_path))) == [Rejected(str(tmp_path),
                                                                 "cannot read folder: Permission denied")]


def test_a_folder_with_no_sheets_is_rejected(tmp_path):
    (tmp_path / "readme.docx").write_text("x")
    assert list(inputs.folder_files(str(tmp_path))) == [Rejected(
        str(tmp_path),
        "no answer sheets in this folder (looked for .json, .yaml, .yml, .csv, .tsv, .xlsx, .txt, .log, .eml, .mbox, "
        ".html, .htm files)")]


def test_count_files(tmp_path):
    for name in ["a.json", "b.json", "sub/c.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert inputs.count_files([str(tmp_path), "-", "other.json"]) == 5


# --- rosters -------------------------------------------------------------------------------------------------

HEADER = "learner,quiz.pick,quiz.several,quiz.who,quiz.done,quiz.write,quiz.asks,profile.joins,profile.hides\n"


def test_roster_rows_become_typed_answers(exercises):
    text = HEADER + 'Ada,ASK,listen; help,doer,x,"Hi, how are you?",,3,0\nBo,shout,,,no,,,,\n'
    assert parsed(text, exercises, "room.csv") == [
        Sheet("Ada", "room.csv:2", {"quiz": {"pick": "ask", "several": ["listen", "help"], "who": "doer", "done": True,
                                             "write": "Hi, how are you?", "asks": False},
                                    "profile": {"joins": 3, "hides": 0}}),
        # Bo left the profile blank: not done at all. In the quiz, blank ticks are unticked boxes.
        Sheet("Bo", "room.csv:3", {"quiz": {"pick": "shout", "done": False, "asks": False}})]


@pytest.mark.parametrize("kind_item, raw, value", [
    ("done", "yes", True), ("done", "TRUE", True), ("done", "1", True), ("done", "x", True), ("done", "✓", True),
    ("done", "no", False), ("done", "false", False), ("done", "0", False), ("done", "maybe", "maybe"),
    ("joins", "4", 4), ("joins", " -1 ", -1), ("joins", "3.5", "3.5"), ("joins", "three", "three"),
    ("several", "listen;;help;", ["listen", "help"]), ("pick", " Ask ", "ask"),
    ("write", "  as typed  ", "  as typed  "), ("write", "   ", None), ("pick", "", None),
])
def test_cell_values(kind_item, raw, value, exercises):
    item = exercises["quiz"].item(kind_item) or exercises["profile"].item(kind_item)
    assert roster.cell_value(item, raw) == value


def test_roster_with_semicolons_and_comment_rows_and_blank_rows(exercises):
    text = "Learner;quiz.pick;quiz.several\n# question;Which?;Which ones?\n\n;;\nAda;ask;\"listen;help\"\n"
    assert parsed(text, exercises, "room.csv") == [
        Sheet("Ada", "room.csv:5", {"quiz": {"pick": "ask", "several": ["listen", "help"]}})]


@pytest.mark.parametrize("header, message", [
    ("learner,quiz.pick,notes", 'column 3 "notes": expected learner or <exercise>.<item>'),
    ("learner,quiz.pick,quizz.done", 'column 3 "quizz.done": unknown exercise "quizz" (did you mean "quiz"?)'),
    ("learner,quiz.pick,quiz.dnoe", 'column 3 "quiz.dnoe": exercise "quiz" has no item "dnoe" (did you mean "done"?)'),
    ("learner,quiz.pick,Quiz.Pick", 'column 3 "Quiz.Pick": repeats column 2; the repeat is ignored'),
    ("learner,,quiz.pick", "column 2 has no header: expected <exercise>.<item>"),
])
def test_roster_column_problems_are_reported_and_the_rest_still_read(header, message, exercises):
    found = parsed(header + "\nAda,ask,ask\n", exercises, "room.csv")
    assert found[0] == Rejected("room.csv", message)
    assert isinstance(found[1], Sheet) and found[1].answers["quiz"]["pick"] == "ask"


@pytest.mark.parametrize("text, message", [
    ("name,quiz.pick\nAda,ask\n", 'no "learner" column in the header row (expected learner,<exercise>.<item>,...)'),
    ("learner\nAda\n", "no <exercise>.<item> columns in the header row"),
    ("learner,quiz.pick\n# question,Which?\n", "no learner rows under the header row"),
    ('learner,quiz.pick\nAda,"ask\n', "not a readable CSV: unexpected end of data (row 2)"),
    ('learner,quiz.pick\nAda,"ask"ed\n', "not a readable CSV: ',' expected after '\"' (row 2)"),
])
def test_roster_file_problems(text, message, exercises):
    assert problem(text, exercises, "room.csv") == message


def test_roster_row_problems_skip_only_that_row(exercises):
    text = "learner,quiz.pick\nAda,ask,extra\n,ask\nBo,shout,,\n"
    assert parsed(text, exercises, "room.csv") == [
        Rejected("room.csv",
                 "row 2: 3 cells but the header has 2 columns (an unquoted comma in an answer?); row skipped"),
        Rejected("room.csv", "row 3: no learner name; row skipped"),
        Sheet("Bo", "room.csv:4", {"quiz": {"pick": "shout"}})]


def test_template_reads_back_as_an_empty_roster(exercises):
    text = roster.template([exercises["quiz"], exercises["profile"]])
    header, question, hint = text.splitlines()[:3]
    assert header == "learner,quiz.pick,quiz.several,quiz.who,quiz.done,quiz.write,quiz.asks,quiz.kind-words," \
                     "profile.joins,profile.hides,profile.listens"
    assert question.startswith("# question,Which is a conversation?,Which are good reasons?")
    assert '"one of: ask, shout, sell",any of (join with ;): listen; help; spam; brag,"one of: owner, doer",' \
           '"x if ticked, blank if not",' in hint
    assert hint.endswith("0 (Never) to 4 (Always),0 (Never) to 4 (Always),0 (Never) to 4 (Always)")
    assert problem(text, exercises, "room.csv") == "no learner rows under the header row"
    filled = text + "Ada,ask,listen;help,doer,x,Hello?,x,x,4,0,4\n"
    [ada] = parsed(filled, exercises, "room.csv")
    assert ada.source == "room.csv:4" and ada.answers["profile"] == {"joins": 4, "hides": 0, "listens": 4}
