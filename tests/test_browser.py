"""The kit's one way to start Chromium and to serve it a folder on 127.0.0.1."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from mingle import browser
from mingle.errors import MingleError


def test_the_flags_keep_chromium_off_the_network():
    for flag in ("--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                 "--no-first-run"):
        assert flag in browser.FLAGS


def test_a_folder_is_served_on_loopback_and_stops_with_the_block(tmp_path):
    (tmp_path / "index.html").write_text("<p>Zoë</p>", encoding="utf-8")
    with browser.serve(tmp_path) as address:
        assert address.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{address}/index.html", timeout=5) as response:
            assert response.read().decode("utf-8") == "<p>Zoë</p>"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{address}/nothing.html", timeout=5)
        assert missing.value.code == 404
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{address}/index.html", timeout=5)


class _FailingChromium:
    def launch(self, **options):
        self.options = options
        raise RuntimeError("Executable doesn't exist at /nowhere/chrome\n" + "a long explanation\n" * 20)


class _Playwright:
    chromium = _FailingChromium()


def test_chromium_that_cannot_start_is_one_line_saying_what_to_run():
    playwright = _Playwright()
    with pytest.raises(MingleError) as err:
        browser.launch(playwright)
    assert str(err.value) == ("cannot start Chromium (Executable doesn't exist at /nowhere/chrome); "
                              "run `make browser` first")
    assert playwright.chromium.options["headless"] is True
    assert playwright.chromium.options["args"] == browser.FLAGS


def test_debian_chromium_is_used_when_it_is_installed(monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("", encoding="utf-8")
    monkeypatch.setattr(browser, "CHROMIUM", str(fake))
    playwright = _Playwright()
    with pytest.raises(MingleError):
        browser.launch(playwright)
    assert playwright.chromium.options["executable_path"] == str(fake)
    monkeypatch.setattr(browser, "CHROMIUM", str(tmp_path / "absent"))
    with pytest.raises(MingleError):
        browser.launch(playwright)
    assert "executable_path" not in playwright.chromium.options
