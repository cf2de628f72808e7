"""Read grading inputs (files, folders, standard input) and tell what each holds: an answer sheet, a roster,
or text with answer codes. Every problem becomes a Rejected value naming the input, never an exception."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping

from mingle.grade import carriers, roster, workbook
from mingle.errors import InputProblem
from mingle.marking import roomdb, roomlive
from mingle.marking.decoding import LIMIT, UNUSUAL_STARTS, decode, too_large
from mingle.marking.roomlive import LiveRoom
from mingle.marking.sheets import Code, Notice, Rejected, Sheet, codes_in, load_json, load_yaml, sheet

PIECE = 64 * 1024  # read in pieces of this size: one piece holds a whole sheet
FOLDER_SUFFIXES = (".json", ".yaml", ".yml", ".csv", ".tsv", ".xlsx", ".txt", ".log", ".eml", ".mbox", ".html", ".htm")
WINDOWS = ("read as Windows-1252 text, the encoding Excel on Windows saves CSV in; "
           "to skip this notice, save it as CSV UTF-8")
ROOM_SUFFIXES = (".sqlite", ".sqlite3", ".db")  # a live room's database (`mingle room --db`), given by name

NOTHING = "no answer sheet, roster or answer code found"
YAML_SHEET = re.compile(r"^(format|learner|answers)\s*:", re.MULTILINE)


# --- one input -----------------------------------------------------------------------------------------------

def _codes(text: str, source: str, exercises: Mapping, where: str = "") -> Iterator[Code | Rejected]:
    """The codes in one text, however it was carried (see carriers.clean)."""
    yield from codes_in(carriers.clean(text), source, exercises, where)


def _mail(data: bytes, source: str, exercises: Mapping) -> Iterator[Code | Rejected]:
    """The codes in a saved email or a mailbox file, read part by part with the standard library."""
    found = False
    parts = carriers.mbox_texts(data) if carriers.is_mbox(data) else ((0, part) for part in carriers.email_texts(data))
    for number, part in parts:
        where = f"{source} message {number}" if number else source
        if isinstance(part, str):
            read = _codes(part, where, exercises, f"message {number}, " if number else "email text, ")
        else:  # an attached answer file or roster, read as if it had been saved on its own
            name, payload = part
            read = parse(payload, f"{where} (attachment {name})", exercises)
        for found in read:
            yield found
    if not found:
        raise InputProblem(NOTHING)


def _chat(text: str, source: str, exercises: Mapping) -> Iterator[Code | Rejected]:
    """The codes in a chat export as JSON; a message's text may repeat in its rich-text blocks (Slack), so a
    code the same as the one just before it is read once."""
    found, last = False, None
    for line, value in carriers.json_texts(text):
        for code in _codes(value, source, exercises):
            if isinstance(code, Code):
                code = Code(code.learner, code.exercise, code.answers, code.source, line)
                key = (code.learner, code.exercise, repr(code.answers))
            else:
                code = Rejected(code.source, code.problem.replace("line 1: ", f"line {line}: ", 1)
                                if code.problem.startswith("line 1: ") else f"line {line}: {code.problem}")
                key = code.problem
            if key != last:
                found = True
                yield code
            last = key
    if not found:
        raise InputProblem(NOTHING)


def _windows_text(data: bytes) -> str | None:
    """A roster (or text with codes) that Excel on Windows saved in its own encoding, cp1252; None for anything
    else that is not UTF-8 (a binary file, another encoding), which stays rejected."""
    if b"\x00" in data or data.startswith(UNUSUAL_STARTS):
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if roster.looks_like_roster(text) or carriers.may_hold_codes(text) else None


def parse(data: bytes, source: str, exercises: Mapping) -> Iterator[Sheet | Code | Rejected]:
    """Everything to grade in one input's bytes, told apart by content; the source's suffix (".json",
    ".csv"...) only sharpens the guess where the content leaves it open."""
    try:
        # A sheet starts with "{": the one check most inputs need before they are decoded.
        if data[:1] != b"{" and data[:64].lstrip()[:1] not in (b"{", b"["):
            if carriers.is_mbox(data) or carriers.is_email(data):
                yield from _mail(data, source, exercises)
                return
            if workbook.is_workbook(data):
                yield from roster.read_rows(workbook.rows(data), source, exercises)
                return
        try:
            text = decode(data)
        except InputProblem:
            text = _windows_text(data)
            if text is None:
                raise
            yield Notice(source, WINDOWS)
        body = text.lstrip()
        if not body:
            raise InputProblem("empty input" if source == "-" else "empty file")
        if body.startswith("{") or body.startswith("["):
            try:
                parsed = load_json(text)
            except InputProblem:
                if not carriers.may_hold_codes(text):
                    raise
                yield from _codes(text, source, exercises)
                return
            if (isinstance(parsed, dict) and "format" in parsed) or not carriers.may_hold_codes(text):
                yield sheet(parsed, source)
            else:
                yield from _chat(text, source, exercises)
            return
        suffix = os.path.splitext(source)[1].lower()
        if roster.looks_like_roster(text):
            yield from roster.read_roster(text, source, exercises)
        elif carriers.may_hold_codes(text):
            found = False
            for found in _codes(text, source, exercises):
                yield found
            if not found:  # only prose mentioning "MINGLE1." or "MINGLE2"
                raise InputProblem(NOTHING)
        elif suffix in (".csv", ".tsv"):
            yield from roster.read_roster(text, source, exercises)
        elif suffix == ".json":
            yield sheet(load_json(text), source)
        elif suffix in (".yml", ".yaml") or YAML_SHEET.search(text):
            yield sheet(load_yaml(text), source)
        else:
            raise InputProblem(NOTHING)
    except InputProblem as bad:
        yield Rejected(source, bad.problem)


def read_limited(stream) -> bytes:
    """A stream's bytes up to one byte past the limit, in pieces: pipes and devices (/dev/zero) have no size,
    and asking for LIMIT + 1 bytes at once would make every small sheet allocate 2 MiB."""
    parts, size = [], 0
    while size <= LIMIT and (part := stream.read(PIECE)):
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def read_bytes(path: str) -> bytes:
    """An input file's bytes, refusing one over the size limit without reading more than one byte past it."""
    try:
        with open(path, "rb") as file:
            data = read_limited(file)
    except FileNotFoundError:
        raise InputProblem("no such file or folder") from None
    except IsADirectoryError:
        raise InputProblem("is a folder") from None
    except OSError as err:
        raise InputProblem(f"cannot read: {err.strerror or err}") from None
    if len(data) > LIMIT:
        raise InputProblem(too_large(os.path.getsize(path) if os.path.isfile(path) else None))
    return data


