"""Make the slide screenshots for docs/presenters/slides/index.md (`python -m bench.screenshot_slides [SITE]`): a
few slides of a session plan's deck, light and dark, and the speaker view, shot in headless Chromium from a build
of the site (SITE, or a fresh one)."""

from __future__ import annotations

import subprocess
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


def room_shot(browser, site: Path, plan: str, folder: Path) -> Path:
    """An exercise's slide in a running room, shown as the room shows it: the question, the room's QR code and its
    code (`mingle room` on the site, on a free port, stopped once the shot is taken)."""
    room = subprocess.Popen([sys.executable, "-m", "mingle", "room", "--site", str(site), "--port", "0", "--db",
                             str(folder / "room.sqlite"), "--code", "DEMO"], stdout=subprocess.PIPE, text=True)
    try:
        said = {}
        while "key" not in said:  # the four labelled lines the room prints once it is ready
            line = room.stdout.readline()
            if not line:
                raise SystemExit("the room stopped before it was ready")
            label, _, value = line.partition(": ")
            said[label] = value.strip()
        base = said["join"].split("/?", 1)[0]
        context = browser.new_context(viewport=SIZE, device_scale_factor=1)
        context.request.post(f"{base}/room/login", headers={"Authorization": f"Bearer {said['key']}"})
        page = context.new_page()
        page.goto(f"{base}/presenters/slides/?room=DEMO&plan={plan}")
        page.wait_for_selector(".reveal [data-deck-join]:not([hidden]) img", state="attached")
        goto_slide(page, "[data-slide-kind=exercise]")
        page.screenshot(path=OUT / "slide-exercise-room.png")
        context.close()
    finally:
        room.terminate()
        room.wait(timeout=30)
    return OUT / "slide-exercise-room.png"


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
        with tempfile.TemporaryDirectory() as folder:
            made.append(room_shot(browser, site, plan.id, Path(folder)))
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
