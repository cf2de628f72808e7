"""Live room figures: 300 simulated phones each sending the 8 exercises over a minute to a real `mingle room`
on 127.0.0.1, with 3 dashboards on server-sent events: errors, answers lost, answer latency, dashboard staleness.
Then one attendee floods the room (a process of its own, as many connections as one address may hold, each
joining new phones as fast as it can, one request in twenty a 1.99 MB answer) while 100 good phones, each on its
own loopback address as on the venue's wifi, keep answering: their latency, and the room's CPU time, with and
without the flood. (On loopback the attacker shares the room's cores; at the venue it would bring its own.)

Bounded and self-stopping: only loopback, a fixed number of requests, a deadline, and the room stopped at the end.
"""

from __future__ import annotations

import asyncio
import bisect
import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.grading import realistic_sheet
from mingle.exercises import load_exercises

ROOT = Path(__file__).resolve().parent.parent
PHONES = 300
SPREAD = 60.0  # seconds over which the answers arrive
DASHBOARDS = 3
DEADLINE = 150.0  # seconds: the whole run stops by then, whatever happens
EXERCISES = 8  # each phone sends this many exercises (the kit's first eight by id: the figure stays comparable)


def start(folder: Path) -> tuple[subprocess.Popen, dict]:
    """Start the room on a free loopback port; returns the process and its four printed lines."""
    (folder / "site").mkdir()
    (folder / "site" / "index.html").write_text("<!doctype html><title>Kit</title>")
    process = subprocess.Popen(
        [sys.executable, "-m", "mingle", "room", "--port", "0", "--db", str(folder / "room.sqlite"),
         "--site", str(folder / "site"), "--exercises", str(ROOT / "exercises")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines = {}
    while len(lines) < 4:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("mingle room did not start")
        label, _, value = line.strip().partition(": ")
        lines[label] = value
    return process, lines


async def http(port: int, method: str, path: str, body: bytes = b"", headers: str = "",
               address: str | None = None) -> tuple[int, bytes]:
    """One HTTP/1.1 request on its own connection, as a phone would make it (from `address` on the loopback)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(address, 0) if address else None)
    writer.write(f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 f"Content-Length: {len(body)}\r\nConnection: close\r\n{headers}\r\n".encode() + body)
    await writer.drain()
    data = await reader.read()
    writer.close()
    head, _, rest = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), rest


async def dashboard(port: int, code: str, key: str, seen: list, stop: asyncio.Event) -> None:
    """A dashboard on the event stream: note when each view arrives and how many writes it reflects."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 22)  # a view is one long line
    writer.write(f"GET /room/{code}/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {key}\r\n\r\n".encode())
    await writer.drain()
    while not stop.is_set():
        try:
            line = await asyncio.wait_for(reader.readline(), 1.0)
        except asyncio.TimeoutError:
            continue
        if not line:
            break
        if line.startswith(b"data: "):
            seen.append((time.perf_counter(), json.loads(line[6:])["version"]))
    writer.close()


async def phone(port: int, code: str, client: str, plan: list, t0: float, acked: list, errors: list) -> None:
    """One phone: each exercise sent at its planned moment; latency is the time to the room's answer."""
    for at, sheet in plan:
        await asyncio.sleep(max(0.0, t0 + at - time.perf_counter()))
        body = json.dumps({**sheet, "client": client}).encode()
        sent = time.perf_counter()
        try:
            status, reply = await http(port, "POST", f"/room/{code}/answers", body)
        except OSError as err:
            errors.append(f"{client}: {err}")
            continue
        done = time.perf_counter()
        if status == 200:
            acked.append((done, done - sent, client, next(iter(sheet["answers"]))))
        else:
            errors.append(f"{client}: {status} {reply[:80]!r}")


async def load(port: int, code: str, key: str, exercises: dict) -> tuple[list, list, list]:
    """Run the phones and dashboards; returns (acknowledged answers, errors, views seen per dashboard)."""
    rng = random.Random(2026)
    ids = sorted(exercises)
    plans = []
    for n in range(PHONES):
        name = f"Phone {n:03d}"
        times = sorted(rng.uniform(0, SPREAD) for _ in ids)
        order = rng.sample(ids, len(ids))
        plans.append([(t, realistic_sheet(rng, exercises, name, [e])) for t, e in zip(times, order)])
    acked, errors, stop = [], [], asyncio.Event()
    views = [[] for _ in range(DASHBOARDS)]
    watchers = [asyncio.create_task(dashboard(port, code, key, seen, stop)) for seen in views]
    t0 = time.perf_counter() + 0.5
    await asyncio.gather(*(phone(port, code, f"bench-phone-{n:04d}", plan, t0, acked, errors)
                           for n, plan in enumerate(plans)))
    settle = time.perf_counter() + 15  # let the last views arrive (bounded)
    while time.perf_counter() < settle and not all(seen and seen[-1][1] >= len(acked) for seen in views):
        await asyncio.sleep(0.1)
    stop.set()
    await asyncio.gather(*watchers)
    return acked, errors, views


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall."""
    ranked = sorted(values)
    return ranked[min(len(ranked) - 1, int(share * len(ranked)))] if ranked else float("nan")


def staleness(acked: list, views: list) -> list[float]:
    """For each acknowledged answer (the k-th by time), how long until a dashboard's view reflected k writes.

    Writes commit in order on one writer and each is acknowledged after its commit, so by the k-th
    acknowledgement at least k writes are in; a view counting k writes may still hold a later one instead
    of this one, so the figure can read a few milliseconds short of the truth, never seconds."""
    acks = sorted(a[0] for a in acked)
    lags = []
    for seen in views:
        times, versions = [t for t, _ in seen], [v for _, v in seen]
        for k, at in enumerate(acks, start=1):
            i = bisect.bisect_left(versions, k)  # versions only grow along one stream
            lags.append(times[i] - at if i < len(times) else float("inf"))
    return lags


GOOD_PHONES = 100
FLOOD_SECONDS = 20.0
ATTACKER = "127.0.3.1"  # the flooding attendee's one address; good phones are 127.0.1.x and 127.0.2.x


async def steady_phone(port: int, code: str, n: int, sheets: list, until: float, latency: list, errors: list) -> None:
    """A good phone on its own address: one answer every second or so until `until`."""
    rng = random.Random(n)
    address = f"127.0.{1 + n // 250}.{n % 250 + 2}"
    await asyncio.sleep(rng.uniform(0, 1))
    while time.perf_counter() < until:
        body = json.dumps({**rng.choice(sheets), "client": f"good-phone-{n:04d}"}).encode()
        sent = time.perf_counter()
        try:
            status, reply = await http(port, "POST", f"/room/{code}/answers", body, address=address)
        except OSError as err:
            status, reply = 0, str(err).encode()
        if status == 200:
            latency.append((time.perf_counter() - sent) * 1000)
        else:
            errors.append(f"{status} {reply[:80]!r}")
        await asyncio.sleep(rng.uniform(0.5, 1.5))


async def steady(port: int, code: str, sheets: list, seconds: float) -> tuple[list, list]:
    """GOOD_PHONES good phones for `seconds`; returns their latencies (ms) and errors."""
    latency, errors = [], []
    until = time.perf_counter() + seconds
    await asyncio.gather(*(steady_phone(port, code, n, sheets, until, latency, errors) for n in range(GOOD_PHONES)))
    return latency, errors


async def _flood(port: int, code: str, seconds: float, connections: int) -> dict:
    """The attacker's side: `connections` loops, each joining new phones as fast as the room answers, one
    request in twenty a 1.99 MB answer, for `seconds`; returns how often each status came back."""
    until, seen = time.perf_counter() + seconds, {}
    # Made once: the attacker's own work would otherwise take the cores the room needs (on the day it has its own).
    big = json.dumps({"format": "mingle.answers/1", "learner": "Flood", "client": "flood-0000000000",
                      "answers": {"x": {"write": "x" * 1_990_000}}}).encode()
    small = b'{"client": "flood-0000000000"}'

    async def loop(k: int) -> None:
        n = 0
        while time.perf_counter() < until:
            n += 1
            path, body = (f"/room/{code}/answers", big) if n % 20 == 0 else (f"/room/{code}/join", small)
            body = body.replace(b"flood-0000000000", f"flood-{k:02d}{n:08d}".encode(), 1)
            try:
                status, _ = await asyncio.wait_for(http(port, "POST", path, body, address=ATTACKER), 5)
            except (OSError, asyncio.TimeoutError):
                status = 0
            seen[status] = seen.get(status, 0) + 1
    await asyncio.gather(*(loop(k) for k in range(connections)))
    return seen


def flood(port: int, code: str, seconds: float, connections: int, out) -> None:
    """In the attacker's own process, at the lowest priority (at the venue it would bring its own cores): flood,
    then hand back the statuses seen."""
    if hasattr(os, "nice"):
        os.nice(19)
    out.put(asyncio.run(_flood(port, code, seconds, connections)))


def cpu_seconds(pid: int) -> float:
    """The CPU time a process has used so far (Linux), or nan where /proc is not there."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def under_flood(port: int, code: str, exercises: dict, room_pid: int) -> list[str]:
    """The good phones' latency alone, then with one attendee flooding: the lines that say so."""
    from mingle.room.connections import Caps

    rng = random.Random(7)
    sheets = [realistic_sheet(rng, exercises, f"Good {n:03d}") for n in range(50)]
    cpu = cpu_seconds(room_pid)
    calm, calm_errors = asyncio.run(steady(port, code, sheets, FLOOD_SECONDS))
    calm_cpu, cpu = cpu_seconds(room_pid) - cpu, cpu_seconds(room_pid)
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    attacker = context.Process(target=flood, args=(port, code, FLOOD_SECONDS + 2, Caps().per_address, out))
    attacker.start()
    try:
        stormy, stormy_errors = asyncio.run(steady(port, code, sheets, FLOOD_SECONDS))
        stormy_cpu = cpu_seconds(room_pid) - cpu
        seen = out.get(timeout=FLOOD_SECONDS + 30)
    finally:
        attacker.join(timeout=30)
        if attacker.is_alive():
            attacker.kill()
    lines = [f"one flooding attendee ({GOOD_PHONES} good phones on their own addresses, about one answer a second "
             f"each, {FLOOD_SECONDS:.0f} s; the attacker on {Caps().per_address} connections from one address):",
             f"  without the flood: {len(calm)} answers, {len(calm_errors)} errors, p50 "
             f"{percentile(calm, 0.5):.1f} ms, p99 {percentile(calm, 0.99):.1f} ms; "
             f"the room used {calm_cpu:.1f} s of CPU",
             f"  with the flood:    {len(stormy)} answers, {len(stormy_errors)} errors, p50 "
             f"{percentile(stormy, 0.5):.1f} ms, p99 {percentile(stormy, 0.99):.1f} ms (target p99 < 100 ms); the room "
             f"used {stormy_cpu:.1f} s of CPU",
             f"  the attacker's {sum(seen.values())} requests: "
             + ", ".join(f"{n} x {s or 'cut off'}" for s, n in sorted(seen.items()))]
    return lines + [f"    {line}" for line in stormy_errors[:3]]


def main() -> None:
    """Run the load once and print the figures."""
    kit = load_exercises(ROOT / "exercises")
    exercises = {e: kit[e] for e in sorted(kit)[:EXERCISES]}
    with tempfile.TemporaryDirectory(prefix="mingle-bench-room-") as scratch:
        process, lines = start(Path(scratch))
        try:
            port = int(lines["dashboard"].split(":")[2].split("/")[0])
            code, key = lines["code"], lines["key"]
            acked, errors, views = asyncio.run(asyncio.wait_for(load(port, code, key, exercises), DEADLINE))
            status, raw = asyncio.run(http(port, "GET", f"/room/{code}/results",
                                           headers=f"Authorization: Bearer {key}\r\n"))
            stored = {(e["source"].rsplit("/", 1)[1], ex) for e in json.loads(raw)["learners"] for ex in e["exercises"]}
            flood_lines = under_flood(port, code, exercises, process.pid)
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    lost = sum(1 for _, _, client, exercise in acked if (client, exercise) not in stored)
    latency = [a[1] * 1000 for a in acked]
    lags = staleness(acked, views)
    print(f"live room ({PHONES} phones x {len(exercises)} exercises over {SPREAD:.0f} s, {DASHBOARDS} dashboards "
          f"on server-sent events, 127.0.0.1 only; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    print(f"  {len(acked)} answers acknowledged of {PHONES * len(exercises)}: {len(errors)} errors, {lost} lost"
          f" (results status {status})")
    for line in errors[:5]:
        print(f"    {line}")
    print(f"  answer latency: p50 {percentile(latency, 0.5):.1f} ms, p99 {percentile(latency, 0.99):.1f} ms, "
          f"max {max(latency):.1f} ms (target p99 <= 100 ms)")
    print(f"  dashboard staleness: p50 {percentile(lags, 0.5) * 1000:.0f} ms, "
          f"p99 {percentile(lags, 0.99) * 1000:.0f} ms, "
          f"max {max(lags) * 1000:.0f} ms (target <= 1 s behind)")
    print("\n".join(flood_lines))


if __name__ == "__main__":
    main()
