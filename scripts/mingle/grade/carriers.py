"""However an answer code was carried, the text it sits in: emails (.eml, .mbox, read with the standard library's
email and mailbox packages), chat exports as JSON (Slack, Teams), HTML, quoted replies, quoted-printable."""

from __future__ import annotations

import email
import email.policy
import html
import json
import mailbox
import os
import re
import tempfile
from collections.abc import Iterator

from mingle import codes

# Taken out of a text before codes are looked for, each replaced by the line breaks it held, so line numbers stay
# those of the file: HTML tags (<wbr>, <br>, <span ...>; not a code someone put in angle brackets) and comments,
# character references (&nbsp; &#8203;),
# quoted-printable soft line breaks (= at a line's end), reply markers (> at a line's start), soft hyphens and
# zero-width characters that chat clients put inside long words.
IGNORED = re.compile(r"""
    <(?!(?i:mingle))(?:/?[A-Za-z][^<>]{0,2000}|!--.{0,2000}?--)>
  | &(?:[A-Za-z][A-Za-z0-9]{1,31}|\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6});
  | =\r?\n
  | (?:^|(?<=\n))[ \t]*(?:>[ \t]?)+
  | [\u00ad\u200b-\u200d\u2060\ufeff]
""", re.VERBOSE | re.DOTALL)
QP_BYTES = re.compile(r"(?:=[0-9A-F]{2})+")
SOFT_BREAK = re.compile(r"=\r?\n")
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
ATTACHED_FILES = (".json", ".yaml", ".yml", ".csv", ".tsv", ".xlsx")
MBOX_FROM = re.compile(rb"From \S+ +[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d(?::\d\d)? .*?\d{4}\r?\n")
HEADER_LINE = re.compile(rb"[!-9;-~]+:[ \t]")
MAIL_HEADERS = (b"from", b"to", b"subject", b"date", b"mime-version", b"received", b"return-path", b"message-id",
                b"content-type", b"delivered-to", b"reply-to", b"x-")
JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"(?P<key>\s*:)?')


def _replace(match: re.Match) -> str:
    piece = match.group()
    if piece.startswith("&"):
        got = html.unescape(piece)
        return "" if got in INVISIBLE else got
    return "\n" * piece.count("\n")


def _qp_bytes(match: re.Match) -> str:
    """Quoted-printable escapes (=20, =E2=80=8B) as the text they stand for."""
    raw = bytes.fromhex(match.group().replace("=", ""))
    text = raw.decode("utf-8", "replace")
    return "".join(c for c in text if c not in INVISIBLE)


def clean(text: str) -> str:
    """The text with everything that may fall inside a code taken out, line breaks kept."""
    if SOFT_BREAK.search(text):  # quoted-printable: its escapes too (a space before a soft break is =20)
        text = QP_BYTES.sub(_qp_bytes, text)
    return IGNORED.sub(_replace, text)


def may_hold_codes(text: str) -> bool:
    """Whether a text holds an answer code's prefix, however it is broken up."""
    if "M" not in text and "m" not in text:
        return False
    text = clean(text)
    return codes.CODE.search(text) is not None or codes.PREFIX2_RE.search(text) is not None


# --- emails --------------------------------------------------------------------------------------------------

def is_mbox(data: bytes) -> bool:
    """Whether the bytes are a mailbox file: each message starts with a line such as
    `From sender@example.org Tue Dec  1 10:00:00 2026` (a chat log's "From Ada to Everyone:" is not one)."""
    return data.startswith(b"From ") and MBOX_FROM.match(data) is not None


def is_email(data: bytes) -> bool:
    """Whether the bytes start with mail headers (a saved .eml)."""
    head = data[:4096].split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0].splitlines()
    names = [line.split(b":", 1)[0].lower() for line in head if HEADER_LINE.match(line)]
    return len(names) >= 2 and sum(n.startswith(MAIL_HEADERS) for n in names) >= 2


def _parts(message) -> Iterator[str | tuple[str, bytes]]:
    """A message's text (its body: plain text, or HTML where that is all it has; text attachments), and its
    attached files that are answer sheets or rosters, as (file name, bytes)."""
    body = message.get_body(preferencelist=("plain", "html"))
    bodies = [body] if body is not None else []
    if body is not None and body.get_content_subtype() == "plain":
        other = message.get_body(preferencelist=("html",))
        if other is not None and other is not body:
            bodies.append(other)  # read only if the plain text holds no code
    found = False
    for part in bodies:
        text = _content(part)
        if text and not found and may_hold_codes(text):
            found = True
            yield text
    for part in message.iter_attachments() if message.is_multipart() else ():
        name = part.get_filename() or ""
        if name.lower().endswith(ATTACHED_FILES):  # "Download my answers", then attach the file to an email
            yield name, part.get_payload(decode=True) or b""
        elif part.get_content_maintype() == "text":
            text = _content(part)
            if text and may_hold_codes(text):
                yield text
        elif part.get_content_type() == "message/rfc822":
            for inner in part.iter_parts():
                yield from _parts(inner)


def _content(part) -> str:
    try:
        return part.get_content()
    except (LookupError, ValueError, AssertionError):  # an unknown charset or a broken encoding
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", "replace")


def email_texts(data: bytes) -> Iterator[str | tuple[str, bytes]]:
    """The texts of one saved email (.eml) that may hold codes, and its attached sheets and rosters."""
    yield from _parts(email.message_from_bytes(data, policy=email.policy.default))


def mbox_texts(data: bytes) -> Iterator[tuple[int, str | tuple[str, bytes]]]:
    """(message number from 1, text or attached file) for each message in a mailbox file, as email_texts."""
    handle, path = tempfile.mkstemp(suffix=".mbox")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        box = mailbox.mbox(path, factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default),
                           create=False)
        try:
            for number, message in enumerate(box, 1):
                for text in _parts(message):
                    yield number, text
        finally:
            box.close()
    finally:
        os.unlink(path)


# --- chat exports as JSON ------------------------------------------------------------------------------------

def json_texts(text: str) -> Iterator[tuple[int, str]]:
    """(line, string) for every string value in a JSON text that may hold a code (Slack's "text", Teams'
    "content" and any other field), found where it is written so its line can be given."""
    for match in JSON_STRING.finditer(text):
        literal = match.group()
        if match.group("key") or ("M" not in literal and "m" not in literal):
            continue
        try:
            value = json.loads(literal)
        except ValueError:
            continue
        if may_hold_codes(value):
            yield text.count("\n", 0, match.start()) + 1, value
