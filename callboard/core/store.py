"""What the build's stages ask of a cache, so that the loader, the link check and the output
generators can use one without depending on how it is kept."""

from __future__ import annotations

from typing import Protocol


class EntryStore(Protocol):
    """What the build's stages ask of a cache (BuildCache and MemoryCache both are one): the
    loader its parsed files, the link check its page scans, the generators their pieces."""

    def get(self, key: str): ...

    def put(self, key: str, value) -> None: ...

    def touch(self, key: str) -> None: ...
