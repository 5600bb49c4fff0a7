"""Helpers for the browser tests: which pages to visit, and the checks run on each of them.

Every check returns a list of problems as readable lines (empty when the page passes), so a
test can sweep a whole site in one go and fail once with everything it found.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from callboard.site.assemble import Board
from callboard.content.models import Status
from callboard.content.permalinks import matches_url, shared_url, statement_url, statistics_url

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENS = REPO / "test-artifacts" / "screens"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (1280, 375)
REFLOW_WIDTH = 320
"""1280 CSS px at 400 % zoom (WCAG 1.4.10)."""
SEARCH_PATHS = ("sok/", "search/")
"""A search page, when the board has one: it joins the sweep without a change here."""


def require(path: Path, how_to_install: str) -> Path:
    """A tool the tests need: skipped on a laptop without it, a failure in CI."""
    if path.exists():
        return path
    message = f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path} is missing: {how_to_install}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {message}")
    pytest.skip(message)


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    """Relative to the site root: 'needs/smart-las/' or '404.html'."""


def page_types(board: Board, site: Path, extra: tuple[PageType, ...] = ()) -> list[PageType]:
    """One page of every kind the board has: lists, a need in each status, item pages, terms."""
    pages = [PageType("front", ""), PageType("needs", "needs/")]
    if (site / "needs/page/2/index.html").is_file():
        pages.append(PageType("needs-page-2", "needs/page/2/"))
    for status in Status:
        need = next((n for n in board.needs if n.status is status), None)
        if need:
            pages.append(PageType(f"need-{status.value}", need.url))
    other_language = next((n for n in board.needs if n.lang != board.config.lang), None)
    if other_language and other_language.url not in [p.path for p in pages]:
        pages.append(PageType("need-other-language", other_language.url))
    with_documents = next((n for n in board.needs if n.documents), None)
    if with_documents and with_documents.url not in [p.path for p in pages]:
        pages.append(PageType("need-documents", with_documents.url))
    shared = next((n for n in board.needs if n.slug in board.sharing), None)
    if shared and shared.url not in [p.path for p in pages]:
        pages.append(PageType("need-shared", shared.url))
    pages += list(extra)
    pages.append(PageType("testbeds", "testbeds/"))
    if board.testbeds:
        pages.append(PageType("testbed", board.testbeds[0].url))
    if board.innovators:
        pages.append(PageType("innovators", "innovators/"))
        profile = next((i for i in board.innovators if i.logo), board.innovators[0])
        pages.append(PageType("innovator", profile.url))
        pages.append(PageType("matches", matches_url(board.config.lang)))
        matched = next((n for n in board.needs if board.matches.for_need(n).innovators), None)
        if matched is not None and matched.url not in [p.path for p in pages]:
            pages.append(PageType("need-matches", matched.url))
    pages.append(PageType("cases", "cases/"))
    if board.cases:
        case = next((c for c in board.cases if c.image), board.cases[0])
        pages.append(PageType("case", case.url))
        gallery = next((c for c in board.cases if c.images), None)
        if gallery is not None and gallery.url != case.url:
            pages.append(PageType("case-gallery", gallery.url))
    for section, terms in (("categories", board.categories), ("organisations", board.organisations),
                           ("tags", board.tags)):
        pages.append(PageType(section, f"{section}/"))
        if terms:
            term = max(terms, key=lambda term: (term.count, term.name))
            pages.append(PageType(f"{section}-term", f"{section}/{term.slug}/"))
    pages.append(PageType("statistics", statistics_url(board.config.lang)))
    pages.append(PageType("shared", shared_url(board.config.lang)))
    pages.append(PageType("statement", statement_url(board.config.lang)))
    pages += [PageType("search", path) for path in SEARCH_PATHS if (site / path / "index.html").is_file()]
    pages.append(PageType("404", "404.html"))
    return pages


# --- axe-core -------------------------------------------------------------------------------

COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The axe rules whose outcome depends on the colour scheme."""