def read_room(path: str) -> Iterator[Sheet | Rejected | LiveRoom]:
    """One sheet per phone in a live room's database, read in one snapshot while the room may still be running,
    then the room's live activities (for the debrief page; never marked)."""
    try:
        conn = roomdb.open_read_only(path)
    except InputProblem as bad:
        yield Rejected(path, bad.problem)
        return
    except sqlite3.Error as err:
        yield Rejected(path, f"cannot read the room's database: {err}")
        return
    try:
        yield from roomdb.sheets(conn)
        yield roomlive.read(conn, path)
    except sqlite3.Error as err:
        yield Rejected(path, f"cannot read the room's database: {err}")
    finally:
        conn.close()


def read_file(path: str, exercises: Mapping) -> Iterator[Sheet | Code | Rejected | LiveRoom]:
    """Everything to grade in one file."""
    if path.lower().endswith(ROOM_SUFFIXES) and os.path.isfile(path):
        yield from read_room(path)
        return
    try:
        data = read_bytes(path)
    except InputProblem as bad:
        yield Rejected(path, bad.problem)
        return
    yield from parse(data, path, exercises)


def read_stdin(stream, exercises: Mapping) -> Iterator[Sheet | Code | Rejected]:
    """Everything to grade on standard input (named `-`)."""
    if stream is None:  # started with no standard input at all (by a scheduler, say)
        yield Rejected("-", "cannot read: there is no standard input")
        return
    try:
        data = read_limited(stream)
    except OSError as err:
        yield Rejected("-", f"cannot read: {err.strerror or err}")
        return
    if len(data) > LIMIT:
        yield Rejected("-", too_large())
        return
    yield from parse(data, "-", exercises)


# --- folders -------------------------------------------------------------------------------------------------

def _walk(folder: str) -> Iterator[str | Rejected]:
    """Files under a folder that may hold answers, in sorted order, skipping hidden ones, and the
    subfolders that cannot be read, as Rejected values in their place.

    Only names are held, of the folders on the way down (sorted, so the order and "the last code
    counts" are the same on every machine); the files themselves are streamed.
    """
    files, folders = [], []
    try:
        with os.scandir(folder) as found:
            for entry in found:
                if entry.name.startswith("."):
                    continue
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    is_dir = False
                if is_dir:
                    folders.append(entry.name)
                elif entry.name.lower().endswith(FOLDER_SUFFIXES):
                    files.append(entry.name)
    except OSError as err:
        yield Rejected(folder, f"cannot read folder: {err.strerror or err}")
        return
    for name in sorted(files):
        yield os.path.join(folder, name)
    for name in sorted(folders):
        yield from _walk(os.path.join(folder, name))


def folder_files(folder: str) -> Iterator[str | Rejected]:
    """The input files in a folder (recursively), or a Rejected value if there are none or it cannot be read."""
    empty = True
    for found in _walk(folder):
        # A folder that cannot be read at all has said so: "no answer sheets" would only repeat it.
        empty = empty and isinstance(found, Rejected) and found.source != folder
        yield found
    if empty:
        kinds = ", ".join(FOLDER_SUFFIXES)
        yield Rejected(folder, f"no answer sheets in this folder (looked for {kinds} files)")


def read_inputs(inputs: Iterable[str], exercises: Mapping, stdin=None,
                on_file: Callable[[], None] | None = None) -> Iterator[Sheet | Code | Rejected | LiveRoom]:
    """Everything to grade in the inputs, in order: files, folders (recursively) and `-` for stdin."""
    for name in inputs:
        if name == "-":
            yield from read_stdin(stdin, exercises)
            if on_file:
                on_file()
        elif os.path.isdir(name):
            for path in folder_files(name):
                if isinstance(path, Rejected):
                    yield path
                    continue
                yield from read_file(path, exercises)
                if on_file:
                    on_file()
        else:
            yield from read_file(name, exercises)
            if on_file:
                on_file()


def count_files(inputs: Iterable[str]) -> int:
    """How many files the inputs hold (for a progress bar)."""
    total = 0
    for name in inputs:
        if name != "-" and os.path.isdir(name):
            total += sum(1 for path in folder_files(name) if not isinstance(path, Rejected))
        else:
            total += 1
    return total
