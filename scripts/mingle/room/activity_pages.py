"""The presenter's pages for live activities: the wall (the current activity's results in large type, for the
projector), the activities page (the pace, what phones show, and letting answers and questions through) and the
remote (the presenter's phone: next, previous, the notes and a timer)."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from mingle.activity_view import activity_model
from mingle.room import pages


def models(request: Request) -> str:
    """Every activity's model, as JSON for a data attribute (the template escapes it)."""
    found = request.app.state.activities.activities
    return json.dumps({a.id: activity_model(a) for a in found.values()}, ensure_ascii=False)


async def wall(request: Request) -> HTMLResponse:
    """The wall: the results of the activity the deck is on, as they arrive."""
    return pages.page(request, "wall.html.j2", activities=models(request))


async def activities_page(request: Request) -> HTMLResponse:
    """The activities page: pace, what phones show, and moderation."""
    return pages.page(request, "activities.html.j2", activities=models(request))


async def remote(request: Request) -> HTMLResponse:
    """The presenter's phone as a remote (it asks for the key itself; nothing secret is in the page)."""
    return pages.page(request, "remote.html.j2")


def routes() -> list[Route]:
    """The pages' routes, for the app's one list."""
    return [Route("/room/wall", wall), Route("/room/activities", activities_page), Route("/room/remote", remote)]
