"""Hashes that decide when earlier work can be reused: of callboard's own code and of sets of files."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """callboard's own code and catalogs: a new version renders anew."""
    return package_fingerprint(_PACKAGE)


def package_fingerprint(package: Path) -> str:
    """The Python modules and the gettext catalogs (i18n/locale/*.po) under `package`."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.po")]):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def files_fingerprint(files: dict[str, Path]) -> str:
    """Contents of a set of files, e.g. the static files whose hashes appear in asset links."""
    digest = hashlib.blake2b(digest_size=16)
    for name, path in sorted(files.items()):
        digest.update(name.encode() + b"\0" + hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return digest.hexdigest()
