"""Adding a language is adding a catalog: a copy of callboard with one more .po file builds a
board in that language, with no other change to the code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from callboard.i18n.catalogs import catalog_path
from tests.support.boards import NOW, REPO, need_file


def add_catalog(package, lang: str) -> None:
    """What `pybabel init -l <lang>` and a translator do, with the English texts standing in."""
    with catalog_path("en").open("rb") as file:
        english = read_po(file, locale="en")
    catalog = Catalog(locale=lang, domain="callboard")
    for message in english:
        if message.id:
            catalog.add(message.id, message.string)
    path = package / "i18n/locale" / lang / "LC_MESSAGES/callboard.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as file:
        write_po(file, catalog)


def test_a_new_catalog_is_a_new_language(tmp_path, make_board):
    code = tmp_path / "code"
    shutil.copytree(REPO / "callboard", code / "callboard", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "templates", code / "templates")
    add_catalog(code / "callboard", "de")
    root = make_board({"content/needs/behov.md": need_file(extra="deadline: 2026-12-20")},
                      config='title = "Tafel"\nlang = "de"\nbase_url = "https://tafel.example.org/"\n')
    out = tmp_path / "site"
    run = subprocess.run([sys.executable, "-m", "callboard", "build", "--root", str(root), "--out", str(out),
                          "--now", NOW, "--no-search", "-q"], cwd=code, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(code)}, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    page = (out / "needs/behov/index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page
    assert "20. Dezember 2026" in page  # the date as CLDR writes it in German
    assert '<meta property="og:locale" content="de_DE">' in page
