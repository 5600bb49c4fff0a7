"""`callboard init`: every file of a board repository, examples made the way `callboard new`
makes a file, a callboard.toml that explains every key, and never a file overwritten."""

import re
from dataclasses import fields, replace
from datetime import date
from pathlib import Path

import pytest

from callboard import __version__
from callboard.config import Accessibility, Hub, OpenData, load_config
from callboard.content.boardinit import (
    BOARD_TIMEZONE,
    EXAMPLES,
    BoardSettings,
    InitError,
    board_files,
    fill_in,
    write_board,
)
from callboard.content.models import Kind
from callboard.content.scaffold import NewItem, render_item
from callboard.core.diagnostics import Diagnostics
from tests.support.messages import refused

SETTINGS = BoardSettings(title='Tavlan "Nya"', organisation="Växjö kommun", today=date(2026, 11, 28),
                         base_url="https://org.github.io/board")
EVERY_BOARD_HAS = {"callboard.toml", "README.md", "requirements.txt", ".gitignore", ".pre-commit-config.yaml",
                   ".github/dependabot.yml", ".github/workflows/check.yml", ".github/workflows/publish.yml"}
FIELD = re.compile(r"^ *(?:# )?([a-z_]+):", re.MULTILINE)
TOP_LEVEL_KEYS = ("title", "lang", "base_url", "timezone", "area_served")


def front_matter(text: str) -> str:
    return text.split("\n---\n", 1)[0]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_board_has_its_settings_workflows_and_one_example_of_each_kind(lang):
    """Innovators are not among the examples: a board takes them on when it wants profiles."""
    files = board_files(replace(SETTINGS, lang=lang))
    assert EVERY_BOARD_HAS <= set(files)
    assert not any(p.startswith("content/innovators/") for p in files)
    for kind in EXAMPLES:
        assert len([p for p in files if p.startswith(f"content/{kind.section}/") and p.endswith(".md")]) == 1
    assert any(p.startswith("static/") for p in files)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_example_has_exactly_the_fields_callboard_new_writes(lang):
    files = board_files(replace(SETTINGS, lang=lang))
    for kind in EXAMPLES:
        [path] = [p for p in files if p.startswith(f"content/{kind.section}/")]
        new = render_item(NewItem(kind=kind, title="X", today=SETTINGS.today, lang=lang))
        assert FIELD.findall(front_matter(files[path])) == FIELD.findall(front_matter(new)), path


def test_the_example_need_is_open_and_names_the_example_testbed():
    files = board_files(SETTINGS)
    [need] = [text for path, text in files.items() if path.startswith("content/needs/")]
    [testbed] = [path for path in files if path.startswith("content/testbeds/")]
    assert "published: 2026-11-28\n" in need and "deadline: 2027-01-27\n" in need
    assert f'testbeds: ["{Path(testbed).stem}"]' in need
    assert 'organisation: "Växjö kommun"' in need


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_callboard_toml_explains_every_key_and_reads_back_as_given(tmp_path, lang):
    write_board(tmp_path, replace(SETTINGS, lang=lang))
    text = (tmp_path / "callboard.toml").read_text(encoding="utf-8")
    lines = text.splitlines()
    keys = [*TOP_LEVEL_KEYS, *(f.name for f in fields(Hub)), *(f.name for f in fields(Accessibility)),
            *(f.name for f in fields(OpenData))]
    for key in keys:
        at = next((i for i, line in enumerate(lines) if re.match(rf"(# )?{key} = ", line)), None)
        assert at is not None, f"{key} is not in callboard.toml"
        above = lines[at - 1]
        assert above.startswith("# ") and not re.match(r"# [a-z_]+ = ", above), f"{key} has no comment above it"
    diagnostics = Diagnostics()
    config = load_config(tmp_path, diagnostics)
    assert diagnostics.items == []
    assert (config.title, config.lang, config.base_url, config.timezone) == \
        ('Tavlan "Nya"', lang, "https://org.github.io/board/", BOARD_TIMEZONE)
    assert config.hub.name == config.accessibility.organisation == "Växjö kommun"


def test_without_an_address_base_url_is_left_as_an_example_to_fill_in(tmp_path):
    write_board(tmp_path, replace(SETTINGS, base_url=""))
    text = (tmp_path / "callboard.toml").read_text(encoding="utf-8")
    assert '\n# base_url = "https://' in text and "\nbase_url" not in text


def test_the_board_installs_the_callboard_version_that_wrote_it():
    requirements = board_files(SETTINGS)["requirements.txt"]
    assert [line for line in requirements.splitlines() if not line.startswith("#")] == [f"callboard=={__version__}"]


def test_a_new_folder_is_made_and_a_folder_with_only_git_counts_as_empty(tmp_path):
    result = write_board(tmp_path / "a" / "b", SETTINGS)
    assert set(result.written) == set(board_files(SETTINGS)) and result.kept == ()
    (tmp_path / "clone" / ".git").mkdir(parents=True)
    assert write_board(tmp_path / "clone", SETTINGS).written


def test_a_folder_that_is_not_empty_is_refused_and_left_as_it_was(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with refused(InitError, "not empty.*--force"):
        write_board(tmp_path, SETTINGS)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_force_adds_the_board_beside_what_is_there_and_never_overwrites_a_file(tmp_path):
    (tmp_path / "README.md").write_text("Our own README\n", encoding="utf-8")
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / ".github/workflows/check.yml").write_text("name: ours\n", encoding="utf-8")
    result = write_board(tmp_path, SETTINGS, force=True)
    assert set(result.kept) == {"README.md", ".github/workflows/check.yml"}
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "Our own README\n"
    assert (tmp_path / ".github/workflows/check.yml").read_text(encoding="utf-8") == "name: ours\n"
    assert (tmp_path / "callboard.toml").is_file()
    again = write_board(tmp_path, SETTINGS, force=True)
    assert again.written == () and set(again.kept) == set(board_files(SETTINGS))


@pytest.mark.parametrize(("change", "message"), [
    ({"lang": "de"}, "language 'de' is not supported"),
    ({"base_url": "org.github.io/board"}, "must be an absolute http"),
    ({"title": "  "}, "title is empty"),
    ({"organisation": "Växjö\x1bkommun"}, "organisation contains a control character"),
])
def test_unusable_settings_are_refused_before_anything_is_written(tmp_path, change, message):
    with refused(InitError, message):
        write_board(tmp_path / "board", replace(SETTINGS, **change))
    assert not (tmp_path / "board").exists()


def test_a_file_is_refused_as_the_folder(tmp_path):
    (tmp_path / "board").write_text("", encoding="utf-8")
    with refused(InitError, "is a file"):
        write_board(tmp_path / "board", SETTINGS)


def test_fill_in_refuses_a_value_for_a_field_callboard_new_does_not_write():
    new = render_item(NewItem(kind=Kind.TESTBED, title="X", today=SETTINGS.today))
    assert 'location: "Växjö"' in fill_in(new, {"location": "Växjö"}, "Text.\n")
    with pytest.raises(ValueError, match="no field deadline"):
        fill_in(new, {"deadline": date(2027, 1, 1)}, "Text.\n")
