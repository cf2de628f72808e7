"""mingle.site.tasklabels: every task-list checkbox gets the item's plain text as its accessible name."""

from __future__ import annotations

import markdown

EXTENSIONS = ["pymdownx.tasklist", "mingle.site.tasklabels"]


def render(text: str) -> str:
    """The HTML of Markdown with the task list and the labeller."""
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_a_box_is_named_by_its_item():
    assert 'aria-label="Reply to every comment"' in render("- [ ] Reply to every comment\n")


def test_emphasis_and_link_targets_are_dropped_from_the_name():
    html = render("- [x] Read **the** [guide](https://example.org/x) *today*\n")
    assert 'aria-label="Read the guide today"' in html


def test_the_name_is_escaped():
    html = render('- [ ] Say "hi" & <wave>\n')
    assert 'aria-label="Say &quot;hi&quot; &amp; &lt;wave&gt;"' in html


def test_every_box_of_a_list_is_named_once():
    html = render("- [ ] One\n- [x] Two\n- Plain item\n")
    assert html.count("aria-label=") == 2
    assert 'aria-label="One"' in html and 'aria-label="Two"' in html


def test_ordinary_lists_are_left_alone():
    assert "aria-label" not in render("- just a point\n- another\n")
