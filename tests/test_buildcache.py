"""mingle.site.buildcache: what the site build reads from the kit's files is made once per content of those files,
and once per build within a MkDocs build (the mingle-build plugin), never kept by timestamp."""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest

from mingle.site import blocks, buildcache
from mingle.site.buildplugin import BuildPlugin

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "exercises"


@pytest.fixture(autouse=True)
def no_build_left_open():
    """Each test starts and ends outside a build."""
    buildcache.end_build()
    yield
    buildcache.end_build()


def rewrite_keeping_the_timestamp(path: Path, text: str) -> None:
    """Write new content of the same length and put the old modification time back, as a save within the
    clock's resolution leaves it."""
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def counting_memo(folder: Path) -> tuple[buildcache.Memo, list]:
    """A memo over a folder's *.txt files whose every making is recorded."""
    made = []

    def make(where: Path) -> str:
        made.append(where)
        return "".join(p.read_text() for p in sorted(where.glob("*.txt")))

    return buildcache.Memo(lambda where: sorted(where.glob("*.txt")), make), made


def test_a_result_is_made_once_while_the_files_are_unchanged(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    memo, made = counting_memo(tmp_path)
    assert memo(tmp_path) == memo(tmp_path) == "one"
    assert len(made) == 1


def test_new_content_is_read_again_even_with_the_same_size_and_timestamp(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("one")
    memo, made = counting_memo(tmp_path)
    assert memo(tmp_path) == "one"
    rewrite_keeping_the_timestamp(path, "two")
    assert memo(tmp_path) == "two" and len(made) == 2


def test_an_added_or_removed_file_is_a_change(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    memo, _ = counting_memo(tmp_path)
    assert memo(tmp_path) == "one"
    (tmp_path / "b.txt").write_text("two")
    assert memo(tmp_path) == "onetwo"
    (tmp_path / "a.txt").unlink()
    assert memo(tmp_path) == "two"


def test_a_missing_file_and_an_empty_one_differ():
    assert buildcache.content_key([Path("/no/such/file")]) != buildcache.content_key([Path(os.devnull)])


def test_the_files_names_count_not_only_their_bytes(tmp_path):
    (tmp_path / "a.txt").write_text("same")
    (tmp_path / "b.txt").write_text("same")
    assert buildcache.content_key([tmp_path / "a.txt"]) != buildcache.content_key([tmp_path / "b.txt"])


def test_an_error_is_not_kept(tmp_path):
    calls = []

    def make(where):
        calls.append(where)
        raise ValueError("broken")

    memo = buildcache.Memo(lambda where: [], make)
    for _ in range(2):
        with pytest.raises(ValueError):
            memo(tmp_path)
    assert len(calls) == 2


def test_within_a_build_the_files_are_read_once_and_the_next_build_reads_them_again(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("one")
    memo, made = counting_memo(tmp_path)
    plugin = BuildPlugin()
    plugin.on_pre_build(config={})
    assert memo(tmp_path) == "one"
    path.write_text("two")  # saved during the build: `make serve` builds again for it
    assert memo(tmp_path) == "one"
    plugin.on_post_build(config={})
    assert memo(tmp_path) == "two"  # between builds, each call reads the files
    plugin.on_pre_build(config={})
    path.write_text("six")
    assert memo(tmp_path) == "six" and len(made) == 3  # a new build, a new reading
    plugin.on_build_error(error=RuntimeError("a failed build"))
    path.write_text("ten")
    assert memo(tmp_path) == "ten"


def test_results_are_kept_for_a_few_folders_only(tmp_path):
    memo, _ = counting_memo(tmp_path)
    for n in range(buildcache.KEPT + 3):
        folder = tmp_path / str(n)
        folder.mkdir()
        memo(folder)
    assert len(memo.kept) == buildcache.KEPT


def test_the_exercises_are_read_once_for_the_blocks_and_the_content_rules(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "checklist.yml").write_text((FIXTURES / "checklist.yml").read_text())
    first = buildcache.exercises(folder)
    assert buildcache.exercises(folder) is first
    assert blocks.exercises_in(str(folder)) is first[0]


def test_an_exercise_saved_again_within_the_clock_s_resolution_is_shown_as_saved(tmp_path):
    path = tmp_path / "checklist.yml"
    path.write_text((FIXTURES / "checklist.yml").read_text())
    ext = blocks.makeExtension(exercises_dir=str(tmp_path))
    assert "I asked a customer a question." in markdown.markdown("/// exercise | checklist\n///\n", extensions=[ext])
    rewrite_keeping_the_timestamp(path, path.read_text().replace("I asked a customer a question.",
                                                                 "I asked a customer a questiom."))
    ext = blocks.makeExtension(exercises_dir=str(tmp_path))
    html = markdown.markdown("/// exercise | checklist\n///\n", extensions=[ext])
    assert "I asked a customer a questiom." in html and "a question." not in html
