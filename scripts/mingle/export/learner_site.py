"""The package's copy of a built page: presenter pages, links to them and facilitator notes taken out, and live
activities, which only a room collects."""

from __future__ import annotations

import html.parser
import json
import posixpath
from dataclasses import dataclass

PRESENTERS = "presenters/"
# Whole elements that only a presenter uses: facilitator notes, and the toolbar with presenter view and present mode.
DROP = (("data-audience", "presenter"), ("data-mingle-toolbar", None))
# Whole elements no package keeps: a live activity is answered in a room, and an LMS has none.
ALWAYS_DROP = (("data-live-activity", None),)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NAV_ITEMS = ("md-nav__item", "md-tabs__item")


def is_presenter_page(path: str) -> bool:
    """Whether a site file (a path from the site's root) is one of the presenters' pages."""
    return path.startswith(PRESENTERS)


@dataclass(slots=True)
class _NavEntry:
    """An open navigation entry: how deep inside it the parser is, and how many of its links go to presenters/."""

    depth: int = 0  # <li> elements opened inside it and not yet closed
    links: int = 0
    presenter_links: int = 0


class _Filter(html.parser.HTMLParser):
    """Copies a page token by token as written, leaving out presenter-only elements and links.

    Links into presenters/ are unwrapped to their text; a navigation entry whose every link goes there is
    left out whole, so the menus and tabs simply lose the Presenters section."""

    def __init__(self, page: str, presenter: bool):
        super().__init__(convert_charrefs=False)
        self.folder, self.presenter = posixpath.dirname(page), presenter
        self.out: list[list[str]] = [[]]  # one buffer per open navigation entry, the page's at the bottom
        self.entries: list[_NavEntry] = []
        self.skip = 0  # depth inside a dropped element
        self.anchors: list[bool] = []  # per open <a>: whether it was unwrapped

    def _write(self, text: str) -> None:
        if not self.skip:
            self.out[-1].append(text)

    def _presenter_link(self, href: str | None) -> bool:
        if self.presenter or not href or "://" in href or href.startswith(("#", "mailto:", "data:")):
            return False
        return is_presenter_page(posixpath.normpath(posixpath.join(self.folder, href.split("#")[0])).lstrip("/"))

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if self.skip:
            self.skip += tag not in VOID
            return
        if tag == "link" and found.get("rel") == "canonical":  # the build's address, not the package's
            return
        if any(name in found and (value is None or found[name] == value)
               for name, value in (*ALWAYS_DROP, *(() if self.presenter else DROP))):
            self.skip = 0 if tag in VOID else 1
            return
        classes = (found.get("class") or "").split()
        if tag in ("a", "link") and self._presenter_link(found.get("href")) and (
                tag == "link" or "md-footer__link" in classes):  # previous/next page: leave out whole
            self.skip = 0 if tag in VOID else 1
            return
        if tag == "li" and any(c in classes for c in NAV_ITEMS):
            self.entries.append(_NavEntry())
            self.out.append([])
        elif tag == "li" and self.entries:
            self.entries[-1].depth += 1
        if tag == "a":
            inward = self._presenter_link(found.get("href"))
            for entry in self.entries:
                entry.links += 1
                entry.presenter_links += inward
            self.anchors.append(inward)
            if inward:
                return
        self._write(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        dropped = ALWAYS_DROP + (() if self.presenter else DROP)
        if not self.skip and not any(name in dict(attrs) for name, _ in dropped):
            self._write(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.skip:
            self.skip -= tag not in VOID
            return
        if tag == "a" and self.anchors and self.anchors.pop():
            return
        self._write(f"</{tag}>")
        if tag == "li" and self.entries:
            entry = self.entries[-1]
            if entry.depth:
                entry.depth -= 1
                return
            self.entries.pop()
            text = "".join(self.out.pop())
            if not (entry.links and entry.links == entry.presenter_links):
                self._write(text)

    def handle_data(self, data):
        self._write(data)

    def handle_entityref(self, name):
        self._write(f"&{name};")

    def handle_charref(self, name):
        self._write(f"&#{name};")

    def handle_comment(self, data):
        self._write(f"<!--{data}-->")

    def handle_decl(self, decl):
        self._write(f"<!{decl}>")

    def handle_pi(self, data):
        self._write(f"<?{data}>")

    def unknown_decl(self, data):
        self._write(f"<![{data}]]>" if data.startswith("CDATA[") else f"<![{data}]>")


def learner_page(html: str, page: str, presenter: bool = False) -> str:
    """A built page for the package (`page` is its path from the site's root): without the build's canonical
    address, and without its presenter-only parts unless `presenter`."""
    parser = _Filter(page, presenter)
    parser.feed(html)
    parser.close()
    return "".join(part for buffer in parser.out for part in buffer)


def learner_search_index(raw: bytes) -> bytes:
    """The search index without the presenters' pages, so searching finds only what the package holds."""
    index = json.loads(raw)
    index["docs"] = [doc for doc in index["docs"] if not is_presenter_page(doc["location"])]
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
