#!/usr/bin/env python3
"""Builds the example hub (examples/hub/) on one machine, with no network: the boards it reads are
made from the example board, served on 127.0.0.1, and the hub fetches them from there.

    python tools/example_hub.py OUT [--now YYYY-MM-DD] [--serve]

1. The example board (content/ and static/ at the top of the repository) is split into the
   organisations' own boards that examples/hub/boards.toml describes: each gets the needs and
   case stories of its organisations and the testbeds they host. A body link or a `same_as` to
   an item that went to another board becomes that board's address, as an editor would write it.
2. Each board is built by callboard, with the address it is served at as its `base_url`, and
   served by a local HTTP server at `http://127.0.0.1:PORT/<name>/`.
3. The hub (examples/hub/callboard.toml, its [[sources]] pointed at those addresses) is built into
   OUT. `--serve` then keeps serving the boards and OUT (at `/hub/`) until Ctrl-C, so that the
   links from the hub to each item's own board can be followed.

The test suite runs the same code (tests/site/test_example_hub.py).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import shutil
import sys
import tempfile
import threading
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from callboard.build.pipeline import Result, RunOptions, build
from callboard.content.parse import split as split_front_matter

HUB = REPO / "examples" / "hub"
KINDS = ("needs", "testbeds", "cases")
OWNER_FIELD = {"needs": "organisation", "testbeds": "host", "cases": "organisation"}
NOW = date(2026, 11, 28)
NOWHERE = Path("/nonexistent/callboard-example-hub")


@dataclass(frozen=True)
class OrganisationBoard:
    """One organisation's board of the split: its public address and what it holds."""

    name: str
    """The folder it is built in and the path it is served at, e.g. 'umea'."""
    url: str
    """Its address in examples/hub (https://tavla.umea.example.se/)."""
    title: str
    organisations: tuple[str, ...]


@dataclass(frozen=True)
class ExampleHub:
    """What `build_example_hub` made: where each board was served, and the hub's build."""

    boards: dict[str, str]
    """Each board's address in examples/hub -> the local address it was served at."""
    hub_root: Path
    board_roots: dict[str, Path]
    """Each board's address in examples/hub -> the folder of its content."""
    hub: Result
    server: http.server.ThreadingHTTPServer


def organisation_boards(path: Path = HUB / "boards.toml") -> list[OrganisationBoard]:
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["boards"]
    return [OrganisationBoard(name=re.sub(r"[^a-z]+", "-", entry["url"].split("//")[1].split(".")[1]),
                              url=entry["url"], title=entry["title"],
                              organisations=tuple(entry["organisations"])) for entry in entries]


def owner(path: Path, kind: str) -> str:
    """The organisation a content file belongs to (its `organisation`, or a testbed's `host`)."""
    front_matter = split_front_matter(path.read_text(encoding="utf-8"))[0]
    found = re.search(rf'^{OWNER_FIELD[kind]}:\s*"?([^"\n]+)"?\s*$', front_matter, re.MULTILINE)
    return found.group(1).strip() if found else ""


def content_files(source: Path, kind: str) -> dict[str, Path]:
    """Slug -> the file (or page-bundle folder) of each item of `kind` in `source`."""
    folder = source / "content" / kind
    items = {}
    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        if entry.is_dir() and (entry / "index.md").is_file():
            items[entry.name] = entry
        elif entry.suffix == ".md":
            items[entry.stem] = entry
    return items


def split(source: Path, boards: list[OrganisationBoard], destination: Path,
          addresses: dict[str, str]) -> dict[str, Path]:
    """Write each organisation's board under `destination`; return board address -> its root.

    `addresses` maps each board's address in examples/hub to the one it will be served at."""
    home: dict[tuple[str, str], OrganisationBoard] = {}
    for kind in KINDS:
        for slug, path in content_files(source, kind).items():
            file = path / "index.md" if path.is_dir() else path
            board = next((b for b in boards if owner(file, kind) in b.organisations), None)
            if board is not None:
                home[kind, slug] = board
    roots = {}
    for board in boards:
        root = destination / board.name
        (root / "content" / "needs").mkdir(parents=True)
        if (source / "static").is_dir():
            shutil.copytree(source / "static", root / "static")
        (root / "callboard.toml").write_text(_board_config(source, board, addresses[board.url]), encoding="utf-8")
        for (kind, slug), where in home.items():
            if where is board:
                _copy_item(content_files(source, kind)[slug], root / "content" / kind, board, home, addresses)
        roots[board.url] = root
    return roots


