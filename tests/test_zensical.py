"""The kit also builds with Zensical, from its own venv (`make test` makes .venv-zensical): every page, every
exercise form, the presenter toolbar where MkDocs puts it, and an exercise that scores in Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from mingle.browser import serve

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
# What a copy of the kit leaves out: venvs, dependencies, tests and every build's output.
LEFT_OUT = {".git", ".venv", ".venv-zensical", "node_modules", ".cache", ".pytest_cache", ".hypothesis", "tests",
            "bench", "site", "site-offline", "site-zensical", "handouts"}
EXERCISE_BLOCK = re.compile(r"^/// exercise \| ([a-z0-9-]+)\s*$", re.M)
FORM = re.compile(r"<form\b[^>]*>")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)  # examples of the markup, not blocks


def exercise_blocks(page: Path) -> list[str]:
    """The exercise ids a page's `/// exercise` blocks name, leaving out the examples in fenced code."""
    return EXERCISE_BLOCK.findall(FENCE.sub("", page.read_text(encoding="utf-8")))


def page_path(site: Path, source: Path) -> Path:
    """Where a docs/ page lands in a built site (directory URLs, as both builders use)."""
    relative = source.relative_to(ROOT / "docs").with_suffix("")
    return site / (relative.parent if relative.name == "index" else relative) / "index.html"


def pages() -> list[Path]:
    """Every Markdown page of the course."""
    return sorted((ROOT / "docs").rglob("*.md"))


def zensical_build(kit: Path, spoil=None) -> subprocess.CompletedProcess:
    """`zensical build --strict` of a copy of the kit in `kit`, spoilt first by `spoil(kit)` if given."""
    if not ZENSICAL.exists():
        pytest.fail(f"{ZENSICAL} is missing: `make test` makes it (or `make .venv-zensical/.installed`)",
                    pytrace=False)
    shutil.copytree(ROOT, kit, symlinks=True, ignore=lambda folder, names: LEFT_OUT & set(names)
                    if Path(folder) == ROOT else ())
    if spoil:
        spoil(kit)
    env = {**os.environ, "NO_COLOR": "1", "MINGLE_OFFLINE": "false"}
    env.pop("MINGLE_SITE_DIR", None)
    return subprocess.run([ZENSICAL, "build", "--strict"], cwd=kit, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The kit built by Zensical, once a session, in a copy (Zensical writes only inside its project)."""
    kit = tmp_path_factory.mktemp("zensical") / "kit"
    result = zensical_build(kit)
    if result.returncode != 0:
        pytest.fail(f"zensical build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return kit / "site"


def test_every_page_and_the_search_index_are_built(zensical_site):
    missing = [str(page.relative_to(ROOT)) for page in pages() if not page_path(zensical_site, page).is_file()]
    assert not missing, f"pages Zensical did not build: {missing}"
    for name in ("404.html", "sitemap.xml", "search.json", "assets/mingle/exercise.js"):
        assert (zensical_site / name).is_file(), name


def test_every_exercise_block_becomes_its_form(zensical_site):
    wanted = {(page, exercise) for page in pages() for exercise in exercise_blocks(page)}
    assert wanted, "the course has no /// exercise block to check"
    for page, exercise in wanted:
        forms = FORM.findall(page_path(zensical_site, page).read_text(encoding="utf-8"))
        assert any('class="mingle-exercise"' in form and f'data-exercise="{exercise}"' in form for form in forms), (
            f"{page.name}: no form for {exercise}")


def toolbar(html: str) -> str | None:
    """The presenter toolbar's opening tag as main.html writes it, or None where the page has none (a relative
    address the same either way: Zensical writes a link to the page's own folder as `./index.html`)."""
    found = re.search(r"<div class=\"mingle-toolbar\"[^>]*>", html)
    return re.sub(r"\s+", " ", found[0]).replace('"./', '"') if found else None


def test_main_html_renders_the_same_in_both_engines(zensical_site, site_dir):
    differ = {}
    for page in pages():
        ours, theirs = (toolbar(page_path(site, page).read_text(encoding="utf-8")) for site in (site_dir,
                                                                                                zensical_site))
        if ours != theirs:
            differ[str(page.relative_to(ROOT))] = (ours, theirs)
    assert not differ, f"the presenter toolbar differs (MkDocs, Zensical): {differ}"
    assert any(toolbar(page_path(zensical_site, page).read_text(encoding="utf-8")) for page in pages()
               if "presenters" in page.parts), "no presenter page has the toolbar"


TIMING = re.compile(r'<p class="mingle-timing">(.*?)</p>', re.S)


def test_module_notes_open_with_the_same_timing_line_in_both_engines(zensical_site, site_dir):
    """The timing line is written by a Markdown block from the page's front matter, so Zensical writes it too."""
    from mingle import reading

    modules = sorted((ROOT / "docs" / "modules").glob("*.md"))
    for page in modules:
        meta, _ = reading.read_front_matter(page)
        lines = [TIMING.findall(page_path(site, page).read_text(encoding="utf-8")) for site in (site_dir,
                                                                                                zensical_site)]
        assert lines[0] == lines[1] and len(lines[1]) == 1, page.name
        assert lines[1][0].startswith(f"Timing: {meta['teaching']} minutes to teach")


PICTURE_MARKS = ('class="mingle-picture-svg"', 'class="mingle-icon"', 'role="figure"', 'class="mingle-diagram-caption"')


def test_pictures_and_diagrams_come_out_the_same_in_both_engines(zensical_site, site_dir):
    """Scene drawings and diagram icons are inlined at build under Zensical too (from its own copy of the icons)."""
    counts = {str(page.relative_to(ROOT)): [[page_path(site, page).read_text(encoding="utf-8").count(mark)
                                              for mark in PICTURE_MARKS] for site in (site_dir, zensical_site)]
              for page in pages()}
    assert any(mkdocs[0] and mkdocs[1] for mkdocs, _ in counts.values()), "no page has a picture and icons"
    assert {page: c for page, c in counts.items() if c[0] != c[1]} == {}


def test_a_broken_exercise_stops_the_zensical_build_naming_it(tmp_path):
    def spoil(kit: Path) -> None:
        first = sorted((kit / "exercises").glob("*.yml"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "title: [unclosed\n", encoding="utf-8")
        spoilt.append(first.name)

    spoilt: list[str] = []
    result = zensical_build(tmp_path / "kit", spoil)
    assert result.returncode != 0
    assert re.search(rf"exercises/{re.escape(spoilt[0])}: not valid YAML at line \d+", result.stderr), result.stderr


def test_a_wrong_picture_stops_the_zensical_build_naming_page_line_block_and_option(tmp_path):
    def spoil(kit: Path) -> None:
        page = next(p for p in sorted((kit / "docs" / "modules").glob("*.md")) if "    picture: " in p.read_text())
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"(?m)^    picture: \S+$", "    picture: no-such-drawing", text, count=1),
                        encoding="utf-8")
        spoilt.append(page.relative_to(kit).as_posix())

    spoilt: list[str] = []
    result = zensical_build(tmp_path / "kit", spoil)
    assert result.returncode != 0
    assert re.search(rf"{re.escape(spoilt[0])}: line \d+: /// scene \| [^:]+: picture: no such picture "
                     r"'no-such-drawing'", result.stderr), result.stderr[-2000:]


