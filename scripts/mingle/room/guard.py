"""What a request must get past before the room acts on it: the room code, the presenter's key, the size limit,
the answer-sheet rules of `mingle grade`, and a rate limit per phone and per address."""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from dataclasses import dataclass, field

from starlette.requests import Request

from mingle.marking import decoding
from mingle.errors import InputProblem, Refused
from mingle.marking.sheets import Sheet, load_json, oneline, sheet

CLIENT = re.compile(r"[A-Za-z0-9_-]{8,64}")
COOKIE = "mingle_room"
DRAIN = 4 * decoding.LIMIT


def check_code(given: str, code: str) -> None:
    """Refuse a request for another room (a stale QR code from last week's session, say)."""
    if given.upper() != code:
        raise Refused(404, f"no room {oneline(given)[:16]} here: check the room code on the projector")


def cookie_token(key: str) -> str:
    """What the dashboard's cookie holds: derived from the key, so the cookie is not the key itself."""
    return hmac.new(key.encode(), b"mingle room dashboard", hashlib.sha256).hexdigest()


def presenter(request: Request, key: str) -> None:
    """Let only the presenter through: 401 with no key at all, 403 with a wrong one (header or cookie)."""
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise Refused(401, "expected the header Authorization: Bearer <key>", {"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.strip().encode(), key.encode()):
            raise Refused(403, "that is not this room's key")
        return
    cookie = request.cookies.get(COOKIE)
    if cookie is None:
        raise Refused(401, "this needs the presenter's key", {"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(cookie.encode(), cookie_token(key).encode()):
        raise Refused(403, "that is not this room's key")
    origin = request.headers.get("origin")
    if request.method == "POST" and origin and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise Refused(403, "a change to the room must come from the room's own dashboard")


async def body(request: Request) -> bytes:
    """The request's body, refused past the grader's per-input limit without keeping it.

    An oversized body is still read (and dropped) up to DRAIN bytes, so that the phone hears the 413 rather than a
    connection cut off while it was still sending."""
    declared = request.headers.get("content-length", "")
    parts, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size <= decoding.LIMIT:
            parts.append(chunk)
        elif size > DRAIN:
            break
    if size > decoding.LIMIT:
        raise Refused(413, decoding.too_large(int(declared) if declared.isdigit() else None))
    return b"".join(parts)


def read_sheet(data: bytes) -> tuple[str, Sheet]:
    """A phone's answer sheet read exactly as `mingle grade` reads a file, plus its client id."""
    try:
        text = decoding.decode(data)
        if not text.strip():
            raise InputProblem("empty request: expected an answer sheet")
        parsed = load_json(text)
        found = sheet(parsed, "request")
    except InputProblem as bad:
        raise Refused(400, bad.problem) from None
    client = parsed.get("client")
    if not isinstance(client, str) or not CLIENT.fullmatch(client):
        raise Refused(400, 'client: expected the phone\'s id, 8 to 64 characters of A-Z, a-z, 0-9, "_" and "-"')
    return client, found


@dataclass
class Buckets:
    """Token buckets: each name may make `burst` requests at once, then `rate` a second."""

    burst: float
    rate: float
    held: dict = field(default_factory=dict)  # name -> (tokens left, when last spent)

    def take(self, name: str, now: float | None = None) -> bool:
        """Spend one token of `name`'s bucket; False when it is empty."""
        now = time.monotonic() if now is None else now
        if len(self.held) > 20000:  # forget the idle ones rather than grow without end
            self.held = {name: (tokens, last) for name, (tokens, last) in self.held.items() if now - last < 60}
        tokens, last = self.held.get(name, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens < 1:
            self.held[name] = (tokens, now)
            return False
        self.held[name] = (tokens - 1, now)
        return True


@dataclass
class Limits:
    """The room's rate limits: generous for a whole room behind one address, tight for one phone."""

    phones: Buckets = field(default_factory=lambda: Buckets(burst=12, rate=1.0))
    addresses: Buckets = field(default_factory=lambda: Buckets(burst=400, rate=150.0))

    def address(self, request: Request) -> None:
        """Refuse a flood from one network address."""
        if not self.addresses.take(request.client.host if request.client else "?"):
            raise Refused(429, "too many requests from this address: wait a few seconds", {"Retry-After": "5"})

    def phone(self, client: str) -> None:
        """Refuse a flood from one phone."""
        if not self.phones.take(client):
            raise Refused(429, "too many answers from this phone at once: wait a few seconds and check again",
                          {"Retry-After": "5"})
