from datetime import date

from callboard.config import Config, load_config, today_in
from callboard.core.diagnostics import Diagnostics
from tests.support.messages import as_text, english


def load(tmp_path, text):
    (tmp_path / "callboard.toml").write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    return load_config(tmp_path, diagnostics), diagnostics


ACCESSIBILITY = """
[accessibility]
organisation = "Växjö kommun"
compliance = "partial"
known_problems = ["Kartan saknar textalternativ."]
disproportionate_burden = ["Gamla filmer saknar undertexter."]
outside_scope = ["Dokument från före 2018."]
email = "tillganglighet@vaxjo.se"
phone = "0470-41 00 00"
report_url = "https://vaxjo.se/rapportera"
response_days = 5
method = "external"
assessor = "Granskarna AB"
assessed = 2026-11-01
updated = "2026-11-20"
"""


def test_reads_every_key(tmp_path):
    config, diagnostics = load(tmp_path, 'title = "T"\nlang = "en"\nbase_url = "https://x.org/board"\n'
                                         'timezone = "Europe/Helsinki"\n[hub]\nname = "Hub"\nemail = "a@b.se"\n'
                                         + ACCESSIBILITY)
    assert not diagnostics.items
    assert (config.title, config.lang, config.timezone) == ("T", "en", "Europe/Helsinki")
    assert config.base_url == "https://x.org/board/"
    assert config.base_path == "/board/"
    assert config.hub.name == "Hub" and config.hub.email == "a@b.se"
    statement = config.accessibility
    assert (statement.organisation, statement.compliance, statement.method, statement.assessor) == (
        "Växjö kommun", "partial", "external", "Granskarna AB")
    assert statement.known_problems == ("Kartan saknar textalternativ.",)
    assert statement.disproportionate_burden == ("Gamla filmer saknar undertexter.",)
    assert statement.outside_scope == ("Dokument från före 2018.",)
    assert (statement.email, statement.phone, statement.report_url, statement.response_days) == (
        "tillganglighet@vaxjo.se", "0470-41 00 00", "https://vaxjo.se/rapportera", 5)
    assert (statement.assessed, statement.updated) == (date(2026, 11, 1), date(2026, 11, 20))


def test_defaults_without_base_url(tmp_path):
    config, _ = load(tmp_path, 'title = "T"\n')
    assert config.lang == "sv" and config.timezone == "Europe/Stockholm"
    assert config.base_path == "/" and config.base_url == ""


def test_unknown_key_is_a_warning_with_line_and_suggestion(tmp_path):
    _, diagnostics = load(tmp_path, 'title = "T"\ntitel = "x"\n' + ACCESSIBILITY)
    assert [as_text(d) for d in diagnostics.items] == [
        "callboard.toml:2: warning: unknown key 'titel' is ignored; did you mean 'title'?"
    ]


def test_wrong_values_are_errors_with_their_line(tmp_path):
    _, diagnostics = load(tmp_path, 'title = "T"\nlang = "de"\ntimezone = "Mars/Olympus"\n'
                                    'base_url = "example.org"\n[hub]\nname = "H"\nemail = "nope"\n' + ACCESSIBILITY)
    lines = sorted((d.line, d.severity.value) for d in diagnostics.items)
    assert lines == [(2, "error"), (3, "error"), (4, "error"), (7, "error")]


def test_invalid_toml_names_its_line(tmp_path):
    _, diagnostics = load(tmp_path, 'title = "T"\nlang = \n')
    assert diagnostics.errors[0].line == 2


def test_missing_config_is_an_error(tmp_path):
    diagnostics = Diagnostics()
    load_config(tmp_path, diagnostics)
    assert "callboard.toml" in as_text(diagnostics.errors[0])


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


def test_missing_accessibility_table_is_one_warning_and_falls_back_to_the_hub(tmp_path):
    config, diagnostics = load(tmp_path, 'title = "T"\n[hub]\nname = "Hub"\nemail = "a@b.se"\n')
    assert [(d.severity.value, d.line) for d in diagnostics.items] == [("warning", 0)]
    assert "[accessibility] is missing" in english(diagnostics.items[0].message)
    assert (config.accessibility.organisation, config.accessibility.email) == ("Hub", "a@b.se")
    assert config.accessibility.compliance == "" and config.accessibility.assessed is None


def test_gaps_in_the_accessibility_table_are_warnings_at_the_table_or_key(tmp_path):
    _, diagnostics = load(tmp_path, 'title = "T"\n[accessibility]\ncompliance = "partial"\n')
    messages = {english(d.message).split(":")[0]: (d.severity.value, d.line) for d in diagnostics.items}
    assert messages == {
        "[accessibility] needs the organisation responsible for the site": ("warning", 2),
        "compliance is 'partial' but known_problems lists none": ("warning", 3),
        "[accessibility] needs an email, phone or report_url for reporting problems": ("warning", 2),
        "[accessibility] needs method": ("warning", 2),
        "[accessibility] needs assessed": ("warning", 2),
    }


def test_wrong_accessibility_values_are_errors_with_their_line(tmp_path):
    _, diagnostics = load(tmp_path, 'title = "T"\n[accessibility]\norganisation = "O"\ncompliance = "mostly"\n'
                                    'known_problems = "one"\nemail = "nope"\nreport_url = "ftp://x"\n'
                                    'response_days = 0\nmethod = "guess"\nassessed = "2026-13-01"\nsprak = "sv"\n')
    assert sorted(d.line for d in diagnostics.errors) == [4, 5, 6, 7, 8, 9, 10]
    assert "unknown key [accessibility] 'sprak' is ignored" in [english(d.message) for d in diagnostics.warnings if d.line == 11]
