"""Answer codes: one learner's answers to one exercise as a checksummed token (MINGLE2, and the older MINGLE1)."""

from __future__ import annotations

import base64
import binascii
import json
import re
import unicodedata
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from mingle.errors import CodeDamage
from mingle.model import TEXT_LIMIT, UNSENT, Exercise, Item
from mingle.scoring import is_written

# --- MINGLE1: the first format, still read ------------------------------------------------------------------

PREFIX = "MINGLE1"
# MINGLE1.<base64url of compact JSON {"n": name, "x": exercise, "a": answers}>.<crc32 of the middle, 8 hex>
# The word alone (in prose: "send your MINGLE1 code") is not a code; the dot starts one. A line break may fall
# anywhere inside one (mail clients wrap long words), so it is allowed between any two of its characters.
_BREAK = r"(?:[ \t]*\r?\n[ \t]*)?"
_GO_ON = r"(?:[ \t]*\r?\n[ \t]*(?!MINGLE[12]))?"  # a line break inside a code, but not before the next code
CODE = re.compile(rf"MINGLE1\.(?P<body>[A-Za-z0-9_-]+(?:{_GO_ON}[A-Za-z0-9_-]+)*)"
                  rf"(?:\.(?P<sum>(?:{_GO_ON}[0-9A-Fa-f]){{0,8}}))?")

# --- MINGLE2: short, because both sides know the exercise -----------------------------------------------------

PREFIX2 = "MINGLE2"
# MINGLE2<header><body><checks>, every character from ALPHABET (the site shows MINGLE2-ABCD-EFGH-...; readers skip
# spaces and dashes). header: the length of body and checks in three characters, and one more that makes
# 1a + 2b + 3c + 4d = 0 (mod 31), so a typo there is caught before the length is trusted. body: one whole number
# in base 31 made of fields, first field least significant: the exercise's tag and shape fingerprint, the name,
# one field per item that is not text (0 = unanswered), then what the exercise's text boxes hold: nothing (no box
# written, or a code from before this was carried), the written answers raw-deflated after a byte 1 (if the learner
# sent them), or else a byte 2 and which boxes were written, one bit each (so their rubric points still count).
# checks: two characters that make two weighted sums over the whole code 0 (mod 31); see _sealed and _checks_ok.
# 31 characters, none that reads as another (no 0/O, 1/I/L) and none that mail or chat clients rewrite.
# 31 is prime, which is what lets the check characters catch every single typo and every swap of neighbours.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BASE = len(ALPHABET)
VALUE = {c: n for n, c in enumerate(ALPHABET)} | {c.lower(): n for n, c in enumerate(ALPHABET)}
BLOCK = 4  # characters per block as the site shows them: MINGLE2-ABCD-EFGH-...
HEADER = 4  # three characters of length and one that checks them
LONGEST = BASE ** 3 - 1  # characters after the header
TAGS = BASE ** 2  # which exercise (its id's fingerprint)
SHAPES = BASE ** 3  # which version of it (the fingerprint of its items, kinds and options)
NAME_LIMIT = 80
# A name, character by character: these in one symbol each, letters in the usual case for free (capital at the
# start of a word), SHIFT before a letter in the other case, LATIN before an accented letter of Latin-1 or
# Latin Extended-A (é, ë, ł: 192 of them), ESC before any other character (its code point).
NAME_CHARS = " abcdefghijklmnopqrstuvwxyz-'."
SHIFT, ESC, LATIN, NAME_SYMBOLS = 30, 31, 32, 33
LATIN_FIRST, LATIN_COUNT = 0xC0, 0xC0
UNICODE = 0x110000
# Between blocks: spaces, line breaks and any dash a text editor or chat client may turn a hyphen into.
SEPARATORS = " \t\r\n\xa0\u2009\u202f\u3000-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
PREFIX2_RE = re.compile(_BREAK.join("MINGLE2") + "|" + _BREAK.join("mingle2"))
LOOK_ALIKES = "0O1IL"
TEXTS, WRITTEN = 1, 2  # the first byte of what follows the fields: the written answers, or only which were written
# UNSENT (in the model, which the scorer reads too) is what a written answer the learner kept reads as in the
# grader's reports: it counts as written, as it did on the learner's page.


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
    """The eight-hex-digit CRC-32 of a text (a MINGLE1 code's body; the fingerprints of MINGLE2 use it too)."""
    return format(zlib.crc32(body.encode("utf-8")), "08x")


