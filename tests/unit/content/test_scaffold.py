"""`callboard new`: a file with every field explained that round-trips through `check`."""

import re

import pytest

from callboard.content.scaffold import placeholders
from callboard.i18n import Translator
from tests.support.boards import NOW, REPO


def fill_in(text: str) -> str:
    """What an editor does: replace the example texts, give the call a deadline and a way to apply."""
    examples = placeholders("sv")
    replacements = {
        examples["new_example_organisation"]: "Växjö kommun",
        examples["new_example_summary"]: "Hemtjänsten vill slippa nycklar.",
        examples["new_example_contact_name"]: "Anna Andersson",
        examples["new_example_contact_email"]: "anna@vaxjo.example.se",
    }
    for old, new in replacements.items():
        text = text.replace(old, new)
    text = text.replace(Translator("sv")("new_body_hint"), "Hemtjänsten vill slippa nycklar.")
    text = re.sub(r"^# apply: .*$", "apply: https://vaxjo.example.se/ansok", text, flags=re.M)
    return text.replace("deadline:\n", "deadline: 2026-12-20\n")


@pytest.mark.parametrize("kind", ["need", "testbed", "case"])
def test_new_item_round_trips_through_check(cli, make_board, tmp_path, kind):
    root = make_board({})
    result = cli("new", kind, "Smarta lås för hemtjänsten", "--root", root, "--now", NOW)
    assert result.code == 0, result.err
    path = root / f"content/{kind}s/smarta-las-for-hemtjansten.md"
    assert result.out == (f"skrev content/{kind}s/smarta-las-for-hemtjansten.md: fyll i fälten och kör sedan "
                          "callboard serve för att se sidan\n")  # in the board's language, Swedish

    as_written = cli("check", "--root", root, "--now", NOW)
    assert as_written.code == 1  # nothing half-written is published: each example text is named
    examples = [*placeholders("sv").values(), Translator("sv")("new_body_hint")]
    lines = path.read_text(encoding="utf-8").split("\n")
    left = [number for number, line in enumerate(lines, start=1) if any(example in line for example in examples)]
    shown = path.relative_to(root).as_posix()
    assert [line for line in as_written.err.splitlines() if line.startswith(shown)] == [
        f"{shown}:{number}: fel: Här står fortfarande exempeltexten från callboard new "
        f"('{next(e for e in examples if e in lines[number - 1])}'). Skriv din egen text i stället." for number in left]

    path.write_text(fill_in(path.read_text(encoding="utf-8")), encoding="utf-8")
    filled = cli("check", "--root", root, "--now", NOW, "--strict")
    assert filled.code == 0 and filled.err == ""
    out = tmp_path / "site"
    assert cli("build", "--root", root, "--out", out, "--now", NOW).code == 0
    assert "Smarta lås för hemtjänsten" in (out / f"{kind}s/index.html").read_text(encoding="utf-8")


def test_every_optional_field_is_a_yaml_comment_with_its_allowed_values(cli, make_board):
    root = make_board({})
    cli("new", "need", "Ett behov", "--root", root, "--organisation", "Region Testland", "--now", NOW)
    text = (root / "content/needs/ett-behov.md").read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    assert "<!--" not in text
    assert 'organisation: "Region Testland"' in front and "published: 2026-11-28" in front
    assert re.search(r"^# Sista ansökningsdag.*\ndeadline:$", front, re.M)
    for key in ("opens", "status", "procurement", "budget", "testbeds", "categories", "tags", "lang", "draft"):
        assert re.search(rf"^# {key}: ", front, re.M), key
    assert "innovation-partnership, pre-commercial, testbed, dialogue, direct-award" in front
    assert "open, closed, awarded, cancelled" in front
    assert re.findall(r"^## (.+)$", body, re.M) == ["Bakgrund", "Behov", "Vad vi erbjuder", "Så ansöker du"]


def test_an_english_board_gets_english_guidance(cli, make_board):
    root = make_board({}, config='title = "Board"\nlang = "en"\n')
    cli("new", "need", "A need", "--root", root, "--now", NOW)
    text = (root / "content/needs/a-need.md").read_text(encoding="utf-8")
    assert "## How to apply" in text and "Last day to apply" in text


def test_quotes_and_colons_in_the_title_stay_text(cli, make_board):
    root = make_board({})
    assert cli("new", "need", 'Lås: "smarta" dörrar # nu', "--root", root, "--now", NOW).code == 0
    from callboard.content.parse import parse_document

    written = root / "content/needs/las-smarta-dorrar-nu.md"
    assert parse_document(written.read_bytes()).front.value["title"].value == 'Lås: "smarta" dörrar # nu'



def test_new_refuses_to_overwrite_or_shadow(cli, make_board):
    root = make_board({"content/needs/arkiv/smarta-las.md": "finns redan"})
    result = cli("new", "need", "Smarta lås", "--root", root, "--now", NOW)
    assert result.code == 1
    assert result.err == "callboard: fel: content/needs/arkiv/smarta-las.md finns redan; ändra i den, eller välj en annan titel\n"
    assert (root / "content/needs/arkiv/smarta-las.md").read_text() == "finns redan"
    assert not (root / "content/needs/smarta-las.md").exists()


@pytest.mark.parametrize("title, message", [("!!!", "ger inget filnamn"), ("Page", "är upptaget av en sida")])
def test_titles_that_give_no_usable_file_name(cli, make_board, title, message):
    result = cli("new", "need", title, "--root", make_board({}), "--now", NOW)
    assert result.code == 1 and message in result.err


def test_the_repository_example_board_accepts_a_new_need(cli, tmp_path):
    import shutil

    root = tmp_path / "board"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "static", root / "static")
    shutil.copy(REPO / "callboard.toml", root)
    assert cli("new", "need", "Ännu ett behov", "--root", root, "--now", NOW).code == 0
    path = root / "content/needs/annu-ett-behov.md"
    path.write_text(fill_in(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert cli("check", "--root", root, "--now", NOW).code == 0