def run_axe(page, axe_url: str, where: str, rules: list[str] | None = None) -> list[str]:
    """axe-core's WCAG 2.1 A and AA rules (or just `rules`) on the page as it is now, one line per
    failing element. axe comes from a URL rather than inline so that Chromium caches it compiled."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=axe_url)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    result = page.evaluate("runOnly => axe.run(document, {runOnly, resultTypes: ['violations']})", run_only)
    problems = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            problems.append(f"{where}: {violation['id']} ({violation['impact']}) at {' '.join(node['target'])}: "
                            f"{summary[:300]}")
    return problems


# --- Colour ---------------------------------------------------------------------------------

COLOUR_JS = r"""
window.__colour = (() => {
  const probe = document.createElement('canvas').getContext('2d');
  function rgba(text) {
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) {
      probe.fillStyle = '#000'; probe.fillStyle = text;
      const hex = probe.fillStyle;
      if (hex[0] === '#') return [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16)).concat([1]);
      return rgba(hex);
    }
    const parts = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  }
  function luminance([r, g, b]) {
    const lin = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }
  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }
  function background(element) {
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0.5) return colour;
    }
    return rgba(getComputedStyle(document.documentElement).backgroundColor || 'white');
  }
  function backdrop(element, x, y) {
    /* What is painted at (x, y) behind the focus ring: the nearest element there that is
       not the focused element itself. */
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return null;
    const under = document.elementsFromPoint(x, y).find(e => e !== element && !element.contains(e));
    return under ? background(under) : null;
  }
  return {rgba, contrast, background, backdrop};
})();

