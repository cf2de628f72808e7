"""The room's connections under attack, against a real `mingle room` on loopback: connections that send nothing,
trickle their headers or stall their body are closed within the deadline; one address holds at most its share;
a flood is refused before it is read; 1,100 idle connections on a laptop's 1,024 open files leave the room
standing (500 live streams fit beside it), and each limit says so in a line or two, never a traceback.

Every test is bounded: a fixed number of connections and requests, socket timeouts, and the room stopped by the
test or its fixture."""

from __future__ import annotations

import json
import os
import resource
import select
import socket
import time

import pytest
from grading_kit import GOOD
from room_devices import answers, ask, bare_kit, device, raw_connection, room_on

from mingle.room.connections import Caps

QUIZ = GOOD["answers"]["quiz"]
DEADLINE = Caps().request_seconds


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The test kit's exercises and a one-page site."""
    return bare_kit(tmp_path_factory.mktemp("limits"))


def open_files(soft: int, hard: int | None = None):
    """A preexec_fn giving the room a limit on open files (a laptop's usual 1,024, say), soft and hard."""
    return lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard or soft))


def read_until_closed(sock, deadline: float) -> bytes:
    """Everything the room sends until it closes the connection; fails if it is still open at `deadline`."""
    got = b""
    while True:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            part = sock.recv(4096)
        except TimeoutError:
            raise AssertionError("the room kept the connection open past the deadline") from None
        except ConnectionResetError:
            return got
        if not part:
            return got
        got += part


def answered(sock) -> bool:
    """Whether the room has sent something on (or closed) a connection, without waiting (select() stops at 1,024)."""
    try:
        sock.setblocking(False)
        return sock.recv(1, socket.MSG_PEEK) is not None
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        sock.setblocking(True)


def lines_about(err: str, words: str) -> list[str]:
    return [line for line in err.splitlines() if words in line]


def test_slow_connections_are_closed_within_the_deadline_and_others_are_served(folder, tmp_path):
    room = room_on(folder, tmp_path / "slow.sqlite")
    try:
        started = time.monotonic()
        idle = raw_connection(room, device(1))  # sends nothing at all
        stalled = raw_connection(room, device(2))  # headers, then a body that stops
        stalled.sendall(f"POST /room/{room.code}/answers HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{{"
                        .encode())
        trickle = raw_connection(room, device(3))  # headers a byte at a time, never finished
        header = b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 400
        for byte in header:  # a byte a quarter-second, until the room answers or closes
            if select.select([trickle], [], [], 0.25)[0]:
                break
            trickle.sendall(bytes([byte]))
        assert answers(room, device(4), "phone-meanwhile", {"quiz": QUIZ})[0] == 200  # others are served meanwhile
        limit = started + DEADLINE + 5
        said = [read_until_closed(sock, limit) for sock in (idle, stalled, trickle)]
        assert all(s == b"" or s.startswith(b"HTTP/1.1 408") for s in said), said
        assert any(s.startswith(b"HTTP/1.1 408") for s in said)
        reply = next(s for s in said if s).split(b"\r\n\r\n", 1)[1]
        assert json.loads(reply) == {"problem": "the request took too long to arrive"}
    finally:
        code, _, err = room.stop()
    assert code == 0 and "Traceback" not in err
    assert 1 <= len(lines_about(err, "sent no whole request within")) <= 2


def test_a_live_stream_is_never_timed_out(folder, tmp_path):
    room = room_on(folder, tmp_path / "stream.sqlite")
    try:
        stream = raw_connection(room, device(5), timeout=DEADLINE + 10)
        stream.sendall(f"GET /room/{room.code}/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {room.key}\r\n\r\n"
                       .encode())
        first = stream.recv(65536)
        assert first.startswith(b"HTTP/1.1 200") and b"text/event-stream" in first
        deadline = time.monotonic() + DEADLINE + 1
        while time.monotonic() < deadline:  # past the request deadline, answers keep arriving on the stream
            answers(room, device(6), "phone-stream-01", {"quiz": QUIZ})
            if select.select([stream], [], [], 1.0)[0]:
                assert stream.recv(65536) != b"", "the stream was closed"
        assert answers(room, device(6), "phone-stream-01", {"quiz": QUIZ})[0] == 200
        assert select.select([stream], [], [], 5.0)[0] and stream.recv(65536).find(b"data: ") >= 0
    finally:
        room.stop()


