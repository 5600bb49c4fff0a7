"""The accessibility statement: built from [accessibility] in callboard.toml, in DIGG's order."""

import re

import html5lib

from tests.support.boards import BARE_BOARD_TOML, NOW, need_file

NS = "{http://www.w3.org/1999/xhtml}"
SWEDISH_HEADINGS = [
    "Tillgänglighet för Testtavlan",
    "Hur tillgänglig är webbplatsen?",
    "Vad kan du göra om du inte kan använda delar av webbplatsen?",
    "Rapportera brister i webbplatsens tillgänglighet",
    "Tillsyn",
    "Teknisk information om webbplatsens tillgänglighet",
    "Kända brister",
    "Hur vi testat webbplatsen",
]
ENGLISH_HEADINGS = [
    "Accessibility statement for Test board",
    "How accessible is this website?",
    "What to do if you cannot use parts of this website",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Known problems",
    "How we tested this website",
]


def build(cli, root, *extra):
    out = root.parent / f"{root.name}-site"
    result = cli("build", "--root", root, "--out", out, "--now", NOW, *extra)
    assert result.code == 0, result.err
    return out, result


def main_of(path):
    tree = html5lib.parse(path.read_text(encoding="utf-8"))
    return next(tree.iter(f"{NS}main"))


def headings(main):
    return [re.sub(r"\s+", " ", "".join(h.itertext())).strip()
            for h in main.iter() if h.tag in (f"{NS}h1", f"{NS}h2", f"{NS}h3")]


def text(main):
    return re.sub(r"\s+", " ", "".join(main.itertext()))


def test_swedish_statement_follows_diggs_model_and_every_footer_links_to_it(cli, fixture_board):
    out, _ = build(cli, fixture_board)
    main = main_of(out / "tillganglighet/index.html")
    assert headings(main) == SWEDISH_HEADINGS
    body = text(main)
    assert "Testnoden står bakom den här webbplatsen." in body
    assert "Webbplatsen är helt förenlig med lagen om tillgänglighet till digital offentlig service." in body
    assert "Vi har själva testat webbplatsen (självskattning)." in body
    assert "Den senaste bedömningen gjordes den 1 november 2026." in body
    hrefs = [a.get("href") for a in main.iter(f"{NS}a")]
    assert "https://www.digg.se/tdosanmalan" in hrefs
    assert "mailto:tillganglighet@testnoden.example.org" in hrefs
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        footer = page.read_text(encoding="utf-8").split('<footer class="site-footer"', 1)[1]
        assert '<a href="/tillganglighet/">Tillgänglighetsredogörelse</a>' in footer, page


def test_english_board_has_its_statement_at_accessibility(cli, fixture_board):
    config = fixture_board / "callboard.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('lang = "sv"', 'lang = "en"')
                      .replace('title = "Testtavlan"', 'title = "Test board"'), encoding="utf-8")
    out, _ = build(cli, fixture_board)
    assert not (out / "tillganglighet").exists()
    main = main_of(out / "accessibility/index.html")
    assert headings(main) == ENGLISH_HEADINGS
    assert "This website is fully compliant" in text(main)
    assert '<a href="/accessibility/">Accessibility statement</a>' in (out / "index.html").read_text(encoding="utf-8")


def test_missing_configuration_warns_in_check_and_still_builds_an_honest_page(cli, make_board):
    root = make_board({"content/needs/a.md": need_file()}, config=BARE_BOARD_TOML)
    checked = cli("check", "--root", root)
    assert checked.code == 0
    assert "callboard.toml: varning: [accessibility] saknas" in checked.err  # a Swedish board
    assert cli("check", "--root", root, "--strict").code == 1
    out, _ = build(cli, root)
    main = main_of(out / "tillganglighet/index.html")
    assert headings(main) == SWEDISH_HEADINGS
    body = text(main)
    assert "Vi har ännu inte bedömt hur tillgänglig webbplatsen är." in body
    assert "Webbplatsen har ännu inte bedömts." in body
    assert "Vi har ännu inte angett någon kontaktväg" in body
    assert "None" not in body and "{" not in body


def test_known_problems_and_exemptions_are_listed_and_escaped(cli, make_board):
    config = BARE_BOARD_TOML + (
        '[accessibility]\norganisation = "Region <b>Test</b>"\ncompliance = "partial"\n'
        'known_problems = ["Kartan saknar textalternativ.", "<script>alert(1)</script>"]\n'
        'disproportionate_burden = ["Gamla filmer saknar undertexter."]\n'
        'outside_scope = ["Dokument från före 2018."]\nreport_url = "https://region.example.se/fel"\n'
        'response_days = 1\nmethod = "external"\nassessor = "Granskarna AB"\nassessed = 2026-10-01\n'
        'updated = 2026-11-15\n')
    root = make_board({"content/needs/a.md": need_file(extra="apply: https://region.example.se/ansok")}, config=config)
    assert cli("check", "--root", root, "--strict").code == 0
    out, _ = build(cli, root)
    html = (out / "tillganglighet/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Region &lt;b&gt;Test&lt;/b&gt; står bakom" in html
    main = main_of(out / "tillganglighet/index.html")
    assert "Oskäligt betungande anpassning" in headings(main)
    assert "Innehåll som inte omfattas av lagen" in headings(main)
    body = text(main)
    for expected in ("Kartan saknar textalternativ.", "Gamla filmer saknar undertexter.", "Dokument från före 2018.",
                     "Webbplatsen är delvis förenlig", "Granskarna AB har granskat webbplatsen (oberoende granskning).",
                     "Vi svarar normalt inom 1 arbetsdag.", "Den senaste bedömningen gjordes den 1 oktober 2026.",
                     "Redogörelsen uppdaterades senast den 15 november 2026."):
        assert expected in body, expected
    assert "https://region.example.se/fel" in [a.get("href") for a in main.iter(f"{NS}a")]
