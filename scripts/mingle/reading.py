"""One way to read the kit's YAML files and its pages' front matter: strict, and every problem names the file."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from mingle.errors import DuplicateKeyError, Problem, ReadError

# Front matter opens the page with `---` and closes with `---` on lines of their own; a byte-order mark,
# trailing blanks and Windows line ends are all allowed, and a closing line may end the file.
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


class _Strict:
    """Raises on duplicate mapping keys instead of silently keeping the last."""

    def construct_mapping(self, node, deep=False):
        """Build a mapping, refusing a key seen before in it."""
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (str, int, bool, float)) and key in seen:
                raise DuplicateKeyError(
                    "while reading a mapping", node.start_mark,
                    f"duplicate key {key!r}", key_node.start_mark)
            if isinstance(key, (str, int, bool, float)):
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


class StrictLoader(_Strict, yaml.SafeLoader):
    """SafeLoader, strict about duplicate keys: PyYAML's own parser, whose problems the kit reports."""


# libyaml's parser (when PyYAML has it) reads the same YAML several times faster; the build reads every exercise
# and page, so good files take the fast path and a file it refuses is read again by StrictLoader for the problem.
FastLoader = type("FastLoader", (_Strict, yaml.CSafeLoader), {}) if yaml.__with_libyaml__ else StrictLoader


def load(text: str):
    """Parse YAML text strictly (duplicate keys are errors); raises yaml.YAMLError."""
    try:
        return yaml.load(text, Loader=FastLoader)  # noqa: S506 - both loaders are SafeLoaders
    except (yaml.YAMLError, RecursionError):
        return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - the same refusal, in PyYAML's own words


def load_options(text: str):
    """A kit block's options (the `key: value` lines under its first line) as pymdownx reads them for the build:
    PyYAML's safe loading, a key given twice keeping its last value, with libyaml's parser where PyYAML has it;
    raises yaml.YAMLError."""
    return yaml.load(text, Loader=yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)  # noqa: S506


def yaml_problem(err: yaml.YAMLError, text: str, line_offset: int = 0) -> str:
    """A YAML error in one line, placed by line and column (PyYAML's own text spans several)."""
    if isinstance(err, yaml.MarkedYAMLError) and (err.problem_mark or err.context_mark):
        mark = err.problem_mark or err.context_mark
        return (f"not valid YAML at line {mark.line + 1 + line_offset}, column {mark.column + 1}: "
                f"{err.problem or err.context}")
    if isinstance(err, yaml.reader.ReaderError):
        line = text.count("\n", 0, err.position) + 1 + line_offset
        column = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        return f"not valid YAML at line {line}, column {column}: character #x{err.character:04x}: {err.reason}"
    return "not valid YAML: " + " ".join(str(err).split())


def read_text(path: Path) -> str:
    """A file's UTF-8 text; an unreadable or non-UTF-8 file raises ReadError naming it."""
    file = str(path)
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise ReadError([Problem(file, "", f"not UTF-8 text (byte {err.object[err.start]:#04x} at position "
                                           f"{err.start} cannot be read); save the file as UTF-8")]) from None
    except FileNotFoundError:
        raise ReadError([Problem(file, "", "no such file")]) from None
    except OSError as err:
        raise ReadError([Problem(file, "", f"cannot read the file: {err.strerror or err}")]) from None


def parse_yaml(text: str, file: str, line_offset: int = 0, key: str = ""):
    """YAML text as data; any problem raises ReadError placed by line and column in `file` (under `key`, such as
    "front matter", when the YAML is only part of the file)."""
    try:
        return load(text)
    except yaml.YAMLError as err:
        raise ReadError([Problem(file, key, yaml_problem(err, text, line_offset))]) from None
    except RecursionError:
        raise ReadError([Problem(file, key, "not valid YAML: nested too deeply to read")]) from None


def read_yaml(path: Path):
    """A YAML file as data (None when it is empty); problems raise ReadError naming the file."""
    return parse_yaml(read_text(path), str(path))


def read_parsed(path: Path, parse, expected: str) -> tuple:
    """A YAML file read and made into a value by `parse(data, file, stem)`: (the value or None, its problems). An
    unreadable or empty file is a problem naming the file; `expected` says what it should hold ("an exercise (id,
    …)")."""
    try:
        data = read_yaml(path)
    except ReadError as err:
        return None, err.problems
    if data is None:
        return None, [Problem(str(path), "", f"the file is empty; expected {expected}")]
    return parse(data, str(path), path.stem)


def read_each(files: list[Path], read_one, noun: str) -> tuple[dict, list[Problem]]:
    """Every file read by `read_one(path) -> (value with .id and .source, problems)`: the values by id, and every
    problem (x.yml and x.yaml both pass the id = file name rule, so a second file with an id is one too)."""
    found, problems = {}, []
    for path in files:
        value, more = read_one(path)
        problems.extend(more)
        if value and value.id in found:
            problems.append(Problem(str(path), "id", f"duplicate {noun} id {value.id!r}, also in "
                                                      f"{found[value.id].source}"))
        elif value:
            found[value.id] = value
    return found, problems


def split_front_matter(text: str, file: str) -> tuple[dict, str]:
    """A page's front matter (empty when it has none) and the Markdown after it; bad front matter raises."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = parse_yaml(match.group(1) or "", file, line_offset=1, key="front matter")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ReadError([Problem(file, "front matter", "expected a mapping of keys (title: …, description: …)")])
    return meta, text[match.end():]


def without_front_matter(text: str) -> str:
    """A page's Markdown after its front matter, read or not (for what still counts on a page whose front matter
    is broken: that problem is reported where the front matter is read)."""
    return FRONT_MATTER.sub("", text, count=1)


def read_front_matter(path: Path) -> tuple[dict, str]:
    """A page file's front matter and body; problems raise ReadError naming the file."""
    return split_front_matter(read_text(path), str(path))
