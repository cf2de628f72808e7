"""Deterministic zips: the same files give the same bytes (sorted names, fixed times and permissions)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

# 1980-01-01 is the earliest time a zip can hold: a fixed one keeps the bytes free of the build's clock.
STAMP = (1980, 1, 1, 0, 0, 0)


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """A zip of name -> content, names sorted, every entry deflated with the same date and mode 0644."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the mode below is read
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()
