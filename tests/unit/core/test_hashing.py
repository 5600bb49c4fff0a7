"""What counts as callboard's own code for the caches: its modules and its catalogs."""

from __future__ import annotations

import shutil

from callboard.core.hashing import package_fingerprint
from tests.support.boards import REPO


def test_a_changed_module_or_catalog_changes_the_code_fingerprint(tmp_path):
    package = tmp_path / "callboard"
    shutil.copytree(REPO / "callboard", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = package_fingerprint(package)
    catalog = package / "i18n/locale/sv/LC_MESSAGES/callboard.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("Hoppa till innehållet", "Till innehållet"),
                       encoding="utf-8")
    after_catalog = package_fingerprint(package)
    (package / "i18n/catalogs.py").write_text("# changed\n", encoding="utf-8")
    assert len({before, after_catalog, package_fingerprint(package)}) == 3
