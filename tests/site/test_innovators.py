"""Innovators on a whole board: their pages, search, sitemap, open data and JSON-LD; a hidden
contact reaching no file of the site; `callboard new innovator`; and the staff's matches page."""

from __future__ import annotations

import gzip
import json
import re
from datetime import date

import pytest

from callboard.build.pipeline import RunOptions, build
from callboard.content.load import RESERVED_SLUGS
from callboard.content.models import Kind
from tests.support.boards import BOARD_TOML, NOW, innovator_file, need_file
from tests.support.rebuilds import assert_same_as_clean
from tests.support.rebuilds import build as build_quietly

HIDDEN = ("Dolda Kontakten", "dold.kontakt@example.org", "070-999 88 77", "0709998877")
SHOWN = "visad.kontakt@example.org"
TESTBED = ("---\ntitle: Energilabbet\nhost: Växjö kommun\nsummary: Ett labb.\nlocation: Växjö\n"
           "categories: [Energi]\ncontact:\n  name: Bo Ek\n  email: bo@example.org\n---\nText.\n")


def board_files() -> dict[str, str]:
    shown = innovator_file("Synliga AB", "show_contact: true\ncategories: [Skola]").replace(
        "dold.kontakt@example.org", SHOWN).replace("Dolda Kontakten", "Visad Kontakt").replace("070-999 88 77", "")
    return {
        "content/needs/effekt.md": need_file("Effekttoppar", "categories: [Energi, Fastigheter]\n"
                                             "procurement: innovation-partnership\ndeadline: 2027-01-15"),
        "content/needs/ensam.md": need_file("Ett ensamt behov", "categories: [Kultur]\ndeadline: 2027-01-15"),
        "content/testbeds/energilabbet.md": TESTBED,
        "content/innovators/solvind.md": innovator_file(
            "Solvind AB", "categories: [Energi, Fastigheter]\nlooking_for: [pilot, testbed]\ntrl: 6\n"
                          "location: Växjö\nwebsite: https://solvind.example.org\nfounded: 2019"),
        "content/innovators/synliga.md": shown,
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Built with the search index and with `[open_data] contacts = true`: even where the board
    publishes contacts, a profile's own choice keeps its contact out."""
    root = tmp_path_factory.mktemp("innovators") / "board"
    files = {"callboard.toml": BOARD_TOML + "\n[open_data]\ncontacts = true\n", **board_files()}
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    out = root.parent / "site"
    result = build(RunOptions(root=root, now=date.fromisoformat(NOW)), out)
    assert result.ok, [d.as_text() for d in result.diagnostics.errors]
    assert result.search.state == "built", result.search
    return out


def every_file(site) -> dict[str, bytes]:
    """Every file's bytes, gzip-compressed ones (the search index's fragments) decompressed."""
    found = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        found[path.relative_to(site).as_posix()] = data
    return found


def test_a_hidden_contact_is_in_no_file_of_the_site(site):
    files = every_file(site)
    assert any(name.startswith("pagefind/") for name in files)
    assert b"Solvind" in b"".join(data for name, data in files.items() if name.startswith("pagefind/"))
    for needle in HIDDEN:
        assert [name for name, data in files.items() if needle.encode() in data] == [], needle


def test_a_shown_contact_is_on_the_page_and_in_the_open_data(site):
    assert SHOWN in (site / "innovators/synliga/index.html").read_text(encoding="utf-8")
    records = {r["slug"]: r for r in json.loads((site / "api/innovators.json").read_text(encoding="utf-8"))["innovators"]}
    assert records["synliga"]["contact"]["email"] == SHOWN
    assert "contact" not in records["solvind"]
    assert records["solvind"]["trl"] == 6 and records["solvind"]["looking_for"] == ["pilot", "testbed"]
    assert records["solvind"]["matching_needs"] == ["effekt"]


def test_the_profile_explains_its_readiness_and_its_matches(site):
    page = (site / "innovators/solvind/index.html").read_text(encoding="utf-8")
    assert "Nivå 6 av 9: visad i en miljö som liknar den verkliga" in page
    assert "Matchar på: Energi, Fastigheter, söker pilotkund" in page
    assert 'href="https://solvind.example.org"' in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])
    [company] = [node for node in ld["@graph"] if node["@type"] == "Organization"]
    assert company["name"] == "Solvind AB" and "contactPoint" not in company