@pytest.mark.browser
def test_an_exercise_scores_in_the_zensical_build(zensical_site, page):
    module = next(path for path in pages() if exercise_blocks(path))
    with serve(zensical_site) as url:
        page.goto(f"{url}/{page_path(zensical_site, module).parent.relative_to(zensical_site).as_posix()}/")
        form = page.locator("form.mingle-exercise").first
        form.locator("input[type=radio], input[type=checkbox]").first.check()
        form.locator("[data-action=check]").click()
        page.wait_for_function("document.querySelector('form.mingle-exercise').hasAttribute('data-score')")
        assert form.get_attribute("data-max") not in (None, "", "0")
        assert "score" in form.locator("[role=status]").first.text_content().lower()
    assert (page.watch.errors, page.watch.external) == ([], [])


def test_zensical_links_each_stylesheet_and_script_as_written_and_no_shim(zensical_site):
    """Zensical skips the mingle-minify plugin: its pages link the kit's files one by one, in mkdocs.yml's order
    (no joined file to miss), and the iframe-worker shim stays out as in MkDocs' ordinary build."""
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    html = (zensical_site / "modules" / "02-the-pub" / "index.html").read_text(encoding="utf-8")
    kit = re.findall(r'(?:href|src)="\.\./\.\./(assets/mingle/[\w.-]+\.(?:css|js))"', html)
    assert kit == [*config["extra_css"], "assets/mingle/print.css", *map(str, config["extra_javascript"])]
    assert "iframe-worker" not in html


@pytest.mark.browser
def test_a_plans_deck_opens_in_the_zensical_build(zensical_site, page):
    """The Slides page's deck is a Markdown block, so Zensical makes it too, and reveal.js lays it out there."""
    from mingle.course.agenda import load_for

    plan = next(iter(load_for(ROOT)[0]))
    with serve(zensical_site) as url:
        page.goto(f"{url}/presenters/slides/?plan={plan}")
        page.wait_for_selector(".reveal.mingle-deck-wall.ready[data-slides]")
        kinds = page.eval_on_selector_all(".reveal .slides > section", "s => s.map((n) => n.dataset.slideKind)")
        assert kinds[0] == "title" and "module" in kinds and kinds[-1] == "closing"
    assert (page.watch.errors, page.watch.external) == ([], [])