def test_one_address_holds_at_most_its_share_of_connections(folder, tmp_path):
    room = room_on(folder, tmp_path / "share.sqlite")
    per_address = Caps().per_address
    try:
        held = [raw_connection(room, device(7)) for _ in range(per_address)]
        refused = [raw_connection(room, device(7)) for _ in range(8)]
        for sock in refused:  # answered at once, in one line of JSON, and closed
            said = read_until_closed(sock, time.monotonic() + 5)
            assert said.startswith(b"HTTP/1.1 429") and json.loads(said.split(b"\r\n\r\n", 1)[1])["problem"]
        assert not select.select(held, [], [], 0.2)[0]  # the first ones are still open, unanswered
        assert answers(room, device(8), "phone-share-01", {"quiz": QUIZ})[0] == 200  # the next person is served
        for sock in held:
            sock.close()
    finally:
        code, _, err = room.stop()
    assert code == 0 and "Traceback" not in err
    assert len(lines_about(err, f"more than {per_address} open at once from one address")) == 1


def test_a_flood_from_one_address_is_refused_before_it_is_read(folder, tmp_path):
    room = room_on(folder, tmp_path / "flood.sqlite")
    try:
        flooder = device(9)
        statuses = [ask(room, flooder, "POST", f"/room/{room.code}/join", {"client": f"flood-{n:05d}"}, timeout=5)[0]
                    for n in range(400)]
        assert 429 in statuses and statuses[0] == 200
        first = statuses.index(429)
        assert set(statuses[first:]) <= {200, 429}  # as the bucket refills, now and then one more gets through
        status, data, _ = ask(room, flooder, "GET", "/")
        assert status == 429 and data == {"problem": "too many requests from this address: wait a few seconds"}
        assert answers(room, device(10), "phone-flood-other", {"quiz": QUIZ})[0] == 200
    finally:
        code, _, err = room.stop()
    assert code == 0 and "Traceback" not in err
    assert len(lines_about(err, "refused requests from")) <= 2


def test_the_soft_limit_on_open_files_is_raised_toward_the_hard_one(folder, tmp_path):
    room = room_on(folder, tmp_path / "files.sqlite", preexec_fn=open_files(1024, 4096))
    try:
        limits = open(f"/proc/{room.process.pid}/limits").read()
        line = next(line for line in limits.splitlines() if line.startswith("Max open files"))
        assert line.split()[3:5] == ["4096", "4096"]
    finally:
        room.stop()


def test_1100_idle_connections_on_1024_open_files_leave_room_for_500_live_streams(folder, tmp_path):
    room = room_on(folder, tmp_path / "files.sqlite", preexec_fn=open_files(1024))
    streams, idle = [], []
    try:
        for n in range(500):  # 500 phones, each holding a live stream from its own address
            sock = raw_connection(room, device(100 + n))
            sock.sendall(f"GET /room/{room.code}/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {room.key}\r\n\r\n"
                         .encode())
            streams.append(sock)
        for sock in streams:
            sock.settimeout(10)
            assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        assert answers(room, device(11), "phone-beside-streams", {"quiz": QUIZ})[0] == 200
        for sock in streams:
            sock.close()
        for n in range(1100):  # then 1,100 connections that send nothing, from 40 addresses
            idle.append(raw_connection(room, device(20 + n % 40)))
        peak = len(os.listdir(f"/proc/{room.process.pid}/fd"))
        status = answers(room, device(12), "phone-during-flood", {"quiz": QUIZ})[0]
        assert status in (200, 503)  # answered at once either way: served, or "the room is full" in one line
        deadline = time.monotonic() + DEADLINE + 10
        while answers(room, device(12), "phone-during-flood", {"quiz": QUIZ})[0] != 200:  # polled until served
            assert time.monotonic() < deadline, "the room did not recover once the idle connections were dropped"
            time.sleep(0.25)
        for sock in idle:
            sock.close()
    finally:
        code, _, err = room.stop()
    assert code == 0 and "Traceback" not in err, err
    assert peak < 1024 and "Too many open files" not in err, err
    assert len(err.splitlines()) < 12, err


