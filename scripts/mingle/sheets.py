"""Read grading inputs (answer sheets, rosters, text with answer codes) into values, rejecting bad ones by name."""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import yaml

from mingle import codes, yamlsafe

FORMAT = "mingle.answers/1"
LIMIT = 2 * 1024 * 1024  # per input: a real sheet is a few KiB, a whole day's meeting chat well under 1 MiB
FOLDER_SUFFIXES = (".json", ".yaml", ".yml", ".csv", ".txt", ".log", ".eml")
NAME_LIMIT = 80
NO_NAME = "(no name)"

# Files people drop into a folder by mistake, recognised by their first bytes.
SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an Excel or Word file?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.xls or .doc)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
NOT_TEXT = "not an answer sheet, a roster or text with answer codes"
NOTHING = "no answer sheet, roster or answer code found"
YAML_SHEET = re.compile(r"^(format|learner|answers)\s*:", re.MULTILINE)
# Terminal escapes and bidi overrides in a name could disguise output; other format characters (emoji joiners) stay.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Sheet:
    """One learner's answers from one place: exercise id -> item id -> value."""

    learner: str
    source: str
    answers: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class Code:
    """One answer code found in a text: one learner's answers to one exercise."""

    learner: str
    exercise: str
    answers: Mapping
    source: str
    line: int


@dataclass(frozen=True, order=True)
class Rejected:
    """An input (or a part of one) that could not be graded, and why."""

    source: str
    problem: str

    def __str__(self) -> str:
        return f"{oneline(self.source)}: {oneline(self.problem)}"


class Bad(Exception):
    """An input's problem, caught where the input is read and turned into a Rejected value."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


def oneline(text: str) -> str:
    """Text with control characters escaped, so a message stays on one line and cannot drive a terminal."""
    return UNSAFE.sub(lambda m: repr(m.group())[1:-1] if m.group() not in "\n\r\t" else " ", str(text))


def clean_name(raw: str) -> str:
    """A learner's name fit to show anywhere: no control characters, single spaces, not too long."""
    name = " ".join(UNSAFE.sub(" ", unicodedata.normalize("NFC", raw)).split())
    if len(name) > NAME_LIMIT:
        name = name[:NAME_LIMIT - 1].rstrip() + "…"
    return name or NO_NAME


def kind(value) -> str:
    """A reader's name for the type of a parsed value."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return "a number"
    return {dict: "a mapping", list: "a list", str: "text"}.get(type(value), type(value).__name__)


def shown(value, limit: int = 40) -> str:
    """A short JSON-style rendering of a value for a message."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --- bytes to text -------------------------------------------------------------------------------------------

def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 codec if the bytes look like UTF-16 text with no BOM: a NUL beside nearly every ASCII character."""
    if len(data) < 2 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) * 10 >= len(high) * 9 and not low.count(0):
            ascii_text = bytes(b for b, h in zip(low, high) if h == 0)
            if sum(32 <= b < 127 or b in (9, 10, 13) for b in ascii_text) * 10 >= len(ascii_text) * 9:
                return codec
    return None


def decode(data: bytes) -> str:
    """The text in an input's bytes: UTF-8 (with or without BOM) or UTF-16/32 (Windows tools write these)."""
    for magic, what in SIGNATURES:
        if data.startswith(magic):
            raise Bad(f"{what}, {NOT_TEXT}")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        codec = "utf-32"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        codec = "utf-8-sig"
    elif b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise Bad(f"binary data, {NOT_TEXT}")
    else:
        codec = "utf-8"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        name = "UTF-8" if codec.startswith("utf-8") else codec.upper().replace("-LE", "").replace("-BE", "")
        raise Bad(f"not {name} text (binary data or another encoding); save it as UTF-8") from None
    if "\x00" in text:
        raise Bad(f"binary data, {NOT_TEXT}")
    return text


# --- answer sheets -------------------------------------------------------------------------------------------

