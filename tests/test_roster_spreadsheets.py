"""Rosters as spreadsheets save them: CSV from Excel on Windows (cp1252), tab-separated, and .xlsx workbooks."""

from __future__ import annotations

import builtins
import json

import pytest
from grading_kit import make_kit

from mingle.cli import main
from mingle.grade import workbook

HEADER = ["learner", "quiz.pick", "quiz.several", "quiz.done", "quiz.write"]
ROWS = [["Zoë Brontë", "ask", "listen;help", "x", "Café “talks” – not shouts"],
        ["Bo", "shout", "", "", ""]]
WINDOWS_NOTICE = ("read as Windows-1252 text, the encoding Excel on Windows saves CSV in; "
                  "to skip this notice, save it as CSV UTF-8")


@pytest.fixture
def kit(tmp_path):
    return make_kit(tmp_path)


def grade(capsys, kit, path) -> tuple[int, dict, str]:
    code = main(["grade", "--json", "--exercises", str(kit), str(path)])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def expect_the_room(report: dict, source: str) -> None:
    learners = {r["learner"]: r for r in report["learners"]}
    assert set(learners) == {"Zoë Brontë", "Bo"}
    assert learners["Zoë Brontë"]["source"] == f"{source}:2" and learners["Bo"]["source"] == f"{source}:3"
    assert learners["Zoë Brontë"]["exercises"]["quiz"]["score"] == 4  # ask 1, listen+help 2, done 1
    assert learners["Bo"]["exercises"]["quiz"]["score"] == 0
    assert report["rejected"] == []


def test_a_csv_saved_by_excel_on_windows_is_read_with_a_one_line_notice(tmp_path, kit, capsys):
    path = tmp_path / "roster.csv"
    path.write_bytes("\r\n".join(",".join(f'"{c}"' for c in row) for row in [HEADER, *ROWS]).encode("cp1252"))
    code, report, err = grade(capsys, kit, path)
    assert (code, err) == (0, f"mingle: {path}: {WINDOWS_NOTICE}\n")
    expect_the_room(report, str(path))


def test_a_semicolon_csv_from_excel_in_cp1252_too(tmp_path, kit, capsys):
    path = tmp_path / "roster.csv"
    # Excel quotes a cell holding its separator: the ticks joined with ; here.
    path.write_bytes("\r\n".join(";".join(f'"{c}"' if ";" in c else c for c in row)
                                  for row in [HEADER, *ROWS]).encode("cp1252"))
    code, report, err = grade(capsys, kit, path)
    assert (code, err.count("\n")) == (0, 1)
    expect_the_room(report, str(path))


def test_other_text_that_is_not_utf8_is_still_rejected(tmp_path, kit, capsys):
    path = tmp_path / "notes.txt"
    path.write_bytes("Caf\xe9 notes, nothing to grade".encode("cp1252"))
    code, report, err = grade(capsys, kit, path)
    assert code == 1 and "not UTF-8 text" in err


def test_a_tab_separated_roster(tmp_path, kit, capsys):
    path = tmp_path / "roster.tsv"
    path.write_text("\n".join("\t".join(row) for row in [HEADER, *ROWS]) + "\n", encoding="utf-8")
    code, report, err = grade(capsys, kit, path)
    assert (code, err) == (0, "")
    expect_the_room(report, str(path))


def test_a_tab_separated_roster_in_a_folder_is_found(tmp_path, kit, capsys):
    folder = tmp_path / "room"
    folder.mkdir()
    (folder / "roster.tsv").write_text("\n".join("\t".join(row) for row in [HEADER, *ROWS]) + "\n", encoding="utf-8")
    code, report, err = grade(capsys, kit, folder)
    assert (code, len(report["learners"])) == (0, 2)


def write_xlsx(path, rows) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_an_xlsx_roster(tmp_path, kit, capsys):
    path = tmp_path / "roster.xlsx"
    write_xlsx(path, [HEADER, *ROWS])
    code, report, err = grade(capsys, kit, path)
    assert (code, err) == (0, "")
    expect_the_room(report, str(path))


def test_xlsx_cells_that_excel_typed_read_as_their_text(tmp_path, kit, capsys):
    path = tmp_path / "roster.xlsx"
    write_xlsx(path, [["learner", "profile.joins", "quiz.done"], [None], ["Ada", 3.0, True], ["Bo", 2, False]])
    code, report, err = grade(capsys, kit, path)
    assert (code, err) == (0, "")
    learners = {r["learner"]: r for r in report["learners"]}
    assert learners["Ada"]["source"] == f"{path}:3"  # numbered as Excel shows the rows, blank ones counted
    assert learners["Ada"]["exercises"]["quiz"]["score"] == 1 and learners["Bo"]["exercises"]["quiz"]["score"] == 0
    assert learners["Ada"]["exercises"]["profile"]["invalid"] == []


def test_an_xlsx_roster_in_a_folder_is_found(tmp_path, kit, capsys):
    folder = tmp_path / "room"
    folder.mkdir()
    write_xlsx(folder / "roster.xlsx", [HEADER, *ROWS])
    code, report, err = grade(capsys, kit, folder)
    assert (code, len(report["learners"])) == (0, 2)


def test_without_openpyxl_an_xlsx_is_named_in_one_line(tmp_path, kit, capsys, monkeypatch):
    path = tmp_path / "roster.xlsx"
    write_xlsx(path, [HEADER, *ROWS])
    real_import = builtins.__import__

    def no_openpyxl(name, *args, **kwargs):
        if name.split(".")[0] == "openpyxl":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    code, report, err = grade(capsys, kit, path)
    assert (code, err) == (1, f"mingle: {path}: {workbook.MISSING}\n")
    assert "pip install 'mingle[xlsx]'" in err


def test_a_damaged_workbook_is_named_not_a_crash(tmp_path, kit, capsys):
    path = tmp_path / "roster.xlsx"
    write_xlsx(path, [HEADER, *ROWS])
    import zipfile
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as good, zipfile.ZipFile(broken, "w") as bad:
        for item in good.infolist():
            data = good.read(item)
            bad.writestr(item, b"<not xml" if item.filename.startswith("xl/worksheets/") else data)
    code, report, err = grade(capsys, kit, broken)
    assert code == 1 and err.startswith(f"mingle: {broken}: not a readable Excel workbook") and err.count("\n") == 1


def test_a_word_document_is_still_turned_down(tmp_path, kit, capsys):
    import zipfile
    path = tmp_path / "notes.docx"
    with zipfile.ZipFile(path, "w") as doc:
        doc.writestr("word/document.xml", "<w:document/>")
    code, report, err = grade(capsys, kit, path)
    assert code == 1 and "a ZIP archive (an Excel or Word file?)" in err
