"""One room per database: a `mingle room` holds an exclusive lock on a file beside the database (`room.sqlite.lock`),
which says the port it serves on, so a second one on the same database stops at once and names the first."""

from __future__ import annotations

import os
from pathlib import Path

from mingle.errors import UsageError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks to take; the database is still safe, only not guarded twice
    fcntl = None


class RoomLock:
    """The lock of one room's database, held from start until the process ends (the system drops it then, even
    after kill -9, so a crash never leaves a room locked out)."""

    def __init__(self, db: str | Path):
        self.path = Path(f"{db}.lock")
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if fcntl is None:
            return
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            port = os.pread(self.fd, 32, 0).decode(errors="replace").strip() or "unknown"
            os.close(self.fd)
            raise UsageError(f"--db {db}: another room is running on this database (port {port}): stop that one "
                             "first, or give another --db") from None

    def note_port(self, port: int) -> None:
        """Write the port this room serves on, for a second room to name."""
        if fcntl is None:
            return
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, f"{port}\n".encode(), 0)

    def release(self) -> None:
        """Let go of the lock (the file stays: removing it could let two rooms lock two different files)."""
        os.close(self.fd)
