"""A real `mingle room` process for tests: started on a free 127.0.0.1 port, waited for by polling, stopped by
the caller; and small HTTP helpers that speak to it."""

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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMAT = "mingle.answers/1"


@dataclass
class Room:
    """A running room: its process, what it printed, and how to reach it."""

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

    def request(self, method: str, path: str, body=None, key: str | None = None, headers: dict | None = None,
                timeout: float = 10) -> tuple[int, dict | bytes]:
        """Send one request; returns the status and the JSON (or bytes) that came back."""
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        wanted = dict(headers or {})
        if key is not None:
            wanted["Authorization"] = f"Bearer {key}"
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=wanted)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                status, raw, kind = response.status, response.read(), response.headers.get("content-type", "")
        except urllib.error.HTTPError as err:
            status, raw, kind = err.code, err.read(), err.headers.get("content-type", "")
        except (urllib.error.URLError, http.client.HTTPException, OSError) as err:  # not listening, or gone mid-answer
            return 0, str(err).encode()
        return status, json.loads(raw) if kind.startswith("application/json") else raw

    def answers(self, client: str, answers: dict, learner: str = "Ada", **extra) -> tuple[int, dict]:
        """POST one phone's answer sheet to the room."""
        sheet = {"format": FORMAT, "learner": learner, "client": client, "answers": answers, **extra}
        return self.request("POST", f"/room/{self.code}/answers", sheet)

    def results(self) -> dict:
        """The room's /results, with the key."""
        status, data = self.request("GET", f"/room/{self.code}/results", key=self.key)
        assert status == 200, data
        return data

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


def start_room(db: Path, site: Path, *args: str, exercises: Path | None = None, timeout: float = 120) -> Room:
    """Start `mingle room` on a free loopback port and wait until it prints its four lines and answers."""
    return start_command([sys.executable, "-m", "mingle", "room", "--port", "0", "--db", str(db), "--site", str(site),
                          "--exercises", str(exercises or ROOT / "exercises"), *args], ROOT, timeout)


def start_command(argv: list[str], cwd: Path, timeout: float = 120) -> Room:
    """Start a room from this command line (a `mingle room` on port 0) and wait until it prints and answers."""
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
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
