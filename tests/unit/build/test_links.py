"""The link checker: every internal link and asset must exist; external ones must be well formed."""

import time

import pytest

from callboard.core.diagnostics import Diagnostics
from callboard.build.links import Address, Origin, check_links, scan_html
from callboard.content.models import BodyLink
from tests.support.boards import NOW, need_file
from tests.support.messages import as_text

ADDRESS = Address("https://tavla.example.org/", "/")


def page(body: str, head: str = "") -> str:
    return f'<!DOCTYPE html><html><head>{head}</head><body><main id="main">{body}</main></body></html>'


def write_site(root, files):
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def problems(root, origins=None, address=ADDRESS):
    diagnostics = Diagnostics()
    check_links(root, origins or {}, address, diagnostics)
    return [as_text(d) for d in diagnostics.sorted()]


@pytest.fixture
def site(tmp_path):
    return write_site(tmp_path / "site", {
        "needs/a/index.html": page('<h2 id="sec">S</h2>'),
        "needs/index.html": page(""),
        "needs/smart-las/index.html": page(""),
        "img/a.png": "png",
        "style.css": "",
    })


@pytest.mark.parametrize("link", [
    '<a href="/needs/a/">', '<a href="/needs/a">', '<a href="/needs">', '<a href="needs/a/">', '<a href="#main">',
    '<a href="/needs/a/#sec">', '<a href="/needs/a/?x=1&amp;y=2">', '<img src="/img/a.png" alt="">',
    '<img srcset="/img/a.png 1x, img/a.png 2x" alt="">', '<link rel="stylesheet" href="/style.css?v=1">',
    '<a href="https://www.vaxjo.se/">', '<a href="mailto:a@b.se">', '<a href="tel:+46701234567">',
    '<link rel="canonical" href="https://tavla.example.org/needs/a/">', '<a href="/">', '<a href="">',
    '<a href="/needs/a/./../a/">', '<a href="//cdn.example.org/x.js">',
    '<!-- <a href="/commented-out/"> -->', '<script type="application/ld+json">{"u": "<a href=\\"/x/\\">"}</script>',
    '<p>see href="/not/a/link/" in text</p>', '<a title="a > b" href="/needs/a/">',
])
def test_links_that_lead_somewhere_pass(site, link):
    write_site(site, {"index.html": page(link)})
    assert problems(site) == []


@pytest.mark.parametrize("link,problem", [
    ('<a href="/needs/b/">', "'/needs/b/' on index.html leads nowhere: the site has no needs/b/"),
    ('<a href="/needs/smart-lass/">', "did you mean '/needs/smart-las/'?"),
    ('<img src="/img/missing.png" alt="">', "the site has no img/missing.png"),
    ('<script src="/assets/missing.js"></script>', "the site has no assets/missing.js"),
    ('<img srcset="/img/a.png 1x, /img/b.png 2x" alt="">', "'/img/b.png' on index.html leads nowhere"),
    ('<a href="#nope">', "leads to #nope, which is not an id on index.html"),
    ('<a href="/needs/a/#nope">', "leads to #nope, which is not an id on needs/a/index.html"),
    ('<link rel="canonical" href="https://tavla.example.org/needs/b/">', "the site has no needs/b/"),
    ('<a href="http//www.example.se/">', "looks like a web address: write it in full"),
    ('<a href="www.example.se">', "looks like a web address"),
    ('<a href="https://exa mple.se/">', "contains a space"),
    ('<a href="https://example.se:99999/">', "is malformed: its host name or port is not valid"),
    ('<a href="https://exa_mple.se/">', "is malformed: 'exa_mple.se' is not a valid host name"),
    ('<a href="mailto:anna">', "is malformed: 'anna' is not an e-mail address"),
    ('<a href="javascript:alert(1)">', "uses 'javascript:', which is not allowed on the site"),
    ('<a href="/needs\\a/">', "contains a backslash"),
])
def test_broken_and_malformed_links_are_errors(site, link, problem):
    write_site(site, {"index.html": page(link)})
    found = problems(site)
    assert len(found) == 1 and problem in found[0], found
    assert found[0].startswith("index.html: error: the link '")


