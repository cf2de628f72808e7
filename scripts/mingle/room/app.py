"""The room as a Starlette app: every route in one list, small async handlers, settings read once, and a
lifespan that opens the database and closes it."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from mingle.marking.grading import Grader
from mingle.model import Activity, Exercise
from mingle.errors import Refused
from mingle.room import activity_pages, activity_routes, activity_store, fit, guard, live, lobby, pages, results
from mingle.room.broadcast import Broadcast, remake_when_dirty
from mingle.room.middleware import RoomMiddleware
from mingle.room.store import Store

THROTTLE = 0.2  # seconds: the live view is remade at most this often, however fast answers arrive


@dataclass
class Settings:
    """Everything the room needs, read once at start-up."""

    code: str
    key: str
    db: Path
    site: Path
    exercises: Mapping[str, Exercise]
    join: str  # the address phones open, with ?room=CODE
    limits: guard.Limits = field(default_factory=guard.Limits)
    activities: Mapping[str, Activity] = field(default_factory=dict)  # the course's live activities
    blocked: frozenset = frozenset()  # words the course keeps off the wall
    debug: bool = False  # a traceback in the terminal for an unforeseen problem, rather than one line
    grader: Grader = field(init=False)  # one Scorer per exercise, built once for the whole run of the room
    sheet_limit: int = field(init=False)  # bytes: the largest real sheet of these exercises

    def __post_init__(self):
        self.grader = Grader(self.exercises, self.activities)  # answers to activities listed apart, never marked
        self.sheet_limit = fit.sheet_limit(self.exercises)


class Live:
    """The latest live view, remade after writes (at most every THROTTLE seconds) and handed to every listener."""

    def __init__(self, settings: Settings, store: Store):
        self.settings, self.store = settings, store
        self.broadcast = Broadcast()
        self.dirty = asyncio.Event()
        self.views = live.pool(settings.db, settings.exercises, tuple(settings.activities))

    async def refresh(self) -> None:
        """Remake the view from the database now (in the view process)."""
        self.broadcast.publish(await asyncio.get_running_loop().run_in_executor(
            self.views, live.view, set(self.store.closed), self.store.ended, self.store.version))

    async def run(self) -> None:
        """Remake the view whenever something was written."""
        await remake_when_dirty(self.dirty, self.refresh, THROTTLE)

    def close(self) -> None:
        """Stop the view process."""
        self.views.shutdown(wait=False, cancel_futures=True)


def room(request: Request) -> tuple[Settings, Store]:
    """This app's settings and store, after checking the room code in the address."""
    settings = request.app.state.settings
    guard.check_code(request.path_params["code"], settings.code)
    return settings, request.app.state.store


def presenter_room(request: Request) -> tuple[Settings, Store]:
    """As room(), for the presenter only."""
    settings, store = room(request)
    guard.presenter(request, settings.key)
    return settings, store


# --- learners ------------------------------------------------------------------------------------------------

def phone(request: Request, settings: Settings, store: Store, client: str) -> None:
    """Let a phone through the rate limits: its own, and, the first time it is seen, its address's on new phones."""
    settings.limits.phone(client)
    if client not in store.clients:
        settings.limits.newcomer(request)


async def post_answers(request: Request) -> Response:
    """Store one phone's answers (each exercise replaces its earlier ones) and answer with their scores."""
    settings, store = room(request)
    if store.ended:
        raise Refused(410, "this room has ended: your answers stay on your phone")
    client, sheet = guard.read_sheet(await guard.body(request, settings.sheet_limit))
    if not sheet.answers:
        raise Refused(422, "answers: no exercise given")
    for exercise_id in sheet.answers:
        if exercise_id not in settings.exercises and exercise_id not in settings.activities:
            raise Refused(422, f"answers.{exercise_id[:60]}: no such exercise in this room")
        if exercise_id in store.closed:
            raise Refused(409, f"answers.{exercise_id}: this exercise is closed for answers")
    live_answers = {a: items for a, items in sheet.answers.items() if a in settings.activities}
    marked = {e: items for e, items in sheet.answers.items() if e not in live_answers}
    activity_routes.check_answers(settings.activities, live_answers)
    fit.fit(marked, settings.exercises)
    phone(request, settings, store, client)
    learner = fit.learner_name(sheet.learner)
    if marked:
        await store.write(store.answers(client, learner, marked))
    if live_answers:
        await activity_routes.store_answers(store, request.app.state.activities, client, learner, live_answers)
    store.clients.add(client)
    scores = {}
    for exercise_id, items in marked.items():
        result = settings.grader.scorers[exercise_id].score(items)
        scores[exercise_id] = {"score": result.score, "max": result.max, "band": result.band.label}
    return JSONResponse({"stored": list(sheet.answers), "scores": scores})


async def post_join(request: Request) -> Response:
    """Count a phone that has opened the room, before it sends any answers."""
    settings, store = room(request)
    client = (await guard.read_json(request)).get("client")
    if not isinstance(client, str) or not guard.CLIENT.fullmatch(client):
        raise Refused(400, 'expected {"client": "<the phone\'s id>"}')
    phone(request, settings, store, client)
    await store.write(store.join(client))
    store.clients.add(client)
    return JSONResponse({"joined": settings.code})


async def ping(request: Request) -> Response:
    """The pre-flight check's question: does this phone reach the room?"""
    return JSONResponse({"room": "ok"})


# --- the presenter -------------------------------------------------------------------------------------------

async def login(request: Request) -> Response:
    """Swap the key (in the Authorization header) for a cookie, so the dashboard's event stream can use it."""
    settings = request.app.state.settings
    guard.presenter(request, settings.key)
    response = JSONResponse({"room": settings.code})
    response.set_cookie(guard.COOKIE, guard.cookie_token(settings.key), httponly=True, samesite="strict",
                        path="/room")
    return response


