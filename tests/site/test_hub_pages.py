"""A hub shows its sources' items everywhere, and says where they come from.

Three boards that callboard built are served by a real local server: Umeå's, Växjö's, and a
regional hub that itself gathers Umeå's needs. The hub under test reads all three and has a
need of its own. Its lists, status views, taxonomy pages, search index, feeds, calendars and
open data hold every need once, each gathered one with its provenance and `rel=canonical` to
the page of the board that published it; needs declared the same across boards form one group.
Everything runs on 127.0.0.1 (no network).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import html5lib
import jsonschema
import pytest

from callboard.build.pipeline import RunOptions, build
from callboard.content.contract import items_schema
from tests.site.test_hub_sources import FAST, TODAY, VECTORS, board_json, need_record, needs_json, serve_foreign
from tests.support import hubs
from tests.support.boards import BOARD_TOML, need_file
from tests.support.messages import english
from tests.support.site_checks import problems_in_site

HUB = "https://tavla.example.org/"
TITLES = ("Behov snoplogning", "Behov gatlampor", "Behov smarta-las", "Behov regional-plan", "Eget behov")


@dataclass
class Network:
    server: hubs.Server
    umea: str
    vaxjo: str
    region: str
    hub: Path
    site: Path
    result: object


def write_board(root: Path, title: str, organisation: str, needs: dict[str, str], sources: tuple[str, ...] = ()) -> Path:
    """A board called `title` whose needs (slug -> extra front matter) are `organisation`'s."""
    (root / "content/needs").mkdir(parents=True)
    entries = "".join(f'\n[[sources]]\nurl = "{url}"\n' for url in sources)
    (root / "callboard.toml").write_text(BOARD_TOML.replace("Testtavlan", title) + (FAST if sources else "") + entries,
                                         encoding="utf-8")
    for slug, extra in needs.items():
        front = f"organisation: {organisation}\ndeadline: 2026-12-20\ncategories: [Energi]\ntags: [Vinter]\n{extra}"
        (root / f"content/needs/{slug}.md").write_text(need_file(f"Behov {slug}", front, body=f"Om {slug}.\n"),
                                                       encoding="utf-8")
    return root


def serve_built(server: hubs.Server, www: Path, root: Path, name: str) -> str:
    url = f"{server.url}{name}/"
    server.routes[f"/{name}/"] = hubs.folder(www / name, f"/{name}/")
    result = build(RunOptions(root=root, now=TODAY, search=False, base_url=url), www / name)
    assert result.ok and not result.diagnostics.items, [english(d) for d in result.diagnostics.items]
    return url


@pytest.fixture(scope="module")
def network(tmp_path_factory) -> Network:
    base = tmp_path_factory.mktemp("network")
    www = base / "www"
    server = hubs.start(hubs.Server())
    umea_url, vaxjo_url = f"{server.url}umea/", f"{server.url}vaxjo/"
    umea = serve_built(server, www, write_board(base / "umea", "Umeå kommuns tavla", "Umeå kommun",
                                                {"snoplogning": "", "gatlampor": ""}), "umea")
    vaxjo = serve_built(server, www, write_board(
        base / "vaxjo", "Växjö kommuns tavla", "Växjö kommun",
        {"smarta-las": f"same_as: [\"{umea_url}needs/snoplogning/\"]"}), "vaxjo")
    region = serve_built(server, www, write_board(base / "region", "Regionens nav", "Region Västerbotten",
                                                  {"regional-plan": ""}, sources=(umea,)), "region")
    assert (umea, vaxjo) == (umea_url, vaxjo_url)
    hub = write_board(base / "hub", "Navet", "Navet", {}, sources=(umea, vaxjo, region))
    own = f"organisation: Region Kronoberg\ncategories: [Energi]\nsame_as: [\"{vaxjo}needs/smarta-las/\"]"
    (hub / "content/needs/egen.md").write_text(need_file("Eget behov", own), encoding="utf-8")
    site = base / "hub-site"
    result = build(RunOptions(root=hub, now=TODAY, search=True), site)
    assert result.ok, [english(d) for d in result.diagnostics.items]
    yield Network(server, umea, vaxjo, region, hub, site, result)
    server.httpd.shutdown()


def page(site: Path, path: str):
    return html5lib.parse((site / path / "index.html").read_bytes(), treebuilder="etree", namespaceHTMLElements=False)


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def card_titles(site: Path, path: str) -> list[str]:
    return [text(h) for h in page(site, path).iterfind(".//ul/li[@class='card card--need']/*[@class='card__title']")]


def test_the_hub_builds_without_a_warning(network):
    assert [english(d) for d in network.result.diagnostics.items] == []


