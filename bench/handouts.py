"""Handout figures: wall-clock time for `mingle handouts` (site build + every PDF) against the 30 s budget."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 30.0


def pages(pdf: Path) -> str:
    """The page count from pdfinfo, or '?' where poppler is not installed."""
    try:
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return next((line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")), "?")


def main() -> None:
    """Time one full `mingle handouts` run, as `make handouts` does it, and list what it made."""
    print("Handouts")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "handouts"
        began = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "mingle", "handouts", "--out", str(out)], cwd=ROOT,
                              capture_output=True, text=True)
        seconds = time.perf_counter() - began
        if done.returncode != 0:
            raise RuntimeError(f"mingle handouts failed ({done.returncode}): {done.stderr.strip()}")
        made = sorted(out.glob("*.pdf"))
        for pdf in made:
            print(f"  {pdf.name:<28} {pages(pdf):>4} pages  {pdf.stat().st_size / 1024:7.1f} KiB")
    verdict = "within" if seconds <= BUDGET else "OVER"
    print(f"  all {len(made)} PDFs (strict site build included): {seconds:.1f} s ({verdict} the {BUDGET:.0f} s budget)")


if __name__ == "__main__":
    main()