def _board_config(source: Path, board: OrganisationBoard, address: str) -> str:
    """The example board's configuration with this board's title, address and organisation."""
    text = (source / "callboard.toml").read_text(encoding="utf-8")
    text = re.sub(r'(?m)^title = ".*"$', f'title = "{board.title}"', text, count=1)
    text = re.sub(r'(?m)^base_url = ".*"$', f'base_url = "{address}"', text, count=1)
    return re.sub(r'(?m)^(organisation|name) = "Innovationsnoden Småland"$',
                  rf'\1 = "{board.organisations[0]}"', text)


def _copy_item(path: Path, folder: Path, board: OrganisationBoard,
               home: dict[tuple[str, str], OrganisationBoard], addresses: dict[str, str]) -> None:
    """Copy one item, pointing its references to items on other boards at those boards."""
    folder.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        shutil.copytree(path, folder / path.name)
        file = folder / path.name / "index.md"
    else:
        file = folder / path.name
        shutil.copyfile(path, file)

    def elsewhere(kind: str, slug: str) -> str | None:
        other = home.get((kind, slug))
        return f"{addresses[other.url]}{kind}/{slug}/" if other is not None and other is not board else None

    text = file.read_text(encoding="utf-8")
    text = re.sub(r"\]\(/(needs|testbeds|cases)/([a-z0-9-]+)/\)",
                  lambda m: f"]({elsewhere(m[1], m[2]) or m[0][2:-1]})", text)
    text = re.sub(r"(?m)^same_as: \[([^\]]*)\]$", lambda m: "same_as: [" + ", ".join(
        elsewhere("needs", slug.strip()) or slug.strip() for slug in m[1].split(",")) + "]", text)
    file.write_text(text, encoding="utf-8")


def hub_config(addresses: dict[str, str]) -> str:
    """examples/hub/callboard.toml with each source pointed at where its board is served."""
    text = (HUB / "callboard.toml").read_text(encoding="utf-8")
    for public, local in addresses.items():
        text = text.replace(f'url = "{public}"', f'url = "{local}"')
    return text


def serve(routes: dict[str, Path]) -> http.server.ThreadingHTTPServer:
    """A static server on 127.0.0.1 (a free port) for each folder in `routes` at its path prefix."""
    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            prefix = next((p for p in sorted(routes, key=len, reverse=True) if path.startswith(p)), None)
            if prefix is None:
                return str(NOWHERE)
            root = routes[prefix].resolve()
            target = (root / unquote(path.split("?")[0].split("#")[0].removeprefix(prefix))).resolve()
            return str(target) if target.is_relative_to(root) else str(NOWHERE)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(REPO)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build_example_hub(work: Path, out: Path, now: date = NOW, search: bool = True) -> ExampleHub:
    """Split, build and serve the organisations' boards under `work`, then build the hub into
    `out`. The server keeps running (the caller shuts it down)."""
    boards = organisation_boards()
    routes: dict[str, Path] = {f"/{board.name}/": work / "sites" / board.name for board in boards}
    routes["/hub/"] = out
    server = serve(routes)
    local = f"http://127.0.0.1:{server.server_address[1]}/"
    addresses = {board.url: f"{local}{board.name}/" for board in boards}
    roots = split(REPO, boards, work / "boards", addresses)
    for board in boards:
        result = build(RunOptions(root=roots[board.url], now=now, search=False), work / "sites" / board.name)
        if not result.ok:
            raise SystemExit(f"the {board.name} board did not build:\n{result.diagnostics}")
    hub_root = work / "hub"
    shutil.copytree(HUB, hub_root, ignore=shutil.ignore_patterns("boards.toml", "README.md"))
    (hub_root / "content" / "needs").mkdir(parents=True, exist_ok=True)
    (hub_root / "callboard.toml").write_text(hub_config(addresses), encoding="utf-8")
    hub = build(RunOptions(root=hub_root, now=now, search=search, base_url=f"{local}hub/"), out)
    return ExampleHub(addresses, hub_root, roots, hub, server)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder to build the hub into")
    parser.add_argument("--now", type=date.fromisoformat, default=NOW, help="build as if it were this day")
    parser.add_argument("--serve", action="store_true", help="keep serving the boards and the hub")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="callboard-hub-") as work:
        made = build_example_hub(Path(work), args.out.resolve(), args.now)
        for problem in made.hub.diagnostics.items:
            print(problem, file=sys.stderr)
        if not made.hub.ok:
            return 1
        local = f"http://127.0.0.1:{made.server.server_address[1]}/"
        print(f"the hub is built in {args.out}; it read " + ", ".join(made.boards.values()))
        if args.serve:
            print(f"serving the hub at {local}hub/ (Ctrl-C stops)")
            try:
                threading.Event().wait()
            except KeyboardInterrupt:
                pass
        made.server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