window.__focusRing = element => {
  const c = window.__colour;
  const style = getComputedStyle(element);
  const width = parseFloat(style.outlineWidth) || 0;
  const hasOutline = style.outlineStyle !== 'none' && width >= 2;
  const hasShadow = style.boxShadow && style.boxShadow !== 'none';
  let ratio = null;
  if (hasOutline) {
    const ring = c.rgba(style.outlineColor);
    const rect = element.getBoundingClientRect();
    const out = (parseFloat(style.outlineOffset) || 0) + width / 2;
    const points = [[rect.left - out, rect.top + rect.height / 2], [rect.right + out, rect.top + rect.height / 2],
                    [rect.left + rect.width / 2, rect.top - out], [rect.left + rect.width / 2, rect.bottom + out]];
    const behind = points.map(([x, y]) => c.backdrop(element, x, y)).filter(Boolean);
    if (!behind.length) behind.push(c.background(element.parentElement || element));
    ratio = Math.min(...behind.map(colour => c.contrast(ring, colour)));
  }
  return {hasOutline, hasShadow, ratio, outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`};
};
"""


def text_contrast(page, selector: str) -> list[tuple[str, float]]:
    """Contrast of each matching element's text colour against what is behind it."""
    page.add_script_tag(content=COLOUR_JS)
    return page.eval_on_selector_all(selector, """elements => elements.map(e => {
        const c = window.__colour;
        return [e.textContent.trim(), c.contrast(c.rgba(getComputedStyle(e).color), c.background(e))];
    })""")


# --- Keyboard -------------------------------------------------------------------------------

MARK_FOCUSABLE_JS = r"""
() => {
  const selector = 'a[href], area[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), '
                 + 'select:not([disabled]), textarea:not([disabled]), summary, iframe, '
                 + '[tabindex]:not([tabindex="-1"]), [contenteditable=""], [contenteditable="true"]';
  const found = [...document.querySelectorAll(selector)].filter(e => {
    const style = getComputedStyle(e);
    return e.getClientRects().length > 0 && style.visibility !== 'hidden' && !e.closest('[inert]');
  });
  found.forEach((e, i) => e.setAttribute('data-kb', String(i)));
  return found.map(e => e.outerHTML.slice(0, 120));
}
"""


RECORD_FOCUS_JS = r"""
() => {
  window.__focusLog = [];
  document.addEventListener('focusin', event => {
    const e = event.target;
    e.scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});  // measure it where it shows
    window.__focusLog.push({index: e.hasAttribute('data-kb') ? Number(e.dataset.kb) : -1,
                            ring: window.__focusRing(e), html: e.outerHTML.slice(0, 100)});
  });
}
"""


def walk_keyboard(page, where: str) -> list[str]:
    """Tab from the top of the page through every interactive element and round to the start.

    Problems: the skip link is not first, it does not move focus to <main>, an element is never
    reached, a focused element shows no ring or one under 3:1 against its backdrop, or Tab never
    comes back to the start (a trap)."""
    url = page.url
    page.wait_for_load_state("networkidle")  # the search page adds results and filters when its index has loaded
    problems = check_skip_link(page, where)
    page.goto(url)  # not reload(): the skip link left #main_content in the address, and Tab would start there
    page.wait_for_load_state("networkidle")
    page.add_script_tag(content=COLOUR_JS)
    focusable = page.evaluate(MARK_FOCUSABLE_JS)
    page.evaluate(RECORD_FOCUS_JS)
    presses = len(focusable) + 10
    for _ in range(presses):
        page.keyboard.press("Tab")
    log = page.evaluate("window.__focusLog")
    start_again = next((i for i, entry in enumerate(log) if i and entry["index"] == 0), None)
    if start_again is None:
        problems.append(f"{where}: Tab never comes back to the start after {presses} presses (focus trap)")
    one_round = log[:start_again]
    for entry in one_round:
        ring = entry["ring"]
        if not (ring["hasOutline"] or ring["hasShadow"]):
            problems.append(f"{where}: no visible focus ring on {entry['html']} ({ring['outline']})")
        elif ring["ratio"] is not None and ring["ratio"] < 3:
            problems.append(f"{where}: focus ring {ring['outline']} has contrast {ring['ratio']:.2f}:1 (< 3:1) "
                            f"on {entry['html']}")
    missing = sorted(set(range(len(focusable))) - {entry["index"] for entry in one_round})
    problems += [f"{where}: Tab never reaches {focusable[i]}" for i in missing]
    return problems


def check_skip_link(page, where: str) -> list[str]:
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.className")
    if first != "skip-link":
        return [f"{where}: the first Tab lands on '{first}', not on the skip link"]
    problems = []
    box = page.evaluate("(() => { const r = document.activeElement.getBoundingClientRect();"
                        " return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.width > 0; })()")
    if not box:
        problems.append(f"{where}: the focused skip link is not visible in the viewport")
    page.keyboard.press("Enter")
    if page.evaluate("document.activeElement.id") != "main_content":
        problems.append(f"{where}: the skip link does not move focus to <main id=main_content>")
    elif not page.evaluate("(() => { const top = document.activeElement.getBoundingClientRect().top;"
                           " return top > -2 && top < innerHeight; })()"):
        problems.append(f"{where}: after the skip link, the start of <main> is out of sight")
    page.keyboard.press("Tab")
    if not page.evaluate("(() => { const main = document.getElementById('main_content');"
                         " return main.contains(document.activeElement) || Boolean(main.compareDocumentPosition("
                         "document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING); })()"):
        problems.append(f"{where}: after the skip link, Tab goes back before the main content")
    return problems


# --- Layout ---------------------------------------------------------------------------------

def horizontal_overflow(page, where: str) -> list[str]:
    """Content wider than the viewport: the page would scroll sideways (WCAG 1.4.10)."""
    widths = page.evaluate("""() => ({page: document.documentElement.scrollWidth, view: innerWidth,
        widest: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))})""")
    if widths["page"] <= widths["view"]:
        return []
    return [f"{where}: page is {widths['page']} px wide at {widths['view']} px; too wide: {widths['widest']}"]


def screenshot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)


# --- The boards the browser tests visit ---------------------------------------------------------

GENERATED_NEEDS = 52
"""More than one page of needs (50 a page), so the paginated list is visited too."""

RICH_NEED = """\
---
title: Ett behov med allt som en text kan innehålla
organisation: Region Testland
summary: Rubriker, listor, en tabell, en bild, ett citat, kod och långa ord.
published: 2026-11-01
deadline: 2026-12-20
procurement: innovation-partnership
budget: 2 000 000 SEK
categories: [Energi, Vård och omsorg]
tags: [sensorer, energieffektiviseringsåtgärdsprogrammet]
testbeds: [solrosen]
contact:
  name: Kim Långnamnsdotter-Efternamnsson
  email: kim.langnamnsdotter-efternamnsson@region-testland.example.se
  phone: 010-123 45 67
---
## Bakgrund

Läs [upphandlingsplanen](https://www.example.org/upphandling) eller [alla behov](/needs/). Ett långt ord:
energieffektiviseringsåtgärdsprogrammetsuppföljningsrapport.

### Krav

- Batteritid på minst fem år
- Fungerar utan nätverk

1. Först ett test
2. Sedan en upphandling

| Krav | Nivå | Kommentar |
|:---|---:|:---:|
| Batteritid | 5 år | Mäts i testbädden |
| Räckvidd | 30 m | Inomhus |

Energianvändningen i dag, en tabell bredare än en telefon:

| Månad | januari | februari | mars | april | maj | juni | juli | augusti | september | oktober | november | december |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| Energi (kWh) | 1 200 | 1 150 | 1 010 | 870 | 640 | 420 | 380 | 410 | 620 | 850 | 1 020 | 1 180 |

![Diagram över energianvändningen per månad](/images/tallrik.svg)

> Vi vill hellre ha en enkel lösning som fungerar än en avancerad som ingen använder.

Kör `callboard check` före varje ändring:

```
callboard check --root . --strict --format github  # en lång rad som inte får spräcka sidan i mobilen
```

Adress: [https://www.example.org/upphandling/2026/behov/en-mycket-lang-adress-som-maste-brytas](https://www.example.org/upphandling/2026/behov/en-mycket-lang-adress-som-maste-brytas)
"""


def write_test_board(root: Path, fixture: Path, lang: str) -> None:
    """The fixture board (a need in every status, a testbed, a case with an image) plus a need
    with every kind of body markup and enough needs for a second page, in the given UI language."""
    shutil.copytree(fixture, root)
    generated = root / "content" / "needs" / "genererade"
    generated.mkdir()
    for number in range(1, GENERATED_NEEDS + 1):
        deadline = f"2026-12-{number % 28 + 1:02d}" if number % 3 else f"2026-10-{number % 28 + 1:02d}"
        generated.joinpath(f"behov-{number:02d}.md").write_text(
            f"---\ntitle: Behov nummer {number}\norganisation: Kommun {number % 4 + 1}\n"
            f"summary: Ett genererat behov som fyller ut listan.\npublished: 2026-09-01\ndeadline: {deadline}\n"
            f"categories: [Genererade]\ncontact:\n  name: Test Testsson\n  email: test@example.se\n---\nText.\n",
            encoding="utf-8")
    root.joinpath("content/needs/rik-text.md").write_text(RICH_NEED, encoding="utf-8")
    if lang == "en":
        config = root / "callboard.toml"
        config.write_text(config.read_text(encoding="utf-8").replace('lang = "sv"', 'lang = "en"')
                          .replace('title = "Testtavlan"', 'title = "Test board"'), encoding="utf-8")
        for item in (root / "content").rglob("*.md"):
            text = item.read_text(encoding="utf-8")
            if "\nlang:" not in text.split("\n---", 1)[0]:
                item.write_text(text.replace("---\n", "---\nlang: sv\n", 1), encoding="utf-8")


RICH_PAGE = PageType("need-rich-text", "needs/rik-text/")
