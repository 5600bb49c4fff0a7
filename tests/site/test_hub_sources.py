"""A hub reads other boards: two boards that callboard built, served by real local servers, and
servers that fail in every way the issue names. Each failure gives its warning; none loses
another source's needs or breaks the build. Everything runs on 127.0.0.1 (no network)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import html5lib
import pytest

from callboard.build.pipeline import RunOptions, build, check
from callboard.content.markdown import sanitise
from callboard.content.models import Origin
from callboard.core.safeurls import url_scheme
from tests.support import hubs
from tests.support.boards import BOARD_TOML, FIXTURES, NOW, need_file
from tests.support.messages import english, swedish

TODAY = date.fromisoformat(NOW)
FAST = "\n[fetch]\ntimeout_seconds = 1\nmax_megabytes = 1\n"
"""Short enough that the slow servers fail quickly, long enough for 127.0.0.1 on a busy machine."""
VECTORS = [line for line in (FIXTURES / "attacks" / "vectors.txt").read_text(encoding="utf-8").split("\n")
           if line and not line.startswith("# ")]


@dataclass
class Boards:
    server: hubs.Server
    umea: str
    vaxjo: str
    www: Path


def write_board(root: Path, organisation: str, slugs: list[str]) -> Path:
    (root / "content/needs").mkdir(parents=True)
    (root / "callboard.toml").write_text(BOARD_TOML.replace("Testtavlan", f"{organisation}s tavla"), encoding="utf-8")
    for slug in slugs:
        extra = f"organisation: {organisation}\ndeadline: 2026-12-20\ncategories: [Energi]"
        (root / f"content/needs/{slug}.md").write_text(
            need_file(f"Behov {slug}", extra, body=f"Text om **{slug}** och [en länk](/needs/).\n"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def boards(tmp_path_factory) -> Boards:
    """Umeå's and Växjö's boards, built by callboard at the addresses they are served at."""
    www = tmp_path_factory.mktemp("www")
    server = hubs.start(hubs.Server())
    server.routes["/umea/"] = hubs.folder(www / "umea", "/umea/")
    server.routes["/vaxjo/"] = hubs.folder(www / "vaxjo", "/vaxjo/")
    for name, organisation, slugs in (("umea", "Umeå kommun", ["snoplogning", "gatlampor"]),
                                      ("vaxjo", "Växjö kommun", ["smarta-las"])):
        root = write_board(tmp_path_factory.mktemp(name) / "board", organisation, slugs)
        result = build(RunOptions(root=root, now=TODAY, search=False, base_url=f"{server.url}{name}/"), www / name)
        assert result.ok
    yield Boards(server, f"{server.url}umea/", f"{server.url}vaxjo/", www)
    server.httpd.shutdown()


def hub_config(*urls: str, fetch: str = "") -> str:
    entries = "".join(f'\n[[sources]]\nurl = "{url}"\n' for url in urls)
    return BOARD_TOML.replace("Testtavlan", "Navet") + FAST + fetch + entries


def check_hub(root: Path, now: date = TODAY, offline: bool = False):
    return check(RunOptions(root=root, now=now, offline=offline))


def warnings(result) -> list[str]:
    return [english(d) for d in result.diagnostics.items if d.path == "callboard.toml"]


def foreign_slugs(result) -> set[str]:
    return {item.slug for item in result.content.foreign}


def test_a_hub_reads_the_needs_of_two_boards_with_their_origin(boards, make_board):
    result = check_hub(make_board({}, hub_config(boards.umea, boards.vaxjo)))
    assert result.ok and warnings(result) == []
    assert foreign_slugs(result) == {"snoplogning", "gatlampor", "smarta-las"}
    need = next(item for item in result.content.foreign if item.slug == "smarta-las")
    assert need.organisation == "Växjö kommun" and need.deadline == date(2026, 12, 20)
    assert need.origin.board == "Växjö kommuns tavla" and need.origin.board_url == boards.vaxjo
    assert need.origin.url == f"{boards.vaxjo}needs/smarta-las/"
    assert "<strong>smarta-las</strong>" in need.body_html
    assert f'href="{boards.server.url}vaxjo/needs/"' in need.body_html


def test_an_unchanged_source_is_asked_conditionally_and_answers_304(boards, make_board):
    root = make_board({}, hub_config(boards.umea))
    check_hub(root)
    del boards.server.log[:]
    result = check_hub(root)
    assert foreign_slugs(result) == {"snoplogning", "gatlampor"}
    umea = [entry for entry in boards.server.log if entry[0].startswith("/umea/")]
    assert [status for _, status, _ in umea] == [304, 304] and all(asked for _, _, asked in umea)


def test_a_source_that_goes_away_builds_from_its_copy_until_it_is_stale(boards, make_board, tmp_path):
    server = hubs.start(hubs.Server())
    copy = tmp_path / "copy"
    shutil.copytree(boards.www / "umea", copy)
    server.routes["/umea/"] = hubs.folder(copy, "/umea/")
    url = f"{server.url}umea/"
    root = make_board({}, hub_config(url, boards.vaxjo).replace(FAST, FAST).replace(
        f'url = "{url}"\n', f'url = "{url}"\nstale_after_days = 3\n'))
    # board.json names the address it was built for; serve this copy's files at the same place
    for path in copy.rglob("*.json"):
        path.write_text(path.read_text(encoding="utf-8").replace(boards.umea, url), encoding="utf-8")
    assert foreign_slugs(check_hub(root)) == {"snoplogning", "gatlampor", "smarta-las"}
    server.routes["/umea/"] = hubs.fixed(b"oops", "text/plain", status=500)
    later = check_hub(root, TODAY + timedelta(days=2))
    assert foreign_slugs(later) == {"snoplogning", "gatlampor", "smarta-las"}
    assert any(url in w and "answered 500" in w and f"failing since {TODAY + timedelta(days=2)}" in w
               and f"copy of {TODAY}" in w for w in warnings(later)), warnings(later)
    stale = check_hub(root, TODAY + timedelta(days=4))
    assert foreign_slugs(stale) == {"smarta-las"}
    assert any(url in w and "more than stale_after_days (3)" in w for w in warnings(stale)), warnings(stale)
    assert any(f"källan {url}: har inte hämtats sedan {TODAY}, för 4 dagar sedan" in swedish(d)
               for d in stale.diagnostics.items)
    server.httpd.shutdown()


def test_offline_builds_from_the_cached_copies_and_says_so(boards, make_board):
    root = make_board({}, hub_config(boards.umea, boards.vaxjo))
    check_hub(root)
    del boards.server.log[:]
    result = check_hub(root, offline=True)
    assert foreign_slugs(result) == {"snoplogning", "gatlampor", "smarta-las"}
    assert boards.server.log == [] and [english(note) for note in result.notes] == [
        "offline: the 2 sources were not fetched; their cached copies are used"]


def test_offline_without_a_copy_adds_nothing_and_says_so(boards, make_board):
    result = check_hub(make_board({}, hub_config(boards.umea)), offline=True)
    assert result.ok and result.content.foreign == []
    assert any("no cached copy" in w for w in warnings(result))


def test_the_same_copies_and_the_same_now_build_the_same_bytes(boards, make_board, tmp_path):
    root = make_board({"content/needs/egen.md": need_file("Eget behov")}, hub_config(boards.umea, boards.vaxjo))
    sites = []
    for name, offline in (("first", False), ("second", True)):
        out = tmp_path / name
        assert build(RunOptions(root=root, now=TODAY, search=False, offline=offline, use_cache=True), out).ok
        sites.append({path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*") if path.is_file()})
    assert sites[0] == sites[1]


def board_json(url: str, organisations: list[str], **changes) -> dict:
    document = {"version": 1, "name": "Främmande tavla", "url": url, "lang": "sv", "hub": None,
                "organisations": organisations, "open_data_version": 1,
                "files": {name: f"{url}api/{name}.json" for name in ("needs", "testbeds", "cases", "statistics")}
                | {"needs_csv": f"{url}api/needs.csv", "ocds": None, "feed": f"{url}feed.xml"}}
    return {**document, **changes}


def need_record(board: str, slug: str, organisation: str = "Luleå kommun", **changes) -> dict:
    record = {"slug": slug, "url": f"{board}needs/{slug}/", "title": f"Behov {slug}", "summary": "Kort.", "lang": "sv",
              "categories": [], "tags": [], "organisation": organisation, "status": "open",
              "published": "2026-10-01", "deadline": "2026-12-31", "body_html": "<p>Text.</p>"}
    return {**record, **changes}


def needs_json(url: str, records: list[dict]) -> dict:
    return {"version": 1, "board": "Främmande tavla", "url": url, "lang": "sv", "needs": records}


def serve_foreign(server: hubs.Server, name: str, board: dict | bytes, needs: dict | bytes) -> str:
    url = f"{server.url}{name}/"
    server.routes[f"/{name}/api/board.json"] = hubs.fixed(board)
    server.routes[f"/{name}/api/needs.json"] = hubs.fixed(needs)
    return url


@pytest.fixture(scope="module")
def faulty():
    server = hubs.start(hubs.Server())
    yield server
    server.httpd.shutdown()


def elsewhere(url: str) -> dict:
    document = board_json(url, [])
    document["files"]["needs"] = "https://evil.example/needs.json"
    return document


FAULTS = {
    "timeout": (lambda url: {"/timeout/": hubs.wait(2.5)}, "did not answer within 1 s"),
    "slow": (lambda url: {"/slow/": hubs.trickle(0.5, 12)}, "took longer than 4 s in all"),
    "error": (lambda url: {"/error/": hubs.fixed(b"{}", status=500)}, "answered 500"),
    "loop": (lambda url: {"/loop/": hubs.redirect_to(f"{url}loop/api/board.json")}, "redirects more than 5 times"),
    "huge": (lambda url: {"/huge/": hubs.endless(50)}, "is larger than 1 MB"),
    "garbage": (lambda url: {"/garbage/": hubs.fixed(b"{\"version\": 1, ")}, "is not valid JSON"),
    "html": (lambda url: {"/html/": hubs.fixed(b"<html></html>", "text/html")}, "sent text/html, not JSON"),
    "gone": (lambda url: {}, "answered 404"),
    "future": (lambda url: {"/future/api/board.json": hubs.fixed(board_json(f"{url}future/", [], version=2))},
               "board.json has version 2, which this callboard does not read (it reads 1)"),
    "elsewhere": (lambda url: {"/elsewhere/api/board.json": hubs.fixed(elsewhere(f"{url}elsewhere/"))},
                  "board.json puts its needs file on another host"),
    "impostor": (lambda url: {"/impostor/api/board.json": hubs.fixed(board_json("https://tavla.umea.example.se/", []))},
                 "board.json says the board is at https://tavla.umea.example.se/, which is not where it was fetched"),
    "hidden": (lambda url: {"/hidden/api/board.json": hubs.fixed(board_json(f"{url}hidden/", [], name="Umeå\u202e"))},
               "a text in board.json contains an invisible text-direction character"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_faulty_source_warns_and_loses_no_other_sources_needs(boards, faulty, make_board, fault):
    routes, expected = FAULTS[fault]
    faulty.routes.update(routes(faulty.url))
    url = f"{faulty.url}{fault}/"
    result = check_hub(make_board({}, hub_config(boards.umea, url, boards.vaxjo)))
    assert result.ok
    assert foreign_slugs(result) == {"snoplogning", "gatlampor", "smarta-las"}
    assert any(url in w and expected in w and "no earlier copy" in w for w in warnings(result)), warnings(result)


def test_an_item_that_claims_another_organisation_is_refused_and_the_rest_kept(faulty, make_board):
    url = f"{faulty.url}claims/"
    serve_foreign(faulty, "claims", board_json(url, ["Luleå kommun"]),
                  needs_json(url, [need_record(url, "egen"), need_record(url, "lanad", "Umeå kommun")]))
    result = check_hub(make_board({}, hub_config(url)))
    assert foreign_slugs(result) == {"egen"}
    assert any("item 'lanad' in needs.json is left out: it claims the organisation Umeå kommun" in w
               for w in warnings(result)), warnings(result)
    allowed = check_hub(make_board({}, hub_config(url).replace(
        f'url = "{url}"\n', f'url = "{url}"\norganisations = ["Umeå kommun"]\n'), name="allowed"))
    assert foreign_slugs(allowed) == {"egen", "lanad"}


def test_malformed_items_are_warnings_naming_source_and_item(faulty, make_board):
    url = f"{faulty.url}malformed/"
    records = [need_record(url, "bra"), need_record(url, "utan-datum", published="igår"),
               need_record(url, "fel-dag", deadline="2026-02-31"), need_record(url, "Stora-Bokstaver"),
               need_record(url, "lang", title="x" * 301), need_record(url, "annan-vard", url="https://evil.example/x/"),
               need_record(url, "styrtecken", summary="a\u202eb"), need_record(url, "bra"), "inte ett objekt",
               need_record(url, "ansok", apply="javascript:alert(1)")]
    serve_foreign(faulty, "malformed", board_json(url, ["Luleå kommun"]), needs_json(url, records))
    result = check_hub(make_board({}, hub_config(url)))
    assert result.ok and foreign_slugs(result) == {"bra"}
    said = warnings(result)
    for name in ("'utan-datum'", "'fel-dag'", "'Stora-Bokstaver'", "'lang'", "'annan-vard'", "'styrtecken'",
                 "number 9", "'ansok'"):
        assert any(url in w and f"item {name} in needs.json is left out" in w for w in said), (name, said)
    assert any("'bra' in needs.json is left out: its slug is used twice" in w for w in said)


def test_more_items_than_the_cap_are_cut_with_a_warning(faulty, make_board):
    url = f"{faulty.url}many/"
    serve_foreign(faulty, "many", board_json(url, ["Luleå kommun"]),
                  needs_json(url, [need_record(url, f"behov-{n}") for n in range(12)]))
    result = check_hub(make_board({}, hub_config(url, fetch="max_items = 10\n")))
    assert len(result.content.foreign) == 10
    assert any("needs.json holds 12 items; only the first 10 are read" in w for w in warnings(result))


def test_attack_vectors_in_every_field_reach_no_item_as_markup(faulty, make_board):
    url = f"{faulty.url}attacks/"
    records = []
    for number, vector in enumerate(VECTORS):
        text = vector[:300]
        records.append(need_record(url, f"attack-{number}", title=text, summary=text, budget=text,
                                   categories=[text], tags=[text], body_html=vector,
                                   apply=vector if vector.startswith("http") else None))
    serve_foreign(faulty, "attacks", board_json(url, ["Luleå kommun"]), needs_json(url, records))
    result = check_hub(make_board({}, hub_config(url)))
    assert result.ok and len(result.content.foreign) > len(VECTORS) // 2
    for item in result.content.foreign:
        assert item.body_html == sanitise(item.body_html)
        for element in html5lib.parseFragment(item.body_html, namespaceHTMLElements=False).iter():
            assert element.tag not in ("script", "style", "iframe", "object", "embed", "svg"), item.body_html
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), item.body_html
                assert name not in ("href", "src") or url_scheme(value) in ("", "http", "https", "mailto", "tel")
        assert item.apply is None or item.apply.startswith(("http://", "https://"))


def test_gzip_answers_are_read_and_an_etag_makes_the_next_request_a_304(faulty, make_board):
    url = f"{faulty.url}zipped/"
    faulty.routes["/zipped/api/board.json"] = hubs.tagged(board_json(url, ["Luleå kommun"]), '"b1"', gzipped=True)
    faulty.routes["/zipped/api/needs.json"] = hubs.tagged(needs_json(url, [need_record(url, "packad")]), '"n1"',
                                                          gzipped=True)
    root = make_board({}, hub_config(url))
    assert foreign_slugs(check_hub(root)) == {"packad"}
    del faulty.log[:]
    assert foreign_slugs(check_hub(root)) == {"packad"}
    assert [(path, status, asked) for path, status, asked in faulty.log if path.startswith("/zipped/")] == [
        ("/zipped/api/board.json", 304, '"b1"'), ("/zipped/api/needs.json", 304, '"n1"')]


def test_a_small_gzip_that_unpacks_past_the_limit_is_refused(boards, faulty, make_board):
    faulty.routes["/bomb/"] = hubs.gzip_bomb(8)
    url = f"{faulty.url}bomb/"
    result = check_hub(make_board({}, hub_config(url, boards.vaxjo)))
    assert result.ok and foreign_slugs(result) == {"smarta-las"}
    assert any(url in w and "is larger than 1 MB" in w for w in warnings(result)), warnings(result)


def test_a_hub_builds_from_inside_a_running_event_loop(boards, make_board):
    """Playwright's sync API, a notebook: the caller's thread may already run an event loop."""
    import asyncio
    import threading

    root = make_board({}, hub_config(boards.vaxjo))
    found = {}

    async def inside():
        found["result"] = check_hub(root)

    # a thread of its own, so that the loop is this test's whatever the rest of the session runs
    worker = threading.Thread(target=asyncio.run, args=(inside(),))
    worker.start()
    worker.join()
    assert foreign_slugs(found["result"]) == {"smarta-las"}


def test_an_item_the_source_gathered_itself_keeps_its_publishers_origin_and_its_shared_fields(faulty, make_board):
    """A source that is a hub passes on what it gathered with `origin`: the reader keeps that
    origin (the real publisher), not the source's, and checks its addresses like any other."""
    url, umea = f"{faulty.url}chain/", f"{faulty.url}umea-direct/"
    original = {"board": "Umeå kommuns tavla", "board_url": umea, "url": f"{umea}needs/x/"}
    stranger = {"board": "Stockholms stad", "board_url": "https://stockholm.example.se/",
                "url": "https://evil.example/phish/"}
    records = [need_record(url, "kedja", origin=original, organisations=["Luleå kommun", "Piteå kommun"],
                           same_as=["https://annan.example.se/needs/y/"]),
               need_record(url, "fel-ursprung", origin={**original, "url": "javascript:alert(1)"}),
               need_record(url, "okand", origin=stranger),
               need_record(url, "utanfor", origin={**original, "url": "https://evil.example/needs/x/"}),
               need_record(url, "egen", body_html='<h2 id="contact_heading">Om</h2><p><a href="bilaga/">a</a> '
                                                    '<a href="#om">b</a> <a href="/needs/">c</a></p>')]
    serve_foreign(faulty, "chain", board_json(url, ["Luleå kommun"]), needs_json(url, records))
    result = check_hub(make_board({}, hub_config(url, umea)))
    assert foreign_slugs(result) == {"kedja", "okand", "utanfor", "egen"}
    chained, unknown, outside, own = result.content.foreign
    assert (chained.origin.board, chained.origin.board_url, chained.origin.url) == tuple(original.values())
    # a board the hub does not read, or a page outside the board it names: shown as the source's own
    for relayed in (unknown, outside):
        assert relayed.origin == Origin(board="Främmande tavla", board_url=url, url=f"{url}needs/{relayed.slug}/")
    assert chained.shared_with == ("Piteå kommun",) and chained.same_as == ("https://annan.example.se/needs/y/",)
    assert own.origin.url == f"{url}needs/egen/" and own.origin.board == "Främmande tavla"
    # on the hub's page every link of the body leads to the source, and no heading takes the page's ids
    assert own.body_html == (f'<h2>Om</h2><p><a href="{url}needs/egen/bilaga/" rel="noopener noreferrer">a</a> '
                             f'<a href="{url}needs/egen/#om" rel="noopener noreferrer">b</a> '
                             f'<a href="{faulty.url}needs/" rel="noopener noreferrer">c</a></p>')
    assert any("item 'fel-ursprung' in needs.json is left out" in w for w in warnings(result)), warnings(result)