async def get_results(request: Request) -> Response:
    """The grader's `--json` object for the room."""
    settings, store = presenter_room(request)
    data = await store.read(lambda conn: results.export(conn, settings.grader, "results.json"))
    return Response(await with_activities(settings, store, data), media_type="application/json",
                    headers={"Cache-Control": "no-store"})


async def with_activities(settings: Settings, store: Store, data: bytes) -> bytes:
    """The grader's `--json` object with each live activity's results beside it (never marked), if there are any."""
    if not settings.activities:
        return data
    found = await store.read(lambda conn: activity_store.results(conn, settings.activities, settings.blocked))
    return json.dumps(json.loads(data) | {"activities": found}, ensure_ascii=False).encode()


async def get_export(request: Request) -> Response:
    """One of the grader's reports of the room, as a file to save."""
    settings, store = presenter_room(request)
    name = request.path_params["name"]
    if name not in results.EXPORTS:
        raise Refused(404, f"no export {name[:40]}: expected one of {', '.join(results.EXPORTS)}")
    data = await store.read(lambda conn: results.export(conn, settings.grader, name, settings.activities,
                                                        settings.blocked))
    if name == "results.json":
        data = await with_activities(settings, store, data)
    return Response(data, media_type=results.EXPORTS[name], headers={
        "Content-Disposition": f'attachment; filename="room-{settings.code}-{name}"', "Cache-Control": "no-store"})


async def get_live(request: Request) -> Response:
    """The live view once (the dashboard's fallback when its event stream cannot connect)."""
    presenter_room(request)
    return Response(request.app.state.live.broadcast.text, media_type="application/json",
                    headers={"Cache-Control": "no-store"})


async def get_events(request: Request) -> Response:
    """Server-sent events: the live view now, then again each time it changes."""
    presenter_room(request)
    return request.app.state.live.broadcast.stream()


async def post_exercise(request: Request) -> Response:
    """Open or close one exercise for answers: {"open": true|false}."""
    settings, store = presenter_room(request)
    exercise = request.path_params["exercise"]
    if exercise not in settings.exercises:
        raise Refused(404, f"no exercise {exercise[:60]} in this room")
    wanted = (await guard.read_json(request)).get("open")
    if not isinstance(wanted, bool):
        raise Refused(400, 'expected {"open": true} or {"open": false}')
    await store.write(store.opening(exercise, wanted))
    return JSONResponse({"exercise": exercise, "open": wanted})


async def post_clear(request: Request) -> Response:
    """Forget every answer and phone: after a rehearsal, before the real session."""
    _, store = presenter_room(request)
    await store.write(store.clear)
    await store.write(activity_store.clear)
    request.app.state.activities.dirty.set()
    return JSONResponse({"cleared": True})


async def post_end(request: Request) -> Response:
    """End the room: answers are refused from now on; everything stored can still be exported."""
    _, store = presenter_room(request)
    await store.write(store.end)
    return JSONResponse({"ended": True})


async def post_reopen(request: Request) -> Response:
    """Undo the end of the room: answers are taken again."""
    _, store = presenter_room(request)
    await store.write(store.reopen)
    return JSONResponse({"ended": False})


async def refused(request: Request, exc: Refused) -> Response:
    """Every refusal is a status and one line of JSON."""
    request.app.state.settings.limits.refused(request, exc.status)
    return JSONResponse({"problem": exc.problem}, status_code=exc.status, headers=exc.headers)


async def not_found(request: Request, exc: Exception) -> Response:
    """A page or file the room does not have, also as one line of JSON."""
    status = getattr(exc, "status_code", 404)
    return JSONResponse({"problem": f"nothing at {request.url.path[:80]}" if status == 404 else
                         getattr(exc, "detail", "refused")}, status_code=status)


def create_app(settings: Settings) -> Starlette:
    """The room's app: its routes, then the built site for everything else."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        store = Store(settings.db)
        store.write_now(activity_store.install)
        view = Live(settings, store)
        activities = activity_routes.Activities(store, settings.activities, settings.blocked)
        store.changed = view.dirty.set  # the activities are remade by their own routes, not for every exercise
        app.state.settings, app.state.store, app.state.live = settings, store, view
        app.state.activities = activities
        await view.refresh()
        await activities.start()
        task = asyncio.create_task(view.run())
        activity_task = asyncio.create_task(activities.run())
        try:
            yield
        finally:
            task.cancel()
            activity_task.cancel()
            view.close()
            store.close()

    routes = [
        Route("/room/{code}/answers", post_answers, methods=["POST"]),
        Route("/room/{code}/join", post_join, methods=["POST"]),
        Route("/room/{code}/results", get_results),
        Route("/room/{code}/live", get_live),
        Route("/room/{code}/events", get_events),
        Route("/room/{code}/export/{name}", get_export),
        Route("/room/{code}/exercises/{exercise}", post_exercise, methods=["POST"]),
        Route("/room/{code}/clear", post_clear, methods=["POST"]),
        Route("/room/{code}/end", post_end, methods=["POST"]),
        Route("/room/{code}/reopen", post_reopen, methods=["POST"]),
        Route("/room/login", login, methods=["POST"]),
        Route("/room/ping", ping),
        *activity_routes.routes(),
        *activity_pages.routes(),
        *pages.routes(),
        Route("/", lobby.home),  # the join address, /?room=CODE, is the lobby; / alone the site's home
        Mount("/", StaticFiles(directory=settings.site, html=True)),
    ]
    return Starlette(routes=routes, lifespan=lifespan, exception_handlers={Refused: refused, HTTPException: not_found},
                     middleware=[Middleware(RoomMiddleware, limits=settings.limits, debug=settings.debug)])
