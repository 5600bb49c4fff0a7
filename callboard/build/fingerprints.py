"""Fingerprints: a short hash of everything that goes into a page, to skip pages that have not changed.

A page is a pure function of its template (with everything the template includes or
extends), its context, the config, the build date and callboard's own code (render.py keeps
templates from reaching anything else). Equal fingerprints therefore mean equal bytes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import asdict, dataclass
from datetime import date
from enum import Enum
from pathlib import Path

import jinja2

from callboard.config import Config
from callboard.content.models import Item, Kind, Term
from callboard.core.hashing import code_fingerprint, files_fingerprint
from callboard.outputs.memo import item_key
from callboard.site.assets import MINIFIERS_VERSION
from callboard.site.pages import Page
from callboard.site.theme import ThemeFiles

_REFERENCE = re.compile(r"""\{%-?\s*(?:extends|include|import|from)\s+(["'])(.+?)\1""")
_DYNAMIC_REFERENCE = re.compile(r"""\{%-?\s*(?:extends|include|import|from)\s+[^"'\s]""")


def config_fingerprint(config: Config, extra: str = "") -> str:
    """The settings of this run that every page depends on."""
    settings = {key: value for key, value in asdict(config).items() if key != "root"}
    return _hash(repr(sorted(settings.items())) + code_fingerprint() + MINIFIERS_VERSION + extra)


@dataclass(frozen=True)
class ThemeDigests:
    """The theme's files and the digests of its static files and templates, listed and hashed
    once per build (the snapshot and the inputs fingerprint both need them)."""

    files: ThemeFiles
    static: str
    templates: str

    @classmethod
    def of(cls, root: Path) -> "ThemeDigests":
        files = ThemeFiles.for_board(root)
        return cls(files, files_fingerprint(files.static_files()), files_fingerprint(files.template_files()))


class Fingerprinter:
    """Computes page fingerprints for one build; remembers digests of shared values."""

    def __init__(self, environment: jinja2.Environment, global_fingerprint: str):
        self.environment = environment
        self.global_fingerprint = global_fingerprint
        self._templates: dict[str, str] = {}
        self._shared: dict[int, bytes] = {}
        self._fields: dict[type, tuple[str, ...]] = {}

    def page(self, page: Page) -> str:
        digest = hashlib.blake2b(digest_size=16)
        digest.update(self.global_fingerprint.encode())
        digest.update(self.template(page.template).encode())
        digest.update(repr((page.url, page.title, page.description, page.crumbs, page.indexable, page.lang,
                            page.subscriptions, page.canonical)).encode())
        for key in sorted(page.context):
            digest.update(key.encode() + b"=")
            self._feed(digest, page.context[key])
        return digest.hexdigest()

    def template(self, name: str) -> str:
        """Hash of a template and, recursively, every template it extends, includes or imports."""
        if name not in self._templates:
            digest = hashlib.blake2b(digest_size=16)
            for member in sorted(self._closure(name)):
                source, _, _ = self.environment.loader.get_source(self.environment, member)
                digest.update(member.encode() + b"\0" + source.encode())
            self._templates[name] = digest.hexdigest()
        return self._templates[name]

    def _closure(self, name: str) -> set[str]:
        """Found by reading the tags, not by parsing: a build must not pay for parsing twice."""
        seen: set[str] = set()
        pending = [name]
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.add(current)
            source, _, _ = self.environment.loader.get_source(self.environment, current)
            if _DYNAMIC_REFERENCE.search(source):  # a name computed at render time
                return set(self.environment.list_templates())
            pending += [match.group(2) for match in _REFERENCE.finditer(source)]
            if "card(" in source:  # Renderer.card draws partials/<kind>_card.html
                pending += [f"partials/{kind.value}_card.html" for kind in Kind]
            if "picture(" in source or "pictures" in source:  # Renderer.pictures draws partials/picture.html
                pending.append("partials/picture.html")
        return seen

    def value(self, value: object) -> bytes:
        """A digest of a context value; models stand for the file they came from."""
        digest = hashlib.blake2b(digest_size=16)
        self._feed(digest, value)
        return digest.hexdigest().encode()

    def _feed(self, digest, value: object) -> None:
        """Add `value` to `digest`, in a form that no other value shares (types and nesting
        are spelled out). Items and terms, which many pages share, are hashed once a build."""
        if value is None or isinstance(value, (str, int, float, bool, date, Enum)):
            digest.update(repr(value).encode() + b"\0")
        elif isinstance(value, (Item, Term)):
            key = id(value)
            if key not in self._shared:
                self._shared[key] = self._shared_digest(value)
            digest.update(self._shared[key])
        elif isinstance(value, (list, tuple)):
            digest.update(b"[")
            for member in value:
                self._feed(digest, member)
            digest.update(b"]")
        elif isinstance(value, dict):
            digest.update(b"{")
            for key in sorted(value):
                digest.update(repr(key).encode() + b":")
                self._feed(digest, value[key])
            digest.update(b"}")
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            digest.update(type(value).__name__.encode() + b"(")
            for name in self._field_names(type(value)):
                digest.update(name.encode() + b"=")
                self._feed(digest, getattr(value, name))
            digest.update(b")")
        else:
            raise TypeError(f"cannot fingerprint a {type(value).__name__} in a page context")

    def _shared_digest(self, value: Item | Term) -> bytes:
        if isinstance(value, Item):
            return _hash(item_key(value)).encode()
        digest = hashlib.blake2b(digest_size=16)
        digest.update(b"Term(")
        for name in self._field_names(Term):
            digest.update(name.encode() + b"=")
            self._feed(digest, getattr(value, name))
        return digest.hexdigest().encode()

    def _field_names(self, kind: type) -> tuple[str, ...]:
        if kind not in self._fields:
            self._fields[kind] = tuple(f.name for f in dataclasses.fields(kind))
        return self._fields[kind]


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
