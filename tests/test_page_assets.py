"""What a built page loads before it can draw: the iframe-worker shim in the offline build only."""

from __future__ import annotations

import re

PAGES = ["index.html", "modules/02-the-pub/index.html", "presenters/agenda/index.html", "404.html"]
SCRIPT = re.compile(r'<script src="([^"]+)"( defer)?></script>')


def test_only_the_offline_build_loads_the_iframe_worker_shim(site_dir, offline_dir):
    for name in PAGES:
        assert "iframe-worker" not in (site_dir / name).read_text(encoding="utf-8"), name
    for name in ("index.html", "modules/02-the-pub.html"):
        head = (offline_dir / name).read_text(encoding="utf-8").split("</head>")[0]
        assert [src for src, _ in SCRIPT.findall(head)] == [
            "../" * name.count("/") + "assets/vendor/iframe-worker-shim.js"], name
        assert "unpkg" not in head
