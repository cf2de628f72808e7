"""The room's word cloud (wordcloud.js), in Chromium: every word inside the drawing, none over another, the most
given biggest, text never markup, and one label for screen readers."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
SCRIPT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "mingle" / "wordcloud.js"
HOSTILE = '<img src=x onerror="window.owned=1">'
WORDS = [["busy", 7], ["hopeful", 5], ["noisy", 4], ["tiring", 3], ["fun", 2], [HOSTILE, 1]] + [
    [f"word{n}", 1] for n in range(20)]


@pytest.fixture
def cloud(page, base_url):
    """A page of the built site with the word cloud drawn into a box of its own; (page, words drawn)."""
    page.goto(base_url + "/", wait_until="load")
    page.add_script_tag(path=str(SCRIPT))
    drawn = page.evaluate("""words => {
        const box = document.body.appendChild(document.createElement("div"));
        box.id = "cloud";
        box.style.width = "960px";
        return Mingle.wordcloud.draw(box, words, "The room's words: busy, hopeful, noisy");
    }""", WORDS)
    return page, drawn


def boxes(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('#cloud text')].map((t) => {
        const b = t.getBBox();
        const size = Number(t.getAttribute('font-size'));
        return {word: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height, size};
    })""")


def test_every_word_drawn_lies_inside_and_none_overlaps(cloud):
    page, drawn = cloud
    found = boxes(page)
    assert [b["word"] for b in found] == drawn and len(drawn) >= 20
    for b in found:
        assert b["x"] >= -1 and b["y"] >= -1 and b["x"] + b["w"] <= 961 and b["y"] + b["h"] <= 541, b
    for n, a in enumerate(found):
        for b in found[n + 1:]:
            apart = a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or a["y"] + a["h"] <= b["y"] or \
                b["y"] + b["h"] <= a["y"]
            assert apart, (a, b)


def test_the_most_given_word_is_biggest(cloud):
    page, _ = cloud
    sizes = {b["word"]: b["size"] for b in boxes(page)}
    assert sizes["busy"] > sizes["hopeful"] > sizes["noisy"] > sizes["tiring"] > sizes["fun"] > sizes["word0"]


def test_a_word_is_text_never_markup(cloud):
    page, drawn = cloud
    assert HOSTILE in drawn and page.locator("#cloud img").count() == 0
    assert page.evaluate("window.owned") is None


def test_a_word_too_long_for_the_wall_is_drawn_smaller_not_left_off(page, base_url):
    page.goto(base_url + "/", wait_until="load")
    page.add_script_tag(path=str(SCRIPT))
    width = page.evaluate("""() => {
        const box = document.body.appendChild(document.createElement("div"));
        Mingle.wordcloud.draw(box, [["supercalifragilisticexpialidocious", 3]], "One word");
        return box.querySelector("text").getBBox().width;
    }""")
    assert 0 < width <= 960


def test_the_drawing_has_one_label_and_its_words_are_not_read_twice(cloud):
    page, _ = cloud
    svg = page.locator("#cloud svg")
    assert svg.get_attribute("role") == "img" and svg.get_attribute("aria-label").startswith("The room's words")
    assert page.locator("#cloud text:not([aria-hidden=true])").count() == 0
