"""Ending and reopening a room from the dashboard in Chromium: *End the room* gives way to *Reopen the room*, which
takes answers again; the dashboard has no axe violations either way, and cannot be shown in another site's frame."""

from __future__ import annotations

import pytest
from test_room_presenter import sign_in, violations

pytestmark = pytest.mark.browser


def test_the_dashboard_ends_and_reopens_the_room(page, room):
    page.on("dialog", lambda dialog: dialog.accept())  # "End the room?" asks first
    sign_in(page, room)
    end, reopen = page.get_by_role("button", name="End the room"), page.get_by_role("button", name="Reopen the room")
    assert end.is_visible() and not reopen.is_visible()
    end.click()
    reopen.wait_for()
    assert not end.is_visible() and room.answers("phone-reopen-b1", {})[0] == 410
    assert violations(page) == []
    reopen.click()
    end.wait_for()
    page.get_by_text("The room is open again").wait_for()
    assert room.request("POST", f"/room/{room.code}/join", {"client": "phone-reopen-b1"})[0] == 200
    assert violations(page) == []


def test_another_site_cannot_frame_the_dashboard(page, room):
    with page.expect_console_message(lambda m: "frame-ancestors" in m.text, timeout=10_000):  # Chromium's refusal
        page.set_content(f'<iframe src="{room.base}/room/dashboard" title="The dashboard"></iframe>')
    frame = page.frames[1]
    frame.wait_for_load_state()
    assert frame.locator("[data-role=login]").count() == 0  # nothing of the dashboard in the frame