def test_open_data_and_area_served(tmp_path):
    config, diagnostics = load(tmp_path, 'title = "T"\narea_served = "Kronobergs län"\n'
                                         '[open_data]\ncontacts = true\nocid_prefix = "ocds-a1b2c3"\n')
    assert not [d for d in diagnostics.items if "[accessibility]" not in english(d.message)]
    assert config.area_served == "Kronobergs län"
    assert config.open_data.contacts is True and config.open_data.ocid_prefix == "ocds-a1b2c3"


def test_open_data_defaults_keep_contacts_private(tmp_path):
    config, _ = load(tmp_path, 'title = "T"\n')
    assert config.open_data.contacts is False and config.open_data.ocid_prefix == "ocds-callboard"


def test_wrong_open_data_values_are_errors_with_their_line(tmp_path):
    _, diagnostics = load(tmp_path, 'title = "T"\n[open_data]\ncontacts = "ja"\nocid_prefix = "ocds a/b"\nkontakter = 1\n')
    assert [as_text(d) for d in diagnostics.sorted() if "[accessibility]" not in english(d.message)] == [
        "callboard.toml:3: error: [open_data] contacts must be true or false, not 'ja'",
        "callboard.toml:4: error: ocid_prefix 'ocds a/b' may only hold letters, digits and hyphens, e.g. ocds-a1b2c3",
        "callboard.toml:5: warning: unknown key [open_data] 'kontakter' is ignored",
    ]


def test_the_config_file_is_read_by_the_content_field_readers(tmp_path):
    """The same rules and wording as front matter, at the key's line, with the table named."""
    _, diagnostics = load(tmp_path, 'title = "T"\nlang = "de"\nbase_url = "example.org"\n[hub]\nname = "H"\n'
                                    'email = "nope"\nurl = "ftp://x.org"\n[accessibility]\nphone = "ring oss"\n'
                                    'assessed = "2026-13-01"\nupdated = 2026-11-20T10:00:00\n')
    assert [as_text(d) for d in diagnostics.sorted() if d in diagnostics.errors] == [
        "callboard.toml:2: error: lang 'de' is not one of: sv, en",
        "callboard.toml:3: error: base_url 'example.org' must be an absolute http(s) URL, e.g. https://example.org/",
        "callboard.toml:6: error: [hub] email 'nope' is not a valid e-mail address",
        "callboard.toml:7: error: [hub] url 'ftp://x.org' must be an absolute http(s) URL, e.g. https://example.org/",
        "callboard.toml:9: error: [accessibility] phone 'ring oss' is not a phone number; use digits, spaces, + "
        "and -, e.g. 070-123 45 67",
        "callboard.toml:10: error: [accessibility] assessed '2026-13-01' is not a valid date (YYYY-MM-DD)",
        "callboard.toml:11: error: [accessibility] updated must be a date (YYYY-MM-DD), not the time "
        "2026-11-20T10:00:00",
    ]


def test_typed_toml_values_and_the_same_values_as_text_are_both_read(tmp_path):
    typed, diagnostics = load(tmp_path, 'title = "T"\n[open_data]\ncontacts = true\n[accessibility]\n'
                                        'assessed = 2026-11-01\n')
    as_text, _ = load(tmp_path, 'title = "T"\n[open_data]\ncontacts = true\n[accessibility]\n'
                                'assessed = "2026-11-01"\n')
    assert typed.accessibility.assessed == as_text.accessibility.assessed == date(2026, 11, 1)
    assert typed.open_data.contacts is True and not diagnostics.errors


def test_a_quoted_boolean_says_to_remove_the_quotes(tmp_path):
    config, diagnostics = load(tmp_path, 'title = "T"\n[open_data]\ncontacts = "true"\n')
    assert [as_text(d) for d in diagnostics.errors] == [
        "callboard.toml:3: error: [open_data] contacts must be true or false without quotes, not 'true'"]
    assert config.open_data.contacts is False


def test_an_empty_text_means_not_set(tmp_path):
    config, diagnostics = load(tmp_path, 'title = ""\narea_served = " "\n[hub]\nname = "H"\nemail = ""\n')
    assert not diagnostics.errors
    assert config.title == Config(root=tmp_path).title and config.area_served == "" and config.hub.email == ""


def test_control_and_direction_characters_are_errors_at_their_line(tmp_path):
    config, diagnostics = load(tmp_path, 'title = "Tavlan \\u0001"\nlang = "sv"\n[hub]\nname = "H\\u202e"\n'
                                         'email = "h@example.org"\n' + ACCESSIBILITY.replace(
                                             '"Kartan saknar textalternativ."', '"Kartan\\u0007"'))
    found = sorted((d.line, english(d.message)) for d in diagnostics.errors)
    assert found == [
        (1, "title contains an invisible control character (U+0001); remove it"),
        (4, "[hub] name contains an invisible text-direction character (U+202E), which makes text show in "
            "another order than it is written; remove it"),
        (10, "[accessibility] known_problems contains an invisible control character (U+0007); remove it"),
    ]
    assert config.title == Config(root=tmp_path).title


def test_host_files_names_only_files_a_host_acts_on(tmp_path):
    config, diagnostics = load(tmp_path, 'title = "T"\nhost_files = ["_redirects", "CNAME", "_redirect"]\n'
                                         + ACCESSIBILITY)
    assert config.host_files == ("CNAME", "_redirects")
    assert [(d.line, english(d.message)) for d in diagnostics.errors] == [
        (2, "host_files: '_redirect' is not a host control file; they are CNAME, _redirects, _routes.json, "
            "_worker.js, .htaccess; did you mean '_redirects'?")]
    assert load(tmp_path, 'title = "T"\n' + ACCESSIBILITY)[0].host_files == ()
