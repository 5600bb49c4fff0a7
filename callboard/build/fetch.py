"""Fetching a hub's sources over HTTP with httpx: every source at once, each file revalidated.

A source is its `api/board.json` and the open-data files that it names for the sections the
hub takes. Each request carries the validators of the copy the cache holds (`If-None-Match`,
`If-Modified-Since`), so an unchanged file costs one small 304. Answers are read as a stream
(gzip undone by httpx) and reading stops as soon as a file passes `[fetch] max_megabytes`.
Redirects are followed up to MAX_REDIRECTS. The usual proxy settings of the environment
(`HTTPS_PROXY`, `NO_PROXY`) are honoured, as an operator behind a proxy expects. A source that takes longer than SOURCE_DEADLINE
times `[fetch] timeout_seconds` in all fails, however slowly its bytes trickle in.

Only the transport is judged here: what the files say is for callboard.content.foreign.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from callboard import __version__
from callboard.config import BoardSource, Fetching
from callboard.content.contract import BOARD_JSON_VERSION
from callboard.content.foreign import BoardDescription, ForeignDataError, read_board_description
from callboard.core.diagnostics import Message, MessageError, say

if TYPE_CHECKING:
    import httpx

BOARD_FILE = "board"
"""The name of `api/board.json` among a source's files (the others are named by their section)."""
MAX_REDIRECTS = 5
SOURCE_DEADLINE = 4
USER_AGENT = f"callboard/{__version__} (hub; board.json {BOARD_JSON_VERSION})"


class FetchFailed(MessageError):
    """Why a source could not be fetched this time: a sentence for the person running the build."""


@dataclass(frozen=True)
class Validators:
    """What the server said identifies a file's version: sent back to ask whether it changed."""

    etag: str = ""
    last_modified: str = ""

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True)
class KnownFile:
    """A file of a source as the cache holds it."""

    body: bytes
    validators: Validators = Validators()


@dataclass
class Fetched:
    """What one source gave: each file's bytes and validators (a 304 gives the known ones back),
    and its board.json read; or, in `failure`, why the source failed."""

    source: BoardSource
    files: dict[str, KnownFile] = field(default_factory=dict)
    board: BoardDescription | None = None
    failure: Message | None = None
    requests: int = 0
    unchanged: int = 0
    """How many files the server said had not changed (304)."""
    seconds: float = 0.0


def fetch_sources(sources: tuple[BoardSource, ...], known: dict[str, dict[str, KnownFile]],
                  limits: Fetching) -> list[Fetched]:
    """Every source fetched concurrently, in the order given. `known` holds the cached files of
    each source by its url, whose validators make the requests conditional. The event loop runs
    in a thread of its own: the caller may be inside a loop already (a notebook, Playwright's
    sync API in the tests), where asyncio.run would refuse to start."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="callboard-fetch") as pool:
        return pool.submit(asyncio.run, _fetch_all(sources, known, limits)).result()


async def _fetch_all(sources, known, limits: Fetching) -> list[Fetched]:
    import httpx  # here, not at the top: only a hub needs it, and it costs every build 0.1 s to import

    timeout = httpx.Timeout(limits.timeout_seconds)
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    async with httpx.AsyncClient(timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS,
                                 headers=headers) as client:
        return list(await asyncio.gather(*(_fetch_one(client, source, known.get(source.url, {}), limits)
                                           for source in sources)))


async def _fetch_one(client: httpx.AsyncClient, source: BoardSource, known: dict[str, KnownFile],
                     limits: Fetching) -> Fetched:
    fetched = Fetched(source)
    started = time.perf_counter()
    try:
        await asyncio.wait_for(_fetch_files(client, fetched, known, limits),
                               timeout=limits.timeout_seconds * SOURCE_DEADLINE)
    except TimeoutError:
        fetched.failure = say("hub_took_too_long", seconds=_setting(limits.timeout_seconds * SOURCE_DEADLINE))
    except (FetchFailed, ForeignDataError) as exc:
        fetched.failure = exc.message
    fetched.seconds = time.perf_counter() - started
    return fetched


async def _fetch_files(client: httpx.AsyncClient, fetched: Fetched, known: dict[str, KnownFile],
                       limits: Fetching) -> None:
    source = fetched.source
    await _fetch_file(client, fetched, BOARD_FILE, source.url + "api/board.json", known, limits)
    fetched.board = read_board_description(fetched.files[BOARD_FILE].body, source)
    for section in source.take:
        address = fetched.board.files.get(section)
        if address is None:
            raise FetchFailed(say("hub_no_file", section=section))
        await _fetch_file(client, fetched, section, address, known, limits)


async def _fetch_file(client: httpx.AsyncClient, fetched: Fetched, name: str, address: str,
                      known: dict[str, KnownFile], limits: Fetching) -> None:
    import httpx

    cached = known.get(name)
    fetched.requests += 1
    try:
        async with client.stream("GET", address, headers=cached.validators.headers() if cached else {}) as response:
            if response.status_code == 304 and cached is not None:
                fetched.files[name] = cached
                fetched.unchanged += 1
                return
            _check_answer(response, address, limits)
            body = await _read_capped(response, address, limits)
    except httpx.TimeoutException:
        raise FetchFailed(say("hub_no_answer", address=address, seconds=_setting(limits.timeout_seconds))) from None
    except httpx.TooManyRedirects:
        raise FetchFailed(say("hub_redirect_loop", address=address, count=MAX_REDIRECTS)) from None
    except httpx.HTTPError as exc:
        raise FetchFailed(say("hub_unreachable", address=address, reason=type(exc).__name__)) from None
    fetched.files[name] = KnownFile(body, Validators(response.headers.get("ETag", ""),
                                                     response.headers.get("Last-Modified", "")))


def _check_answer(response: httpx.Response, address: str, limits: Fetching) -> None:
    if response.status_code != 200:
        raise FetchFailed(say("hub_status", address=address, status=response.status_code))
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise FetchFailed(say("hub_not_json_type", address=address, type=media_type) if media_type else
                          say("hub_no_content_type", address=address))
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > limits.max_bytes:
        raise FetchFailed(_too_large(address, limits))


async def _read_capped(response: httpx.Response, address: str, limits: Fetching) -> bytes:
    """The body, decompressed, read no further than the limit (a small gzip can unpack to gigabytes)."""
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > limits.max_bytes:
            raise FetchFailed(_too_large(address, limits))
    return bytes(body)


def _too_large(address: str, limits: Fetching) -> Message:
    return say("hub_too_large", address=address, megabytes=_setting(limits.max_megabytes))


def _setting(value: float) -> str:
    """0.4, 10 or 1.6: a setting as it is written in callboard.toml."""
    return format(value, "g")
