"""One view of the room (the dashboard's, the phones', the wall's) kept as text and handed to every listener's
server-sent event stream as it changes."""

from __future__ import annotations

import asyncio

from starlette.responses import StreamingResponse

KEEP_ALIVE = 15.0  # seconds between comments on a quiet stream, so phones and proxies keep it open


class Broadcast:
    """The latest text of one view, handed to every listener's stream; a slow listener only keeps the newest."""

    def __init__(self, text: str = "{}"):
        self.text, self.listeners = text, set()

    def publish(self, text: str) -> None:
        """A new view for everyone listening."""
        self.text = text
        for queue in self.listeners:
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(text)

    def stream(self) -> StreamingResponse:
        """Server-sent events: the view now, then each new one."""
        queue: asyncio.Queue = asyncio.Queue(maxsize=1)

        async def events():
            self.listeners.add(queue)
            try:
                yield f"retry: 1000\ndata: {self.text}\n\n"
                while True:
                    try:
                        text = await asyncio.wait_for(queue.get(), KEEP_ALIVE)
                    except asyncio.TimeoutError:
                        yield ": still here\n\n"
                        continue
                    yield f"data: {text}\n\n"
            finally:
                self.listeners.discard(queue)

        return StreamingResponse(events(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


async def remake_when_dirty(dirty: asyncio.Event, remake, every: float) -> None:
    """Call `remake()` each time `dirty` is set, at most once every `every` seconds, however often it is set."""
    while True:
        await dirty.wait()
        dirty.clear()
        await remake()
        await asyncio.sleep(every)
