from datetime import date

from callboard.config import Config, load_config, today_in
from callboard.diagnostics import Diagnostics


def load(tmp_path, text):
    (tmp_path / "callboard.toml").write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    return load_config(tmp_path, diagnostics), diagnostics


def test_reads_every_key(tmp_path):
    config, diagnostics = load(tmp_path, 'title = "T"\nlang = "en"\nbase_url = "https://x.org/board"\n'
                                         'timezone = "Europe/Helsinki"\n[hub]\nname = "Hub"\nemail = "a@b.se"\n')
    assert not diagnostics.items
    assert (config.title, config.lang, config.timezone) == ("T", "en", "Europe/Helsinki")
    assert config.base_url == "https://x.org/board/"
    assert config.base_path == "/board/"
    assert config.hub.name == "Hub" and config.hub.email == "a@b.se"


def test_defaults_without_base_url(tmp_path):
    config, _ = load(tmp_path, 'title = "T"\n')
    assert config.lang == "sv" and config.timezone == "Europe/Stockholm"
    assert config.base_path == "/" and config.base_url == ""


def test_unknown_key_is_a_warning_with_line_and_suggestion(tmp_path):
    _, diagnostics = load(tmp_path, 'title = "T"\ntitel = "x"\n')
    assert [d.as_text() for d in diagnostics.items] == [
        "callboard.toml:2: warning: unknown key 'titel' is ignored; did you mean 'title'?"
    ]


def test_wrong_values_are_errors_with_their_line(tmp_path):
    _, diagnostics = load(tmp_path, 'title = "T"\nlang = "de"\ntimezone = "Mars/Olympus"\n'
                                    'base_url = "example.org"\n[hub]\nname = "H"\nemail = "nope"\n')
    lines = sorted((d.line, d.severity.value) for d in diagnostics.items)
    assert lines == [(2, "error"), (3, "error"), (4, "error"), (7, "error")]


def test_invalid_toml_names_its_line(tmp_path):
    _, diagnostics = load(tmp_path, 'title = "T"\nlang = \n')
    assert diagnostics.errors[0].line == 2


def test_missing_config_is_an_error(tmp_path):
    diagnostics = Diagnostics()
    load_config(tmp_path, diagnostics)
    assert "callboard.toml" in diagnostics.errors[0].as_text()


def test_today_is_the_date_in_the_boards_time_zone():
    late_evening_utc = str(int(date(2026, 11, 28).strftime("%s")) - 30 * 60)  # 27 Nov 23:30 UTC
    environ = {"SOURCE_DATE_EPOCH": late_evening_utc}
    assert today_in("UTC", environ) == date(2026, 11, 27)
    assert today_in("Europe/Stockholm", environ) == date(2026, 11, 28)


def test_config_is_frozen(tmp_path):
    config = Config(root=tmp_path)
    try:
        config.title = "x"
    except AttributeError:
        return
    raise AssertionError("Config must be immutable")


def test_open_data_and_area_served(tmp_path):
    config, diagnostics = load(tmp_path, 'title = "T"\narea_served = "Kronobergs län"\n'
                                         '[open_data]\ncontacts = true\nocid_prefix = "ocds-a1b2c3"\n')
    assert not diagnostics.items
    assert config.area_served == "Kronobergs län"
    assert config.open_data.contacts is True and config.open_data.ocid_prefix == "ocds-a1b2c3"


def test_open_data_defaults_keep_contacts_private(tmp_path):
    config, _ = load(tmp_path, 'title = "T"\n')
    assert config.open_data.contacts is False and config.open_data.ocid_prefix == "ocds-callboard"
    assert config.search_url == "sok/"
    english, _ = load(tmp_path, 'title = "T"\nlang = "en"\n')
    assert english.search_url == "search/"


def test_wrong_open_data_values_are_errors_with_their_line(tmp_path):
    _, diagnostics = load(tmp_path, 'title = "T"\n[open_data]\ncontacts = "ja"\nocid_prefix = "ocds a/b"\nkontakter = 1\n')
    assert [d.as_text() for d in diagnostics.sorted()] == [
        "callboard.toml:3: error: [open_data] contacts must be true or false",
        "callboard.toml:4: error: ocid_prefix 'ocds a/b' may only hold letters, digits and hyphens, e.g. ocds-a1b2c3",
        "callboard.toml:5: warning: unknown key [open_data] 'kontakter' is ignored",
    ]
