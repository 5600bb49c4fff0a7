"""api/ocds.json: a valid OCDS 1.1 release package, validated against the standard's own schemas
(tests/fixtures/ocds, Apache-2.0, Open Contracting Partnership) without touching the network."""

import copy
import json

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from callboard.outputs.ocds import parse_budget
from tests.support.boards import FIXTURES, NOW

SCHEMAS = FIXTURES / "ocds"


@pytest.fixture(scope="module")
def validator():
    package = json.loads((SCHEMAS / "release-package-schema.json").read_text(encoding="utf-8"))
    release = json.loads((SCHEMAS / "release-schema.json").read_text(encoding="utf-8"))
    release_url = package["properties"]["releases"]["items"]["$ref"]
    assert release_url == release["id"]
    registry = Registry().with_resource(release_url, Resource.from_contents(release, default_specification=DRAFT4))
    return jsonschema.Draft4Validator(package, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def package(built_site):
    return json.loads((built_site / "api/ocds.json").read_text(encoding="utf-8"))


def releases(package):
    return {release["ocid"]: release for release in package["releases"]}


def test_the_package_validates_against_the_ocds_schema(validator, package):
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(package)]
    assert errors == []
    assert package["version"] == "1.1" and package["uri"] == "https://tavla.example.org/api/ocds.json"
    assert package["publisher"]["name"] == "Testnoden"


def test_the_validator_does_reject_a_broken_package(validator, package):
    broken = copy.deepcopy(package)
    broken["releases"][0]["tender"]["status"] = "open"
    del broken["publishedDate"]
    messages = [e.message for e in validator.iter_errors(broken)]
    assert any("publishedDate" in m for m in messages) and any("'open'" in m for m in messages)


@pytest.mark.parametrize("slug,tag,status", [
    ("energi", "planning", "planned"), ("smart-las", "tender", "active"), ("vattenlackor", "tender", "active"),
    ("skolmaltider", "award", "complete"), ("avbruten", "tenderCancellation", "cancelled"),
])
def test_tag_and_tender_status_follow_the_board_status(package, slug, tag, status):
    release = releases(package)[f"ocds-callboard-{slug}"]
    assert release["tag"] == [tag] and release["tender"]["status"] == status


def test_a_tender_carries_title_buyer_deadline_method_and_value(package):
    release = releases(package)["ocds-callboard-smart-las"]
    assert release["buyer"] == {"id": "org-vaxjo-kommun", "name": "Växjö kommun"}
    tender = release["tender"]
    assert tender["title"] == "Smarta lås i hemtjänsten"
    assert tender["description"].startswith("Hemtjänsten vill slippa")
    assert tender["tenderPeriod"]["endDate"] == "2026-12-03T23:59:59+01:00"
    assert tender["procurementMethodDetails"] == "Innovationspartnerskap"
    assert tender["value"] == {"amount": 2000000, "currency": "SEK"}
    assert "value" not in releases(package)["ocds-callboard-snorojning"]["tender"]


def test_an_award_names_the_partners_of_the_case_story_as_suppliers(package):
    release = releases(package)["ocds-callboard-skolmaltider"]
    suppliers = release["awards"][0]["suppliers"]
    assert [s["name"] for s in suppliers] == ["Svinnfri AB", "Matdata AB"]
    parties = {p["id"]: p["roles"] for p in release["parties"]}
    assert parties["supplier-svinnfri-ab"] == ["supplier"] and "buyer" in parties["org-region-testland"]


def test_the_ocid_prefix_comes_from_callboard_toml(cli, fixture_board, tmp_path, validator):
    toml = fixture_board / "callboard.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[open_data]\nocid_prefix = "ocds-a1b2c3"\n', encoding="utf-8")
    out = tmp_path / "out"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW, "--no-search").code == 0
    package = json.loads((out / "api/ocds.json").read_text(encoding="utf-8"))
    assert all(r["ocid"].startswith("ocds-a1b2c3-") for r in package["releases"])
    assert not list(validator.iter_errors(package))


@pytest.mark.parametrize("text,value", [
    ("2 000 000 SEK", {"amount": 2000000, "currency": "SEK"}),
    ("1\u00a0500\u00a0000 kr", {"amount": 1500000, "currency": "SEK"}),
    ("EUR 250000", {"amount": 250000, "currency": "EUR"}),
    ("300 000,50 SEK", {"amount": 300000.5, "currency": "SEK"}),
    ("cirka 2 miljoner kronor", None),
    ("2 000 000", None),
    ("500 000 XYZ", None),
    ("SEK 100 EUR", None),
    (None, None),
])
def test_parse_budget(text, value):
    assert parse_budget(text) == value


def test_the_example_board_validates_and_its_feeds_and_calendar_parse(cli, tmp_path, validator):
    import feedparser
    from icalendar import Calendar

    from tests.support.boards import REPO

    out = tmp_path / "example"
    assert cli("build", "--root", REPO, "--out", out, "--now", NOW, "--no-search", "--no-cache").code == 0
    package = json.loads((out / "api/ocds.json").read_text(encoding="utf-8"))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(package)] == []
    assert {r["tag"][0] for r in package["releases"]} >= {"planning", "tender", "award", "tenderCancellation"}
    feed = feedparser.parse((out / "categories/vatten-och-avlopp/feed.xml").read_bytes())
    assert not feed.bozo and feed.entries
    events = Calendar.from_ical((out / "deadlines.ics").read_bytes()).walk("VEVENT")
    assert len(events) >= 5 and all(str(e["uid"]).endswith("@innovationstavlan.example.org") for e in events)
