"""What search engines and sharing previews read: JSON-LD, OpenGraph, sitemap.xml and robots.txt."""

import json
import re
import xml.etree.ElementTree as ElementTree

from callboard.site.structured import script_json
from tests.support.boards import NOW, need_file

BASE = "https://tavla.example.org/"
LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def graph(site, path):
    blocks = LD_RE.findall((site / path).read_text(encoding="utf-8"))
    assert len(blocks) == 1, path
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


def test_a_need_is_a_demand_sought_by_its_organisation(built_site):
    nodes = graph(built_site, "needs/smart-las/index.html")
    demand = nodes["Demand"]
    assert demand["name"] == "Smarta lås i hemtjänsten" and demand["url"] == BASE + "needs/smart-las/"
    assert demand["validFrom"] == "2026-10-01" and demand["validThrough"] == "2026-12-03"
    organisation = nodes["Organization"]
    assert organisation["name"] == "Växjö kommun" and organisation["seeks"] == {"@id": demand["@id"]}


def test_a_testbed_is_an_offer_at_a_place(built_site):
    offer = graph(built_site, "testbeds/solrosen/index.html")["Offer"]
    assert offer["offeredBy"]["name"] == "Växjö kommun"
    assert offer["availableAtOrFrom"] == {"@type": "Place", "name": "Växjö"}
    assert offer["validFrom"] == "2026-01-01"


def test_a_case_is_an_article_about_a_project(built_site):
    article = graph(built_site, "cases/matsvinn-halverat/index.html")["Article"]
    assert article["headline"] == "Matsvinnet halverades" and article["datePublished"] == "2026-09-30"
    assert article["about"]["@type"] == "Project" and article["about"]["name"] == "Mindre matsvinn i skolan"
    assert [m["name"] for m in article["about"]["member"]] == ["Svinnfri AB", "Matdata AB"]


def test_every_page_has_a_breadcrumb_list(built_site):
    for path in sorted(built_site.rglob("*.html")):
        if "pagefind" in path.parts:
            continue
        trail = graph(built_site, path.relative_to(built_site))["BreadcrumbList"]["itemListElement"]
        assert [item["position"] for item in trail] == list(range(1, len(trail) + 1)), path
    trail = graph(built_site, "needs/smart-las/index.html")["BreadcrumbList"]["itemListElement"]
    assert [(i["name"], i["item"]) for i in trail] == [
        ("Testtavlan", BASE), ("Behov", BASE + "needs/"), ("Smarta lås i hemtjänsten", BASE + "needs/smart-las/")]


def test_a_title_cannot_break_out_of_the_json_ld_script(cli, make_board, tmp_path):
    title = "</script><script>alert(1)</script> & <!--"
    root = make_board({"content/needs/a.md": need_file(title=f"'{title}'")})
    out = tmp_path / "out"
    assert cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search").code == 0
    html = (out / "needs/a/index.html").read_text(encoding="utf-8")
    block = LD_RE.search(html).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["@graph"][0]["name"] == title
    assert "<script>alert(1)" not in html


def test_script_json_escapes_markup_characters():
    assert script_json({"a": "</script>&"}) == '{"a":"\\u003c/script\\u003e\\u0026"}'


def test_sharing_meta(built_site):
    html = (built_site / "cases/matsvinn-halverat/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Matsvinnet halverades">' in html
    assert f'<meta property="og:url" content="{BASE}cases/matsvinn-halverat/">' in html
    assert f'<meta property="og:image" content="{BASE}images/tallrik.svg">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    english = (built_site / "needs/english-call/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:locale" content="en_GB">' in english


def public_pages(site):
    """Every HTML page a visitor may land on from a search engine: all but 404 and the search page."""
    urls = set()
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        if relative in ("404.html", "sok/index.html") or relative.startswith("pagefind/"):
            continue
        urls.add(BASE + relative.removesuffix("index.html"))
    return urls


def test_sitemap_lists_exactly_the_public_pages_with_lastmod(built_site):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.parse(built_site / "sitemap.xml").getroot()
    entries = {url.findtext("s:loc", namespaces=namespace): url.findtext("s:lastmod", namespaces=namespace)
               for url in root.findall("s:url", namespace)}
    assert set(entries) == public_pages(built_site)
    assert entries[BASE + "needs/smart-las/"] == "2026-10-01"
    assert entries[BASE + "needs/vattenlackor/"] == "2026-11-28"
    assert entries[BASE] == "2026-11-28"
    assert "noindex" in (built_site / "sok/index.html").read_text(encoding="utf-8")


def test_drafts_stay_out_of_the_sitemap(cli, fixture_board, tmp_path):
    out = tmp_path / "preview"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW, "--drafts", "--no-search").code == 0
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "needs/smart-las/" in sitemap and "needs/utkast/" not in sitemap and "needs/framtida/" not in sitemap


def test_robots_txt_points_to_the_sitemap(built_site):
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots and "User-agent: *" in robots
