"""api/board.json: what a board says about itself, checked against the JSON Schema that ships in
the package (the contract a hub reads other boards by)."""

import copy
import json
from datetime import date

import jsonschema
import pytest

from callboard.build.pipeline import RunOptions, build
from callboard.content.contract import BOARD_JSON_VERSION, OPEN_DATA_VERSION, board_schema
from tests.support.boards import BARE_BOARD_TOML, NOW, REPO, need_file


@pytest.fixture(scope="module")
def validator():
    schema = board_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("example") / "site"
    result = build(RunOptions(root=REPO, now=date.fromisoformat(NOW), search=False), out)
    assert result.ok
    return out


def load(site):
    return json.loads((site / "api/board.json").read_text(encoding="utf-8"))


def errors(validator, document):
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def test_the_example_boards_file_validates_against_the_shipped_schema(validator, example_site):
    document = load(example_site)
    assert errors(validator, document) == []
    assert document["version"] == BOARD_JSON_VERSION and document["open_data_version"] == OPEN_DATA_VERSION
    assert document["name"] == "Innovationstavlan" and document["url"] == "https://innovationstavlan.example.org/"
    assert document["lang"] == "sv" and document["hub"]["name"] == "Innovationsnoden Småland"
    assert document["files"]["needs"] == "https://innovationstavlan.example.org/api/needs.json"


def test_every_file_it_names_is_in_the_built_site(example_site):
    base = load(example_site)["url"]
    for address in load(example_site)["files"].values():
        assert (example_site / address.removeprefix(base)).is_file(), address


def test_it_names_exactly_the_organisations_of_the_published_needs(example_site):
    needs = json.loads((example_site / "api/needs.json").read_text(encoding="utf-8"))["needs"]
    organisations = load(example_site)["organisations"]
    assert set(organisations) == {need["organisation"] for need in needs}
    assert len(organisations) == len(set(organisations))


def test_the_schema_refuses_what_a_hub_must_not_take(validator, example_site):
    document = load(example_site)
    for change in ({"version": 2}, {"url": "javascript:alert(1)"}, {"organisations": "Umeå kommun"},
                   {"files": {**document["files"], "needs": "ftp://example.org/needs.json"}}):
        assert errors(validator, {**copy.deepcopy(document), **change}), change
    del document["open_data_version"]
    assert errors(validator, document)


def test_a_board_without_hub_or_needs_still_describes_itself(make_board, cli, tmp_path, validator):
    root = make_board({"content/needs/.keep": ""}, config=BARE_BOARD_TOML)
    out = tmp_path / "out"
    assert cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search").code == 0
    document = load(out)
    assert errors(validator, document) == []
    assert document["hub"] is None and document["organisations"] == [] and document["files"]["ocds"] is None


def test_it_is_left_out_without_a_base_url(make_board, cli, tmp_path):
    root = make_board({"content/needs/a.md": need_file()}, config='title = "Utan adress"\n')
    out = tmp_path / "out"
    assert cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search").code == 0
    assert not (out / "api/board.json").exists()


def test_the_same_board_gives_the_same_bytes(make_board, cli, tmp_path):
    root = make_board({"content/needs/a.md": need_file(), "content/needs/b.md": need_file("Ett annat behov")})
    built = []
    for name in ("one", "two"):
        out = tmp_path / name
        assert cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search").code == 0
        built.append((out / "api/board.json").read_bytes())
    assert built[0] == built[1]
