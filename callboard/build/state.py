"""What one build leaves for the next to compare with: the cache's small state (`state.json`).

A typed value with one field per thing remembered, never changed in place: a step that learns
something new puts a new state in the cache (`dataclasses.replace`). `state_to_json` and
`state_from_json` are the only way it is written and read, so that the file and the fields
cannot drift apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields

from callboard import __version__
from callboard.build.write import Manifest
from callboard.content.sources import Stamps
from callboard.core.diagnostics import Diagnostic, Message, Severity

FORMAT = 4
"""The layout of state.json; a file of another format (or callboard version) is ignored. Format 4
keeps replayed warnings and notes as catalog keys and values (`Message.as_document`), so that
they are said again in the board's language."""


class DamagedState(ValueError):
    """state.json is not JSON, or not the shape this version writes."""


@dataclass(frozen=True)
class Replay:
    """What the last successful build told its user, told again by a build that finds nothing
    changed and so does nothing."""

    diagnostics: tuple[Diagnostic, ...] = ()
    """Its warnings (a successful build has no errors), without the cache's own."""
    notes: tuple[Message, ...] = ()
    """Its one-line notes (what it left out and why)."""


@dataclass(frozen=True)
class CacheState:
    """What the last run (a `check` or a `build`) knew when it ended. A missing field is the
    same as a clean build: nothing is trusted that was not recorded."""

    stamps: Stamps | None = None
    """Size, time and digest of every content file the last run read: a file whose size and
    time are unchanged is not read again."""
    snapshot: str | None = None
    """The last successful build's snapshot (`changes.snapshot`): an equal one now means that no
    input changed, without reading a content file."""
    inputs: str | None = None
    """The last successful build's inputs fingerprint (`changes.inputs_fingerprint`): an equal
    one now means an identical site, so nothing is written."""
    replay: Replay = Replay()
    """What that build said, for a build that does nothing to say again."""
    out: str | None = None
    """The output folder (resolved) that `live` and `pages` describe; a board may be built into
    several, and only the last one's are known."""
    live: Manifest | None = None
    """Path -> content hash of every file the last build left in `out`; None while a build is
    changing the folder, when its content is unknown."""
    pages: dict[str, str] = field(default_factory=dict)
    """Page path -> page fingerprint in `out`: a page whose fingerprint is unchanged is not
    rendered again."""


def state_to_json(state: CacheState) -> bytes:
    """The state as state.json holds it, with the format and version that make it trusted."""
    document = {
        "format": FORMAT,
        "version": __version__,
        "stamps": _stamps_document(state.stamps),
        "snapshot": state.snapshot,
        "inputs": state.inputs,
        "replay": {"diagnostics": [[d.path, d.line, d.severity.value, d.message.as_document()]
                                   for d in state.replay.diagnostics],
                   "notes": [note.as_document() for note in state.replay.notes]},
        "out": state.out,
        "live": state.live,
        "pages": state.pages,
    }
    return json.dumps(document, sort_keys=True).encode("utf-8")


def state_from_json(data: bytes) -> CacheState | None:
    """The state in `data`, or None when another format or version of callboard wrote it (it
    is then ignored, as the next build rewrites it). Raises DamagedState for anything else
    that is not what `state_to_json` writes."""
    try:
        document = json.loads(data)
    except ValueError as exc:
        raise DamagedState(str(exc)) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT or document.get("version") != __version__:
        return None
    try:
        return CacheState(
            stamps=_stamps(document["stamps"]),
            snapshot=_optional(document["snapshot"], str),
            inputs=_optional(document["inputs"], str),
            replay=_replay(document["replay"]),
            out=_optional(document["out"], str),
            live=_optional(document["live"], dict),
            pages=_checked(document["pages"], dict),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DamagedState(f"{type(exc).__name__}: {exc}") from None


def _stamps_document(stamps: Stamps | None) -> dict | None:
    """Field by field rather than with `asdict`, which would copy every file's entry first."""
    return None if stamps is None else {f.name: getattr(stamps, f.name) for f in fields(stamps)}


def _stamps(value) -> Stamps | None:
    if value is None:
        return None
    stamps = Stamps(**_checked(value, dict))
    _checked(stamps.files, dict)
    return stamps


def _replay(value) -> Replay:
    value = _checked(value, dict)
    diagnostics = tuple(Diagnostic(_checked(path, str), _checked(line, int), Severity(severity), _message(message))
                        for path, line, severity, message in _checked(value["diagnostics"], list))
    return Replay(diagnostics, tuple(_message(note) for note in _checked(value["notes"], list)))


def _message(value) -> Message:
    document = _checked(value, dict)
    _checked(document["values"], dict)
    return Message.from_document(document)


def _checked(value, kind: type):
    if not isinstance(value, kind):
        raise TypeError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value


def _optional(value, kind: type):
    return None if value is None else _checked(value, kind)