def _pairs(pairs: list) -> dict:
    """A JSON object, refusing a key it names twice (json itself keeps the last silently)."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise Bad(f"duplicate key {shown(key)} (each key may appear only once)")
            seen.add(key)
    return data


def load_json(text: str):
    """Parse JSON strictly: duplicate keys and absurd nesting are problems, not crashes."""
    try:
        # A sheet holds a handful of objects, so checking each for repeated keys costs less than any
        # way of detecting them after the fact (counting `":` and `{` in the text costs more).
        return json.loads(text, object_pairs_hook=_pairs)
    except json.JSONDecodeError as err:
        raise Bad(f"not valid JSON: {err.msg} (line {err.lineno}, column {err.colno})") from None
    except RecursionError:
        raise Bad("not valid JSON: nested too deeply") from None
    except ValueError as err:  # e.g. an integer with thousands of digits
        raise Bad(f"not valid JSON: {err}") from None


def load_yaml(text: str):
    """Parse YAML strictly (duplicate keys refused), naming line and column of a problem."""
    try:
        return yamlsafe.load(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        what = err.problem or err.context or "unreadable"
        if isinstance(err, yamlsafe.DuplicateKeyError):
            raise Bad(f"{what} (each key may appear only once){where}") from None
        raise Bad(f"not valid YAML: {what}{where}") from None
    except yaml.YAMLError as err:
        raise Bad("not valid YAML: " + " ".join(str(err).split())) from None
    except RecursionError:
        raise Bad("not valid YAML: nested too deeply") from None


def sheet(data, source: str) -> Sheet:
    """Check a parsed answer sheet's shape; answer values are left for the scorer to judge."""
    if not isinstance(data, dict):
        raise Bad(f"expected an answer sheet (a mapping with format, learner and answers), got {kind(data)}")
    if "format" not in data:
        raise Bad(f'missing "format": expected "{FORMAT}"')
    if data["format"] != FORMAT:
        raise Bad(f'unsupported format {shown(data["format"])}: expected "{FORMAT}"')
    learner = data.get("learner")
    if learner is not None and not isinstance(learner, str):
        raise Bad(f"learner: expected the learner's name as text, got {kind(learner)}")
    if "answers" not in data:
        raise Bad('missing "answers": expected a mapping of exercise id to answers')
    answers = data["answers"]
    if not isinstance(answers, dict):
        raise Bad(f"answers: expected a mapping of exercise id to answers, got {kind(answers)}")
    tidy = {}
    for exercise, items in answers.items():
        if items is None:  # `my-exercise:` with nothing under it in YAML
            items = {}
        if not isinstance(items, dict):
            raise Bad(f"answers.{oneline(exercise)}: expected a mapping of item id to answer, got {kind(items)}")
        tidy[str(exercise)] = items
    return Sheet(clean_name(learner or ""), source, tidy)


# --- text with answer codes ----------------------------------------------------------------------------------

def _unwrap(text: str) -> str:
    """Undo quoted-printable soft line breaks, which cut long codes in exported emails."""
    if "quoted-printable" in text.lower():
        return re.sub(r"=\r?\n", "", text)
    return text


def codes_in(text: str, source: str) -> Iterator[Code | Rejected]:
    """Every answer code in a text: good ones as Code values, damaged ones as Rejected (with the line)."""
    for found in codes.find_codes(_unwrap(text)):
        if isinstance(found, codes.DamagedCode):
            yield Rejected(source, f"line {found.line}: {found.problem}")
        else:
            yield Code(clean_name(found.learner), found.exercise, found.answers, source, found.line)


# --- one input -----------------------------------------------------------------------------------------------

def parse(data: bytes, source: str, exercises: Mapping, suffix: str = "") -> Iterator[Sheet | Code | Rejected]:
    """Everything to grade in one input's bytes; `suffix` (".json", ".csv"...) only sharpens the guess."""
    from mingle import roster  # here, not at the top: roster imports Sheet and Bad from this module

    try:
        text = decode(data)
        suffix = suffix.lower()
        body = text.lstrip()
        if not body:
            raise Bad("empty input" if source == "-" else "empty file")
        if body.startswith("{"):
            yield sheet(load_json(text), source)
        elif roster.looks_like_roster(text):
            yield from roster.read_roster(text, source, exercises)
        elif f"{codes.PREFIX}." in text:
            found = False
            for found in codes_in(text, source):
                yield found
            if not found:  # only prose mentioning "MINGLE1."
                raise Bad(NOTHING)
        elif suffix == ".csv":
            yield from roster.read_roster(text, source, exercises)
        elif suffix == ".json":
            yield sheet(load_json(text), source)
        elif suffix in (".yml", ".yaml") or YAML_SHEET.search(text):
            yield sheet(load_yaml(text), source)
        else:
            raise Bad(NOTHING)
    except Bad as bad:
        yield Rejected(source, bad.problem)


