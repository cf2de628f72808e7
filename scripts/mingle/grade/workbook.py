"""Rosters saved as Excel workbooks (.xlsx): the first sheet's rows as text cells, read with openpyxl (optional)."""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterator

from mingle.errors import InputProblem

MISSING = ("reading .xlsx needs openpyxl, which is not installed: pip install 'mingle[xlsx]' "
           "(or save the sheet as CSV UTF-8)")


def is_workbook(data: bytes) -> bool:
    """Whether the bytes are an Excel workbook (a ZIP archive holding xl/workbook.xml)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _text(value) -> str:
    """A cell's value as the text a CSV would hold: whole numbers without .0, ticks as TRUE/FALSE."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """(row number as Excel shows it, cells as text) for the workbook's first sheet."""
    try:
        import openpyxl  # optional: only a roster saved as .xlsx needs it
    except ImportError:
        raise InputProblem(MISSING) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file; each is one problem here
        said = " ".join(str(err).split()) or type(err).__name__
        raise InputProblem(f"not a readable Excel workbook: {said}") from None
    try:
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            yield number, [_text(v) for v in values]
    finally:
        book.close()