def test_every_need_is_in_the_lists_status_view_and_taxonomy_pages_once(network):
    for path in ("needs", "needs/open", "categories/energi"):
        assert sorted(card_titles(network.site, path)) == sorted(TITLES), path
    assert sorted(card_titles(network.site, "tags/vinter")) == sorted(set(TITLES) - {"Eget behov"})
    assert card_titles(network.site, "organisations/umea-kommun") == ["Behov gatlampor", "Behov snoplogning"]
    assert card_titles(network.site, "organisations/region-vasterbotten") == ["Behov regional-plan"]


def test_a_card_says_which_board_a_gathered_need_comes_from(network):
    cards = {text(card.find("*[@class='card__title']")): text(card.find(".//p[@class='card__org']"))
             for card in page(network.site, "needs").iterfind(".//ul/li[@class='card card--need']")}
    assert cards["Behov smarta-las"] == "Växjö kommun · från Växjö kommuns tavla"
    assert cards["Behov snoplogning"] == "Umeå kommun · från Umeå kommuns tavla"
    assert cards["Behov regional-plan"] == "Region Västerbotten · från Regionens nav"
    assert cards["Eget behov"] == "Region Kronoberg"


def test_a_gathered_need_has_its_own_page_with_provenance_and_canonical(network):
    assert (network.site / "needs/127-0-0-1-vaxjo--smarta-las/index.html").is_file()
    tree = page(network.site, "needs/127-0-0-1-vaxjo--smarta-las")
    original = f"{network.vaxjo}needs/smarta-las/"
    assert [link.get("href") for link in tree.iterfind(".//link[@rel='canonical']")] == [original]
    (line,) = tree.iterfind(".//p[@class='item__origin']")
    assert text(line) == "Publicerat av Växjö kommun på Växjö kommuns tavla. Se sidan på Växjö kommuns tavla"
    assert line.find("a").get("href") == original
    assert tree.find(".//p[@class='contact']") is None  # the hub has no contact of theirs to show
    graph = json.loads(tree.find(".//script[@type='application/ld+json']").text)["@graph"]
    demand = next(node for node in graph if node["@type"] == "Demand")
    assert demand["isBasedOn"] == original
    assert demand["publisher"] == {"@type": "Organization", "name": "Växjö kommuns tavla", "url": network.vaxjo}
    assert ('<meta property="og:url" content="' + original + '">').encode() in (
        network.site / "needs/127-0-0-1-vaxjo--smarta-las/index.html").read_bytes()


def test_a_local_need_keeps_its_own_canonical_and_no_provenance(network):
    tree = page(network.site, "needs/egen")
    assert [link.get("href") for link in tree.iterfind(".//link[@rel='canonical']")] == [HUB + "needs/egen/"]
    assert tree.find(".//p[@class='item__origin']") is None and tree.find(".//p[@class='contact']") is not None


def test_a_need_reached_twice_is_shown_once_and_names_the_board_that_published_it(network):
    """Umeå's needs come straight from Umeå and through the regional hub, which gathered them:
    one page each, whose provenance is Umeå's board, never the region's."""
    folders = sorted(p.name for p in (network.site / "needs").iterdir() if "--" in p.name)
    assert folders == ["127-0-0-1-region--regional-plan", "127-0-0-1-umea--gatlampor", "127-0-0-1-umea--snoplogning",
                       "127-0-0-1-vaxjo--smarta-las"]
    tree = page(network.site, "needs/127-0-0-1-umea--snoplogning")
    assert text(tree.find(".//p[@class='item__origin']")).startswith("Publicerat av Umeå kommun på Umeå kommuns tavla.")


def test_the_regional_hub_passes_on_the_origin_rather_than_wrapping_it(network):
    """What the region publishes for Umeå's need names Umeå's board and page, so that the next hub
    knows the real publisher (and the same need, reached both ways, is one)."""
    region = json.loads((network.site.parent / "www/region/api/needs.json").read_text(encoding="utf-8"))
    record = next(r for r in region["needs"] if r["title"] == "Behov snoplogning")
    assert record["url"] == f"{network.region}needs/127-0-0-1-umea--snoplogning/"
    assert record["origin"] == {"board": "Umeå kommuns tavla", "board_url": network.umea,
                                "url": f"{network.umea}needs/snoplogning/"}


