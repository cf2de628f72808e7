"""An input's bytes as text, whoever reads it (`mingle grade` a file, the room a request): the size limit, and
the encodings Windows tools write told from binary files dropped in by mistake."""

from __future__ import annotations

from mingle.errors import InputProblem

LIMIT = 2 * 1024 * 1024  # per input: a real sheet is a few KiB, a whole day's meeting chat well under 1 MiB

# Files people drop into a folder by mistake, recognised by their first bytes.
SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an Excel or Word file?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.xls or .doc)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\x00", "a SQLite database (a live room's? name it .sqlite)"),
)
BYTE_ORDER_MARKS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
UNUSUAL_STARTS = tuple(magic for magic, _ in SIGNATURES) + BYTE_ORDER_MARKS
NOT_TEXT = "not an answer sheet, a roster or text with answer codes"


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


def _codec(data: bytes) -> str:
    """The codec of an input that starts with a signature or a byte-order mark, or holds a NUL byte."""
    for magic, what in SIGNATURES:
        if data.startswith(magic):
            raise InputProblem(f"{what}, {NOT_TEXT}")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    codec = _utf16_without_bom(data)
    if codec is None:
        raise InputProblem(f"binary data, {NOT_TEXT}")
    return codec


def decode(data: bytes) -> str:
    """The text in an input's bytes: UTF-8 (with or without BOM) or UTF-16/32 (Windows tools write these)."""
    # Plain UTF-8 with no NUL byte is by far the usual case: it is told apart in two scans.
    plain = not data.startswith(UNUSUAL_STARTS) and b"\x00" not in data
    codec = "utf-8" if plain else _codec(data)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        name = "UTF-8" if codec.startswith("utf-8") else codec.upper().replace("-LE", "").replace("-BE", "")
        raise InputProblem(f"not {name} text (binary data or another encoding); save it as UTF-8") from None
    if not plain and "\x00" in text:
        raise InputProblem(f"binary data, {NOT_TEXT}")
    return text


def too_large(size: int | None = None) -> str:
    """The message for an input over the limit, with its size when it is known (a pipe's is not)."""
    shown = f"{size / 1024 / 1024:.1f} MiB, " if size is not None else ""
    return f"too large ({shown}the limit is {LIMIT // 1024 // 1024} MiB per input)"
