"""The one reader of YAML files and front matter (mingle.reading): strict, and every problem names its file and line."""

from __future__ import annotations

import pytest
import yaml

from mingle import reading
from mingle.errors import DuplicateKeyError, Problem, ReadError


def problems(call, *args) -> list[Problem]:
    """The problems a reading call raises (it must raise)."""
    with pytest.raises(ReadError) as caught:
        call(*args)
    return caught.value.problems


# --- YAML ---------------------------------------------------------------------------------------------

def test_a_key_given_twice_is_a_problem_at_its_second_line():
    assert problems(reading.parse_yaml, "title: A\nmodule: 1\ntitle: B\n", "x.yml") == [
        Problem("x.yml", "", "not valid YAML at line 3, column 1: duplicate key 'title'")]


def test_a_key_given_twice_deep_inside_is_found_too():
    text = "items:\n  - id: a\n    kind: single\n    kind: multiple\n"
    assert problems(reading.parse_yaml, text, "x.yml")[0].message.startswith("not valid YAML at line 4, column 5")


def test_the_same_key_in_two_mappings_is_fine():
    assert reading.parse_yaml("a: {id: 1}\nb: {id: 2}\n", "x.yml") == {"a": {"id": 1}, "b": {"id": 2}}


@pytest.mark.parametrize("loader", [reading.StrictLoader, reading.FastLoader])
def test_both_parsers_refuse_a_repeated_key(loader):
    with pytest.raises(DuplicateKeyError):
        yaml.load("a: 1\na: 2\n", Loader=loader)  # noqa: S506 - the kit's strict SafeLoaders


def test_broken_yaml_is_one_line_with_line_and_column():
    (problem,) = problems(reading.parse_yaml, "title: A\nintro: [unclosed\n", "x.yml")
    assert problem.file == "x.yml" and problem.message.startswith("not valid YAML at line 3, column 1:")
    assert "\n" not in problem.message


def test_a_tab_for_indentation_is_named():
    (problem,) = problems(reading.parse_yaml, "a:\n\tb: 1\n", "x.yml")
    assert problem.message == "not valid YAML at line 2, column 1: found character '\\t' that cannot start any token"


def test_windows_line_ends_read_the_same():
    assert reading.parse_yaml("title: A\r\nitems:\r\n  - one\r\n", "x.yml") == {"title": "A", "items": ["one"]}


def test_an_empty_file_is_none(tmp_path):
    path = tmp_path / "empty.yml"
    path.write_text("# only a comment\n", encoding="utf-8")
    assert reading.read_yaml(path) is None


def test_a_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "bom.yml"
    path.write_bytes("\ufefftitle: Café\n".encode("utf-8"))
    assert reading.read_yaml(path) == {"title": "Café"}


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "latin.yml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    assert problems(reading.read_yaml, path) == [Problem(str(path), "", "not UTF-8 text (byte 0xe9 at position 10 "
                                                                        "cannot be read); save the file as UTF-8")]


def test_a_missing_file_is_named(tmp_path):
    assert problems(reading.read_yaml,
                    tmp_path / "gone.yml") == [Problem(str(tmp_path / "gone.yml"), "", "no such file")]


# --- front matter ---------------------------------------------------------------------------------------

def test_front_matter_and_body_are_split():
    assert reading.split_front_matter("---\ntitle: A\n---\n# Body\n", "p.md") == ({"title": "A"}, "# Body\n")


def test_a_page_without_front_matter_is_all_body():
    assert reading.split_front_matter("# Body\n---\nnot: front matter\n", "p.md") == (
        {}, "# Body\n---\nnot: front matter\n")


@pytest.mark.parametrize("text", [
    "---\r\ntitle: A\r\n---\r\nBody",  # Windows line ends
    "\ufeff---\ntitle: A\n---\nBody",  # a byte-order mark before the fence
    "---  \ntitle: A\n---\t\nBody",  # blanks after either fence
    "--- \r\ntitle: A\r\n---  \r\nBody",  # both
], ids=["crlf", "bom", "blanks", "crlf-and-blanks"])
def test_front_matter_fences_allow_crlf_bom_and_trailing_blanks(text):
    assert reading.split_front_matter(text, "p.md") == ({"title": "A"}, "Body")


def test_a_closing_fence_may_end_the_file():
    assert reading.split_front_matter("---\ntitle: A\n---", "p.md") == ({"title": "A"}, "")


def test_empty_front_matter_is_an_empty_mapping():
    assert reading.split_front_matter("---\n---\nBody", "p.md") == ({}, "Body")


def test_a_problem_in_front_matter_gives_the_line_in_the_page():
    # Line 1 is the opening fence, so the repeated key on the front matter's second line is the page's line 3.
    text = "---\ntitle: A\ntitle: B\n---\nBody\n"
    assert problems(reading.split_front_matter, text, "docs/p.md") == [
        Problem("docs/p.md", "front matter", "not valid YAML at line 3, column 1: duplicate key 'title'")]


def test_front_matter_that_is_not_a_mapping_is_named():
    assert problems(reading.split_front_matter, "---\n- a\n- b\n---\nBody", "p.md") == [
        Problem("p.md", "front matter", "expected a mapping of keys (title: …, description: …)")]


def test_read_front_matter_names_the_file(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("---\r\ntitle: [A\r\n---\r\nBody\r\n", encoding="utf-8")
    (problem,) = problems(reading.read_front_matter, page)
    assert problem.file == str(page) and problem.key == "front matter"
    assert problem.message.startswith("not valid YAML at line 3")


def test_without_front_matter_leaves_the_body_even_when_the_front_matter_is_broken():
    assert reading.without_front_matter("---\r\ntitle: [A\r\n---\r\n/// exercise | x\r\n") == "/// exercise | x\r\n"
    assert reading.without_front_matter("# No front matter\n---\n") == "# No front matter\n---\n"


def test_block_options_read_as_pymdownx_reads_them_a_repeated_key_keeping_its_last_value():
    assert reading.load_options("picture: pub\nalt: A busy pub\n") == {"picture": "pub", "alt": "A busy pub"}
    assert reading.load_options("picture: pub\npicture: square\n") == {"picture": "square"}


def test_block_options_that_are_not_yaml_say_on_which_line():
    with pytest.raises(yaml.YAMLError) as err:
        reading.load_options("picture: pub\nalt: \"unclosed\n")
    assert err.value.problem_mark.line >= 1
