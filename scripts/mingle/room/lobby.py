"""The join address's page: the room's lobby (a name, what the room keeps and why, a link to the course) and the
phone's view of the activity the deck is on; every exercise's and activity's form is in it, made on the laptop."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from mingle.activity_view import activity_form
from mingle.render import exercise_form
from mingle.room import pages


def _html(form: etree.Element) -> Markup:
    """A form made as an element tree (every text escaped by ElementTree), as HTML to put in the page."""
    return Markup(etree.tostring(form, encoding="unicode", method="html"))


def forms(request: Request) -> list[tuple[str, Markup]]:
    """(id, form) for every exercise and live activity the room takes answers to."""
    state = request.app.state
    made = [(e.id, _html(exercise_form(e))) for e in state.settings.exercises.values()]
    return made + [(a.id, _html(activity_form(a))) for a in state.activities.activities.values()]


async def home(request: Request) -> Response:
    """`/?room=<CODE>` is the lobby; `/` alone is the site's home page, as it always was."""
    settings = request.app.state.settings
    if request.query_params.get("room", "").upper() != settings.code:
        return FileResponse(settings.site / "index.html")
    return pages.page(request, "lobby.html.j2", forms=forms(request))
