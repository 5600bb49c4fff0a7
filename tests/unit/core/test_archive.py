"""Reproducible zip files: the same files give the same bytes, and their size is known ahead."""

from __future__ import annotations

import io
import zipfile

from callboard.core.archive import reproducible_zip, zip_size

FILES = [("behov/underlag.pdf", b"%PDF" + b"x" * 500), ("behov/karta.png", b"\x89PNG"), ("behov/öppet.csv", b"")]


def test_the_same_files_in_any_order_give_the_same_bytes():
    assert reproducible_zip(FILES) == reproducible_zip(list(reversed(FILES)))


def test_entries_are_sorted_dated_alike_and_readable_by_all():
    with zipfile.ZipFile(io.BytesIO(reproducible_zip(FILES))) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == sorted(name for name, _ in FILES)
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert archive.read("behov/underlag.pdf") == FILES[0][1]


def test_zip_size_is_the_size_of_the_zip():
    assert zip_size((name, len(data)) for name, data in FILES) == len(reproducible_zip(FILES))
    assert zip_size([]) == len(reproducible_zip([]))
