"""What the build writes for present mode on a module page: each plan's minutes per module, from the same slots
the agenda lays out (decks themselves: test_deck_browser.py)."""

from __future__ import annotations

import re


def test_the_build_writes_the_agendas_minutes_into_the_page(site_dir):
    import json

    from mingle.course.agenda import load_for, module_minutes
    from test_zensical import ROOT

    html = (site_dir / "modules" / "03-the-cocktail-party" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'data-plan-minutes="([^"]+)"', html)
    assert found
    written = json.loads(found[1].replace("&quot;", '"').replace("&amp;", "&"))
    plans, _ = load_for(ROOT)
    assert written == module_minutes(plans)
    for plan in plans.values():  # the same slots the agenda lays out
        for slot in plan.slots:
            if slot.module is not None:
                entry = next(p for p in written if p["id"] == plan.id)
                assert entry["modules"][str(slot.module)] >= slot.minutes
