"""Atomic writes: a reader sees the old file or the whole new one, never part of it, and nothing is left behind."""

from __future__ import annotations

import os

import pytest

from mingle import atomic


def test_text_is_written_as_utf8_and_replaces_the_old_file(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    atomic.write_text(target, "Zoë’s report ✓")
    assert target.read_bytes() == "Zoë’s report ✓".encode("utf-8")
    assert os.listdir(tmp_path) == ["report.html"]  # no temporary file left beside it


def test_bytes_are_written_whole(tmp_path):
    data = bytes(range(256)) * 1000
    atomic.write_bytes(tmp_path / "bank.zip", data)
    assert (tmp_path / "bank.zip").read_bytes() == data


def test_the_new_file_is_an_ordinary_file_not_a_private_one(tmp_path):
    umask = os.umask(0o022)
    try:
        atomic.write_text(tmp_path / "a.txt", "x")
    finally:
        os.umask(umask)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "debrief.html"
    target.write_text("the old debrief", encoding="utf-8")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        atomic.write_text(target, "the new debrief")
    assert target.read_text(encoding="utf-8") == "the old debrief"
    assert os.listdir(tmp_path) == ["debrief.html"]


def test_a_folder_that_does_not_exist_is_an_error_not_a_silent_loss(tmp_path):
    with pytest.raises(FileNotFoundError):
        atomic.write_text(tmp_path / "missing" / "a.txt", "x")
