"""Nothing moves: no layout shift while a page loads and its scripts run, on a phone and a laptop, in real Chromium.

The browser's own measure (PerformanceObserver, 'layout-shift', buffered, shifts after input left out) is the one
Lighthouse sums as CLS; the network and CPU are slowed as in Lighthouse's mobile run, so the kit's scripts run
after the first paint rather than before it. `make bench` gives Lighthouse's own figure for some pages too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_js_support import exercise_pages

pytestmark = pytest.mark.browser
DOCS = Path(__file__).resolve().parent.parent / "docs"
# Lighthouse's mobile network: the page paints before the scripts at its foot arrive, as on a real phone.
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
           "uploadThroughput": 750 * 1024 / 8}
SHIFTS = """() => new Promise((done) => {
  const found = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) found.push({value: e.value,
      moved: e.sources.map((s) => s.node ? (s.node.className || s.node.nodeName) : "?")});
  }).observe({ type: "layout-shift", buffered: true });
  // Two frames after load: every shift the load caused has been reported by then.
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(found))));
})"""


def agenda_page() -> str:
    """The page with the agenda picker (the `/// agenda | all` block), wherever the course puts it."""
    for path in sorted(DOCS.rglob("*.md")):
        if "/// agenda | all" in path.read_text(encoding="utf-8"):
            page = path.relative_to(DOCS).with_suffix("").as_posix()
            return "/" + page.removesuffix("index") + ("" if page.endswith("index") else "/")
    pytest.skip("no page has the agenda picker")


def pages() -> dict[str, str]:
    """The home page, a module page with an exercise, and the agenda page."""
    module = min(p for p in exercise_pages().values() if p.startswith("/modules/"))
    return {"home": "/", "module": module, "agenda": agenda_page()}


@pytest.mark.parametrize("viewport", [(412, 823), (1280, 900)], ids=["phone", "laptop"])
@pytest.mark.parametrize("name", ["home", "module", "agenda"])
def test_a_page_does_not_move_as_it_loads(browser, base_url, name, viewport):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.goto(base_url + pages()[name])
        shifts = page.evaluate(SHIFTS)
    finally:
        context.close()
    assert sum(s["value"] for s in shifts) < 0.001, shifts
