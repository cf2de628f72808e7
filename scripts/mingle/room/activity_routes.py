"""The room's routes for presenter pace and live activities: the pace, the deck's slide, what phones follow, the
room's questions and votes, the presenter's decisions, and the wall's results as they arrive.

Phones follow one small state (the pace, and the activity and title of the deck's slide) over server-sent events:
a change is written once and handed to every phone's stream, so a slide change reaches the room together."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mingle.activity_results import STATES, on_the_wall, response_problem
from mingle.errors import Refused
from mingle.marking.reports.machine import safe_cell
from mingle.model import ACTIVITY_ITEM, Activity
from mingle.room import activity_store, guard
from mingle.room.broadcast import Broadcast, remake_when_dirty

THROTTLE = 0.2  # seconds: the wall's results are remade at most this often, however fast answers arrive
TITLE_LONGEST = 200
NOTES_LONGEST = 4000  # characters of a slide's notes the remote shows


class Activities:
    """The room's live activities at run time: the phones' state and the wall's results, each kept as text.

    What phones follow is where the room is (pace, activity, title) and, while a Q&A is on them, the questions on
    the wall, so that they can vote."""

    def __init__(self, store, activities: Mapping[str, Activity], blocked=frozenset()):
        self.store, self.activities, self.blocked = store, activities, blocked
        self.phones, self.wall = Broadcast(), Broadcast()
        # The presenter's own stream, for the remote and the deck: the slide with its notes, and the remote's last
        # press (numbered, so the deck moves once for each). Notes never go to the phones.
        self.remote, self.presses, self.notes = Broadcast(), 0, ""
        self.go = ""
        self.dirty = asyncio.Event()
        self.now, self.shown = {}, {}

    async def start(self) -> None:
        """Read the state the database holds (a restarted room carries on where it was)."""
        await self.moved()
        await self.refresh()

    async def moved(self) -> None:
        """The pace or the slide changed: tell the phones, and the presenter's remote."""
        self.now = await self.store.read(activity_store.now)
        self.tell_phones()
        self.tell_remote()

    def tell_remote(self) -> None:
        """The slide, its notes and the remote's last press, for the presenter's stream."""
        self.remote.publish(json.dumps({"title": self.now.get("title", ""), "activity": self.now.get("activity", ""),
                                        "notes": self.notes, "go": self.go, "press": self.presses},
                                       ensure_ascii=False))

    def tell_phones(self) -> None:
        """Where the room is, and the questions on the wall while a Q&A is on the phones."""
        view = dict(self.now)
        activity = self.activities.get(view.get("activity", ""))
        if activity is not None and activity.kind == "qa" and view.get("pace") == "presenter":
            view["questions"] = self.shown.get(activity.id, {}).get("questions", [])
        text = json.dumps(view, ensure_ascii=False)
        if text != self.phones.text:
            self.phones.publish(text)

    async def refresh(self) -> None:
        """Remake the results, once for the presenter and once as the wall may show them."""
        found = await self.store.read(lambda conn: activity_store.results(conn, self.activities, self.blocked))
        self.shown = {a: on_the_wall(r) for a, r in found.items()}
        self.wall.publish(json.dumps(self.shown, ensure_ascii=False))
        self.tell_phones()

    async def run(self) -> None:
        """Remake the results whenever something was written (at most every THROTTLE seconds)."""
        await remake_when_dirty(self.dirty, self.refresh, THROTTLE)


def _room(request: Request, presenter: bool = False):
    """The app's settings, store and activities, after checking the code (and the key, for the presenter)."""
    settings = request.app.state.settings
    guard.check_code(request.path_params["code"], settings.code)
    if presenter:
        guard.presenter(request, settings.key)
    return settings, request.app.state.store, request.app.state.activities


async def _changed(store, live: Activities, change) -> object:
    """Write a change, then tell the phones where the room is now."""
    result = await store.write(change)
    await live.moved()
    return result


