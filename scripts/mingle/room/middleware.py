"""What wraps every request to the room: the limit per address before anything is read, the headers that keep
pages out of other sites' frames (each route that carries names says no-store itself), and a one-line JSON 500
(one log line, not a traceback) for a problem nobody foresaw."""

from __future__ import annotations

import json

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mingle.room import guard
from mingle.room.notes import LOG

ROOM = "/room/"  # the room's own pages and API: never framed
SITE_HEADERS = {"x-content-type-options": "nosniff", "content-security-policy": "frame-ancestors 'self'",
                "x-frame-options": "SAMEORIGIN"}  # the kit's deck may show its own pages in a frame
ROOM_HEADERS = {"x-content-type-options": "nosniff", "content-security-policy": "frame-ancestors 'none'",
                "x-frame-options": "DENY", "referrer-policy": "no-referrer"}


def problem(status: int, text: str, headers: dict | None = None) -> list[Message]:
    """The two ASGI messages of a one-line JSON problem."""
    body = json.dumps({"problem": text}).encode()
    fields = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
              *((k.lower().encode(), v.encode()) for k, v in (headers or {}).items())]
    return [{"type": "http.response.start", "status": status, "headers": fields},
            {"type": "http.response.body", "body": body}]


class RoomMiddleware:
    """Pure ASGI (no buffering of streams): event streams pass through untouched but for their headers."""

    def __init__(self, app: ASGIApp, limits: guard.Limits, debug: bool = False):
        self.app, self.limits, self.debug = app, limits, debug
        self.note = limits.note

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        where = scope["client"][0] if scope.get("client") else "?"
        if where not in guard.LAPTOP and not self.limits.addresses.take(where):
            self.note(f"flood {where}", f"refused requests from {where}: too many at once from one address")
            for message in problem(429, "too many requests from this address: wait a few seconds",
                                   {"Retry-After": "5"}):
                await send(message)
            return
        room = scope["path"].startswith(ROOM)
        extra = ROOM_HEADERS if room else SITE_HEADERS
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in extra.items():
                    headers.setdefault(name, value)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as err:  # noqa: BLE001 - a bug: the phone hears one line, the terminal one line (a traceback with --debug)
            if self.debug:
                LOG.exception("mingle room: internal error on %s %s", scope["method"], scope["path"])
            else:
                said = " ".join(str(err).split())[:200]  # one line, however the error reads
                self.note(f"error {type(err).__name__}", f"internal error on {scope['method']} {scope['path'][:80]}: "
                          f"{type(err).__name__}: {said} (run with --debug for the traceback)")
            if not started:
                for message in problem(500, "something went wrong in the room: the presenter's screen says what"):
                    await send(message)
