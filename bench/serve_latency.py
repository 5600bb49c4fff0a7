#!/usr/bin/env python3
"""Time from saving a need to the dev server serving the changed page.

    python bench/serve_latency.py /tmp/callboard-bench/board-10000 --edits 5

Starts `callboard serve` on the board, waits for the first build, then edits the title of a
need (a different one each time), polls the need's page until the new title is served, then
asks for the front page, which the server answers once the whole rebuild is in place (a
request waits for a pending rebuild), and puts the file back. Prints each time and the
medians. The browser's reload adds a few milliseconds on top (the WebSocket message); the
debounce of 0.12 s is included.

The server runs in the board's folder, so `python -m callboard` imports the callboard that
PYTHONPATH or the installed package names, not a checkout that happens to be the current folder.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

NOW = "2026-11-28"
WHOLE_SITE_WAIT = 120
"""Seconds to wait for the front page, which a server answers once a pending rebuild is done."""


def fetch(url: str, timeout: float = 10) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--settle", type=float, default=6.0,
                        help="seconds to wait after putting a file back, so that its rebuild is done "
                             "(a save while a rebuild runs waits for it)")
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}/"
    server = subprocess.Popen([sys.executable, "-m", "callboard", "serve", "--root", str(args.root),
                               "--port", str(args.port), "--now", NOW],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=args.root.resolve())
    try:
        started = time.perf_counter()
        while fetch(base + "needs/") is None:
            time.sleep(0.2)
        print(f"first build served after {time.perf_counter() - started:.1f} s")
        time.sleep(args.settle)
        needs = sorted((args.root / "content/needs").glob("*.md"))
        times, whole = [], []
        for number in range(args.edits):
            path = needs[number * 997 % len(needs)]
            original = path.read_text(encoding="utf-8")
            marker = f"Ändrad rubrik {number} {time.time():.0f}"
            changed = re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.M)
            started = time.perf_counter()
            path.write_text(changed, encoding="utf-8")
            while marker not in (fetch(f"{base}needs/{path.stem}/") or ""):
                time.sleep(0.005)
            times.append(time.perf_counter() - started)
            fetch(base, timeout=WHOLE_SITE_WAIT)
            whole.append(time.perf_counter() - started)
            print(f"edit {number + 1}: page {times[-1]:.2f} s, whole site {whole[-1]:.2f} s")
            path.write_text(original, encoding="utf-8")
            time.sleep(0.5)
            fetch(base, timeout=WHOLE_SITE_WAIT)  # a server that makes requests wait answers once that rebuild is done too
            time.sleep(args.settle)
        print(f"median {statistics.median(times):.2f} s of {len(times)} (whole site {statistics.median(whole):.2f} s)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
