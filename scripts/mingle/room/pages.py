"""The room's own pages: the presenter's dashboard and projector view, and the pre-flight check for phones.
HTML comes from autoescaped templates; the QR code is segno's SVG of the join address, drawn on the laptop."""

from __future__ import annotations

import functools
from pathlib import Path

import segno
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

TEMPLATES = Path(__file__).parent / "templates"
NO_STORE = {"Cache-Control": "no-store"}


@functools.cache
def environment() -> Environment:
    """The pages' templates: every value escaped, a misspelt name an error."""
    return Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, trim_blocks=True,
                       lstrip_blocks=True, autoescape=select_autoescape(default=True, default_for_string=True))


def qr_svg(address: str) -> Markup:
    """The join address as a QR code, inline SVG (segno's own markup: no learner text is in it)."""
    code = segno.make(address, error="m")
    return Markup(code.svg_inline(scale=10, border=2, dark="#000", light="#fff", svgclass="mingle-qr",
                                  title="QR code of the join address"))


def page(request: Request, template: str, **values) -> HTMLResponse:
    """One of the room's pages, with the room's code and join address."""
    settings = request.app.state.settings
    short = settings.join.split("://", 1)[-1]
    html = environment().get_template(template).render(code=settings.code, join=settings.join, short=short, **values)
    return HTMLResponse(html, headers=NO_STORE)


async def dashboard(request: Request) -> HTMLResponse:
    """The presenter's dashboard (it asks for the key itself; nothing secret is in the page)."""
    return page(request, "dashboard.html.j2")


async def projector(request: Request) -> HTMLResponse:
    """What the projector shows: the QR code, the short address, the code and how many have joined."""
    return page(request, "projector.html.j2", qr=qr_svg(request.app.state.settings.join))


async def check(request: Request) -> HTMLResponse:
    """The pre-flight check: if a phone can open this page, it can reach the room."""
    return page(request, "check.html.j2")


def routes() -> list[Route]:
    """The pages' routes, for the app's one list."""
    return [Route("/room/dashboard", dashboard), Route("/room/projector", projector), Route("/room/check", check)]