def read_bytes(path: str) -> bytes:
    """An input file's bytes, refusing one over the size limit without reading it all.

    Plain os.open/os.read rather than open(): no buffered file object is built around a read that
    is done in one call, which saves about a third of the cost of reading a small sheet.
    """
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        raise Bad("no such file or folder") from None
    except OSError as err:
        raise Bad(f"cannot read: {err.strerror or err}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Bad("is a folder")
        if stat.S_ISREG(info.st_mode) and info.st_size > LIMIT:
            raise Bad(too_large(path))
        # A regular file is read in one call sized from fstat (a short read means the end); a pipe or a
        # device has no size, so it is read in pieces up to one byte past the limit.
        want = info.st_size + 1 if stat.S_ISREG(info.st_mode) else 64 * 1024
        data = os.read(fd, want)
        if len(data) == want:  # more may follow
            parts, size = [data], len(data)
            while size <= LIMIT and (more := os.read(fd, LIMIT + 1 - size)):
                parts.append(more)
                size += len(more)
            data = b"".join(parts)
    except OSError as err:
        raise Bad(f"cannot read: {err.strerror or err}") from None
    finally:
        os.close(fd)
    if len(data) > LIMIT:
        raise Bad(too_large(path))
    return data


def too_large(path: str) -> str:
    """The message for an input over the limit, with its size when known."""
    try:
        info = os.stat(path)
        size = f"{info.st_size / 1024 / 1024:.1f} MiB, " if stat.S_ISREG(info.st_mode) else ""
    except OSError:
        size = ""
    return f"too large ({size}the limit is {LIMIT // 1024 // 1024} MiB per input)"


def read_file(path: str, exercises: Mapping) -> Iterator[Sheet | Code | Rejected]:
    """Everything to grade in one file."""
    try:
        data = read_bytes(path)
    except Bad as bad:
        yield Rejected(path, bad.problem)
        return
    yield from parse(data, path, exercises, os.path.splitext(path)[1])


def read_stdin(stream, exercises: Mapping) -> Iterator[Sheet | Code | Rejected]:
    """Everything to grade on standard input (named `-`)."""
    if stream is None:  # started with no standard input at all (by a scheduler, say)
        yield Rejected("-", "cannot read: there is no standard input")
        return
    try:
        data = stream.read(LIMIT + 1)
    except OSError as err:
        yield Rejected("-", f"cannot read: {err.strerror or err}")
        return
    if len(data) > LIMIT:
        yield Rejected("-", f"too large (the limit is {LIMIT // 1024 // 1024} MiB per input)")
        return
    yield from parse(data, "-", exercises)


# --- folders -------------------------------------------------------------------------------------------------

def _walk(folder: str, problems: list[Rejected]) -> Iterator[str]:
    """Files under a folder that may hold answers, in sorted order, skipping hidden ones.

    Only the names of one folder's candidate files are held at a time (sorted, so the order and
    "the last code counts" are the same on every machine); the files themselves are streamed.
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
        problems.append(Rejected(folder, f"cannot read folder: {err.strerror or err}"))
        return
    files.sort()
    folders.sort()
    for name in files:
        yield os.path.join(folder, name)
    del files
    for name in folders:
        yield from _walk(os.path.join(folder, name), problems)


def folder_files(folder: str) -> Iterator[str | Rejected]:
    """The input files in a folder (recursively), or a Rejected value if there are none or it cannot be read."""
    problems: list[Rejected] = []
    any_file = False
    for path in _walk(folder, problems):
        any_file = True
        yield path
        yield from problems
        problems.clear()
    yield from problems
    if not any_file:
        kinds = ", ".join(FOLDER_SUFFIXES)
        yield Rejected(folder, f"no answer sheets in this folder (looked for {kinds} files)")


def read_inputs(inputs: Iterable[str], exercises: Mapping, stdin=None,
                on_file: Callable[[], None] | None = None) -> Iterator[Sheet | Code | Rejected]:
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
