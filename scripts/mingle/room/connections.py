"""The room's connections: uvicorn's h11 protocol with what uvicorn lacks (a deadline for a whole request to
arrive, a cap on connections per address and in all), the open-files limit raised at start, and one short log
line when a limit bites instead of a traceback per connection.

uvicorn has timeout_keep_alive for idle connections between requests, but nothing for a request that trickles in
(its keep-alive timer stops at the first byte; see encode/uvicorn#157), and limit_concurrency answers in plain
text once a connection is already open. So the guard sits in the protocol, uvicorn's own extension point."""

from __future__ import annotations

import asyncio
import errno
import json
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.utils import get_remote_addr

from mingle.room.guard import LAPTOP
from mingle.room.notes import notice_every

BACKLOG = 64  # connections the system queues for the room (uvicorn's default, 2,048, would not fit 1,024 files)
# asyncio accepts up to BACKLOG connections in one go before the protocol can refuse any, and a refused one is
# closed a turn of the loop later: the cap in all keeps room for three such waves beside the room's own files
# (the database and its journal, the view process, the site's files, logs)
RESERVE = 64 + 3 * BACKLOG
WANTED_FILES = 8192  # the open-files limit asked for at start (soft), when the system allows it
MOST = 4000  # connections in all, whatever the limit on open files: far past 500 phones with a stream each


@dataclass
class Caps:
    """What every connection to the room shares: the limits, and how many connections each address holds."""

    per_address: int = 32  # a phone and a laptop, each with a browser's six and a live stream, twice over
    total: int = MOST
    request_seconds: float = 10.0  # for a whole request (headers and body) to arrive
    open: Counter = field(default_factory=Counter)  # address -> its connections open now
    in_all: int = 0  # connections open now
    blocked: Callable[[str], bool] = lambda address: False  # an address in the middle of a flood (guard.Limits)
    note: Callable[[str, str], None] = field(default_factory=lambda: notice_every(10.0))


def problem(status: int, reason: str, text: str) -> bytes:
    """A whole HTTP response holding one JSON problem, for a connection the app never sees."""
    body = json.dumps({"problem": text}).encode()
    return (f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n"
            "connection: close\r\n\r\n").encode() + body


class GuardedProtocol(H11Protocol):
    """uvicorn's h11 protocol, refusing a connection past the caps and closing one whose request is too slow."""

    caps: Caps = Caps()  # replaced by protocol() for each room
    deadline: asyncio.TimerHandle | None = None
    counted: str | None = None
    refusing = False

    def connection_made(self, transport: asyncio.Transport) -> None:
        caps = self.caps
        address = (get_remote_addr(transport) or ("?", 0))[0]
        if caps.in_all >= caps.total:
            caps.note("total", f"refused connections: {caps.total} are open already (the most this laptop allows)")
            self._refuse(transport, problem(503, "Service Unavailable", "the room is full: try again in a minute"))
            return
        if address not in LAPTOP and caps.open[address] >= caps.per_address:
            caps.note(f"address {address}", f"refused connections from {address}: more than {caps.per_address} "
                                            "open at once from one address")
            self._refuse(transport, problem(429, "Too Many Requests",
                                            "too many connections from this address: close some tabs"))
            return
        caps.open[address] += 1
        caps.in_all += 1
        self.counted = address
        super().connection_made(transport)
        self._arm()
        if caps.blocked(address):  # in a flood: refused unread when its request comes, so it costs next to nothing
            caps.note(f"flood {address}", f"refused requests from {address}: too many at once from one address")
            self.refusing = True

    @staticmethod
    def _refuse(transport: asyncio.Transport, response: bytes) -> None:
        """Answer a refused connection in one line of JSON and close it at once."""
        transport.write(response)
        transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.counted is None:  # refused in connection_made: uvicorn never knew it
            return
        self.caps.open[self.counted] -= 1
        self.caps.in_all -= 1
        if not self.caps.open[self.counted]:
            del self.caps.open[self.counted]
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        """Start the clock for the next request to arrive whole."""
        self._disarm()
        self.deadline = self.loop.call_later(self.caps.request_seconds, self._too_slow)

    def _disarm(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None

    def data_received(self, data: bytes) -> None:
        if self.refusing or (self.caps.blocked(self.counted) and (self.cycle is None or self.cycle.response_complete)):
            # Answered once its request has come (closing before would cut off the answer), never parsed.
            self._refuse(self.transport, problem(429, "Too Many Requests",
                                                 "too many requests from this address: wait a few seconds"))
            return
        super().data_received(data)

    def handle_events(self) -> None:
        super().handle_events()
        cycle = self.cycle
        if cycle is not None and not cycle.more_body and not cycle.response_complete:
            self._disarm()  # the request is all here: what follows (a long event stream, say) is not timed

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def _too_slow(self) -> None:
        """Close a connection that has not sent a whole request in time (trickled headers, a stalled body)."""
        self.deadline = None
        if self.transport.is_closing():
            return
        seconds = self.caps.request_seconds
        self.caps.note("slow", f"closed connections that sent no whole request within {seconds:.0f} s")
        if self.cycle is None or self.cycle.response_complete:
            self.transport.write(problem(408, "Request Timeout", "the request took too long to arrive"))
        self.transport.close()


def protocol(caps: Caps) -> type[GuardedProtocol]:
    """The protocol class for one room's uvicorn.Config(http=...), sharing these caps."""
    return type("RoomProtocol", (GuardedProtocol,), {"caps": caps})


def raise_open_files() -> int:
    """Raise this process's soft limit on open files toward WANTED_FILES (never past the hard limit); returns
    the limit now in force. A laptop often starts at 1,024 (macOS at 256), too few for a big room."""
    try:
        import resource
    except ImportError:  # Windows: no such limit to raise
        return MOST + RESERVE
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = WANTED_FILES if hard == resource.RLIM_INFINITY else min(WANTED_FILES, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass  # kept as it was: the caps below fit what there is
    return soft if soft != resource.RLIM_INFINITY else MOST + RESERVE


def caps_for(open_files: int) -> Caps:
    """Caps that keep the room inside its open-files limit, with RESERVE left for everything else."""
    return Caps(total=max(16, min(MOST, open_files - RESERVE)))


class QuietInvalid(logging.Filter):
    """On uvicorn's log: its warning for each request that is not HTTP (or whose headers pass 16 KiB) goes through
    the room's notes instead, so a stream of them makes a line or two."""

    def __init__(self, note: Callable[[str, str], None]):
        super().__init__()
        self.note = note

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("Invalid HTTP request"):
            self.note("invalid", "refused requests that were not HTTP, or whose headers passed 16 KiB")
            return False
        return True


def quiet_accept_errors(note):
    """An event-loop exception handler that turns "too many open files" on accept into one short line (asyncio
    would log a traceback for each try) and leaves every other problem to asyncio's own handler."""

    def handle(loop: asyncio.AbstractEventLoop, context: dict) -> None:
        err = context.get("exception")
        if isinstance(err, OSError) and err.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
            note("accept", f"could not take a new connection: {err.strerror}")
            return
        loop.default_exception_handler(context)
    return handle