def _decode1(body: str, check: str | None, line: int) -> AnswerCode | DamagedCode:
    body, check = re.sub(r"\s", "", body), None if check is None else re.sub(r"\s", "", check)
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


# --- MINGLE2: fingerprints ------------------------------------------------------------------------------------

def shape(exercise: Exercise) -> str:
    """What a code's positions depend on, one line per item: its id, kind and option ids; then the scale.
    Wording, keys and feedback are not in it: a reworded exercise still reads the codes made before."""
    lines = [exercise.id]
    for item in exercise.items:
        options = exercise.options_for(item) if item.kind in ("single", "multiple", "match") else ()
        lines.append(f"{item.id}:{item.kind}:{','.join(o.id for o in options)}")
    scale = exercise.scale
    lines.append(f"{scale.min}..{scale.max}" if scale else "")
    return "\n".join(lines)


def fingerprint(exercise: Exercise) -> tuple[int, int]:
    """The exercise's tag (from its id) and the fingerprint of its shape, as a code carries them."""
    return int(checksum(exercise.id), 16) % TAGS, int(checksum(shape(exercise)), 16) % SHAPES


# --- MINGLE2: answers as one number, field by field -----------------------------------------------------------

def _radix(exercise: Exercise, item: Item) -> int:
    """How many values an item's field can hold, 0 meaning unanswered (text items travel apart)."""
    if item.kind in ("single", "match"):
        return len(exercise.options_for(item)) + 1
    if item.kind == "multiple":
        return 2 ** len(item.options) + 1
    if item.kind == "rating":
        return exercise.scale.max - exercise.scale.min + 2
    return 3 if item.kind == "check" else 1


def _value(exercise: Exercise, item: Item, value) -> int:
    """An answer as its field's value; ValueError for one that is not valid for the item."""
    if value is None:
        return 0
    ids = [o.id for o in exercise.options_for(item)]
    if item.kind in ("single", "match") and isinstance(value, str) and value in ids:
        return ids.index(value) + 1
    if (item.kind == "multiple" and isinstance(value, list) and all(isinstance(v, str) and v in ids for v in value)
            and len(set(value)) == len(value)):
        return 1 + sum(1 << ids.index(v) for v in value)
    scale = exercise.scale
    if (item.kind == "rating" and isinstance(value, int) and not isinstance(value, bool)
            and scale.min <= value <= scale.max):
        return value - scale.min + 1
    if item.kind == "check" and isinstance(value, bool):
        return 2 if value else 1
    raise ValueError(f"{item.id}: {value!r} is not a valid answer")


def _answer(exercise: Exercise, item: Item, value: int):
    """A field's value as the answer it stands for (the inverse of _value)."""
    ids = [o.id for o in exercise.options_for(item)]
    if item.kind in ("single", "match"):
        return ids[value - 1]
    if item.kind == "multiple":
        return [o for n, o in enumerate(ids) if (value - 1) >> n & 1]
    if item.kind == "rating":
        return exercise.scale.min + value - 1
    return value == 2


def _name_fields(name: str) -> list[tuple[int, int]]:
    """A name as (value, radix) fields: its length, then a symbol (or two) per character."""
    chars = list(unicodedata.normalize("NFC", name.strip()))[:NAME_LIMIT]
    fields, before = [(len(chars), NAME_LIMIT + 1)], " "
    for c in chars:
        low = c.lower() if "A" <= c <= "Z" else c
        if low in NAME_CHARS:
            if ("a" <= low <= "z") and (c != low) != (before in " -"):
                fields.append((SHIFT, NAME_SYMBOLS))
            fields.append((NAME_CHARS.index(low), NAME_SYMBOLS))
        else:
            point = ord(c)
            if LATIN_FIRST <= point < LATIN_FIRST + LATIN_COUNT:
                fields += [(LATIN, NAME_SYMBOLS), (point - LATIN_FIRST, LATIN_COUNT)]
            else:
                fields += [(ESC, NAME_SYMBOLS), (point, UNICODE)]
        before = c
    return fields


