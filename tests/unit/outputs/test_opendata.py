"""Open data: the JSON files with every item, and the needs as a spreadsheet for Excel."""

import csv
import io
import json

import pytest

from callboard.outputs.opendata import neutralise
from tests.support.boards import BOARD_TOML, NOW, need_file


def load(site, path):
    return json.loads((site / path).read_text(encoding="utf-8"))


def test_needs_json_has_every_published_need_in_slug_order(built_site):
    data = load(built_site, "api/needs.json")
    assert data["version"] == 1 and data["url"] == "https://tavla.example.org/"
    assert [n["slug"] for n in data["needs"]] == sorted(
        ["avbruten", "energi", "english-call", "skolmaltider", "smart-las", "snorojning", "vattenlackor"])


def test_a_need_record_carries_metadata_status_url_and_body(built_site):
    need = next(n for n in load(built_site, "api/needs.json")["needs"] if n["slug"] == "smart-las")
    assert need["url"] == "https://tavla.example.org/needs/smart-las/"
    assert need["status"] == "open" and need["deadline"] == "2026-12-03" and need["opens"] is None
    assert need["organisation"] == "Växjö kommun" and need["procurement"] == "innovation-partnership"
    assert need["categories"] == ["Vård och omsorg", "Digitalisering"] and need["testbeds"] == ["solrosen"]
    assert "<strong>400 nycklar</strong>" in need["body_html"]
    assert "contact" not in need


def test_testbeds_and_cases_json(built_site):
    testbed = load(built_site, "api/testbeds.json")["testbeds"][0]
    assert testbed["slug"] == "solrosen" and testbed["host"] == "Växjö kommun" and testbed["needs"] == ["smart-las"]
    assert "contact" not in testbed
    case = load(built_site, "api/cases.json")["cases"][0]
    assert case["need"] == "skolmaltider" and case["partners"] == ["Svinnfri AB", "Matdata AB"]
    assert case["image"] == "https://tavla.example.org/images/tallrik.svg"


def test_contacts_are_published_only_when_the_board_opts_in(cli, fixture_board, tmp_path):
    toml = fixture_board / "callboard.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n[open_data]\ncontacts = true\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW, "--no-search").code == 0
    need = next(n for n in load(out, "api/needs.json")["needs"] if n["slug"] == "smart-las")
    assert need["contact"] == {"name": "Anna Andersson", "email": "anna.andersson@vaxjo.example.se",
                               "phone": "0701234567"}


def read_csv(path):
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    text = data[3:].decode("utf-8")
    assert not text.startswith("sep=")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_needs_csv_opens_in_swedish_excel(built_site):
    rows = read_csv(built_site / "api/needs.csv")
    assert rows[0] == ["Titel", "Organisation", "Status", "Sista ansökningsdag", "Öppnar", "Publicerad",
                       "Kategorier", "Upphandlingsform", "Budget", "Belopp", "Valuta", "Ansökan", "Länk", "Dokument",
                       "Antal organisationer"]
    smart = next(row for row in rows if row[0] == "Smarta lås i hemtjänsten")
    assert smart == ["Smarta lås i hemtjänsten", "Växjö kommun", "Öppen", "2026-12-03", "", "2026-10-01",
                     "Vård och omsorg, Digitalisering", "Innovationspartnerskap", "2 000 000 SEK", "2000000", "SEK", "",
                     "https://tavla.example.org/needs/smart-las/", "", "1"]
    assert len(rows) == 8


def test_a_hostile_title_cannot_run_a_formula(cli, make_board, tmp_path):
    root = make_board({"content/needs/a.md": need_file(title="'=HYPERLINK(\"http://evil.example\",\"klicka\")'",
                                                      extra="organisation: '@SUM(1+1)'")})
    out = tmp_path / "out"
    assert cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search").code == 0
    row = read_csv(out / "api/needs.csv")[1]
    assert row[0] == "'=HYPERLINK(\"http://evil.example\",\"klicka\")" and row[1] == "'@SUM(1+1)"


@pytest.mark.parametrize("cell,expected", [
    ("=1+1", "'=1+1"), ("+46 70", "'+46 70"), ("-5", "'-5"), ("@A1", "'@A1"), ("\tx", "'\tx"),
    ("Växjö", "Växjö"), ("2 000 000 SEK", "2 000 000 SEK"), ("", ""),
])
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected


def test_without_base_url_the_absolute_url_outputs_are_left_out_with_one_note(cli, make_board, tmp_path):
    root = make_board({"content/needs/a.md": need_file(extra="deadline: 2026-12-24")},
                      config=BOARD_TOML.replace('base_url = "https://tavla.example.org/"\n', ""))
    check = cli("check", "--root", root)
    assert check.code == 0
    assert check.err.count("callboard.toml: varning: base_url saknas") == 1  # a Swedish board
    out = tmp_path / "out"
    result = cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search")
    assert result.code == 0 and result.err.count("base_url saknas") == 1
    for path in ("feed.xml", "deadlines.ics", "api/needs.json", "api/needs.csv", "api/ocds.json",
                 "sitemap.xml", "robots.txt", "needs/a/a.ics"):
        assert not (out / path).exists(), path
    page = (out / "needs/a/index.html").read_text(encoding="utf-8")
    assert "application/ld+json" not in page and "og:url" not in page and "Lägg till i kalender" not in page
    assert (out / "needs/index.json").is_file(), "the filter index has only relative links and stays"
