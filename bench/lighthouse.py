#!/usr/bin/env python3
"""Lighthouse 12 on a phone (mobile form factor, simulated 4G) over every main page type of the
example board: prints a table of the four scores and the cumulative layout shift.

    python bench/lighthouse.py                 # builds the example board with --now 2026-11-28
    python bench/lighthouse.py --only needs case

The target: 100 in performance, accessibility, best practices and SEO on every page type (the
search page's SEO excepted: it is rightly `noindex`) and a layout shift under 0.05. Needs
`npm ci` (Lighthouse is in package.json) and Debian's Chromium at /usr/bin/chromium. Exits 1 when
a page misses the target, naming the audits that cost it points.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from callboard.build.pipeline import RunOptions, build  # noqa: E402
from tests.support.lighthouse import lighthouse_pages, run_lighthouse, table  # noqa: E402

NOW = "2026-11-28"


def serve(folder: Path) -> str:
    """Serve `folder` on a free port of 127.0.0.1 until the script ends."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None, help="page types to audit (default: all)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="callboard-lighthouse-") as scratch:
        site = Path(scratch) / "site"
        result = build(RunOptions(root=REPO, now=date.fromisoformat(NOW), use_cache=False), site)
        if not result.ok:
            print("the example board did not build", file=sys.stderr)
            return 2
        base = serve(site)
        pages = [(name, path) for name, path in lighthouse_pages(result.board)
                 if args.only is None or name in args.only]
        audits = []
        for name, path in pages:
            audits.append(run_lighthouse(name, base, path))
            print(f"{name}: done", file=sys.stderr, flush=True)
    print(table(audits))
    missed = [audit for audit in audits if audit.problems()]
    for audit in missed:
        print(f"{audit.name} (/{audit.path}): {', '.join(audit.problems())}; "
              f"{'; '.join(f'{key}: {title}' for key, title in audit.failing.items())}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