def test_a_link_repeated_on_many_pages_is_reported_once_with_the_count(site):
    write_site(site, {f"p{n}/index.html": page('<a href="/saknas/">') for n in range(3)})
    origins = {f"p{n}/index.html": Origin("templates/base.html") for n in range(3)}
    assert problems(site, origins) == [
        "templates/base.html: error: the link '/saknas/' on p0/index.html and 2 other pages "
        "leads nowhere: the site has no saknas/"]


def test_a_body_link_is_reported_at_its_line_in_the_content_file(site):
    write_site(site, {"needs/c/index.html": page('<a href="/needs/b/">x</a> <a href="/needs/b/">y</a>')})
    origin = Origin("templates/need.html", "content/needs/c.md", (BodyLink("/needs/b/", 12), BodyLink("/needs/b/", 15)))
    assert problems(site, {"needs/c/index.html": origin}) == [
        "content/needs/c.md:12: error: the link '/needs/b/' leads nowhere: the site has no needs/b/",
        "content/needs/c.md:15: error: the link '/needs/b/' leads nowhere: the site has no needs/b/",
    ]


def test_under_a_sub_path_links_must_carry_it_and_links_beside_the_site_are_not_checked(tmp_path):
    root = write_site(tmp_path / "site", {
        "needs/a/index.html": page('<a href="../../">hem</a> <a href="/board/">hem</a> <a href="/annan-sajt/">x</a>'
                                   ' <a href="https://org.github.io/board/needs/a/">self</a>'),
        "index.html": page('<a href="/board/needs/b/">b</a>'),
    })
    found = problems(root, address=Address("https://org.github.io/board/", "/board/"))
    assert found == ["index.html: error: the link '/board/needs/b/' on index.html leads nowhere: the site has no needs/b/"]


def test_scan_reads_attributes_in_any_quoting_and_ignores_text():
    urls, ids = scan_html("<a href='/a/' id=x>1</a><A HREF=/b/>2</A><p>href=\"/c/\"</p><img src=\"/d.png\" alt='>'>"
                          "<!-- <a href=/e/> --><script>var a = '<a href=/f/>';</script><a name=top></a>")
    assert urls == ("/a/", "/b/", "/d.png")
    assert ids == {"x", "top"}


def test_a_markdown_link_to_a_need_that_does_not_exist_fails_the_build_at_its_line(cli, make_board, tmp_path):
    body = "Inledning.\n\nSe [det andra behovet](/needs/andra-behvet/) och [ute](https://www.vaxjo.se/).\n"
    root = make_board({"content/needs/forsta.md": need_file(body=body),
                       "content/needs/andra-behovet.md": need_file(title="Andra")})
    out = tmp_path / "out"
    result = cli("build", "--root", root, "--out", out, "--now", NOW)
    assert result.code == 1
    assert ("content/needs/forsta.md:12: fel: länken '/needs/andra-behvet/' leder ingenstans: webbplatsen har ingen "
            "sida needs/andra-behvet/. Menade du '/needs/andra-behovet/'?") in result.err  # a Swedish board
    assert not out.exists()
    (root / "content/needs/forsta.md").write_text(need_file(body=body.replace("behvet", "behovet")), encoding="utf-8")
    assert cli("build", "--root", root, "--out", out, "--now", NOW).code == 0


def test_a_broken_link_in_a_board_template_names_the_template(cli, fixture_board, tmp_path):
    (fixture_board / "templates").mkdir()
    (fixture_board / "templates/404.html").write_text(
        '{% extends "base.html" %}{% block main %}<a href="{{ url(\'hjalp/\') }}">Hjälp</a>{% endblock %}',
        encoding="utf-8")
    result = cli("build", "--root", fixture_board, "--out", tmp_path / "out", "--now", NOW)
    assert result.code == 1
    assert ("templates/404.html: fel: länken '/hjalp/' på 404.html leder ingenstans: webbplatsen har ingen sida hjalp/"
            in result.err)


def test_checking_a_thousand_pages_prints_its_speed(tmp_path):
    nav = "".join(f'<li><a href="/section-{n}/">S</a></li>' for n in range(20))
    files = {f"items/item-{n:04d}/index.html": page(nav + f'<a href="/items/item-{(n + 1) % 1000:04d}/">next</a>'
                                                    + "<p>text</p>" * 200) for n in range(1000)}
    files.update({f"section-{n}/index.html": page("") for n in range(20)})
    root = write_site(tmp_path / "site", files)
    started = time.perf_counter()
    diagnostics = Diagnostics()
    checked = check_links(root, {}, ADDRESS, diagnostics)
    elapsed = time.perf_counter() - started
    print(f"\nlink check: 1,020 pages, {checked} links in {elapsed:.2f} s")
    assert diagnostics.items == [] and checked == 21_000


