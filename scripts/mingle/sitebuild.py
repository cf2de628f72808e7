"""Build the kit's site with MkDocs, strictly, in a process of its own: for the handouts, the SCORM package and the
tests alike (so that none of them needs another's packages to do it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mingle.errors import MingleError


def build_site(config: Path, target: Path, offline: bool = False, site_url: str | None = None) -> Path:
    """`mkdocs build --strict` of `config` into `target` (the offline flavour, or for another address, when asked);
    a failure becomes one clean error with MkDocs' last words."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MINGLE_OFFLINE": "true" if offline else "false"}
    if site_url:
        env["MINGLE_SITE_URL"] = site_url
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(config),
         "--site-dir", str(target)], cwd=Path(config).parent, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
        raise MingleError("the site build failed:\n" + "\n".join(lines[-12:]))
    return target