def _to_digits(number: int) -> str:
    """A whole number in the code's alphabet, most significant first (at least one character)."""
    chunk, digits = BASE ** 9, []
    while True:
        number, low = divmod(number, chunk)
        for _ in range(9):
            low, d = divmod(low, BASE)
            digits.append(ALPHABET[d])
        if not number:
            break
    return "".join(reversed(digits)).lstrip(ALPHABET[0]) or ALPHABET[0]


def _from_values(values: list[int]) -> int:
    """The whole number that digit values (most significant first) write."""
    number = 0
    for start in range(0, len(values), 9):
        part = values[start:start + 9]
        low = 0
        for d in part:
            low = low * BASE + d
        number = number * BASE ** len(part) + low
    return number


def _weights(position: int) -> tuple[int, int]:
    """The two check weights of a position: never 0, and never the same for two neighbours (mod 31)."""
    return position % (BASE - 1) + 1, pow(3, position, BASE)


def _inverse(n: int) -> int:
    return pow(n, BASE - 2, BASE)


def _header(length: int) -> list[int]:
    """Three digits of length and the one that makes 1*a + 2*b + 3*c + 4*check = 0 (mod 31)."""
    digits = [length // BASE ** 2, length // BASE % BASE, length % BASE]
    return digits + [-(digits[0] + 2 * digits[1] + 3 * digits[2]) * _inverse(4) % BASE]


def _header_ok(values: list[int]) -> bool:
    return sum((n + 1) * v for n, v in enumerate(values[:HEADER])) % BASE == 0


def _sealed(values: list[int]) -> list[int]:
    """Header and body values with the two check values added: the first makes the weighted sum of everything
    up to it 0 (mod 31), the second does the same with the second weights over the whole code."""
    m = len(values)
    first = -sum(_weights(j)[0] * v for j, v in enumerate(values)) * _inverse(_weights(m)[0]) % BASE
    values = values + [first]
    second = -sum(_weights(j)[1] * v for j, v in enumerate(values)) * _inverse(_weights(m + 1)[1]) % BASE
    return values + [second]


def _checks_ok(values: list[int]) -> bool:
    """Whether both weighted sums are 0: a single changed character or two swapped neighbours break the second
    for certain (its weights are never 0 and neighbours' differ); the first halves the odds for other damage."""
    first = sum(_weights(j)[0] * v for j, v in enumerate(values[:-1])) % BASE
    second = sum(_weights(j)[1] * v for j, v in enumerate(values)) % BASE
    return first == 0 and second == 0


def encode2(learner: str, exercise: Exercise, answers: Mapping, texts: bool = False) -> str:
    """The MINGLE2 code for one learner's answers to an exercise, without separators (see group()); written
    answers go in only when `texts` is true, compressed (raw deflate, as the browser's CompressionStream)."""
    tag, fingerprint_ = fingerprint(exercise)
    fields = [(tag, TAGS), (fingerprint_, SHAPES), *_name_fields(learner)]
    written = []
    for item in exercise.items:
        if item.kind == "text":
            value = answers.get(item.id)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{item.id}: {value!r} is not a valid answer")
            written.append(value)
        else:
            fields.append((_value(exercise, item, answers.get(item.id)), _radix(exercise, item)))
    rest = 0
    if texts and any(w is not None for w in written):
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        data = json.dumps(written, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        rest = int.from_bytes(bytes([TEXTS]) + packer.compress(data) + packer.flush(), "big")
    elif any(map(is_written, written)):
        rest = int.from_bytes(bytes([WRITTEN]) + _written_bits(written), "big")
    number = rest
    for value, radix in reversed(fields):
        number = number * radix + value
    body = [VALUE[c] for c in _to_digits(number)]
    if len(body) + 2 > LONGEST:
        raise ValueError("too long for an answer code")
    values = _sealed(_header(len(body) + 2) + body)
    return PREFIX2 + "".join(ALPHABET[v] for v in values)


def _written_bits(written: list) -> bytes:
    """Which text boxes were written, one bit each, the first box the lowest bit, in as few bytes as hold them."""
    bits = sum(1 << n for n, text in enumerate(written) if is_written(text))
    return bits.to_bytes((len(written) + 7) // 8, "big")


def group(code: str) -> str:
    """A MINGLE2 code as the site shows it: the prefix, then blocks of four joined by dashes."""
    body = code[len(PREFIX2):]
    return "-".join([PREFIX2] + [body[n:n + BLOCK] for n in range(0, len(body), BLOCK)])


class _Reader:
    """Field values taken in turn from the number a code's body writes."""

    def __init__(self, number: int):
        self.number = number

    def take(self, radix: int) -> int:
        self.number, value = divmod(self.number, radix)
        return value


def _read_name(reader: _Reader) -> str:
    chars, before = [], " "
    for _ in range(reader.take(NAME_LIMIT + 1)):
        symbol = reader.take(NAME_SYMBOLS)
        if symbol == ESC:
            point = reader.take(UNICODE)
            if 0xD800 <= point <= 0xDFFF:
                raise CodeDamage("answer code cannot be read (its name is damaged)")
            c = chr(point)
        elif symbol == LATIN:
            c = chr(LATIN_FIRST + reader.take(LATIN_COUNT))
        else:
            flip = symbol == SHIFT
            if flip:
                symbol = reader.take(NAME_SYMBOLS)
                if not 1 <= symbol <= 26:
                    raise CodeDamage("answer code cannot be read (its name is damaged)")
            c = NAME_CHARS[symbol]
            if "a" <= c <= "z" and flip != (before in " -"):
                c = c.upper()
        chars.append(c)
        before = c
    return "".join(chars)


def _read_texts(rest: int, exercise: Exercise) -> list:
    """The written answers a code carries (a list with one entry per text item; UNSENT for a box written but
    kept by the learner), or [] if it carries none."""
    if not rest:
        return []
    data = rest.to_bytes((rest.bit_length() + 7) // 8, "big")
    count = sum(1 for i in exercise.items if i.kind == "text")
    if data[0] == WRITTEN:
        bits = int.from_bytes(data[1:], "big")
        if len(data) - 1 != (count + 7) // 8 or not bits or bits >> count:
            raise CodeDamage("answer code cannot be read (which answers were written does not fit the exercise)")
        return [UNSENT if bits >> n & 1 else None for n in range(count)]
    try:
        if data[0] != TEXTS:
            raise ValueError
        unpacker = zlib.decompressobj(-15)
        raw = unpacker.decompress(data[1:], (len(exercise.items) + 1) * TEXT_LIMIT * 6)
        if not unpacker.eof or unpacker.unused_data:
            raise ValueError
        texts = json.loads(raw.decode("utf-8"))
    except (ValueError, zlib.error, UnicodeDecodeError):
        raise CodeDamage("answer code cannot be read (its written answers are damaged)") from None
    if not (isinstance(texts, list) and len(texts) == count and all(t is None or isinstance(t, str) for t in texts)):
        raise CodeDamage("answer code cannot be read (its written answers do not fit the exercise)")
    return texts


def decode2(values: list[int], exercises: Mapping[str, Exercise]) -> tuple[str, str, dict]:
    """A whole code's values (header to checks) as (learner, exercise id, answers); CodeDamage if it cannot be."""
    reader = _Reader(_from_values(values[HEADER:-2]))
    tag, fingerprint_ = reader.take(TAGS), reader.take(SHAPES)
    prints = {e.id: fingerprint(e) for e in exercises.values()}
    exercise = next((exercises[i] for i, p in prints.items() if p == (tag, fingerprint_)), None)
    if exercise is None:
        named = sorted(i for i, p in prints.items() if p[0] == tag)
        if named:
            which = " or ".join(f'"{i}"' for i in named)
            raise CodeDamage(f"this code was made for an older version of the exercise {which} (its questions or "
                          "options have changed since); ask the learner to reload the page and send a new code")
        raise CodeDamage("this code is for an exercise this kit does not have (made with another course?)")
    learner = _read_name(reader)
    answers = {}
    for item in exercise.items:
        if item.kind != "text":
            value = reader.take(_radix(exercise, item))
            if value:
                answers[item.id] = _answer(exercise, item, value)
    texts = iter(_read_texts(reader.number, exercise))
    for item in exercise.items:
        if item.kind == "text":
            text = next(texts, None)
            if text is not None:
                answers[item.id] = text
    return learner, exercise.id, {i.id: answers[i.id] for i in exercise.items if i.id in answers}


def _scan(text: str, start: int, count: int, case: str = "") -> tuple[list[int], int, str]:
    """Up to `count` code characters from `start`, skipping separators: their values, where reading stopped,
    and the character that stopped it ("" at the end of the text). A code is all in capitals (as the site shows
    it) or all in small letters (as someone may type it): a letter in the other case ends it ("...XY Thanks")."""
    values, at = [], start
    while len(values) < count and at < len(text):
        c = text[at]
        if c in "Mm" and text[at:at + 6].upper() == "MINGLE":
            return values, at, ""  # the next code starts here: this one was cut short
        if c.isalpha():
            case = case or ("upper" if c.isupper() else "lower")
            if (case == "upper") != c.isupper():
                return values, at, ""
        if c in VALUE:
            values.append(VALUE[c])
        elif c not in SEPARATORS:
            return values, at, c
        at += 1
    return values, at, ""


def _cut(line: int, need: int, got: int, stop: str) -> DamagedCode:
    if stop and stop.upper() in LOOK_ALIKES:
        return DamagedCode(line, f'answer code has "{stop}" in it, which codes never use (they have no 0, O, 1, '
                                 "I or L); check that character against the learner's screen")
    return DamagedCode(line, f"answer code is cut short ({got} of its {need} characters are there); ask the "
                             "learner to copy the whole code again")


def _read2(text: str, at: int, line: int, exercises: Mapping) -> tuple[AnswerCode | DamagedCode | None, int]:
    """The MINGLE2 code whose characters start at `at` (after the prefix), and where it ends; None if the text
    there is only the word MINGLE2 in prose: no dash or code character straight after it, and no good header
    in the prefix's case after a space."""
    dashed = bool(re.match(r"\s*[-\u2010-\u2015\u2212]|[" + ALPHABET + ALPHABET.lower() + "]", text[at:at + 8]))
    case = "lower" if text[at - 1] == "2" and text[at - 2] == "e" else ""
    header, end, stop = _scan(text, at, HEADER, case)
    wrong_case = str.isupper if case == "lower" else str.islower  # in the prefix's case, if not dashed
    if not dashed and (len(header) < HEADER or not _header_ok(header) or any(map(wrong_case, text[at:end]))):
        return None, at
    if len(header) < HEADER:
        return _cut(line, HEADER + 3, len(header), stop), end
    if not _header_ok(header):
        return DamagedCode(line, "answer code fails its check (one of its first four characters is mistyped); "
                                 "compare it with the learner's screen"), end
    length = (header[0] * BASE + header[1]) * BASE + header[2]
    letters = [c for c in text[at:end] if c.isalpha()]
    rest, end, stop = _scan(text, end, length, case or ("upper" if letters and letters[0].isupper() else
                                                        "lower" if letters else ""))
    if len(rest) < length:
        return _cut(line, HEADER + length, HEADER + len(rest), stop), end
    values = header + rest
    if length < 3 or not _checks_ok(values):
        return DamagedCode(line, "answer code fails its check (a character is mistyped, missing or swapped); "
                                 "compare it with the learner's screen"), end
    try:
        learner, exercise, answers = decode2(values, exercises)
    except CodeDamage as damage:
        return DamagedCode(line, str(damage)), end
    return AnswerCode(learner.strip(), exercise, answers, line), end


def find_codes(text: str, exercises: Mapping[str, Exercise] | None = None) -> Iterator[AnswerCode | DamagedCode]:
    """Every answer code in any text (a chat log, an email, a CSV), in order; MINGLE2 codes are read against the
    exercises (without them, each is reported as unreadable)."""
    found = [(m.start(), "1", m) for m in CODE.finditer(text)]
    found += [(m.start(), "2", m) for m in PREFIX2_RE.finditer(text)]
    found.sort(key=lambda f: f[0])
    done = 0
    for start, version, match in found:
        if start < done:
            continue  # inside a code already read
        line = text.count("\n", 0, start) + 1
        if version == "1":
            done = match.end()
            yield _decode1(match.group("body") or "", match.group("sum"), line)
            continue
        code, end = _read2(text, match.end(), line, exercises or {})
        if code is not None:
            done = end
            yield code
