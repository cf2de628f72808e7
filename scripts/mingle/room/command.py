"""`mingle room`: serve the site and one live room on the presenter's laptop until Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import logging
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from mingle import __version__
from mingle.errors import MingleError, UsageError
from mingle.activities import kit_activities
from mingle.exercise_option import add_exercises_option, exercises_folder, kit_exercises
from mingle.packaged import packaged_site

CODE = re.compile(r"[A-Z0-9]{4,8}")
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read off a projector at the back of a room
KEY_MIN = 16

ROOM_HELP = """\
Prints, once ready, one per line: join: (the address phones open), code:, dashboard: and key:.
The room's answers are kept in --db (SQLite) as they arrive: start again with the same --db and nothing is lost.
Grade it at any time with `mingle grade room.sqlite`.

exit status: 0 stopped with Ctrl-C; 1 the room could not start (the port is taken, say); 2 usage error;
3 internal error (add --debug for the traceback)."""


def add_parser(sub) -> argparse.ArgumentParser:
    """Register `mingle room` on the command's subparsers."""
    room = sub.add_parser(
        "room", help="run a live room: phones join by QR code, answers arrive as they check",
        description="Serve the kit's site and one live room on this computer.", epilog=ROOM_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    room.add_argument("--host", default="127.0.0.1",
                      help="address to listen on (default 127.0.0.1, this computer only; 0.0.0.0 opens it to the "
                           "local network)")
    room.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    room.add_argument("--db", default="room.sqlite", help="the room's database (default room.sqlite)")
    room.add_argument("--code", help="the room code (4 to 8 letters and digits; default: kept from --db, or random)")
    room.add_argument("--key", help=f"the presenter's key (at least {KEY_MIN} characters; default: kept from --db, "
                                    "or random)")
    room.add_argument("--site", metavar="DIR",
                      help="a site already built with `make build` (default: build it now, or the installed kit's own)")
    room.add_argument("--reopen", action="store_true", help="take answers again in a room that was ended")
    add_exercises_option(room)
    room.set_defaults(run=run)
    return room


def _options(args) -> tuple[str | None, str | None]:
    """The room code and key as given, checked."""
    code = args.code.upper() if args.code else None
    if code is not None and not CODE.fullmatch(code):
        raise UsageError(f"--code {args.code}: expected 4 to 8 letters and digits")
    if args.key is not None and (len(args.key) < KEY_MIN or not args.key.isprintable() or " " in args.key):
        raise UsageError(f"--key: expected at least {KEY_MIN} characters, no spaces")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: expected 0 to 65535")
    if not Path(args.db).resolve().parent.is_dir():
        raise UsageError(f"--db {args.db}: folder {Path(args.db).parent} does not exist")
    if args.site:
        _outside_site(args.db, Path(args.site))  # before the database is made, when the site is named
    return code, args.key


def _outside_site(db: str, site: Path) -> None:
    """Refuse a database inside the folder the room serves: anyone on the wifi could download it, key and all."""
    if Path(db).resolve().is_relative_to(site.resolve()):
        raise UsageError(f"--db {db} is inside the site folder {site}: anyone could download it, key and all; "
                         "keep it in another folder")


def _site(args, scratch: str) -> Path:
    """The built site to serve: --site, a fresh strict build of the kit in the current folder, or the site an
    installed wheel carries."""
    if args.site:
        site = Path(args.site)
        if not (site / "index.html").is_file():
            raise UsageError(f"--site {args.site}: no built site there (run `make build`, then --site site)")
        return site
    if not Path("mkdocs.yml").is_file():
        if packaged_site():  # an installed wheel: serve the site it carries
            return packaged_site()
        raise UsageError("no mkdocs.yml here: run in the kit's folder, or give --site DIR")
    print("Building the site...", file=sys.stderr, flush=True)
    target = Path(scratch) / "site"
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(target)],
                           capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if built.returncode:
        raise MingleError("the site did not build:\n" + (built.stderr or built.stdout).strip())
    return target


def lan_address() -> str | None:
    """This computer's address on the local network, or None. Connecting a UDP socket sends nothing: it only asks
    the system which interface it would use."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if ipaddress.ip_address(address).is_loopback else address


def shown_address(host: str) -> str:
    """The address to print for phones: the LAN address when listening on all of them."""
    if host in ("0.0.0.0", "::"):
        return lan_address() or "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def new_code() -> str:
    """A random room code of five letters and digits, easy to read aloud."""
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(5))


def new_key() -> str:
    """A random presenter's key of 192 bits."""
    return secrets.token_urlsafe(24)


