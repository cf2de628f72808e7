"""`mingle release`: the site, the offline copy, the handouts, the LMS files and the room's wheel for one version,
written into one folder with a list of their checksums. Each part is made by the kit's own command, so a file here
is the one that command makes; the same commit gives the same bytes (SOURCE_DATE_EPOCH is the commit's time)."""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mingle import __version__
from mingle.errors import MingleError, UsageError
from mingle.sitebuild import build_site
from mingle.zipping import zip_bytes

# What a wheel is built from: the package and what pyproject.toml reads.
WHEEL_SOURCES = ("pyproject.toml", "README.md", "requirements", "scripts")
SUMS = "SHA256SUMS"
EARLIEST = "315532800"  # 1980-01-01, the earliest time a zip can hold, where there is no commit to date things by


def add_parser(sub) -> argparse.ArgumentParser:
    """Register `mingle release` on the CLI's subparsers."""
    cmd = sub.add_parser("release", help="write every ready-made file of this version into one folder",
                         description="Build the site, the offline copy, the handout PDFs, the SCORM package, the "
                                     "question banks and a wheel of the live room, with their checksums.")
    cmd.add_argument("--out", default="dist", help="the folder to write, emptied first (default: dist)")
    cmd.set_defaults(run=run)
    return cmd


def source_date_epoch(root: Path) -> str:
    """SOURCE_DATE_EPOCH if set, else the time of the commit checked out, else 1980."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return given
    try:
        found = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True)
    except OSError:
        return EARLIEST
    stamp = found.stdout.strip()
    return stamp if found.returncode == 0 and stamp.isdigit() else EARLIEST


def _step(what: str, argv: list, cwd: Path, allowed=(0,)) -> None:
    """Run one of the kit's commands (in the release's environment); a failure stops the release with that
    command's last words."""
    print(f"release: {what}", file=sys.stderr, flush=True)
    done = subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True)
    if done.returncode not in allowed:
        said = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        raise MingleError(f"release: {what} failed:\n" + "\n".join(said[-12:]))


def _zip_folder(folder: Path, target: Path, top: str = "") -> None:
    """A deterministic zip of every file below `folder`, under `top/` when given."""
    files = {f"{top}{path.relative_to(folder).as_posix()}": path.read_bytes()
             for path in sorted(folder.rglob("*")) if path.is_file()}
    target.write_bytes(zip_bytes(files))


def _wheel(root: Path, site: Path, scratch: Path, out: Path) -> None:
    """A wheel of the kit that carries the built site, the exercises and the live activities, so `mingle room` needs
    no build tools."""
    source = scratch / "wheel-source"
    source.mkdir()
    for name in WHEEL_SOURCES:
        if (root / name).is_dir():
            shutil.copytree(root / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(root / name, source / name)
    kit = source / "scripts" / "mingle" / "kit"
    shutil.rmtree(kit, ignore_errors=True)  # what an earlier release may have left in the source
    shutil.copytree(site, kit / "site")
    shutil.copytree(root / "exercises", kit / "exercises")
    if (root / "activities").is_dir():  # the live activities a room runs, beside the exercises as in a clone
        shutil.copytree(root / "activities", kit / "activities")
    if (root / "data" / "blocked-words.yml").is_file():  # the words a room keeps off the wall
        (kit / "data").mkdir()
        shutil.copy2(root / "data" / "blocked-words.yml", kit / "data" / "blocked-words.yml")
    _step("the room's wheel", [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", out,
                               source], scratch)


def write_sums(out: Path) -> Path:
    """SHA256SUMS: one line per file, as `sha256sum -c` reads it."""
    lines = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(out).as_posix()}"
             for path in sorted(out.rglob("*")) if path.is_file() and path.name != SUMS]
    target = out / SUMS
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def release(root: Path, out: Path) -> list[Path]:
    """Every ready-made file of this version into `out` (emptied first); returns them, checksums last."""
    # Every step, and the site builds' own processes, date what they make by the commit.
    os.environ.update(SOURCE_DATE_EPOCH=source_date_epoch(root), NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    name = f"mingle-{__version__}"
    mingle = [sys.executable, "-m", "mingle"]
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="mingle-release-") as tmp:
        scratch = Path(tmp)
        site, offline = scratch / "site", scratch / "offline"
        print("release: the site and the offline copy", file=sys.stderr, flush=True)
        build_site(root / "mkdocs.yml", site)
        _zip_folder(site, out / f"{name}-site.zip")
        build_site(root / "mkdocs.yml", offline, offline=True)
        _zip_folder(offline, out / f"{name}-offline.zip", top=f"{name}-offline/")
        _step("the handouts", [*mingle, "handouts", "--site", site, "--out", out / "handouts"], root)
        _step("the SCORM package", [*mingle, "export", "scorm", "--out", out / f"{name}-scorm.zip"], root)
        for kind, suffix in (("moodle-xml", "moodle.xml"), ("gift", "gift.txt"), ("qti", "qti.zip")):
            # Exit 1 only says that a bank leaves out what a quiz cannot mark, as it always does.
            _step(f"the {kind} question bank", [*mingle, "export", kind, "--out", out / f"{name}-{suffix}"],
                  root, allowed=(0, 1))
        _wheel(root, site, scratch, out)
    write_sums(out)
    return sorted(path for path in out.rglob("*") if path.is_file())


def run(args) -> int:
    """Make the release in --out and list what it holds."""
    root = Path.cwd()
    if not (root / "mkdocs.yml").is_file():
        raise UsageError("no mkdocs.yml here: run `mingle release` in the kit's folder")
    out = Path(args.out).resolve()
    if out == root or root.is_relative_to(out):
        raise UsageError(f"--out {args.out}: give a folder of its own; it is emptied first")
    for path in release(root, out):
        print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
    return 0
