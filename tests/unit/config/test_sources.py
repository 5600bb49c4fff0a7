"""`[[sources]]` and `[fetch]`: the other boards a hub reads, and how it fetches them."""

from callboard.config import BoardSource, Fetching, load_config
from callboard.core.diagnostics import Diagnostics
from tests.support.messages import english

HUB = """title = "Navet"
[fetch]
timeout_seconds = 0.5
max_megabytes = 2
max_items = 100

[[sources]]
url = "https://umea.example.se/tavla"
organisations = ["Umeå kommun", "Region Västerbotten"]
stale_after_days = 3
take = ["cases", "needs"]

[[sources]]
url = "https://vaxjo.example.se/"
"""


def load(tmp_path, text):
    (tmp_path / "callboard.toml").write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    return load_config(tmp_path, diagnostics), diagnostics


def messages(diagnostics):
    return [(d.line, english(d)) for d in diagnostics.items if "accessibility" not in english(d)]


def test_reads_every_source_with_its_line_and_the_fetch_settings(tmp_path):
    config, diagnostics = load(tmp_path, HUB)
    assert messages(diagnostics) == []
    assert config.sources == (
        BoardSource(url="https://umea.example.se/tavla/", organisations=("Umeå kommun", "Region Västerbotten"),
                    stale_after_days=3, take=("needs", "cases"), line=8),
        BoardSource(url="https://vaxjo.example.se/", line=14),
    )
    assert config.fetching == Fetching(timeout_seconds=0.5, max_megabytes=2, max_items=100)
    assert config.fetching.max_bytes == 2 * 1024 * 1024


def test_a_board_without_sources_is_no_hub(tmp_path):
    config, _ = load(tmp_path, 'title = "T"\n')
    assert config.sources == () and config.fetching == Fetching()


def test_wrong_values_are_reported_at_their_lines_and_the_defaults_stand_in(tmp_path):
    config, diagnostics = load(tmp_path, """title = "T"
[fetch]
timeout_seconds = -1
unknown = 1

[[sources]]
url = "ftp://umea.example.se/"

[[sources]]
organisations = ["Umeå kommun"]

[[sources]]
url = "https://vaxjo.example.se/"
stale_after_days = 0
take = ["needs", "photos"]
colour = "blue"

[[sources]]
url = "https://vaxjo.example.se"
""")
    said = messages(diagnostics)
    assert any(line == 3 and "timeout_seconds" in text for line, text in said)
    assert any(line == 4 and "unknown key [fetch] 'unknown'" in text for line, text in said)
    assert any(line == 7 and "ftp://" in text for line, text in said)
    assert any(line == 9 and "needs a url" in text for line, text in said)
    assert any(line == 14 and "stale_after_days" in text for line, text in said)
    assert any(line == 15 and "'photos'" in text for line, text in said)
    assert any(line == 16 and "'colour'" in text for line, text in said)
    assert any(line == 19 and "named twice" in text for line, text in said)
    assert config.fetching.timeout_seconds == Fetching().timeout_seconds
    assert config.sources == (BoardSource(url="https://vaxjo.example.se/", line=13),)


def test_sources_must_be_an_array_of_tables(tmp_path):
    _, diagnostics = load(tmp_path, 'title = "T"\nsources = "https://umea.example.se/"\n')
    assert any("[[sources]]" in text for _, text in messages(diagnostics))
