"""Lighthouse over the main page types, as a phone sees them: the shared part of
`bench/lighthouse.py` (the whole table) and `tests/browser/test_lighthouse.py` (the check).

Lighthouse 12 from package.json (`npm ci`), on Debian's Chromium, with its defaults: the mobile
form factor and simulated throttling (a slow 4G network and a 4x slower CPU, computed from one
unthrottled load, which keeps the performance score steady on a busy machine).
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from callboard.content.permalinks import shared_url, statistics_url
from callboard.site.assemble import Board

REPO = Path(__file__).resolve().parent.parent.parent
LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
NODE = ["node", "--preserve-symlinks", "--preserve-symlinks-main"]
"""Node as npm's bin link would start Lighthouse, finding its dependencies beside it even where
node_modules is a link to a shared folder."""
CHROMIUM = Path("/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CLS_LIMIT = 0.05
NOINDEX_PAGES = ("search",)
"""Page types that are rightly `noindex`: Lighthouse's SEO category counts that against them."""


@dataclass(frozen=True)
class Audit:
    """One page type's result: the four scores (0-100), the cumulative layout shift, and the
    audits that cost points (id: title), to say why a score is below 100."""

    name: str
    path: str
    scores: dict[str, int]
    cls: float
    failing: dict[str, str]

    def problems(self) -> list[str]:
        """What keeps this page from 100 everywhere and CLS under the limit ('' when nothing)."""
        wanted = [c for c in CATEGORIES if not (c == "seo" and self.name in NOINDEX_PAGES)]
        found = [f"{c} {self.scores[c]}" for c in wanted if self.scores[c] < 100]
        if self.cls >= CLS_LIMIT:
            found.append(f"CLS {self.cls:.3f}")
        return found


def lighthouse_pages(board: Board) -> list[tuple[str, str]]:
    """(name, path) of each page type the visitor's-side target names."""
    lang = board.config.lang
    need = next(n for n in board.needs if n.status.value == "open")
    case = next((c for c in board.cases if c.image), board.cases[0])
    category = max(board.categories, key=lambda term: (term.count, term.name))
    return [("front", ""), ("needs", "needs/"), ("need", need.url), ("testbeds", "testbeds/"),
            ("testbed", board.testbeds[0].url), ("cases", "cases/"), ("case", case.url),
            ("search", "sok/" if lang == "sv" else "search/"), ("category", f"categories/{category.slug}/"),
            ("statistics", statistics_url(lang)), ("shared", shared_url(lang)), ("innovators", "innovators/")]


def run_lighthouse(name: str, base: str, path: str, timeout: float = 120) -> Audit:
    """One Lighthouse run over `base + path` (a served site)."""
    env = dict(os.environ, CHROME_PATH=str(CHROMIUM))
    command = [*NODE, str(LIGHTHOUSE), base + path, "--output=json", "--output-path=stdout", "--quiet",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
               f"--only-categories={','.join(CATEGORIES)}"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, check=False)
    if run.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {path or '/'}: {run.stderr.strip()[-2000:]}")
    report = json.loads(run.stdout)
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    weighted = {ref["id"] for c in CATEGORIES for ref in report["categories"][c]["auditRefs"] if ref["weight"] > 0}
    failing = {audit_id: audit["title"] for audit_id, audit in report["audits"].items()
               if audit_id in weighted and audit["score"] is not None and audit["score"] < 1}
    cls = report["audits"]["cumulative-layout-shift"]["numericValue"]
    return Audit(name, path, scores, cls, failing)


def table(audits: list[Audit]) -> str:
    """The scores as a Markdown table, one row per page type."""
    lines = ["| page | performance | accessibility | best practices | SEO | CLS |", "|---|---|---|---|---|---|"]
    for audit in audits:
        seo = f"{audit.scores['seo']} (noindex)" if audit.name in NOINDEX_PAGES else str(audit.scores["seo"])
        lines.append(f"| {audit.name} | {audit.scores['performance']} | {audit.scores['accessibility']} | "
                     f"{audit.scores['best-practices']} | {seo} | {audit.cls:.3f} |")
    return "\n".join(lines)
