"""What a built page loads before it can draw: Material's two stylesheets and one of the kit's, holding every
stylesheet mkdocs.yml lists; Material's script and the kit's, one file holding every listed script, both deferred and
in that order; the iframe-worker shim in the offline build only. The kit's scripts start once per page."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import open_instant
from mkdocs.utils.yaml import yaml_load

from mingle.site import minify

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["index.html", "modules/02-the-pub/index.html", "presenters/agenda/index.html", "404.html"]
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"( media="[^"]+")?>')
SCRIPT = re.compile(r'<script src="([^"]+)"( defer)?></script>')


def listed(key: str) -> list[str]:
    """The kit's own files in one of mkdocs.yml's lists (extra_css, extra_javascript), in order."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        return [str(entry) for entry in yaml_load(f)[key] if str(entry).startswith("assets/mingle/")]


def built(source: str) -> str:
    """A listed file's text as the built site serves it (minified)."""
    return minify.minified(ROOT / "docs" / source)


@pytest.mark.parametrize("name", PAGES)
def test_a_page_links_one_stylesheet_of_the_kit_that_holds_every_listed_one(site_dir, name):
    html = (site_dir / name).read_text(encoding="utf-8")
    kit = [href.rsplit("/", 1)[-1] for href, media in STYLESHEET.findall(html) if "assets/mingle/" in href
           and not media]
    assert kit == ["mingle.css"]
    assert listed("extra_css"), "mkdocs.yml lists no stylesheet of the kit"
    joined = (site_dir / minify.STYLES).read_text(encoding="utf-8")
    assert joined == "\n".join(built(source) for source in listed("extra_css")) + "\n"
    # Only Material's own come before it, and print.css (print only) stays on its own, after it.
    assert [m for href, m in STYLESHEET.findall(html) if href.endswith("print.css")] == [' media="print"']


@pytest.mark.parametrize("name", PAGES)
def test_a_page_runs_materials_script_then_the_kits_one_both_deferred(site_dir, name):
    scripts = SCRIPT.findall((site_dir / name).read_text(encoding="utf-8"))
    assert [(src.rsplit("/", 1)[-1].split(".")[0], defer) for src, defer in scripts] == [
        ("bundle", " defer"), ("mingle", " defer")], scripts
    assert scripts[1][0].endswith(minify.SCRIPTS)
    joined = (site_dir / minify.SCRIPTS).read_text(encoding="utf-8")
    assert joined == ";\n".join(built(source) for source in listed("extra_javascript")) + "\n"


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_the_joined_script_parses(site_dir):
    done = subprocess.run(["node", "--check", str(site_dir / minify.SCRIPTS)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_only_the_offline_build_loads_the_iframe_worker_shim(site_dir, offline_dir):
    for name in PAGES:
        assert "iframe-worker" not in (site_dir / name).read_text(encoding="utf-8"), name
    for name in ("index.html", "modules/02-the-pub.html"):
        head = (offline_dir / name).read_text(encoding="utf-8").split("</head>")[0]
        assert [src for src, _ in SCRIPT.findall(head)] == [
            "../" * name.count("/") + "assets/vendor/iframe-worker-shim.js"], name
        assert "unpkg" not in head


@pytest.mark.browser
def test_the_kits_scripts_start_once_per_page(page, instant_url):
    # Counts the runs of a start hook added the moment storage.js makes window.Mingle, while the page is parsed.
    page.add_init_script("""(() => {
      let kit; window.mingleStarts = 0;
      Object.defineProperty(window, "Mingle", { configurable: true, get: () => kit,
        set: (value) => { kit = value; kit.onPage(() => window.mingleStarts++); } });
    })()""")
    open_instant(page, instant_url + "/modules/02-the-pub/")
    assert page.evaluate("window.mingleStarts") == 1
    # After the load, a hook starts at once, and once.
    assert page.evaluate("() => { let n = 0; window.Mingle.onPage(() => n++); return n; }") == 1
    # Material's instant navigation swaps the page in the same document: once more.
    page.evaluate("window.samePage = true")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url("**/03-the-cocktail-party/")
    page.wait_for_function("window.mingleStarts >= 2")
    assert page.evaluate("[window.samePage, window.mingleStarts]") == [True, 2]
    assert page.watch.errors == []
