"""Presenter pace figures: 500 simulated phones following a real `mingle room` on 127.0.0.1 over server-sent
events while the presenter's deck changes slide ten times (time until every phone hears), then each phone sending
a live activity's answer within ten seconds (answer latency, answers acknowledged but not kept).

Bounded and self-stopping: only loopback, a fixed number of requests, a deadline, and the room stopped at the end.
"""

from __future__ import annotations

import asyncio
import json
import random
import signal
import tempfile
import time
from pathlib import Path

from bench.room import events, http, percentile, start

PHONES = 500
SLIDES = 10
POLL = "customer-platforms"
SPREAD = 10.0  # seconds over which the room answers the poll once it is on their phones
DEADLINE = 120.0  # seconds: the whole run stops by then, whatever happens


async def follower(port: int, code: str, ready: asyncio.Event, heard: dict, stop: asyncio.Event, count: list) -> None:
    """One phone on the room's stream: note when it hears each slide."""
    first = True
    async for now in events(port, f"/room/{code}/follow", stop):
        if first:
            first = False
            count.append(1)
            if len(count) == PHONES:
                ready.set()
            continue
        heard.setdefault(now["title"], []).append(time.perf_counter())


async def run(port: int, code: str, key: str) -> dict:
    """Phones follow ten slide changes, then answer; returns the figures."""
    auth = f"Authorization: Bearer {key}\r\n"
    await http(port, "POST", f"/room/{code}/pace", b'{"pace": "presenter"}', auth)
    ready, stop, heard, count = asyncio.Event(), asyncio.Event(), {}, []
    phones = [asyncio.create_task(follower(port, code, ready, heard, stop, count)) for _ in range(PHONES)]
    await asyncio.wait_for(ready.wait(), 60)
    delays = []
    for n in range(SLIDES):
        title = f"Slide {n}"
        body = json.dumps({"activity": POLL if n % 2 else "", "title": title}).encode()
        sent = time.perf_counter()
        await http(port, "POST", f"/room/{code}/slide", body, auth)
        settle = time.perf_counter() + 5
        while len(heard.get(title, [])) < PHONES and time.perf_counter() < settle:
            await asyncio.sleep(0.01)
        delays += [t - sent for t in heard.get(title, [])]
        delays += [float("inf")] * (PHONES - len(heard.get(title, [])))
    stop.set()
    await asyncio.gather(*phones)
    latencies, errors = [], []

    rng = random.Random(2026)
    start_at = time.perf_counter() + 0.2

    async def answer(n: int) -> None:
        await asyncio.sleep(max(0.0, start_at + rng.uniform(0, SPREAD) - time.perf_counter()))
        sheet = {"format": "mingle.answers/1", "learner": f"Phone {n:03d}", "client": f"bench-pace-{n:04d}",
                 "answers": {POLL: {"answer": ["instagram"]}}}
        sent = time.perf_counter()
        status, reply = await http(port, "POST", f"/room/{code}/answers", json.dumps(sheet).encode())
        (latencies.append(time.perf_counter() - sent) if status == 200 else errors.append(f"{status} {reply[:60]!r}"))

    await asyncio.gather(*(answer(n) for n in range(PHONES)))
    status, raw = await http(port, "GET", f"/room/{code}/activities", b"", auth)
    kept = json.loads(raw)[POLL]["responses"] if status == 200 else -1
    return {"delays": delays, "latencies": latencies, "errors": errors, "kept": kept}


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory(prefix="mingle-bench-pace-") as folder:
        process, lines = start(Path(folder))
        try:
            port = int(lines["dashboard"].split(":")[2].split("/")[0])
            found = asyncio.run(asyncio.wait_for(run(port, lines["code"], lines["key"]), DEADLINE))
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=20)
    delays, latencies = found["delays"], found["latencies"]
    print(f"Presenter pace: {PHONES} phones on server-sent events, {SLIDES} slide changes")
    print(f"  slide change reaches every phone: p50 {percentile(delays, 0.5) * 1000:.0f} ms, "
          f"p99 {percentile(delays, 0.99) * 1000:.0f} ms (target p99 <= 1000 ms), "
          f"max {max(delays) * 1000:.0f} ms")
    print(f"  activity answers: p50 {percentile(latencies, 0.5) * 1000:.0f} ms, "
          f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms (target p99 <= 100 ms); "
          f"{len(found['errors'])} refused, {len(latencies) - found['kept']} acknowledged but lost")
