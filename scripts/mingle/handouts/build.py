"""Build the site, fill each handout edition in headless Chromium and print it to PDF on A4 and US Letter."""

from __future__ import annotations

import html.parser
import io
import os
import re
import shutil
import tempfile
import time
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from mingle.browser import launch, serve
from mingle.errors import MingleError
from mingle.exercises import load_exercises
from mingle.handouts.booklet import EDITIONS, Edition, Kit, back_pages, skeleton
from mingle.handouts import slides
from mingle.course.event import Event
from mingle.sitebuild import build_site
from mingle.course.agenda import load_plans, read_modules
from mingle.course.guestcards import load_cards

PAPER = {"a4": "A4", "letter": "Letter"}
MARGIN = {"top": "20mm", "bottom": "18mm", "left": "15mm", "right": "15mm"}  # as booklet.css's @page
ASSEMBLE = Path(__file__).with_name("assemble.js")
BUILT_PAGE = Path(__file__).with_name("built-page.js")  # fetches a built page's article, for both assemblers
TEAR_OUT = "action-plan"  # the exercise whose worksheet starts a page of its own in the booklets


@dataclass(frozen=True)
class Result:
    """What one run made: the files, in order, and how long it took."""

    files: tuple[Path, ...]
    seconds: float


def read_kit(root: Path, event: Event) -> Kit:
    """Modules, plans, exercises and guest cards from the kit at `root`; the event's plan must exist."""
    modules = read_modules(root / "docs" / "modules")
    plans, start = load_plans(root / "data" / "sessions.yml", modules)
    if event.plan and event.plan not in plans:
        raise MingleError(f"plan {event.plan}: no such session plan; expected one of: {', '.join(plans)}")
    return Kit(modules, plans, start, load_exercises(root / "exercises"), load_cards(root / "data" / "guest-cards.yml"),
               back_pages(root / "docs"))


class _Stylesheets(html.parser.HTMLParser):
    """Collects the stylesheet links of a built page, so the booklets look like the site."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet" and attrs.get("href"):
            self.found.append(attrs["href"])


def site_stylesheets(site: Path) -> list[str]:
    """The stylesheets the home page loads, relative to the site root."""
    parser = _Stylesheets()
    parser.feed((site / "index.html").read_text(encoding="utf-8"))
    return parser.found


def _band(*texts: tuple[str, str | None]) -> str:
    """A header or footer line: Chromium fills spans classed pageNumber/totalPages itself."""
    row = etree.Element("div", {"style": (
        "box-sizing:border-box;width:100%;padding:0 15mm;display:flex;justify-content:space-between;gap:8mm;"
        "font:9px system-ui,'DejaVu Sans',sans-serif;color:#333;")})
    for text, kind in texts:
        cell = etree.SubElement(row, "span")
        if kind == "pages":
            cell.text = "Page "
            etree.SubElement(cell, "span", {"class": "pageNumber"}).tail = " of "
            etree.SubElement(cell, "span", {"class": "totalPages"})
        else:
            cell.text = text
    return etree.tostring(row, encoding="unicode", method="html")


def header_footer(edition: Edition, event: Event) -> tuple[str, str]:
    """Running header (event and edition) and footer (date, venue, page x of y), escaped as element trees."""
    where = " · ".join(v for v in (event.date, event.venue) if v)
    return _band((event.title, None), (edition.label, None)), _band((where or "Mingle", None), ("", "pages"))


# Writes each contents entry's page number; answers how many changed (none: the print already agrees).
FILL_PAGES = """pages => [...document.querySelectorAll("[data-page-of]")].filter(span => {
  const number = String(pages[span.dataset.pageOf] || "");
  return span.textContent !== number && ((span.textContent = number), true);
}).length"""
PASSES = 3  # the numbers sit on lines that are there already, so a second print agrees with the first


# Chromium stamps each PDF with the time it printed it; nothing else in the file changes from one print to the next.
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)")


def reproducible(pdf: bytes) -> bytes:
    """The PDF with its dates set to SOURCE_DATE_EPOCH when that is set (as `make release` does), so the same kit
    prints the same bytes; otherwise as Chromium made it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return pdf
    stamp = time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(int(epoch))).encode()

    def fixed(match: re.Match) -> bytes:
        new = b"/" + match[1] + b" (" + stamp + b")"
        return new if len(new) == len(match[0]) else match[0]  # the same length keeps the file's offsets true

    return _numbered_nodes(PDF_DATE.sub(fixed, pdf))


# A tagged PDF names each structure element after its page node's number, which depends on how many nodes the page
# made before printing, and so can differ by one between two prints of the same page.
PDF_NODE = re.compile(rb"\(node(\d{8})\)")