def test_a_need_shows_what_fits_it_and_the_testbed_its_seekers(site):
    need = (site / "needs/effekt/index.html").read_text(encoding="utf-8")
    assert "Matchar på: Energi, Fastigheter, söker pilotkund" in need
    assert 'href="/innovators/solvind/"' in need
    testbed = (site / "testbeds/energilabbet/index.html").read_text(encoding="utf-8")
    assert "Matchar på: Energi, söker testbädd, finns i Växjö" in testbed


def test_the_matches_page_is_in_the_footer_and_sitemap_not_the_menu(site):
    page = (site / "matchningar/index.html").read_text(encoding="utf-8")
    assert "<table>" in page and "<caption" in page
    unmatched = page[page.index('id="unmatched_heading"'):]
    assert "Ett ensamt behov" in unmatched and "Effekttoppar" not in unmatched
    home = (site / "index.html").read_text(encoding="utf-8")
    menu = home[home.index("<nav"):home.index("</nav>")]
    footer = home[home.index("<footer"):]
    assert 'href="/innovators/"' in menu and "matchningar/" not in menu
    assert 'href="/matchningar/"' in footer
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://tavla.example.org/matchningar/" in sitemap
    assert "https://tavla.example.org/innovators/solvind/" in sitemap


def test_the_list_has_the_filters_and_every_card_their_values(site):
    page = (site / "innovators/index.html").read_text(encoding="utf-8")
    for name in ("category", "level", "wants", "region"):
        assert f'name="{name}"' in page
    assert 'data-categories="energi fastigheter" data-level="6" data-wants="pilot testbed" data-region="vaxjo"' in page
    assert re.search(r'src="/assets/query\.[0-9a-f]{8}\.js"', page)
    assert re.search(r'src="/assets/innovators-filter\.[0-9a-f]{8}\.js"', page)


def test_every_generated_path_in_the_innovators_section_is_an_item_or_reserved(site):
    for path in (site / "innovators").iterdir():
        if path.name != "index.html":
            assert path.name.split(".")[0] in {"solvind", "synliga"} | RESERVED_SLUGS[Kind.INNOVATOR], path


def test_callboard_new_innovator_writes_a_profile_that_checks_once_filled_in(cli, make_board):
    """`check` names each example text `new` leaves until the editor replaces it."""
    root = make_board({})
    result = cli("new", "innovator", "Nya Företaget AB", "--root", root, "--now", NOW)
    assert result.code == 0, result.err
    path = root / "content/innovators/nya-foretaget-ab.md"
    text = path.read_text(encoding="utf-8")
    assert "# show_contact: true" in text and "## Det här erbjuder vi" in text
    checked = cli("check", "--root", root, "--now", NOW)
    assert checked.code == 1 and "content/innovators/nya-foretaget-ab.md:" in checked.err
    path.write_text(innovator_file("Nya Företaget AB"), encoding="utf-8")
    assert cli("check", "--root", root, "--now", NOW).code == 0


def test_the_first_innovator_and_the_last_change_every_page_in_an_incremental_build(cli, fixture_board, tmp_path):
    """Every page's menu and footer link the innovators and the matches once there is one."""
    out = tmp_path / "out"
    build_quietly(cli, fixture_board, out)
    profile = fixture_board / "content/innovators/solvind.md"
    profile.parent.mkdir()
    profile.write_text(innovator_file(extra="categories: [Energi]"), encoding="utf-8")
    build_quietly(cli, fixture_board, out)
    assert 'href="/innovators/"' in (out / "cases/index.html").read_text(encoding="utf-8")
    assert_same_as_clean(cli, fixture_board, out, tmp_path / "with")
    profile.unlink()
    build_quietly(cli, fixture_board, out)
    assert "/innovators/" not in (out / "cases/index.html").read_text(encoding="utf-8")
    assert_same_as_clean(cli, fixture_board, out, tmp_path / "without")


def test_a_board_without_innovators_has_no_innovator_pages(cli, make_board, tmp_path):
    root = make_board({"content/needs/effekt.md": need_file("Effekttoppar", "categories: [Energi]")})
    out = tmp_path / "out"
    assert cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search").code == 0
    assert not (out / "innovators").exists() and not (out / "matchningar").exists()
    assert "matchningar" not in (out / "index.html").read_text(encoding="utf-8")
