"""Pictures and diagrams on pages: scene drawings, lists drawn as diagrams, their names for screen readers, and
one-line problems (block, option, reason) for every wrong option."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest
from test_blocks import ROOT, render

from mingle.course.pages import prose, word_count
from mingle.errors import MingleError
from mingle.course.pictures import PICTURES, picture_names, read_svg

DOCS = ROOT / "docs"
SCENE = "/// scene | At the Crown\n    picture: pub\n    alt: A stranger shouts in a pub.\nIt is Friday.\n///\n"
STEPS = ("/// checklist | know-like-trust\n    diagram: steps\n    caption: Know, like, trust\n"
         "    icons: material-eye-outline material-heart-outline material-handshake-outline\n"
         "- [ ] Know\n- [ ] Like\n- [ ] Trust\n///\n")


def tree(html: str) -> etree.Element:
    """The rendered HTML as a tree (well-formed but for HTML's bare boolean attributes)."""
    return etree.fromstring("<root>" + re.sub(r" (disabled|checked)(?=[ />])", r' \1=""', html) + "</root>")


def problem(text: str, docs_dir: Path = DOCS) -> str:
    """The one-line problem a page's block raises."""
    with pytest.raises(MingleError) as caught:
        render(text, docs_dir=docs_dir)
    return str(caught.value)


# --- scene pictures ------------------------------------------------------------------------------------------

def test_a_scene_picture_is_an_inline_svg_image_named_by_its_alt_text():
    root = tree(render(SCENE))
    scene = root.find("div")
    assert "mingle-scene--picture" in scene.get("class")
    svg = scene.find("div[@class='mingle-picture']/svg")
    assert svg.get("role") == "img" and svg.get("aria-label") == "A stranger shouts in a pub."
    _, _, width, height = svg.get("viewBox").split()
    assert (svg.get("width"), svg.get("height")) == (width, height)  # space reserved: no layout shift
    assert svg.find(".//title") is None  # one name only: the page's alt text
    assert scene.find("p[@class='mingle-block-title']").text == "At the Crown"
    assert "It is Friday." in etree.tostring(scene, encoding="unicode")


def test_alt_text_is_escaped_text():
    html = render(SCENE.replace("A stranger shouts in a pub.", """'"<b>Loud</b>" & rude'"""))
    assert 'aria-label="&quot;&lt;b&gt;Loud&lt;/b&gt;&quot; &amp; rude"' in html


def test_a_scene_without_a_picture_is_unchanged():
    assert "<svg" not in render("/// scene | Quiet\nNothing.\n///\n")


@pytest.mark.parametrize(("text", "message"), [
    (SCENE.replace("picture: pub", "picture: piano"),
     "/// scene | At the Crown: picture: no such picture 'piano' in docs/assets/mingle/pictures; valid: "),
    (SCENE.replace("    alt: A stranger shouts in a pub.\n", ""),
     "/// scene | At the Crown: alt: a picture needs words saying what it shows, for anyone who cannot see it"),
    ("/// scene | Quiet\n    alt: Words.\nx\n///\n", "/// scene | Quiet: alt: only used with `picture:`"),
    (SCENE.replace("picture:", "pictur:"), "/// scene | At the Crown: pictur: no such option; valid: alt, picture"),
    ("/// exercise | checklist\n    size: big\n///\n", "/// exercise | checklist: size: no such option; valid: when"),
    (SCENE.replace("A stranger shouts in a pub.", '"Loud" and rude'),
     "/// scene | At the Crown: the block could not be read: check the options under its first line"),
])
def test_a_wrong_scene_option_stops_the_build_naming_block_option_and_reason(text, message):
    assert problem(text).startswith(message)


@pytest.mark.parametrize(("drawing", "reason"), [
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>', "viewBox: expected four numbers"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>',
     "<script>: not allowed"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>Hi</text></svg>', "<text>: not allowed"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect onclick="x()"/></svg>',
     "<rect> onclick: not allowed"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect fill="url(http://x.test/a)"/></svg>',
     "<rect> fill: not allowed"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect>', "not a readable SVG file"),
    ('<html/>', "expected an <svg> element at the top, found <html>"),
])
def test_a_drawing_that_is_not_plain_shapes_stops_the_build_naming_the_file(tmp_path, drawing, reason):
    folder = tmp_path / PICTURES
    folder.mkdir(parents=True)
    (folder / "pub.svg").write_text(drawing, encoding="utf-8")
    assert problem(SCENE, docs_dir=tmp_path).startswith(f"{folder / 'pub.svg'}: {reason}")


@pytest.mark.parametrize("name", picture_names(str(DOCS)))
def test_every_shipped_drawing_is_plain_shapes_that_scale(name):
    svg = read_svg(DOCS / PICTURES / f"{name}.svg")
    assert len(svg.get("viewBox").split()) == 4


def test_the_four_analogies_each_have_a_drawing_on_their_page():
    placed = {}
    for page in sorted((DOCS / "modules").glob("*.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("    picture: "):
                placed[line.split(":", 1)[1].strip()] = page.name
    assert set(picture_names(str(DOCS))) <= set(placed), "a drawing no page uses"
    assert len(placed) >= 4


# --- diagrams ------------------------------------------------------------------------------------------------

def test_a_checklist_drawn_as_steps_is_a_figure_named_by_its_caption_and_keeps_its_ticks():
    box = tree(render(STEPS)).find("div")
    assert box.get("role") == "figure" and "mingle-diagram--steps" in box.get("class")
    assert box.get("data-checklist") == "know-like-trust"
    caption = box.find(f".//*[@id='{box.get('aria-labelledby')}']")
    assert caption is not None and caption.text == "Know, like, trust"
    items = box.findall("ul/li")
    assert ["".join(li.itertext()).strip() for li in items] == ["Know", "Like", "Trust"]  # words stay text
    assert all(li.find("input[@type='checkbox']") is not None for li in items)
    icons = [li.find("span[@class='mingle-diagram-icon']") for li in items]
    assert all(i is not None and i.get("aria-hidden") == "true" and i.find("svg") is not None for i in icons)


def test_branches_have_a_centre_and_many_items_hang_one_under_another():
    text = ("/// diagram | branches\n    caption: Five habits\n    centre: Good networking\n"
            "- Active\n- Interact\n- Quality\n- Personal\n- Authentic\n///\n")
    box = tree(render(text)).find("div")
    assert box.find("p[@class='mingle-diagram-centre']").text == "Good networking"
    assert "mingle-diagram--many" in box.get("class")
    assert box.find(f"p[@id='{box.get('aria-labelledby')}']").text == "Five habits"
    assert "mingle-diagram--many" not in render(text.replace("- Personal\n- Authentic\n", ""))


def test_the_pipeline_is_a_figure_named_by_its_title_and_takes_icons():
    html = render("/// pipeline\n    icons: material-hammer-wrench material-volume-off\n1. Work\n2. Silence\n///\n")
    box = tree(html).find("div")
    assert box.get("role") == "figure" and "mingle-diagram--flow" in box.get("class")
    assert box.find(f"p[@id='{box.get('aria-labelledby')}']").text == "The old marketing pipeline: an anti-pattern"
    assert len(box.findall("ol/li/span[@class='mingle-diagram-icon']")) == 2


@pytest.mark.parametrize(("text", "message"), [
    (STEPS.replace("diagram: steps", "diagram: spiral"),
     "/// checklist | know-like-trust: diagram: expected one of flow, steps, branches, got 'spiral'"),
    (STEPS.replace("    caption: Know, like, trust\n", ""),
     "/// checklist | know-like-trust: caption: a diagram needs a caption"),
    (STEPS.replace("material-handshake-outline", ""),
     "/// checklist | know-like-trust: icons: 2 icons for 3 items; give one each"),
    (STEPS.replace("material-heart-outline", "material-no-such-thing-at-all"),
     "/// checklist | know-like-trust: icons: material-no-such-thing-at-all: no such icon in the theme's material"),
    (STEPS.replace("material-heart-outline", "../../etc/passwd"),
     "/// checklist | know-like-trust: icons: '../../etc/passwd': expected an icon name"),
    (STEPS.replace("diagram: steps", "diagram: steps\n    centre: Middle"),
     "/// checklist | know-like-trust: centre: only a branches diagram has a centre"),
    (STEPS.replace("diagram: steps", "diagram: branches"),
     "/// checklist | know-like-trust: centre: a branches diagram needs the words at its centre"),
    (STEPS.replace("    diagram: steps\n", ""), "/// checklist | know-like-trust: caption: only used with `diagram:`"),
    (STEPS.replace("diagram:", "diagramme:"), "/// checklist | know-like-trust: diagramme: no such option; valid: "
                                               "caption, centre, diagram, icons"),
    ("/// diagram\n    caption: A\n- a\n///\n", "/// diagram: diagram: expected one of flow, steps, branches, got ''"),
    ("/// diagram | steps\n    caption: A\nNo list here.\n///\n",
     "/// diagram | steps: diagram: a diagram is drawn from a list, and this block has none"),
])
def test_a_wrong_diagram_option_stops_the_build_naming_block_option_and_reason(text, message):
    assert problem(text).startswith(message)


def test_under_make_serve_a_wrong_option_shows_on_the_page_instead():
    import markdown

    from mingle.site.blocks import makeExtension
    md = markdown.Markdown(extensions=["pymdownx.tasklist", makeExtension(exercises_dir=str(ROOT / "exercises"),
                                                                          docs_dir=str(DOCS), show_errors=True)])
    html = md.convert(STEPS.replace("material-handshake-outline", ""))
    assert 'role="alert"' in html and "2 icons for 3 items" in html


# --- block options are settings, not prose ------------------------------------------------------------------

def test_block_options_do_not_count_as_a_modules_words():
    assert word_count(prose(SCENE)) == word_count(prose("/// scene | At the Crown\nIt is Friday.\n///\n")) == 3
    assert "stranger" not in prose(SCENE)