async def post_pace(request: Request) -> Response:
    """The presenter's choice of pace: {"pace": "presenter"} or {"pace": "audience"}."""
    _, store, live = _room(request, presenter=True)
    wanted = (await guard.read_json(request)).get("pace")
    if wanted not in activity_store.PACES:
        raise Refused(400, 'expected {"pace": "presenter"} or {"pace": "audience"}')
    await _changed(store, live, activity_store.pace(wanted))
    return JSONResponse({"pace": wanted})


async def post_slide(request: Request) -> Response:
    """The presenter's deck reached a slide: {"activity": "<id>" or "", "title": "<the slide's heading>"}."""
    settings, store, live = _room(request, presenter=True)
    data = await guard.read_json(request)
    activity, title = data.get("activity", ""), data.get("title", "")
    if not isinstance(activity, str) or (activity and activity not in live.activities
                                         and activity not in settings.exercises):
        raise Refused(404, f"no exercise or activity {str(activity)[:60]} in this room")
    if not isinstance(title, str):
        raise Refused(400, "title: expected text")
    notes = data.get("notes", "")
    live.notes = " ".join(notes.split())[:NOTES_LONGEST] if isinstance(notes, str) else ""
    await _changed(store, live, activity_store.slide(activity, " ".join(title.split())[:TITLE_LONGEST]))
    return JSONResponse({"activity": activity})


async def get_now(request: Request) -> Response:
    """Where the room is, once (a phone's first look, and its fallback without event streams)."""
    _, _, live = _room(request)
    return Response(live.phones.text, media_type="application/json", headers={"Cache-Control": "no-store"})


async def get_follow(request: Request) -> Response:
    """Server-sent events for phones: where the room is now, then each time it moves."""
    _, _, live = _room(request)
    return live.phones.stream()


async def post_remote(request: Request) -> Response:
    """The presenter's remote: {"go": "next"} or {"go": "previous"}; the deck opened from the room moves."""
    _, _, live = _room(request, presenter=True)
    go = (await guard.read_json(request)).get("go")
    if go not in ("next", "previous"):
        raise Refused(400, 'expected {"go": "next"} or {"go": "previous"}')
    live.go, live.presses = go, live.presses + 1
    live.tell_remote()
    return JSONResponse({"go": go, "press": live.presses})


async def get_remote(request: Request) -> Response:
    """The presenter's stream: the slide the deck is on, its notes, and each press of the remote."""
    _, _, live = _room(request, presenter=True)
    return live.remote.stream()


async def get_wall(request: Request) -> Response:
    """The wall's results as events: what each activity may show, names and waiting items never in it."""
    _, _, live = _room(request, presenter=True)
    return live.wall.stream()


async def post_vote(request: Request) -> Response:
    """A phone's vote for a question on the wall: {"client": "<id>", "question": "<question id>"}."""
    settings, store, live = _room(request)
    activity = live.activities.get(request.path_params["activity"])
    data = await guard.read_json(request)
    client, question = data.get("client"), data.get("question")
    if activity is None or activity.kind != "qa":
        raise Refused(404, "no such Q&A in this room")
    if not isinstance(client, str) or not guard.CLIENT.fullmatch(client) or not isinstance(question, str):
        raise Refused(400, 'expected {"client": "<the phone\'s id>", "question": "<its id>"}')
    settings.limits.phone(client)
    if not await store.write(activity_store.vote(client, activity.id, question[:40])):
        raise Refused(404, "no such question on the wall")
    live.dirty.set()
    return JSONResponse({"voted": question})


async def post_decide(request: Request) -> Response:
    """The presenter lets an answer or question through, hides it, or marks it answered; hides a word."""
    _, store, live = _room(request, presenter=True)
    activity = live.activities.get(request.path_params["activity"])
    data = await guard.read_json(request)
    item, state = data.get("item"), data.get("state")
    if activity is None:
        raise Refused(404, "no such activity in this room")
    if not isinstance(item, str) or not item or len(item) > 60 or state not in STATES:
        raise Refused(400, f'expected {{"item": "<id or word>", "state": one of {", ".join(STATES)}}}')
    await store.write(activity_store.decide(activity.id, item, state))
    await live.refresh()  # the presenter's click shows on the wall now, not after the next answer
    return JSONResponse({"item": item, "state": state})