class Store(dict):
    def get(self, key):
        return super().get(key)

    def put(self, key, value):
        self[key] = value


def test_pages_whose_bytes_did_not_change_are_not_read_again(site, monkeypatch):
    from callboard.build import links

    write_site(site, {"index.html": page('<a href="/needs/a/">a</a>')})
    digests = {path: f"hash-of-{path}" for path in ("index.html", "needs/a/index.html", "needs/index.html",
                                                     "needs/smart-las/index.html")}
    store = Store()
    assert problems_with_scans(site, links.LinkScans(store, digests)) == []
    original, read = links.scan_html, []
    monkeypatch.setattr(links, "scan_html", lambda text: read.append(text) or original(text))
    (site / "needs/a/index.html").unlink()  # the unchanged front page now links to a page that is gone
    del digests["needs/a/index.html"]
    found = problems_with_scans(site, links.LinkScans(store, digests))
    assert read == [] and found == ["index.html: error: the link '/needs/a/' on index.html leads nowhere: "
                                    "the site has no needs/a/"]
    (site / "index.html").write_text(page('<a href="/needs/">alla</a>'), encoding="utf-8")
    digests["index.html"] = "new-hash"
    assert problems_with_scans(site, links.LinkScans(store, digests)) == [] and len(read) == 1


def problems_with_scans(root, scans):
    diagnostics = Diagnostics()
    check_links(root, {}, ADDRESS, diagnostics, scans)
    return [as_text(d) for d in diagnostics.sorted()]


def test_an_incremental_build_finds_a_link_broken_by_deleting_the_page_it_points_to(cli, make_board, tmp_path):
    root = make_board({"content/needs/a.md": need_file(body="Se [behov b](/needs/b/)."),
                       "content/needs/b.md": need_file(title="B")})
    out = tmp_path / "out"
    assert cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search").code == 0
    assert cli("check", "--root", root, "--now", NOW).code == 0  # a check keeps the cached page scans
    (root / "content/needs/b.md").unlink()
    result = cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search")
    assert result.code == 1
    assert "content/needs/a.md:10: fel: länken '/needs/b/' leder ingenstans" in result.err
    assert (out / "needs/b/index.html").is_file(), "the failed build must leave the previous site"


def test_an_incremental_build_finds_a_link_broken_by_removing_the_heading_it_points_to(cli, make_board, tmp_path):
    """Only changed pages are checked when no file came or went, unless a changed page lost an
    id: then an unchanged page may link to it."""
    root = make_board({"content/needs/a.md": need_file(body="Se [bakgrunden](/needs/b/#bakgrund)."),
                       "content/needs/b.md": need_file(title="B", body="## Bakgrund\n\nText.\n")})
    out = tmp_path / "out"
    assert cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search").code == 0
    (root / "content/needs/b.md").write_text(need_file(title="B", body="## Bakgrund\n\nMer text.\n"), encoding="utf-8")
    edited = cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search", "-v")
    checked = int(next(line for line in edited.err.splitlines() if line.startswith("kontrollerade")).split()[1])
    assert edited.code == 0 and 0 < checked < 150  # the pages that show b, not the whole site
    (root / "content/needs/b.md").write_text(need_file(title="B", body="## Historik\n\nText.\n"), encoding="utf-8")
    result = cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search")
    assert result.code == 1
    assert "content/needs/a.md:10: fel: länken '/needs/b/#bakgrund' leder till #bakgrund" in result.err


def test_an_edit_that_breaks_a_link_is_found_when_only_changed_pages_are_checked(cli, make_board, tmp_path):
    root = make_board({"content/needs/a.md": need_file(body="Text."),
                       "content/needs/b.md": need_file(title="B")})
    out = tmp_path / "out"
    assert cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search").code == 0
    (root / "content/needs/a.md").write_text(need_file(body="Se [c](/needs/c/)."), encoding="utf-8")
    result = cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search")
    assert result.code == 1 and "content/needs/a.md:10: fel: länken '/needs/c/' leder ingenstans" in result.err
