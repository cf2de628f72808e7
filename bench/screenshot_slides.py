"""Make the slide screenshots for docs/presenters/slides/index.md (`python -m bench.screenshot_slides [SITE]`): a
few slides of a session plan's deck, light and dark, and the speaker view, shot in headless Chromium from a build
of the site (SITE, or a fresh one)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from mingle.browser import launch, serve
from mingle.sitebuild import build_site
from mingle.course.agenda import load_for

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "presenters" / "slides" / "img"
SIZE = {"width": 640, "height": 360}  # half the canvas: small files, still readable
# (file name, which slide, colour scheme): the first slide in the deck that the selector matches.
SHOTS = [("slide-title.png", "[data-slide-kind=title]", "light"),
         ("slide-module.png", "[data-slide-kind=module]:has(svg)", "light"),
         ("slide-content.png", "[data-slide-kind=content]:has(li)", "dark"),
         ("slide-break.png", "[data-slide-kind=break]", "dark")]


def goto_slide(page, which: str) -> None:
    """Step the deck to its first slide that matches `which`."""
    index = page.eval_on_selector_all(".reveal .slides > section", "(s, which) => s.findIndex((n) => n.matches(which))",
                                      which)
    if index < 0:
        raise SystemExit(f"the deck has no slide {which}")
    page.keyboard.press("Home")
    for _ in range(index):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(f"document.querySelector('[data-slides]').dataset.slide === '{index}'")


def shoot(site: Path) -> list[Path]:
    """Every shot in SHOTS, then the speaker view beside a plan's first module."""
    plans, _ = load_for(ROOT)
    plan = next((p for p in plans.values() if any(s.kind == "break" for s in p.slots)), next(iter(plans.values())))
    OUT.mkdir(parents=True, exist_ok=True)
    made = []
    with sync_playwright() as p, serve(site) as url:
        browser = launch(p)
        for name, which, scheme in SHOTS:
            page = browser.new_page(viewport=SIZE, device_scale_factor=1, color_scheme=scheme)
            page.goto(f"{url}/presenters/slides/?plan={plan.id}")
            page.wait_for_selector(".reveal.ready[data-slides]")
            goto_slide(page, which)
            page.screenshot(path=OUT / name)
            made.append(OUT / name)
            page.close()
        page = browser.new_page(viewport={"width": 1280, "height": 720}, device_scale_factor=1)
        page.goto(f"{url}/presenters/slides/?plan={plan.id}")
        page.wait_for_selector(".reveal.ready[data-slides]")
        page.mouse.move(300, 300)
        with page.expect_popup() as opened:
            page.click('[data-action="speaker-view"]')
        speaker = opened.value
        speaker.set_viewport_size({"width": 960, "height": 600})
        speaker.wait_for_selector(".mingle-speaker .reveal.ready")
        goto_slide(speaker, "[data-slide-kind=module]:has(svg)")
        speaker.screenshot(path=OUT / "speaker-view.png")
        made.append(OUT / "speaker-view.png")
        browser.close()
    return made


def main(argv: list[str]) -> None:
    """Shoot from the site given, or from a fresh build."""
    if argv:
        made = shoot(Path(argv[0]))
    else:
        with tempfile.TemporaryDirectory() as folder:
            build_site(ROOT / "mkdocs.yml", Path(folder) / "site")
            made = shoot(Path(folder) / "site")
    for path in made:
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv[1:])