async def get_activities(request: Request) -> Response:
    """Every activity's results for the presenter (waiting answers and questions too, never a name)."""
    _, store, live = _room(request, presenter=True)
    found = await store.read(lambda conn: activity_store.results(conn, live.activities, live.blocked))
    return JSONResponse(found, headers={"Cache-Control": "no-store"})


CSV_COLUMNS = ("activity", "kind", "question", "item", "text", "count", "state")


def results_csv(activities: Mapping[str, Activity], found: Mapping[str, dict]) -> bytes:
    """Every activity's results as CSV: a row per option, point, word, answer or question (learners' text kept as
    text, never a formula a spreadsheet would run)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for activity in activities.values():
        result, head = found[activity.id], (activity.id, activity.kind, activity.question)
        if activity.kind == "poll":
            labels = {o.id: o.text for o in activity.options}
            rows = [(key, labels[key], n, "") for key, n in result["counts"].items()]
        elif activity.kind == "scale":
            rows = [(key, label, result["counts"][key], "") for key, label in
                    zip(result["counts"], activity.scale.labels)]
        elif activity.kind == "words":
            rows = [(word, word, n, "shown") for word, n in result["words"].items()]
            rows += [(word, word, "", "hidden") for word in result["hidden"]]
        elif activity.kind == "open":
            rows = [(a["id"], a["text"], "", a["state"]) for a in result["answers"]]
        else:
            rows = [(q["id"], q["text"], q["votes"], q["state"]) for q in result["questions"]]
        for item, text, count, state in rows or [("", "", 0, "")]:
            writer.writerow((*head, safe_cell(item), safe_cell(text), count, state))
    return out.getvalue().encode()


async def get_activities_csv(request: Request) -> Response:
    """The room's live activities as a CSV file to save."""
    settings, store, live = _room(request, presenter=True)
    found = await store.read(lambda conn: activity_store.results(conn, live.activities, live.blocked))
    return Response(results_csv(live.activities, found), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="room-{settings.code}-activities.csv"',
        "Cache-Control": "no-store"})


def check_answers(activities: Mapping[str, Activity], answers: Mapping) -> None:
    """Each activity's answer in a sheet: under the one item `answer`, fit for its activity (else a 422)."""
    for activity_id, items in answers.items():
        activity = activities[activity_id]
        if not isinstance(items, dict) or set(items) != {ACTIVITY_ITEM}:
            raise Refused(422, f'answers.{activity_id}: expected {{"{ACTIVITY_ITEM}": <your response>}}')
        problem = response_problem(activity, items[ACTIVITY_ITEM])
        if problem:
            raise Refused(422, f"answers.{activity_id}.{ACTIVITY_ITEM}: {problem}")


async def store_answers(store, live: Activities, client: str, learner: str, answers: Mapping) -> None:
    """Keep a phone's answers to activities: a question is added to its Q&A, anything else replaces the phone's
    earlier answer (check_answers first)."""
    kept = {a: items for a, items in answers.items() if live.activities[a].kind != "qa"}
    if kept:
        await store.write(store.answers(client, learner, kept))
    for activity_id, items in answers.items():
        if live.activities[activity_id].kind == "qa":
            try:
                await store.write(activity_store.ask(client, activity_id, items[ACTIVITY_ITEM].strip()))
            except ValueError as err:
                raise Refused(429, f"answers.{activity_id}: {err}") from None
    live.dirty.set()


def routes() -> list[Route]:
    """The routes, for the app's one list."""
    return [
        Route("/room/{code}/pace", post_pace, methods=["POST"]),
        Route("/room/{code}/slide", post_slide, methods=["POST"]),
        Route("/room/{code}/now", get_now),
        Route("/room/{code}/follow", get_follow),
        Route("/room/{code}/wall", get_wall),
        Route("/room/{code}/remote", get_remote),
        Route("/room/{code}/remote", post_remote, methods=["POST"]),
        Route("/room/{code}/activities", get_activities),
        Route("/room/{code}/activities.csv", get_activities_csv),
        Route("/room/{code}/activities/{activity}/vote", post_vote, methods=["POST"]),
        Route("/room/{code}/activities/{activity}/decide", post_decide, methods=["POST"]),
    ]
