"""The room's own pages: the presenter's dashboard and projector view, the pre-flight check for phones, and how to
join for a deck's slides. HTML comes from autoescaped templates; the QR code is segno's SVG of the join address,
drawn on the laptop."""

from __future__ import annotations

import functools
from pathlib import Path

import segno
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

from mingle.room import guard

TEMPLATES = Path(__file__).parent / "templates"
NO_STORE = {"Cache-Control": "no-store"}


@functools.cache
def environment() -> Environment:
    """The pages' templates: every value escaped, a misspelt name an error."""
    return Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, trim_blocks=True,
                       lstrip_blocks=True, autoescape=select_autoescape(default=True, default_for_string=True))


QR_LOOK = {"scale": 10, "border": 2, "dark": "#000", "light": "#fff"}  # black on white, as phones' cameras read best


def qr_svg(address: str) -> Markup:
    """The join address as a QR code, inline SVG (segno's own markup: no learner text is in it)."""
    code = segno.make(address, error="m")
    return Markup(code.svg_inline(**QR_LOOK, svgclass="mingle-qr", title="QR code of the join address"))


def qr_image(address: str) -> str:
    """The join address as a QR code, an SVG `data:` address a static page can show as an <img>."""
    return segno.make(address, error="m").svg_data_uri(**QR_LOOK)


def short_address(join: str) -> str:
    """The join address without its scheme, as people type it."""
    return join.split("://", 1)[-1]


def page(request: Request, template: str, **values) -> HTMLResponse:
    """One of the room's pages, with the room's code and join address."""
    settings = request.app.state.settings
    html = environment().get_template(template).render(code=settings.code, join=settings.join,
                                                       short=short_address(settings.join), **values)
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


async def joining(request: Request) -> JSONResponse:
    """How to join, for a deck opened from the room: its exercise and activity slides show the QR code, the address
    and the code (the deck is a static page; only the room knows the address phones reach it at)."""
    settings = request.app.state.settings
    guard.check_code(request.path_params["code"], settings.code)
    return JSONResponse({"code": settings.code, "join": settings.join, "short": short_address(settings.join),
                         "qr": qr_image(settings.join)}, headers=NO_STORE)


def routes() -> list[Route]:
    """The pages' routes, for the app's one list."""
    return [Route("/room/dashboard", dashboard), Route("/room/projector", projector), Route("/room/check", check),
            Route("/room/{code}/join", joining)]
