"""Answer codes (MINGLE1): one learner's answers to one exercise as a short, checksummed token."""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

PREFIX = "MINGLE1"
# MINGLE1.<base64url of compact JSON {"n": name, "x": exercise, "a": answers}>.<crc32 of the middle, 8 hex>
# The word alone (in prose: "send your MINGLE1 code") is not a code; the dot starts one.
CODE = re.compile(r"MINGLE1\.(?P<body>[A-Za-z0-9_-]+)(?:\.(?P<sum>[0-9A-Fa-f]{0,8}))?")


@dataclass(frozen=True)
class AnswerCode:
    """A decoded code: who answered which exercise, and how."""

    learner: str
    exercise: str
    answers: dict
    line: int


@dataclass(frozen=True)
class DamagedCode:
    """A code found in text that fails its checksum or cannot be read."""

    line: int
    problem: str


def checksum(body: str) -> str:
    """The eight-hex-digit CRC-32 of a code's body."""
    return format(zlib.crc32(body.encode("ascii")), "08x")


def encode(learner: str, exercise: str, answers: dict) -> str:
    """Make the code for one learner's answers to one exercise."""
    data = json.dumps({"n": learner, "x": exercise, "a": answers}, ensure_ascii=False, separators=(",", ":"))
    body = base64.urlsafe_b64encode(data.encode("utf-8")).decode("ascii").rstrip("=")
    return f"{PREFIX}.{body}.{checksum(body)}"


def _decode(body: str, check: str | None, line: int) -> AnswerCode | DamagedCode:
    if not body or check is None or len(check) != 8:
        return DamagedCode(line, "answer code is cut short (no checksum at its end)")
    if checksum(body) != check.lower():
        return DamagedCode(line, "answer code fails its checksum (mistyped or cut)")
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        data = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return DamagedCode(line, "answer code cannot be decoded")
    if not (isinstance(data, dict) and isinstance(data.get("n"), str) and isinstance(data.get("x"), str)
            and isinstance(data.get("a"), dict)):
        return DamagedCode(line, "answer code does not hold a name, an exercise and answers")
    return AnswerCode(data["n"].strip(), data["x"], data["a"], line)


def find_codes(text: str) -> Iterator[AnswerCode | DamagedCode]:
    """Every answer code in any text (a chat log, an email, a CSV), in order."""
    for match in CODE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        yield _decode(match.group("body") or "", match.group("sum"), line)