def test_headers_past_16_kib_are_refused_in_a_line_or_two_of_log(folder, tmp_path):
    room = room_on(folder, tmp_path / "head.sqlite")
    try:
        for n in range(5):
            sock = raw_connection(room, device(13))
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Big: " + b"a" * 20_000)  # no end of headers yet
            said = read_until_closed(sock, time.monotonic() + 5)  # refused at once, not at the deadline
            assert said.startswith(b"HTTP/1.1 400")
        assert ask(room, device(13), "GET", "/room/ping")[0] == 200
    finally:
        code, _, err = room.stop()
    assert code == 0 and len(lines_about(err, "headers passed 16 KiB")) == 1 and "Invalid HTTP" not in err, err


def test_bodies_too_large_from_one_address_are_soon_turned_away_unread(folder, tmp_path):
    room = room_on(folder, tmp_path / "large.sqlite")
    try:
        big = json.dumps({"format": "mingle.answers/1", "learner": "A", "client": "phone-large-01",
                          "answers": {"quiz": {"write": "x" * 1_990_000}}}).encode()
        statuses = []
        # Bounded in count, not time: the address's allowance refills while each body travels, more so on a busy
        # machine, so how many 413s come before the room stops reading depends on the clock; that it stops does not.
        while len(statuses) < 40 and (not statuses or statuses[-1] == 413):
            statuses.append(ask(room, device(14), "POST", f"/room/{room.code}/answers", big)[0])
        assert statuses[0] == 413 and statuses[-1] in (0, 429)  # the room stopped reading them
        assert set(statuses) <= {0, 413, 429} and statuses.count(413) <= 12
        assert answers(room, device(15), "phone-large-02", {"quiz": QUIZ})[0] == 200
    finally:
        code, _, err = room.stop()
    assert code == 0 and "Traceback" not in err


def test_each_limit_on_phones_and_keys_says_so_in_one_line(folder, tmp_path):
    room = room_on(folder, tmp_path / "said.sqlite")
    try:
        phones = [answers(room, device(16), f"said-new-{n:04d}", {"quiz": {}})[0] for n in range(15)]
        keys = [ask(room, device(17), "GET", f"/room/{room.code}/results",
                    headers={"Authorization": f"Bearer wrong-{n:04d}-wrong-key"})[0] for n in range(40)]
        assert phones.count(429) == 9 and keys.count(429) == 10
    finally:
        code, _, err = room.stop()
    assert code == 0 and "Traceback" not in err
    assert len(lines_about(err, "refused new phones from 127.0.0.18: more than 6 from one address")) == 1, err
    assert len(lines_about(err, "refused keys from 127.0.0.19: too many wrong ones")) == 1, err


def test_1100_idle_connections_from_one_laptop_leave_every_other_phone_served(folder, tmp_path):
    room = room_on(folder, tmp_path / "one.sqlite", preexec_fn=open_files(1024))
    idle = []
    try:
        for _ in range(1100):
            idle.append(raw_connection(room, device(18)))
        assert answers(room, device(19), "phone-beside-one", {"quiz": QUIZ})[0] == 200  # at once, not after a wait
        deadline = time.monotonic() + 10
        while len(held := [sock for sock in idle if not answered(sock)]) > Caps().per_address:  # polled
            assert time.monotonic() < deadline, f"{len(held)} held from one address"
            time.sleep(0.1)
        for sock in idle:
            sock.close()
    finally:
        code, _, err = room.stop()
    assert code == 0 and "Traceback" not in err and "Too many open files" not in err, err
    assert len(err.splitlines()) <= 5, err