async def _serve(server, address: str, settings, lock, on_loop_error) -> None:
    """Run the server; once it listens, note its port beside the database and print the four lines the contract
    names."""
    asyncio.get_running_loop().set_exception_handler(on_loop_error)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            await task  # it stopped before it started: the port is taken, say
            raise MingleError(f"cannot listen on {server.config.host}:{server.config.port}")
        await asyncio.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    lock.note_port(port)
    base = f"http://{address}:{port}"
    settings.join = f"{base}/?room={settings.code}"
    print(f"join: {settings.join}\ncode: {settings.code}\ndashboard: {base}/room/dashboard\nkey: {settings.key}",
          flush=True)
    await task


def _other_room(db: str, code: str, held: str) -> UsageError:
    """The problem of a --code that is not the code of the room the database holds."""
    return UsageError(f"--code {code}: {db} holds room {held}; give --code {held}, or another --db for a new room")


def run(args) -> int:
    """Start the room and serve it until Ctrl-C."""
    import uvicorn

    from mingle.room import connections, store
    from mingle.room.app import Settings, create_app
    from mingle.room.lock import RoomLock

    code, key = _options(args)
    exercises = kit_exercises(args.exercises)
    activities, blocked = kit_activities(exercises_folder(args.exercises).parent)
    held = store.held_code(args.db)  # checked before the lock: the more useful thing to hear when both are true
    if code and held and code != held:
        raise _other_room(args.db, code, held)
    lock = RoomLock(args.db)
    try:
        code, key = store.prepare(args.db, code, key, new_code, new_key, reopen=args.reopen)
    except ValueError as err:
        raise _other_room(args.db, code, str(err)) from None
    except (store.sqlite3.Error, OSError) as err:
        raise MingleError(f"{args.db}: cannot use it as the room's database: {err}") from None
    with tempfile.TemporaryDirectory(prefix="mingle-room-site-") as scratch:
        site = _site(args, scratch)
        _outside_site(args.db, site)  # the installed kit's own site, say
        address = shown_address(args.host)
        if args.host not in ("127.0.0.1", "localhost", "::1"):
            print(f"Mingle kit {__version__}. Open to the local network on {args.host}: phones on the same wifi can "
                  "join.", file=sys.stderr)
        else:
            print(f"Mingle kit {__version__}. Listening on this computer only: give --host 0.0.0.0 to let phones "
                  "join.", file=sys.stderr)
        settings = Settings(code=code, key=key, db=Path(args.db), site=site, exercises=exercises, join="",
                            debug=getattr(args, "debug", False), activities=activities, blocked=blocked)
        caps = connections.caps_for(connections.raise_open_files())
        caps.blocked, caps.note = settings.limits.blocked, settings.limits.note  # one set of notes for the room
        logging.getLogger("uvicorn.error").addFilter(connections.QuietInvalid(caps.note))
        # No access log: it would list every phone's address and requests; problems still reach standard error.
        # The room is never behind a proxy: the connection's own address is the one the limits count, so no
        # forwarding header is trusted. Headers past 16 KiB are refused by h11 (a browser's are under 8).
        config = uvicorn.Config(create_app(settings), host=args.host, port=args.port, access_log=False,
                                log_level="warning", timeout_graceful_shutdown=1, lifespan="on",
                                http=connections.protocol(caps), backlog=connections.BACKLOG, proxy_headers=False,
                                timeout_keep_alive=5, h11_max_incomplete_event_size=16 * 1024)
        server = uvicorn.Server(config)
        signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` ends it as cleanly as Ctrl-C
        try:
            asyncio.run(_serve(server, address, settings, lock, connections.quiet_accept_errors(caps.note)))
        except KeyboardInterrupt:
            pass
        except SystemExit:  # uvicorn's way of saying it could not listen (it has logged why)
            raise MingleError(
                f"cannot listen on {args.host}:{args.port} (is another server using that port?)") from None
    lock.release()
    print(f"Room {code} closed. Everything is kept in {args.db}.", file=sys.stderr)
    return 0
