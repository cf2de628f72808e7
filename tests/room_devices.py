"""Other devices for a room under test: HTTP from another loopback address (127.0.0.2 and up), which the room
sees as a phone or laptop of its own, as it would see one on the venue's wifi. Linux routes all of 127/8 to
the loopback, so this never leaves the machine."""

from __future__ import annotations

import http.client
import json
import socket
from pathlib import Path
from urllib.parse import urlsplit

from grading_kit import make_kit
from room_kit import FORMAT, Room, one_page_site, start_room


def bare_kit(base: Path) -> Path:
    """The grader's small test kit and a one-page site, written into `base`; returns it."""
    make_kit(base)
    one_page_site(base)
    return base


def room_on(folder: Path, db: Path, *args: str, **options) -> Room:
    """A room on `db` serving the bare kit in `folder` (see start_room for the options)."""
    return start_room(db, folder / "site", *args, exercises=folder / "exercises", **options)


def device(n: int) -> str:
    """The loopback address of test device n (n from 1)."""
    return f"127.0.{n // 250}.{n % 250 + 2}"


def ask(room: Room, address: str, method: str, path: str, body=None, headers: dict | None = None,
        timeout: float = 10) -> tuple[int, dict | bytes, dict]:
    """One request from `address`; returns the status, the JSON (or bytes) and the headers (lower-case names).
    Status 0: the room closed the connection without an answer."""
    url = urlsplit(room.base)
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout, source_address=(address, 0))
    try:
        conn.request(method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})})
        response = conn.getresponse()
        raw = response.read()
    except (OSError, http.client.HTTPException):
        return 0, b"", {}
    finally:
        conn.close()
    fields = {k.lower(): v for k, v in response.getheaders()}
    kind = fields.get("content-type", "")
    return response.status, json.loads(raw) if kind.startswith("application/json") else raw, fields


def answers(room: Room, address: str, client: str, sheet: dict, learner: str = "Ada") -> tuple[int, dict | bytes]:
    """POST one phone's answers from `address`."""
    body = {"format": FORMAT, "learner": learner, "client": client, "answers": sheet}
    status, data, _ = ask(room, address, "POST", f"/room/{room.code}/answers", body)
    return status, data


def raw_connection(room: Room, address: str, timeout: float = 15) -> socket.socket:
    """An open TCP connection to the room from `address`, nothing sent yet."""
    url = urlsplit(room.base)
    return socket.create_connection((url.hostname, url.port), timeout=timeout, source_address=(address, 0))
