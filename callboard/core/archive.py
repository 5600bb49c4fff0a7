"""Zip files that are the same bytes whenever their files are: a fixed date (the earliest a zip
can hold), fixed permissions, names in sorted order, and the files stored rather than
compressed. Compressed bytes depend on the zlib a Python was built with; documents are mostly
PDFs and office files, compressed already, so storing them costs little and keeps a build
reproducible on any machine."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644
"""A regular file, readable by all, writable by its owner: what an unzipped document should be."""
_LOCAL_HEADER, _CENTRAL_HEADER, _END_RECORD = 30, 46, 22


def reproducible_zip(files: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of (name, bytes) pairs, sorted by name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in sorted(files):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.create_system = 3  # Unix, so that the permissions below are read
            info.external_attr = FILE_MODE << 16
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, data)
    return buffer.getvalue()


def zip_size(files: Iterable[tuple[str, int]]) -> int:
    """The size in bytes of `reproducible_zip` of files with these names and sizes, without
    making it: a page shows it beside the download link, before the zip is written."""
    total = _END_RECORD
    for name, size in files:
        encoded = len(name.encode("utf-8"))
        total += _LOCAL_HEADER + encoded + size + _CENTRAL_HEADER + encoded
    return total
