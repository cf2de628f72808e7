"""Shared fixtures: the site built once per session, served on a free loopback port, and real Chromium."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

from mingle import sitebuild
from mingle.browser import launch, serve
from mingle.errors import MingleError

ROOT = Path(__file__).resolve().parent.parent
# axe-core's WCAG 2.1 AA rules, for every page and screen; only violations are reported in full (the passes are
# left out, which halves axe's time on a page).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}


def build_site(target: Path, offline: bool = False, site_url: str | None = None) -> Path:
    """Build the site strictly into `target` (the offline flavour, or for another address, when asked)."""
    try:
        return sitebuild.build_site(ROOT / "mkdocs.yml", target, offline=offline, site_url=site_url)
    except MingleError as err:
        pytest.fail(str(err), pytrace=False)


def shared_build(tmp_path_factory, name: str, offline: bool = False) -> Path:
    """A build made once per test session: under xdist the first worker to ask builds it in the session's
    shared folder while the others wait on a file lock, then all read the same files."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build_site(tmp_path_factory.mktemp(name) / name, offline=offline)
    folder = tmp_path_factory.getbasetemp().parent / f"shared-{name}"  # the session's folder, above each worker's
    with open(f"{folder}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even if the build fails
        if not (folder / "built").exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed build left
            build_site(folder / name, offline=offline)
            (folder / "built").touch()
    return folder / name


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The strict build of the site, made once per test session and shared by its workers (read it, never change it)."""
    return shared_build(tmp_path_factory, "site")


@pytest.fixture(scope="session")
def offline_dir(tmp_path_factory) -> Path:
    """The offline build (opened from file://), made once per test session and shared by its workers."""
    return shared_build(tmp_path_factory, "site-offline", offline=True)


@pytest.fixture(scope="session")
def base_url(site_dir):
    """The built site served on a free 127.0.0.1 port for the whole session."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def instant_url(tmp_path_factory):
    """The site served on a free port and built with that address as its site_url, once per worker: Material's
    instant navigation only follows links its sitemap lists, matched by host and port."""
    folder = tmp_path_factory.mktemp("instant") / "site"
    with serve(folder) as url:  # the port comes first, the build that names it second
        build_site(folder, site_url=url + "/")
        yield url


def open_instant(page, url: str | None = None) -> None:
    """Open `url` (or reload the page) and return once Material holds its sitemap: until then it lets a click on a
    link load the whole page instead of swapping the page in (instant navigation drops clicks that come earlier)."""
    with page.expect_response(lambda response: response.url.endswith("/sitemap.xml")) as sitemap:
        page.goto(url) if url else page.reload()
    sitemap.value.finished()


@pytest.fixture(scope="session")
def browser():
    """Real Chromium through Playwright: Debian's build, else Playwright's own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


class PageWatch:
    """Console errors and requests that left 127.0.0.1, gathered while a page is used."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.external: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)

    def _request(self, request):
        url = request.url
        if not (url.startswith("http://127.0.0.1") or url.startswith("file://") or url.startswith("data:")
                or url.startswith("blob:") or url.startswith("about:")):
            self.external.append(url)


@pytest.fixture
def context(browser):
    """A fresh browser context (empty storage) per test."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A fresh page whose console errors and outside requests are recorded in `page.watch`."""
    page = context.new_page()
    page.watch = PageWatch(page)
    yield page
    page.close()


@pytest.fixture
def course_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the course (pages with their pictures, exercises, live activities, plans) as the current folder."""
    for folder in ("docs", "exercises", "activities", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("vendor"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def room(site_dir, tmp_path_factory):
    """A live room (`mingle room` on a free loopback port) serving the built site, one per test module.
    Tests of the room's API over a bare site define a `room` of their own."""
    from room_kit import start_room

    running = start_room(tmp_path_factory.mktemp("room") / "room.sqlite", site_dir)
    yield running
    running.stop()
