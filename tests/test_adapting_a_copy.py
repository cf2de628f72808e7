"""Done means: in a copy of the kit, a presenter adds a module, an exercise of every kind, a plan and a guest card
exactly as the docs say, and `mingle check`, the strict build and the content tests pass; each documented mistake
then gets the documented line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_presenter_path import copy_kit

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "presenters"
ADAPTING = (DOCS / "adapting.md").read_text(encoding="utf-8")
FORMAT = (DOCS / "exercise-format.md").read_text(encoding="utf-8")
# Easy, plain sentences of our own, enough for a module's length rule.
LESSON = ("Say hello first. Ask people how their week went, and listen to the answer. "
          "Share one thing that helps them, then let them talk. ") * 25
# The rules over the course, the agenda's (in Chromium too) and the site's pages: none pins the shipped course.
CONTENT_TESTS = ("test_course_rules.py", "test_content.py", "test_agenda.py",
                 "test_site_browser.py::test_site_has_all_pages")


def fences(text: str, lang: str) -> list[str]:
    """The bodies of a page's fenced blocks in one language."""
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, re.M | re.S)


def mingle(kit: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m mingle` in the copy."""
    return subprocess.run([sys.executable, "-m", "mingle", *args], cwd=kit, capture_output=True, text=True,
                          timeout=120)


def build(kit: Path) -> subprocess.CompletedProcess:
    """The strict site build, as `make build` runs it, in the copy."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(kit / "site")],
                          cwd=kit, capture_output=True, text=True, timeout=300)


def before_key_points(page: Path, text: str) -> None:
    """Add blocks to a module page just before its key points, which stay last."""
    body = page.read_text(encoding="utf-8")
    assert body.count("\n/// key-points\n") == 1
    page.write_text(body.replace("\n/// key-points\n", f"\n{text}\n/// key-points\n"), encoding="utf-8")


def module_pages(kit: Path) -> dict[int, Path]:
    """Each module number's page in the copy."""
    from mingle.course.new_command import module_numbers

    return module_numbers(kit / "docs" / "modules")


def adapt(kit: Path) -> dict:
    """Everything the Adapting and Exercise format pages tell a presenter to do; what was added."""
    copy_kit(kit)
    # A module, as "Adding a module" says: mingle new, write the lesson, add it to the nav.
    made = mingle(kit, "new", "module", "Your topic")
    assert made.returncode == 0, made.stderr
    page = Path(re.search(r"^wrote (docs/modules/\d+-your-topic\.md)$", made.stdout, re.M).group(1))
    number = int(page.name[:2])
    before_key_points(kit / page, LESSON + "\n")  # the lesson, in whatever words the skeleton leaves for it
    nav = (kit / "mkdocs.yml").read_text(encoding="utf-8")
    last = [line for line in nav.splitlines() if re.match(r"^ +- modules/", line)][-1]
    entry = f"{last.split('-')[0]}- {page.relative_to('docs').as_posix()}"
    (kit / "mkdocs.yml").write_text(nav.replace(last + "\n", f"{last}\n{entry}\n"), encoding="utf-8")
    # An exercise of every kind: the Exercise format page's worked examples, each on its module's page.
    examples = [body for body in fences(FORMAT, "yaml") if body.startswith("id: ")]
    pages = module_pages(kit)
    for body in examples:
        data = yaml.safe_load(body)
        if data["module"] not in pages:
            body = body.replace(f"module: {data['module']}\n", f"module: {number}\n", 1)
        (kit / "exercises" / f"{data['id']}.yml").write_text(body, encoding="utf-8")
        before_key_points(pages.get(data["module"], kit / page), f"/// exercise | {data['id']}\n///\n")
    # Step 5: the module in the longest plan, with its minutes.
    longest = add_to_longest_plan(kit, kit / page, number)
    # A plan and a guest card, copied from the Adapting page to the end of their lists.
    plan = next(b for b in fences(ADAPTING, "yaml") if b.startswith('  - id: "'))
    with open(kit / "data" / "sessions.yml", "a", encoding="utf-8") as out:
        out.write("\n" + plan.replace("module: 8\n", f"module: {number}\n"))
    card = next(b for b in fences(ADAPTING, "yaml") if b.startswith("  - id: ") and "habit:" in b)
    with open(kit / "data" / "guest-cards.yml", "a", encoding="utf-8") as out:
        out.write("\n" + card)
    return {"page": page, "number": number, "examples": [yaml.safe_load(b)["id"] for b in examples],
            "plan": yaml.safe_load(plan)[0]["id"], "card": yaml.safe_load(card)[0]["name"], "longest": longest}


def add_to_longest_plan(kit: Path, page: Path, number: int) -> str:
    """The new module in the longest plan of data/sessions.yml, before its closing slot, for the minutes its page
    gives; the plan grows by as much, so that it still fits, as a presenter would make it. The plan's id."""
    path = kit / "data" / "sessions.yml"
    text = path.read_text(encoding="utf-8")
    plan = max(yaml.safe_load(text)["plans"], key=lambda p: p["minutes"])
    meta = yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])
    minutes = meta["teaching"] + meta["exercises"]
    head = text.index(f'  - id: "{plan["id"]}"\n')
    end = text.find("\n  - id: ", head + 1)
    end = len(text) if end < 0 else end  # the next plan, or the end of the file
    grown = f"\n    minutes: {plan['minutes'] + minutes}\n"
    block = text[head:end].replace(f"\n    minutes: {plan['minutes']}\n", grown, 1)
    slots = block.index("\n    slots:\n") + 1
    after = re.search(r"\n    \S", block[slots:])  # the plan's next setting (online, hybrid), if any
    last = block.rindex("\n      - ", slots, slots + after.start() if after else len(block))
    block = f"{block[:last]}\n      - module: {number}\n        minutes: {minutes}{block[last:]}"
    path.write_text(text[:head] + block + text[end:], encoding="utf-8")
    return plan["id"]


@pytest.fixture(scope="module")
def adapted(tmp_path_factory) -> tuple[Path, dict]:
    """The adapted copy, made once."""
    kit = tmp_path_factory.mktemp("adapted")
    return kit, adapt(kit)


def test_the_examples_cover_every_kind(adapted):
    kinds = {i["kind"] for name in adapted[1]["examples"]
             for i in yaml.safe_load((adapted[0] / "exercises" / f"{name}.yml").read_text())["items"]}
    assert kinds == {"single", "multiple", "rating", "check", "match", "text"}


def test_mingle_check_passes_the_adapted_course(adapted):
    kit, _ = adapted
    done = mingle(kit, "check")
    assert (done.returncode, done.stdout.endswith("exercise files keep the content rules\n")) == (0, True), done.stderr
    assert all(line.startswith("mingle: warning: ") for line in done.stderr.splitlines()), done.stderr


def test_the_strict_build_passes_and_shows_what_was_added(adapted):
    kit, added = adapted
    done = build(kit)
    assert done.returncode == 0, done.stdout + done.stderr
    site = kit / "site"
    module = (site / added["page"].relative_to("docs").with_suffix("") / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h1 [^>]*id="your-topic"[^>]*>Your topic</h1>', module)  # present mode may mark the heading
    agenda = (site / "presenters" / "agenda" / "index.html").read_text(encoding="utf-8")
    assert f'data-plan="{added["plan"]}"' in agenda
    longest = agenda[agenda.index(f'data-plan="{added["longest"]}"'):]
    assert "Your topic" in longest[:longest.index("</table>")]  # the module has its slot in the longest plan
    assert added["card"] in (site / "presenters" / "guest-cards" / "index.html").read_text(encoding="utf-8")
    forms = "".join(p.read_text(encoding="utf-8") for p in (site / "modules").rglob("index.html"))
    for name in added["examples"]:
        assert f'data-exercise="{name}"' in forms


def test_the_content_tests_pass_over_the_adapted_course(adapted):
    kit, _ = adapted
    (kit / "tests").mkdir(exist_ok=True)
    for name in {*(n.split("::")[0] for n in CONTENT_TESTS), "conftest.py"}:
        shutil.copy(ROOT / "tests" / name, kit / "tests" / name)
    shutil.copytree(ROOT / "tests" / "fixtures", kit / "tests" / "fixtures", dirs_exist_ok=True)
    shutil.copy(ROOT / "README.md", kit / "README.md")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", "-o",
                           "markers=browser: in Chromium", *(f"tests/{n}" for n in CONTENT_TESTS)],
                          cwd=kit, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]


# --- each documented mistake, its documented line -------------------------------------------------------------

MISTAKES = {
    "presenter-only": lambda kit, page: before_key_points(kit / page, "/// answer-key | your-topic\n///\n"),
    "checklist-once": lambda kit, page: before_key_points(kit / page, "/// checklist | your-topic-checklist\n"
                                                          "- [ ] Once more\n///\n"),
    "exercise-once": lambda kit, page: _append(kit / "docs" / "presenters" / "answer-keys.md",
                                               "\n/// exercise | your-topic\n///\n"),
    "exercise-module": lambda kit, page: _swap(kit / "exercises" / "your-topic.yml",
                                               f"\nmodule: {int(page.name[:2])}\n", "\nmodule: 2\n"),
    "module-front-matter": lambda kit, page: _swap(kit / page, "teaching:", "teching:"),
    "module-blocks": lambda kit, page: _swap(kit / page, re.search(
        r"/// discuss\n.*?///\n", (kit / page).read_text(encoding="utf-8"), re.S).group(0), ""),
    "first-heading": lambda kit, page: _swap(kit / page, "\n# Your topic\n", "\n# Our topic\n"),
}


def _append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as out:
        out.write(text)


def _swap(path: Path, old: str, new: str) -> None:
    body = path.read_text(encoding="utf-8")
    assert old in body
    path.write_text(body.replace(old, new, 1), encoding="utf-8")


DOCUMENTED = fences(ADAPTING.split("These are the mistakes people make most often", 1)[1], "text")[0].splitlines()


def normal(line: str, number: int) -> str:
    """A line with its line numbers hidden and the docs' module 8 read as the copy's new module."""
    line = re.sub(r"\bline \d+", "line N", line)
    return line.replace("08-your-topic", f"{number:02d}-your-topic").replace("is module 8;", f"is module {number};")


def test_every_documented_mistake_is_made_here():
    assert sorted(line.rsplit("(", 1)[1].rstrip(")") for line in DOCUMENTED) == sorted(MISTAKES)


@pytest.mark.parametrize("line", DOCUMENTED, ids=lambda line: line.rsplit("(", 1)[1].rstrip(")"))
def test_each_documented_mistake_gets_its_documented_line(adapted, tmp_path, line):
    good, added = adapted
    kit = tmp_path / "kit"
    shutil.copytree(good, kit, ignore=shutil.ignore_patterns("site", "tests"))
    MISTAKES[line.rsplit("(", 1)[1].rstrip(")")](kit, added["page"])
    checked = mingle(kit, "check")
    said = [normal(x.removeprefix("mingle: "), added["number"]) for x in checked.stderr.splitlines()]
    assert checked.returncode == 1 and normal(line, added["number"]) in said, checked.stderr
    built = build(kit)
    # The build says the same line, on an error line of its own with the kit's prefix.
    assert built.returncode == 1 and normal(line, added["number"]) in [
        normal(found.group(1), added["number"]) for x in (built.stdout + built.stderr).splitlines()
        if (found := re.fullmatch(r"ERROR +- +mingle: (.*)", x))]
