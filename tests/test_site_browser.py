"""The built site in real Chromium: every page loads clean, stays on 127.0.0.1, passes axe, fits a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AXE_OPTIONS
from axe_playwright_python.sync_playwright import Axe


pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent



def site_pages(site_dir: Path) -> list[str]:
    """Every page of the built site as a URL path."""
    pages = []
    for index in sorted(site_dir.rglob("index.html")):
        rel = index.parent.relative_to(site_dir).as_posix()
        pages.append("/" if rel == "." else f"/{rel}/")
    return pages


def axe_report(results) -> str:
    """The violations, one line each, for a readable failure."""
    return "\n".join(
        f"  {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"])


def search_for(page, words: str) -> None:
    """Open Material's search and type as a person does (it listens to key presses, not `fill`)."""
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(words, delay=30)


def test_site_has_all_pages(site_dir):
    # One page per module page in docs/modules, however many the course has (the Adapting page adds one).
    pages = site_pages(site_dir)
    modules = {f"/modules/{p.stem}/" for p in (ROOT / "docs" / "modules").glob("*.md")}
    assert modules and {p for p in pages if p.startswith("/modules/")} == modules
    for expected in ("/glossary/", "/about-the-sources/", "/learners/progress/", "/presenters/facilitator-guide/"):
        assert expected in pages


def test_every_page_loads_without_errors_or_outside_requests_and_has_zero_axe_violations(page, base_url, site_dir):
    axe, problems = Axe(), []
    for path in site_pages(site_dir):
        page.watch.errors.clear()
        page.watch.external.clear()
        response = page.goto(base_url + path)
        if response is None or response.status != 200:
            problems.append(f"{path}: HTTP {response.status if response else 'none'}")
        results = axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            problems.append(f"{path}:\n{axe_report(results)}")
        problems += [f"{path}: console: {e}" for e in page.watch.errors]
        problems += [f"{path}: outside request: {u}" for u in page.watch.external]
    assert not problems, "\n".join(problems)


def test_dark_scheme_has_zero_axe_violations(page, base_url):
    axe = Axe()
    page.emulate_media(color_scheme="dark")
    failures = []
    for path in ("/", "/modules/03-the-cocktail-party/"):
        page.goto(base_url + path)
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        results = axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            failures.append(f"{path}:\n{axe_report(results)}")
    assert not failures, "\n".join(failures)


def pages_with(site_dir: Path, marker: str) -> list[str]:
    """The pages whose HTML holds a marker (a class the kit's pictures or diagrams carry)."""
    return [path for path in site_pages(site_dir)
            if marker in (site_dir / path.strip("/") / "index.html").read_text(encoding="utf-8")]


NAMES = """() => {
  const named = (el) => el.getAttribute("aria-label") ||
    (el.getAttribute("aria-labelledby") || "").split(" ").map((id) => document.getElementById(id)?.textContent || "")
      .join(" ").trim();
  return {
    // A deck's slides wait hidden on the Slides page until a deck opens (test_deck_browser.py checks them there).
    pictures: [...document.querySelectorAll("svg.mingle-picture-svg")].filter((svg) => !svg.closest("[hidden]"))
      .map((svg) => {
      const box = svg.getBoundingClientRect(), [, , w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
      return { role: svg.getAttribute("role"), name: named(svg), width: box.width, height: box.height, ratio: w / h,
               sized: svg.hasAttribute("width") && svg.hasAttribute("height") };
    }),
    figures: [...document.querySelectorAll("[role=figure]")].filter((f) => !f.closest("[hidden]"))
      .map((f) => ({ name: named(f),
      items: [...f.querySelectorAll(".mingle-diagram-items > li")].map((li) => li.innerText.trim()) })),
  };
}"""


def test_pictures_and_diagrams_are_named_sized_and_pass_axe_in_the_dark_scheme(page, base_url, site_dir):
    """Light pages are in the every-page axe test; here each page with a picture or a diagram, in the dark."""
    pictures, diagrams = pages_with(site_dir, "mingle-picture-svg"), pages_with(site_dir, "mingle-diagram--")
    assert pictures and diagrams
    axe, failures = Axe(), []
    page.emulate_media(color_scheme="dark")
    for path in sorted(set(pictures + diagrams)):
        page.goto(base_url + path)
        found = page.evaluate(NAMES)
        for pic in found["pictures"]:
            assert pic["role"] == "img" and pic["name"], f"{path}: a picture without a text alternative"
            assert pic["sized"] and pic["height"] > 0, f"{path}: a picture whose space is not reserved"
            assert abs(pic["width"] / pic["height"] - pic["ratio"]) < 0.02, f"{path}: a picture out of shape"
        for fig in found["figures"]:
            assert fig["name"], f"{path}: a diagram without a name"
            assert fig["items"] and all(fig["items"]), f"{path}: a diagram whose words are not text"
        results = axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            failures.append(f"{path}:\n{axe_report(results)}")
    assert not failures, "\n".join(failures)


def test_pictures_and_diagrams_print_light_from_the_dark_scheme(page, base_url, site_dir):
    page.emulate_media(color_scheme="dark")
    page.goto(base_url + pages_with(site_dir, "mingle-diagram--branches")[0])
    page.emulate_media(media="print", color_scheme="dark")
    box = page.locator(".mingle-diagram--branches .mingle-diagram-items > li").first
    assert box.is_visible()
    assert box.evaluate("li => getComputedStyle(li).backgroundColor") == "rgb(255, 255, 255)"
    page.goto(base_url + pages_with(site_dir, "mingle-picture-svg")[0])
    page.emulate_media(media="print", color_scheme="dark")
    svg = page.locator("svg.mingle-picture-svg").first
    assert svg.is_visible()
    wall = svg.evaluate("s => getComputedStyle(s.querySelector('.wall, .sky')).fill")
    assert wall in ("rgb(244, 234, 217)", "rgb(223, 232, 239)"), wall  # the light colours, not the dark


def test_search_finds_cocktail(page, base_url):
    page.goto(base_url + "/")
    search_for(page, "cocktail")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert "cocktail" in results.first.inner_text().lower()


def test_pages_fit_a_360px_phone(browser, base_url, site_dir):
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = ctx.new_page()
    too_wide = []
    for path in site_pages(site_dir):
        page.goto(base_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide.append(f"{path}: {width}px")
    ctx.close()
    assert not too_wide, "pages wider than the phone:\n" + "\n".join(too_wide)


def test_printing_hides_navigation_chrome(page, base_url):
    page.goto(base_url + "/modules/02-the-pub/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-tabs"):
        assert not page.locator(selector).first.is_visible(), f"{selector} shows in print"
    assert page.locator("article h1").is_visible()


def test_offline_build_navigates_and_searches_from_disk(page, offline_dir):
    offline = offline_dir
    outside = []  # stricter than page.watch: from disk, not even 127.0.0.1 may be asked for anything
    page.on("request", lambda r: r.url.startswith(("http:", "https:")) and outside.append(r.url))
    page.goto((offline / "index.html").as_uri())
    page.get_by_role("link", name="The pub").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("modules/02-the-pub.html")
    assert "pub" in page.locator("article h1").inner_text().lower()
    search_for(page, "cocktail")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert not page.watch.errors, page.watch.errors
    assert not outside, outside