def _numbered_nodes(pdf: bytes) -> bytes:
    """The structure elements' names numbered 1, 2, 3... in their own order: the same width keeps the file's offsets
    true, and the same order keeps the ID tree sorted."""
    rank = {number: f"{n:08d}".encode() for n, number in enumerate(sorted(set(PDF_NODE.findall(pdf)), key=int), 1)}
    return PDF_NODE.sub(lambda match: b"(node" + rank[match[1]] + b")", pdf)


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Each named destination (an element id that a link points to) and the page it lands on, from 1."""
    reader = PdfReader(io.BytesIO(pdf))
    return {name.lstrip("/"): reader.get_destination_page_number(dest) + 1
            for name, dest in reader.named_destinations.items()}


def print_numbered(page, **options) -> bytes:
    """The page printed to PDF with its contents list showing the pages that this very print puts parts on."""
    pdf = page.pdf(**options)
    for _ in range(PASSES):
        if not page.evaluate(FILL_PAGES, destination_pages(pdf)):
            return pdf
        pdf = page.pdf(**options)
    raise MingleError("the contents page numbers would not settle; please report this")


def print_editions(site: Path, out: Path, event: Event, kit: Kit) -> list[Path]:
    """Write every edition's skeleton into the site, fill it in Chromium and print it on both papers."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise MingleError("Playwright is not installed; run `make handouts` to set it up") from None
    stylesheets = site_stylesheets(site)
    written = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page()
            for edition in EDITIONS:
                name = f"_handout-{edition.name}.html"
                (site / name).write_text(skeleton(edition, event, kit, stylesheets), encoding="utf-8")
                page.goto(f"{base}/{name}", wait_until="load")
                page.add_script_tag(content=BUILT_PAGE.read_text(encoding="utf-8"))
                page.add_script_tag(content=ASSEMBLE.read_text(encoding="utf-8"))
                report = page.evaluate("o => Mingle.handouts.assemble(o)", {
                    "presenter": edition.presenter, "tearOut": TEAR_OUT})
                if not edition.presenter and report["presenterBits"]:
                    raise MingleError(f"{edition.name}: presenter-only material left in a learner's edition")
                header, footer = header_footer(edition, event)
                for suffix, paper in PAPER.items():
                    target = out / f"{edition.name}-{suffix}.pdf"
                    target.write_bytes(reproducible(print_numbered(page, format=paper, margin=MARGIN,
                                                                   print_background=True, display_header_footer=True,
                                                                   header_template=header, footer_template=footer,
                                                                   outline=True, tagged=True)))
                    written.append(target)
            written += print_slides(page, base, site, out, event, kit, stylesheets)
        finally:
            browser.close()
    return written


def print_slides(page, base: str, site: Path, out: Path, event: Event, kit: Kit, stylesheets: list[str]) -> list[Path]:
    """The slides handout, made in Chromium from the built Slides page on the deck's own canvas, on both papers."""
    name = f"_handout-{slides.NAME}.html"
    (site / name).write_text(slides.skeleton(event, kit, stylesheets), encoding="utf-8")
    page.goto(f"{base}/{name}", wait_until="load")
    page.add_script_tag(content=BUILT_PAGE.read_text(encoding="utf-8"))
    page.add_script_tag(content=slides.ASSEMBLE.read_text(encoding="utf-8"))
    report = page.evaluate("() => Mingle.handouts.slides()")
    if report["crowded"]:
        raise MingleError(f"slides handout: {'; '.join(report['crowded'])}: runs past the slide; move some of it "
                          "into the section's prose, which the speaker's notes take (mingle check names slides over "
                          "the budget)")
    header, footer = header_footer(Edition(slides.NAME, slides.LABEL, True, ""), event)
    written = []
    for suffix, paper in PAPER.items():
        target = out / f"{slides.NAME}-{suffix}.pdf"
        target.write_bytes(reproducible(page.pdf(format=paper, margin=MARGIN, print_background=True,
                                                 display_header_footer=True, header_template=header,
                                                 footer_template=footer, outline=True, tagged=True)))
        written.append(target)
    return written


def build_handouts(config: Path, out: Path, event: Event, site: Path | None = None) -> Result:
    """Every handout PDF into `out`, from a fresh strict build (or an already built `site`)."""
    began = time.perf_counter()
    kit = read_kit(config.parent, event)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mingle-handouts-") as tmp:
        target = Path(tmp) / "site"
        if site is None:
            build_site(config.resolve(), target)
        else:
            _copy(site, target)  # the skeletons must never land in someone's real site folder
        files = print_editions(target, out, event, kit)
    return Result(tuple(files), time.perf_counter() - began)


def _copy(source: Path, target: Path) -> None:
    """A copy of a built site (hard links where possible: it is only read)."""
    if not (source / "index.html").exists():
        raise MingleError(f"{source}: not a built site (no index.html)")
    shutil.copytree(source, target, copy_function=_link_or_copy)


def _link_or_copy(src, dst):
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
