"""The room for tests: a real `mingle room` process (started on a free 127.0.0.1 port, waited for by polling,
stopped by the caller) or its app in this process through Starlette's TestClient, and one way to speak to either."""

from __future__ import annotations

import http.client
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMAT = "mingle.answers/1"


def one_page_site(base: Path) -> Path:
    """A built site of one page in `base`/site, for a room whose tests need no real pages; returns the folder."""
    (base / "site").mkdir()
    (base / "site" / "index.html").write_text("<!doctype html><title>Kit</title><p>The kit's site.</p>")
    return base / "site"


class Speaker:
    """Speaks the room's HTTP API; `send` says how the request reaches the room."""

    code: str
    key: str

    def send(self, method: str, path: str, data: bytes | None, headers: dict, timeout: float
             ) -> tuple[int, bytes, Mapping[str, str]]:
        """One request: its status, body and headers (looked up in any case)."""
        raise NotImplementedError

    def request(self, method: str, path: str, body=None, key: str | None = None, headers: dict | None = None,
                timeout: float = 10) -> tuple[int, dict | bytes]:
        """Send one request; returns the status and the JSON (or bytes) that came back."""
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        wanted = dict(headers or {})
        if key is not None:
            wanted["Authorization"] = f"Bearer {key}"
        status, raw, got = self.send(method, path, data, wanted, timeout)
        return status, json.loads(raw) if got.get("content-type", "").startswith("application/json") else raw

    def answers(self, client: str, answers: dict, learner: str = "Ada", **extra) -> tuple[int, dict]:
        """POST one phone's answer sheet to the room."""
        sheet = {"format": FORMAT, "learner": learner, "client": client, "answers": answers, **extra}
        return self.request("POST", f"/room/{self.code}/answers", sheet)

    def results(self) -> dict:
        """The room's /results, with the key."""
        status, data = self.request("GET", f"/room/{self.code}/results", key=self.key)
        assert status == 200, data
        return data


@dataclass
class Room(Speaker):
    """A running room: its process, what it printed, and how to reach it over HTTP."""

    process: subprocess.Popen
    lines: dict = field(default_factory=dict)
    printed: list = field(default_factory=list)
    output: queue.Queue = field(default_factory=queue.Queue)
    reader: threading.Thread | None = None

    @property
    def base(self) -> str:
        return self.lines["dashboard"].rsplit("/room/", 1)[0]

    @property
    def code(self) -> str:
        return self.lines["code"]

    @property
    def key(self) -> str:
        return self.lines["key"]

    def send(self, method, path, data, headers, timeout):
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as err:
            return err.code, err.read(), err.headers
        except (urllib.error.URLError, http.client.HTTPException, OSError) as err:  # not listening, or gone mid-answer
            return 0, str(err).encode(), {}

    def stop(self, sig=signal.SIGINT, timeout: float = 20) -> tuple[int, str, str]:
        """Stop the room (Ctrl-C by default); returns exit code, the rest of its stdout, and its stderr."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        self.process.wait(timeout=timeout)
        err = self.process.stderr.read()  # ends once the room's view process has noticed and gone too
        self.reader.join(timeout=timeout)
        while not self.output.empty():
            self.printed.append(self.output.get())
        return self.process.returncode, "".join(self.printed), err


def start_room(db: Path, site: Path, *args: str, exercises: Path | None = None, timeout: float = 120,
               preexec_fn=None) -> Room:
    """Start `mingle room` on a free loopback port and wait until it prints its four lines and answers
    (`preexec_fn` runs in the child before it starts: to set its limits, say)."""
    return start_command([sys.executable, "-m", "mingle", "room", "--port", "0", "--db", str(db), "--site", str(site),
                          "--exercises", str(exercises or ROOT / "exercises"), *args], ROOT, timeout, preexec_fn)


def start_command(argv: list[str], cwd: Path, timeout: float = 120, preexec_fn=None) -> Room:
    """Start a room from this command line (a `mingle room` on port 0) and wait until it prints and answers."""
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"}, preexec_fn=preexec_fn)
    room = Room(process)
    lines = room.output
    # A thread reads what it prints: select() on the pipe would miss lines already in the reader's buffer.
    room.reader = threading.Thread(target=lambda: [lines.put(line) for line in iter(process.stdout.readline, "")],
                                   daemon=True)
    room.reader.start()
    deadline = time.monotonic() + timeout
    while len(room.lines) < 4:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"mingle room did not start: {''.join(room.printed)}{process.stderr.read()}")
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        room.printed.append(line)
        label, _, value = line.strip().partition(": ")
        room.lines[label] = value
    while room.request("GET", "/room/ping", timeout=2)[0] != 200:  # polled until it answers
        if time.monotonic() > deadline:
            raise AssertionError("mingle room printed its lines but does not answer")
    return room


class AppRoom(Speaker):
    """The room's app in this process, spoken to through Starlette's TestClient: its HTTP contract without a
    server, a port or a process to start (durability, load and browsers need the real one, `start_room`)."""

    def __init__(self, db: Path, site: Path, exercises: Path):
        from starlette.testclient import TestClient

        from mingle.activities import kit_activities
        from mingle.exercise_option import kit_exercises
        from mingle.room import store
        from mingle.room.app import Settings, create_app
        from mingle.room.command import new_code, new_key

        self.code, self.key = store.prepare(db, None, None, new_code, new_key)
        activities, blocked = kit_activities(exercises.parent)  # beside the exercises, as `mingle room` finds them
        self.settings = Settings(code=self.code, key=self.key, db=db, site=site, exercises=kit_exercises(exercises),
                                 join=f"http://127.0.0.1/?room={self.code}", activities=activities, blocked=blocked)
        self.client = TestClient(create_app(self.settings), base_url="http://127.0.0.1", client=("127.0.0.1", 50000))
        self.client.__enter__()  # the app's lifespan: the database open, the live view running

    def send(self, method, path, data, headers, timeout):
        self.client.cookies.clear()  # as the real server's tests, no request carries another's cookie
        response = self.client.request(method, path, content=data, headers=headers)  # in process: no time out
        return response.status_code, response.content, response.headers

    def close(self) -> None:
        """End the app's lifespan: the live view stops, the database closes."""
        self.client.__exit__(None, None, None)
