"""scoring.js and codes.js agree with the Python scorer and codes, in Node and in the built site's Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from test_js_support import ALL_MODELS, EXERCISES, JS, exercise_pages, expected, model, vectors

from mingle import codes
from mingle.scoring import is_valid

VECTORS = vectors()
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


def node(script: str, data) -> object:
    """Run a Node script that reads JSON on stdin and prints JSON."""
    result = subprocess.run([NODE, "-e", script], input=json.dumps(data), capture_output=True, text=True,
                            cwd=JS, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def mismatches(got: list, names: list) -> str:
    """Every vector where JS and Python disagree, one per line."""
    lines = []
    for (key, name, answers), result in zip(names, got):
        want = expected(ALL_MODELS[key], answers)
        if result != want:
            lines.append(f"{key} / {name}: answers {answers!r:.200}\n  js     {result!r:.400}\n  python {want!r:.400}")
    return "\n".join(lines)


def test_there_are_several_dozen_vectors_covering_every_exercise():
    assert len(VECTORS) > 100
    assert {key for key, _, _ in VECTORS} == set(ALL_MODELS)
    assert {key for key in ALL_MODELS if not key.startswith("fixture:")} == set(EXERCISES)


@needs_node
def test_node_scoring_equals_python_for_every_vector():
    script = """
      const s = require("./scoring.js");
      const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
      console.log(JSON.stringify(data.vectors.map(([key, , answers]) => s.scoreExercise(data.models[key], answers))));
    """
    got = node(script, {"models": {k: model(e) for k, e in ALL_MODELS.items()}, "vectors": VECTORS})
    assert len(got) == len(VECTORS)
    problems = mismatches(got, VECTORS)
    assert not problems, problems


@needs_node
def test_node_validity_equals_python():
    from mingle.scoring import is_valid
    cases = [(key, item.id, answers[item.id]) for key, _, answers in VECTORS if isinstance(answers, dict)
             for item in ALL_MODELS[key].items if answers.get(item.id) is not None]
    script = """
      const s = require("./scoring.js");
      const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
      console.log(JSON.stringify(data.cases.map(([key, id, value]) => {
        const m = data.models[key];
        return s.isValid(m, m.items.find(i => i.id === id), value);
      })));
    """
    got = node(script, {"models": {k: model(e) for k, e in ALL_MODELS.items()}, "cases": cases})
    want = [is_valid(ALL_MODELS[k], ALL_MODELS[k].item(i), v) for k, i, v in cases]
    assert got == want


NAMES = ["Ada Lovelace", "Zoë Brontë-O'Hara 😀", "  padded  ", '<img src=x onerror="alert(1)">', "tab\tnew\nline\x01",
         "quote \" back \\ slash", "line\u2028sep", "", "x" * 90]


def code_cases() -> list:
    """(name, exercise key, answers) for every exercise: the scorer vectors' valid answers, under each name."""
    cases = []
    for n, (key, _, answers) in enumerate(VECTORS):
        exercise = ALL_MODELS[key]
        if isinstance(answers, dict) and all(exercise.item(k) and is_valid(exercise, exercise.item(k), v)
                                             for k, v in answers.items() if v is not None):
            # A code carries the ticks of a multiple-choice item in the options' order, as the form lists them.
            given = {k: [o.id for o in exercise.item(k).options if o.id in v] if isinstance(v, list) else v
                     for k, v in answers.items() if v is not None}
            cases.append((NAMES[n % len(NAMES)], key, given))
    return cases


@needs_node
def test_node_codes_equal_python_codes_and_python_reads_them():
    """codes.js makes codes; mingle grade (codes.py) reads them: the same characters, the same answers back."""
    cases = code_cases()
    assert {key for _, key, _ in cases} == set(ALL_MODELS)
    script = """
      const c = require("./codes.js");
      const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
      Promise.all(data.cases.map(([n, key, a]) =>
        Promise.all([false, true].map((t) => c.encode(n, data.models[key], a, t)))))
        .then((made) => console.log(JSON.stringify(made)));
    """
    made = node(script, {"cases": cases, "models": {k: model(e) for k, e in ALL_MODELS.items()}})
    kits = {key: {ALL_MODELS[key].id: ALL_MODELS[key]} for key in ALL_MODELS}
    for (name, key, answers), (plain, written) in zip(cases, made):
        exercise = ALL_MODELS[key]
        assert plain == codes.group(codes.encode2(name, exercise, answers)), (name, key, answers)
        (found,) = codes.find_codes(f"chat log: {written} thanks", kits[key])
        assert (found.learner, found.exercise, found.answers) == (name.strip()[:80], exercise.id, answers)


@pytest.mark.browser
def test_browser_scoring_equals_python_for_every_vector(page, base_url):
    """scoring.js as the site serves it, scoring each exercise with the model from its own form."""
    pages = exercise_pages()
    problems = []
    for key, path in sorted({k: pages[k] for k in EXERCISES}.items()):
        page.goto(base_url + path)
        mine = [v for v in VECTORS if v[0] == key]
        got = json.loads(page.evaluate(
            """([id, vectors]) => {
                 const model = JSON.parse(document.querySelector(`form[data-exercise="${id}"]`).dataset.model);
                 return JSON.stringify(vectors.map(v => window.Mingle.scoring.scoreExercise(model, v[2])));
               }""", [key, mine]))
        problems.append(mismatches(got, mine))
    fixtures = [v for v in VECTORS if v[0].startswith("fixture:")]
    got = json.loads(page.evaluate(
        """([models, vectors]) =>
             JSON.stringify(vectors.map(v => window.Mingle.scoring.scoreExercise(models[v[0]], v[2])))""",
        [{k: model(e) for k, e in ALL_MODELS.items()}, fixtures]))
    problems.append(mismatches(got, fixtures))
    problems = "\n".join(p for p in problems if p)
    assert not problems, problems
    assert page.watch.errors == []


@pytest.mark.browser
def test_browser_codes_equal_python_codes(page, base_url):
    """codes.js as the site serves it, in Chromium (BigInt, CompressionStream's raw deflate), with each form's own
    model: the same characters as codes.py without the writing, and the same answers back with it."""
    pages = exercise_pages()
    cases = [c for c in code_cases() if c[1] in EXERCISES]
    for key, path in sorted({k: pages[k] for k in EXERCISES}.items()):
        page.goto(base_url + path)
        mine = [c for c in cases if c[1] == key]
        made = page.evaluate(
            """([id, cases]) => {
                 const model = JSON.parse(document.querySelector(`form[data-exercise="${id}"]`).dataset.model);
                 return Promise.all(cases.map(([n, , a]) => Promise.all([false, true].map(
                   (t) => window.Mingle.codes.encode(n, model, a, t)))));
               }""", [key, mine])
        exercise = EXERCISES[key]
        for (name, _, answers), (plain, written) in zip(mine, made):
            assert plain == codes.group(codes.encode2(name, exercise, answers)), (name, key, answers)
            (found,) = codes.find_codes(written, EXERCISES)
            assert (found.learner, found.exercise, found.answers) == (name.strip()[:80], key, answers)
    assert page.watch.errors == []