def test_gathered_pages_are_left_out_of_the_sitemap(network):
    sitemap = (network.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{HUB}needs/egen/</loc>" in sitemap and "--" not in sitemap


def search_files(site: Path) -> bytes:
    return b"".join(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
                    for data in (p.read_bytes() for p in sorted((site / "pagefind").rglob("*")) if p.is_file()))


def test_the_search_index_holds_the_gathered_needs(network):
    index = search_files(network.site)
    for slug in ("127-0-0-1-umea--snoplogning", "127-0-0-1-vaxjo--smarta-las", "127-0-0-1-region--regional-plan"):
        assert f"/needs/{slug}/".encode() in index, slug
    assert "Om smarta-las.".encode() in index


def test_the_feed_carries_each_gathered_need_with_its_source(network):
    import feedparser

    feed = feedparser.parse((network.site / "feed.xml").read_bytes())
    entries = {entry.title: entry for entry in feed.entries}
    assert sorted(entries) == sorted(TITLES)
    smart = entries["Behov smarta-las"]
    assert smart.link == HUB + "needs/127-0-0-1-vaxjo--smarta-las/"
    assert smart.source.title == "Växjö kommuns tavla" and smart.source.link == network.vaxjo
    assert "Publicerat av Växjö kommun på Växjö kommuns tavla." in smart.summary
    assert f"{network.vaxjo}needs/smarta-las/" in smart.summary
    assert "source" not in entries["Eget behov"]


def test_the_calendar_has_an_event_for_each_gathered_need_with_its_provenance(network):
    from icalendar import Calendar

    calendar = Calendar.from_ical((network.site / "deadlines.ics").read_bytes())
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT") if "VALARM" not in str(event.name)}
    smart = next(event for summary, event in events.items() if "Behov smarta-las" in summary)
    assert "Publicerat av Växjö kommun på Växjö kommuns tavla." in str(smart["DESCRIPTION"])
    assert f"{network.vaxjo}needs/smarta-las/" in str(smart["DESCRIPTION"])
    assert sum("Behov snoplogning" in summary for summary in events) == 1


def test_needs_json_marks_gathered_records_with_their_origin_and_keeps_the_contract(network):
    document = json.loads((network.site / "api/needs.json").read_text(encoding="utf-8"))
    records = {record["title"]: record for record in document["needs"]}
    assert sorted(records) == sorted(TITLES)
    validator = jsonschema.Draft202012Validator({**items_schema(), "$ref": "#/$defs/need"})
    for record in records.values():
        assert list(validator.iter_errors(record)) == [], record["title"]
    assert records["Behov smarta-las"]["origin"] == {"board": "Växjö kommuns tavla", "board_url": network.vaxjo,
                                                     "url": f"{network.vaxjo}needs/smarta-las/"}
    assert records["Behov smarta-las"]["url"] == HUB + "needs/127-0-0-1-vaxjo--smarta-las/"
    assert "origin" not in records["Eget behov"]


def test_the_csv_of_a_hub_names_the_board_and_the_original(network):
    rows = list(csv.reader(io.StringIO((network.site / "api/needs.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    head, body = rows[0], {row[0]: row for row in rows[1:]}
    assert head[-2:] == ["Källa", "Länk till originalet"]
    assert body["Behov gatlampor"][-2:] == ["Umeå kommuns tavla", f"{network.umea}needs/gatlampor/"]
    assert body["Eget behov"][-2:] == ["", ""]


def test_the_ocds_release_of_a_gathered_need_names_the_publishing_board(network):
    package = json.loads((network.site / "api/ocds.json").read_text(encoding="utf-8"))
    releases = {release["tender"]["title"]: release for release in package["releases"]}
    assert sorted(releases) == sorted(TITLES)
    assert releases["Behov gatlampor"]["origin"] == {"board": "Umeå kommuns tavla", "board_url": network.umea,
                                                     "url": f"{network.umea}needs/gatlampor/"}
    assert "origin" not in releases["Eget behov"]


def test_needs_declared_the_same_across_boards_form_one_group(network):
    """The hub's own need is the same as Växjö's, which is the same as Umeå's: one group of
    three organisations, each page listing the others' calls with their deadlines."""
    records = {r["title"]: r for r in json.loads((network.site / "api/needs.json").read_text(encoding="utf-8"))["needs"]}
    own = records["Eget behov"]
    assert own["organisations_count"] == 3
    assert sorted(own["same_as"]) == [f"{network.umea}needs/snoplogning/", f"{network.vaxjo}needs/smarta-las/"]
    assert records["Behov snoplogning"]["organisations_count"] == 3
    assert records["Behov gatlampor"]["organisations_count"] == 1
    calls = page(network.site, "needs/egen").find(".//ul[@class='sharing__calls']")
    listed = [text(item) for item in calls.iterfind("li")]
    assert len(listed) == 2 and all("20 december 2026" in line for line in listed), listed
    assert {a.get("href") for a in calls.iterfind(".//a")} == {
        "/needs/127-0-0-1-vaxjo--smarta-las/", "/needs/127-0-0-1-umea--snoplogning/"}
    shared = page(network.site, "gemensamma-behov")
    assert "Eget behov" in text(shared.find(".//main"))


def test_the_same_fetched_data_and_now_build_the_same_pages(network, tmp_path):
    """Built again from the cached copies, offline: every page and file the same, byte for byte."""
    again = tmp_path / "again"
    assert build(RunOptions(root=network.hub, now=TODAY, search=True, offline=True), again).ok
    first = {p.relative_to(network.site).as_posix(): p.read_bytes() for p in network.site.rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A hub reading a source whose every text is an attack vector, its board's name included."""
    server = hubs.start(hubs.Server())
    url = f"{server.url}hostile/"
    organisation = '<img src=x onerror=alert("org")>'
    records = []
    for number, vector in enumerate(VECTORS):
        short = vector[:300]
        records.append(need_record(url, f"attack-{number}", organisation, title=short, summary=short, budget=short,
                                   categories=[short], tags=[short], body_html=vector,
                                   apply=vector if vector.startswith("http") else None))
    name = '</script><script>alert("board")</script> & "tavla"'
    serve_foreign(server, "hostile", board_json(url, [organisation], name=name), needs_json(url, records))
    root = tmp_path_factory.mktemp("hostile") / "hub"
    (root / "content/needs").mkdir(parents=True)
    (root / "callboard.toml").write_text(BOARD_TOML + FAST + f'\n[[sources]]\nurl = "{url}"\n', encoding="utf-8")
    site = root.parent / "site"
    result = build(RunOptions(root=root, now=TODAY, search=False), site, verify_links=False)
    server.httpd.shutdown()
    assert result.ok
    return site, name


def test_a_hostile_source_reaches_no_page_feed_or_calendar_as_markup(hostile_site):
    site, _ = hostile_site
    pages = [p for p in (site / "needs").iterdir() if "--attack-" in p.name]
    assert len(pages) > len(VECTORS) // 2
    assert problems_in_site(site) == []


def test_hostile_titles_and_the_board_name_reach_the_page_as_text(hostile_site):
    site, name = hostile_site
    for folder in (p for p in (site / "needs").iterdir() if "--attack-" in p.name):
        tree = page(site, f"needs/{folder.name}")
        number = int(folder.name.rsplit("-", 1)[1])
        assert text(tree.find(".//h1")) == " ".join(VECTORS[number][:300].split())
        assert text(tree.find(".//p[@class='item__origin']")).endswith(f"Se sidan på {' '.join(name.split())}")
        ld = tree.find(".//script[@type='application/ld+json']").text
        assert "</script" not in ld.lower() and json.loads(ld)["@graph"][0]["publisher"]["name"] == name
    assert re.search(rb"<script>alert", b"".join(p.read_bytes() for p in site.rglob("*.html"))) is None


def test_gathered_testbeds_and_case_stories_get_pages_with_provenance_too(tmp_path):
    server = hubs.start(hubs.Server())
    url = f"{server.url}lulea/"
    common = {"lang": "sv", "categories": ["Energi"], "tags": [], "body_html": "<p>Text.</p>"}
    testbed = {"slug": "labbet", "url": f"{url}testbeds/labbet/", "title": "Labbet", "summary": "Ett labb.",
               "host": "Luleå tekniska universitet", **common}
    case = {"slug": "klart", "url": f"{url}cases/klart/", "title": "Klart", "summary": "Det gick.",
            "organisation": "Luleå kommun", "completed": "2026-06-01", **common}
    server.routes["/lulea/api/board.json"] = hubs.fixed(board_json(url, ["Luleå kommun"]))
    server.routes["/lulea/api/needs.json"] = hubs.fixed(needs_json(url, []))
    for section, record in (("testbeds", testbed), ("cases", case)):
        server.routes[f"/lulea/api/{section}.json"] = hubs.fixed(
            {"version": 1, "board": "Främmande tavla", "url": url, "lang": "sv", section: [record]})
    root = tmp_path / "hub"
    (root / "content/needs").mkdir(parents=True)
    (root / "callboard.toml").write_text(
        BOARD_TOML + FAST + f'\n[[sources]]\nurl = "{url}"\ntake = ["needs", "testbeds", "cases"]\n', encoding="utf-8")
    result = build(RunOptions(root=root, now=TODAY, search=False), tmp_path / "site")
    server.httpd.shutdown()
    assert result.ok, [english(d) for d in result.diagnostics.items]
    site = tmp_path / "site"
    for path, original, who in (("testbeds/127-0-0-1-lulea--labbet", testbed["url"], "Luleå tekniska universitet"),
                                ("cases/127-0-0-1-lulea--klart", case["url"], "Luleå kommun")):
        tree = page(site, path)
        assert [link.get("href") for link in tree.iterfind(".//link[@rel='canonical']")] == [original]
        assert text(tree.find(".//p[@class='item__origin']")).startswith(f"Publicerat av {who} på Främmande tavla.")
        assert tree.find(".//p[@class='contact']") is None
    cards = text(page(site, "categories/energi").find(".//main"))
    assert "· från Främmande tavla" in cards and "Labbet" in cards and "Klart" in cards
    records = json.loads((site / "api/testbeds.json").read_text(encoding="utf-8"))["testbeds"]
    assert records[0]["origin"]["url"] == testbed["url"]


def test_a_changed_source_changes_the_hubs_pages_and_files_in_an_incremental_build(tmp_path):
    """The page, the cards and the files made from a gathered need are kept in the build cache
    under what they are made from: a new title or a renamed board must make them again."""
    server = hubs.start(hubs.Server())
    url = f"{server.url}pitea/"
    serve_foreign(server, "pitea", board_json(url, ["Luleå kommun"]), needs_json(url, [need_record(url, "las")]))
    root = tmp_path / "hub"
    (root / "content/needs").mkdir(parents=True)
    (root / "content/needs/egen.md").write_text(need_file("Eget behov"), encoding="utf-8")
    (root / "callboard.toml").write_text(BOARD_TOML + FAST + f'\n[[sources]]\nurl = "{url}"\n', encoding="utf-8")
    site = tmp_path / "site"
    assert build(RunOptions(root=root, now=TODAY, search=False, use_cache=True), site).ok
    serve_foreign(server, "pitea", board_json(url, ["Luleå kommun"], name="Piteås nya tavla"),
                  needs_json(url, [need_record(url, "las")]))
    assert build(RunOptions(root=root, now=TODAY, search=False, use_cache=True), site).ok
    for path in ("needs/127-0-0-1-pitea--las/index.html", "needs/index.html", "api/needs.json", "api/ocds.json"):
        assert "Piteås nya tavla" in (site / path).read_text(encoding="utf-8"), path
    serve_foreign(server, "pitea", board_json(url, ["Luleå kommun"], name="Piteås nya tavla"),
                  needs_json(url, [need_record(url, "las", title="Nytt namn")]))
    assert build(RunOptions(root=root, now=TODAY, search=False, use_cache=True), site).ok
    server.httpd.shutdown()
    tree = page(site, "needs/127-0-0-1-pitea--las")
    assert text(tree.find(".//h1")) == "Nytt namn"
    assert text(tree.find(".//p[@class='item__origin']")).startswith("Publicerat av Luleå kommun på Piteås nya tavla.")
    assert "Nytt namn" in card_titles(site, "needs")
    for path in ("feed.xml", "deadlines.ics", "api/needs.json", "api/ocds.json"):
        data = (site / path).read_text(encoding="utf-8")
        assert "Nytt namn" in data and "Behov las" not in data, path


def test_a_gathered_bodys_pictures_are_links_to_them_for_the_hub_loads_nothing_from_elsewhere(tmp_path):
    server = hubs.start(hubs.Server())
    url = f"{server.url}pitea/"
    body = ('<p>Karta: <img src="../../images/karta.png" alt="Karta över området"></p>'
            '<p><img src="https://bilder.example.se/plog.jpg"> <img src="data:image/png;base64,AAAA" alt="Punkt"></p>')
    serve_foreign(server, "pitea", board_json(url, ["Luleå kommun"]),
                  needs_json(url, [need_record(url, "plogning", body_html=body)]))
    root = tmp_path / "hub"
    (root / "content/needs").mkdir(parents=True)
    (root / "callboard.toml").write_text(BOARD_TOML + FAST + f'\n[[sources]]\nurl = "{url}"\n', encoding="utf-8")
    result = build(RunOptions(root=root, now=TODAY, search=False), tmp_path / "site")
    server.httpd.shutdown()
    assert result.ok, [english(d) for d in result.diagnostics.items]
    prose = page(tmp_path / "site", "needs/127-0-0-1-pitea--plogning").find(".//div[@class='prose']")
    assert prose.findall(".//img") == []
    links = {text(link): link.get("href") for link in prose.iterfind(".//a")}
    assert links == {"Karta över området": f"{url}images/karta.png",
                     "plog.jpg": "https://bilder.example.se/plog.jpg"}
    assert "Punkt" in text(prose)
