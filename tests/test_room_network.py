"""Reached from another machine: with --host 0.0.0.0 the join address the room prints opens the lobby from a second
network namespace, as a phone on the venue's wifi would open it (a veth pair stands in for the wifi). Needs root
and iproute2; skipped without them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from room_kit import start_room

NAME = f"mingle{os.getpid() % 100000}"
NET = f"10.203.{os.getpid() % 200 + 20}"


def ip(*args: str, inside: bool = False) -> subprocess.CompletedProcess:
    command = ["ip", "netns", "exec", NAME, "ip", *args] if inside else ["ip", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=20)


@pytest.fixture(scope="module")
def phone_network():
    """A network namespace joined to this machine by a veth pair, its default route through this machine."""
    if os.geteuid() != 0 or not shutil.which("ip"):
        pytest.skip("needs root and iproute2 to make a second network namespace")
    if ip("netns", "add", NAME).returncode != 0:
        pytest.skip("this machine does not allow network namespaces")
    try:
        steps = [ip("link", "add", f"{NAME}h", "type", "veth", "peer", "name", f"{NAME}p"),
                 ip("link", "set", f"{NAME}p", "netns", NAME), ip("addr", "add", f"{NET}.1/24", "dev", f"{NAME}h"),
                 ip("link", "set", f"{NAME}h", "up"), ip("addr", "add", f"{NET}.2/24", "dev", f"{NAME}p", inside=True),
                 ip("link", "set", f"{NAME}p", "up", inside=True), ip("link", "set", "lo", "up", inside=True),
                 ip("route", "add", "default", "via", f"{NET}.1", inside=True)]
        if any(step.returncode for step in steps):
            pytest.skip("could not join the namespace to this machine: " + " ".join(s.stderr for s in steps))
        yield NAME
    finally:
        ip("netns", "del", NAME)  # takes the veth pair with it


def from_phone(script: str) -> dict:
    """Run a little Python in the phone's namespace; it prints one JSON line."""
    done = subprocess.run(["ip", "netns", "exec", NAME, sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_printed_join_address_opens_the_lobby_from_another_network(phone_network, site_dir, tmp_path):
    room = start_room(tmp_path / "room.sqlite", site_dir, "--host", "0.0.0.0")
    try:
        join = room.lines["join"]
        assert not join.startswith("http://127.") and not join.startswith("http://0.0.0.0")
        seen = from_phone(f"""
import json, urllib.request
page = urllib.request.urlopen({join!r}, timeout=10).read().decode()
base = {join!r}.split("/?")[0]
body = json.dumps({{"client": "phone-in-namespace"}}).encode()
request = urllib.request.Request(base + "/room/{room.code}/join", data=body, method="POST",
                                 headers={{"Content-Type": "application/json"}})
joined = json.loads(urllib.request.urlopen(request, timeout=10).read())
print(json.dumps({{"lobby": "data-room-lobby" in page, "joined": joined}}))
""")
        assert seen == {"lobby": True, "joined": {"joined": room.code}}
    finally:
        room.stop()
