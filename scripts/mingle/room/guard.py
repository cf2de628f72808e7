"""What a request must get past before the room acts on it: the room code, the presenter's key (wrong ones slowed
per address), the size limit, the answer-sheet rules of `mingle grade`, and rate limits per phone, per address and
on new phones per address."""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.requests import ClientDisconnect, Request

from mingle.errors import InputProblem, Refused
from mingle.marking import decoding
from mingle.marking.sheets import Sheet, load_json, oneline, sheet
from mingle.room.notes import notice_every

CLIENT = re.compile(r"[A-Za-z0-9_-]{8,64}")
COOKIE = "mingle_room"
SMALL = 16 * 1024  # bytes: the most a request other than an answer sheet needs ({"client": ...}, {"open": true})
DRAIN = 4 * 1024 * 1024  # bytes of a body too large read and dropped before the room stops listening
LAPTOP = ("127.0.0.1", "::1")  # the presenter's own computer: not held to the limits for one address


def check_code(given: str, code: str) -> None:
    """Refuse a request for another room (a stale QR code from last week's session, say)."""
    if given.upper() != code:
        raise Refused(404, f"no room {oneline(given)[:16]} here: check the room code on the projector")


def cookie_token(key: str) -> str:
    """What the dashboard's cookie holds: derived from the key, so the cookie is not the key itself."""
    return hmac.new(key.encode(), b"mingle room dashboard", hashlib.sha256).hexdigest()


def address(request: Request) -> str:
    """The network address a request came from (the connection's own: the room trusts no forwarding header)."""
    return request.client.host if request.client else "?"


def presenter(request: Request, key: str) -> None:
    """Let only the presenter through: 401 with no key at all, 403 with a wrong one (header or cookie), 429 once
    an address has given too many wrong ones."""
    limits: Limits = request.app.state.settings.limits
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise Refused(401, "expected the header Authorization: Bearer <key>", {"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.strip().encode(), key.encode()):
            limits.wrong_key(request)
        return
    cookie = request.cookies.get(COOKIE)
    if cookie is None:
        raise Refused(401, "this needs the presenter's key", {"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(cookie.encode(), cookie_token(key).encode()):
        limits.wrong_key(request)
    origin = request.headers.get("origin")
    if request.method == "POST" and origin and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise Refused(403, "a change to the room must come from the room's own dashboard")


async def body(request: Request, limit: int = SMALL) -> bytes:
    """The request's body, refused past `limit` bytes without keeping it.

    A body too large is still read (and dropped) up to DRAIN bytes, so that the phone hears the 413 rather than
    a connection cut off while it was still sending; past DRAIN it is cut off."""
    declared = request.headers.get("content-length", "")
    shown = f"{int(declared) / 1024:,.0f} KiB, " if declared.isdigit() else ""
    too_large = Refused(413, f"too large ({shown}the limit is {limit / 1024:,.0f} KiB here)")
    if declared.isdigit() and int(declared) > DRAIN:
        raise too_large
    parts, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size <= limit:
                parts.append(chunk)
            elif size > DRAIN:
                break
    except ClientDisconnect:
        raise Refused(400, "the request stopped before its end") from None
    if size > limit:
        raise too_large
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

    def empty(self, name: str, now: float | None = None) -> bool:
        """Whether `name` has no token to spend now (looked at, not spent)."""
        now = time.monotonic() if now is None else now
        tokens, last = self.held.get(name, (self.burst, now))
        return tokens + (now - last) * self.rate < 1

    def charge(self, name: str, tokens: float) -> None:
        """Spend `tokens` of `name`'s bucket at once, into debt if need be (up to one burst): refilled at `rate`."""
        now = time.monotonic()
        held, last = self.held.get(name, (self.burst, now))
        self.held[name] = (max(-self.burst, min(self.burst, held + (now - last) * self.rate) - tokens), now)

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
    """The room's rate limits, tight for one phone; for one address, what a person with a phone and a laptop
    needs (a page and its files at once, then a steady pace), so one attendee cannot crowd out the rest."""

    phones: Buckets = field(default_factory=lambda: Buckets(burst=12, rate=1.0))
    addresses: Buckets = field(default_factory=lambda: Buckets(burst=120, rate=20.0))
    # new client ids: a phone and a laptop, a private tab and a second browser, then one a minute
    newcomers: Buckets = field(default_factory=lambda: Buckets(burst=6, rate=1 / 60))
    wrong_keys: Buckets = field(default_factory=lambda: Buckets(burst=30, rate=1.0))
    note: Callable[[str, str], None] = field(default_factory=lambda: notice_every(10.0))  # the room's one log

    def refused(self, request: Request, status: int) -> None:
        """Make a refused request cost its address more than a good one (a body too large, far more: reading it
        took the room's time), so a flood of junk is soon turned away before it is read. A phone in a normal
        session is refused now and then (a closed exercise, an ended room: not charged) and never comes near."""
        where = address(request)
        if where not in LAPTOP and status not in (401, 403, 409, 410):  # keys have a limit of their own
            self.addresses.charge(where, 40 if status == 413 else 4)

    def blocked(self, where: str) -> bool:
        """Whether an address is in the middle of a flood: its next connection is refused before it is read."""
        return where not in LAPTOP and self.addresses.empty(where)

    def newcomer(self, request: Request) -> None:
        """Refuse a new client id from an address that has made many already (each would count as a phone)."""
        where = address(request)
        if where not in LAPTOP and not self.newcomers.take(where):
            self.note(f"newcomers {where}", f"refused new phones from {where}: more than "
                                            f"{self.newcomers.burst:.0f} from one address (then one a minute)")
            raise Refused(429, "too many new phones from this address: use the same browser as before",
                          {"Retry-After": "60"})

    def wrong_key(self, request: Request) -> None:
        """Refuse a wrong key, and slow down an address that keeps guessing (every address, the laptop too)."""
        if not self.wrong_keys.take(address(request)):
            self.note(f"keys {address(request)}", f"refused keys from {address(request)}: too many wrong ones")
            raise Refused(429, "too many wrong keys from this address: wait a minute", {"Retry-After": "60"})
        raise Refused(403, "that is not this room's key")

    def phone(self, client: str) -> None:
        """Refuse a flood from one phone."""
        if not self.phones.take(client):
            raise Refused(429, "too many answers from this phone at once: wait a few seconds and check again",
                          {"Retry-After": "5"})
