"""Reading `[[sources]]` (the other boards a hub gathers) and `[fetch]` (how it fetches them).

A part of the reader of `callboard.toml` (`reader.py`), kept apart because a hub's settings are
a topic of their own. `config` is that reader: it reports a problem at a key's line and reads a
value with a field reader. `[[sources]]` entry N is the table "sources.N" in its line index.
"""

from __future__ import annotations

from typing import Protocol

from callboard.config.model import SOURCE_KINDS, BoardSource, Fetching
from callboard.core.diagnostics import Message, say
from callboard.core.fields import read_http_url, read_text_list

SOURCE_KEYS = ("url", "organisations", "stale_after_days", "take")
FETCH_KEYS = ("timeout_seconds", "max_megabytes", "max_items")


class SettingsReader(Protocol):
    data: dict

    def line(self, table: str, key: str) -> int: ...
    def problem(self, table: str, key: str, message: Message, warning: bool = False) -> None: ...
    def value(self, table: str, data: dict, key: str, read, default): ...
    def warn_unknown(self, table: str, data: dict, known: tuple[str, ...]) -> None: ...


def read_board_sources(config: SettingsReader) -> tuple[BoardSource, ...]:
    """Each `[[sources]]` entry with a usable url; one named twice is taken once."""
    entries = config.data.get("sources", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        config.problem("", "sources", say("hub_sources_not_tables"))
        return ()
    sources: dict[str, BoardSource] = {}
    for number, entry in enumerate(entries):
        source = _source(config, f"sources.{number}", entry)
        if source and source.url in sources:
            config.problem(f"sources.{number}", "url", say("hub_source_twice", url=source.url), warning=True)
        elif source:
            sources[source.url] = source
    return tuple(sources.values())


def _source(config: SettingsReader, table: str, entry: dict) -> BoardSource | None:
    config.warn_unknown(table, entry, SOURCE_KEYS)
    url = config.value(table, entry, "url", read_http_url, "")
    if not url:
        if "url" not in entry:
            config.problem(table, "url", say("hub_source_needs_url"))
        return None
    take = config.value(table, entry, "take", read_text_list, ("needs",))
    for kind in take:
        if kind not in SOURCE_KINDS:
            config.problem(table, "take", say("hub_source_unknown_kind", kind=kind, kinds=", ".join(SOURCE_KINDS)))
    return BoardSource(
        url=url if url.endswith("/") else url + "/",
        organisations=config.value(table, entry, "organisations", read_text_list, ()),
        stale_after_days=_whole_number(config, table, entry, "stale_after_days", BoardSource.stale_after_days),
        take=tuple(kind for kind in SOURCE_KINDS if kind in take),
        line=config.line(table, "url") or config.line("", table),
    )


def read_fetching(config: SettingsReader) -> Fetching:
    data = config.data.get("fetch", {})
    defaults = Fetching()
    if not isinstance(data, dict):
        config.problem("", "fetch", say("hub_fetch_not_a_table"))
        return defaults
    config.warn_unknown("fetch", data, FETCH_KEYS)
    return Fetching(timeout_seconds=_positive(config, "fetch", data, "timeout_seconds", defaults.timeout_seconds),
                    max_megabytes=_positive(config, "fetch", data, "max_megabytes", defaults.max_megabytes),
                    max_items=_whole_number(config, "fetch", data, "max_items", defaults.max_items))


def _positive(config: SettingsReader, table: str, data: dict, key: str, default: float) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        config.problem(table, key, say("hub_setting_positive", name=key, example=format(default, "g")))
        return default
    return float(value)


def _whole_number(config: SettingsReader, table: str, data: dict, key: str, default: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        config.problem(table, key, say("hub_setting_whole", name=key, example=default))
        return default
    return value
