"""`mingle present`: a module's or a plan's deck address from the built site; unknown decks are usage errors."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from mingle.cli import main
from mingle.course.agenda import load_for, read_modules

ROOT = Path(__file__).resolve().parent.parent
CONFIG = str(ROOT / "mkdocs.yml")


def run(capsys, *argv) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `mingle present ...`."""
    code = main(["present", "--config", CONFIG, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_module_and_a_plan_each_open_on_the_slides_page(capsys, site_dir):
    module = max(read_modules(ROOT / "docs" / "modules"))
    plan = next(iter(load_for(ROOT)[0]))
    for argv, query in [([str(module)], {"module": [str(module)]}),
                        (["--plan", plan, "--ratio", "4:3"], {"plan": [plan], "ratio": ["4:3"]})]:
        code, out, err = run(capsys, *argv, "--site", str(site_dir), "--no-open")
        assert (code, err) == (0, "")
        address = urlsplit(out.strip())
        assert address.scheme == "file" and Path(address.path) == site_dir / "presenters" / "slides" / "index.html"
        assert parse_qs(address.query) == query


@pytest.mark.parametrize("argv, says", [
    ([], "name a module"),
    (["2", "--plan", "90"], "name a module"),
    (["99"], "99: no such module; expected one of: "),
    (["--plan", "nope"], "--plan nope: no such session plan; expected one of: "),
])
def test_a_deck_the_kit_lacks_is_a_usage_error(capsys, argv, says):
    code, out, err = run(capsys, *argv, "--no-open")
    assert (code, out) == (2, "")
    assert err.startswith("mingle: " + says) and err.count("\n") == 1


def test_a_site_without_slides_is_named(capsys, tmp_path):
    code, out, err = run(capsys, "2", "--site", str(tmp_path), "--no-open")
    assert code == 2 and f"{tmp_path}: no Slides page there" in err
