from datetime import date, datetime

import pytest

from callboard.core.fields import (
    Node,
    read_bool,
    read_date,
    read_email,
    read_http_url,
    read_phone,
    read_text,
    read_text_list,
    suggest,
)
from tests.support.messages import english


class Problems(list):
    """The problems reported, each with its line and its message in English."""

    def __call__(self, line, message, warning=False):
        self.append((line, english(message)))


@pytest.mark.parametrize("text", ["2026-13-01", "2026-02-30", "20261101", "1 december", "2026-1-1"])
def test_invalid_dates_are_reported_with_the_value(text):
    problems = Problems()
    assert read_date("deadline", Node(text, 5), problems) is None
    assert problems == [(5, f"deadline '{text}' is not a valid date (YYYY-MM-DD)")]


def test_valid_date():
    assert read_date("deadline", Node("2026-12-31", 1), Problems()) == date(2026, 12, 31)


@pytest.mark.parametrize("text,expected", [("true", True), ("False", False), ("yes", True), ("no", False)])
def test_booleans_as_editors_write_them(text, expected):
    assert read_bool("draft", Node(text, 1, plain=True), Problems()) is expected


def test_a_quoted_boolean_is_text_not_a_boolean():
    problems = Problems()
    assert read_bool("draft", Node("true", 3, plain=False), problems) is None
    assert problems[0][0] == 3


@pytest.mark.parametrize("text", ["anna@", "anna.example.se", "anna@example", "an na@example.se"])
def test_invalid_email(text):
    problems = Problems()
    assert read_email("contact.email", Node(text, 9), problems) is None
    assert "not a valid e-mail address" in problems[0][1]


def test_a_single_word_is_a_list_of_one_and_duplicates_go():
    assert read_text_list("tags", Node("ai", 1), Problems()) == ("ai",)
    assert read_text_list("tags", Node([Node("a", 1), Node("a", 2)], 1), Problems()) == ("a",)


def test_suggest_finds_the_closest_known_key():
    assert suggest("dealine", ("deadline", "title")) == "deadline"
    assert suggest("zzz", ("deadline", "title")) == ""


@pytest.mark.parametrize("text", ["070-123 45 67", "+46 (0)70 123 45 67", "0701234567", "08/123 456"])
def test_phone_numbers_as_people_write_them(text):
    assert read_phone("contact.phone", Node(text, 3), Problems()) == text


@pytest.mark.parametrize("text", ["ring mig", "070 123 45 67 (vardagar)", "javascript:alert(1)", "12", "+46 70'"])
def test_other_phone_values_are_errors(text):
    problems = Problems()
    assert read_phone("contact.phone", Node(text, 3), problems) is None
    assert problems == [(3, f"contact.phone '{text}' is not a phone number; use digits, spaces, + and -, "
                            "e.g. 070-123 45 67")]


def test_a_quoted_boolean_word_is_told_to_lose_its_quotes():
    problems = Problems()
    assert read_bool("draft", Node("yes", 4), problems) is None
    assert problems == [(4, "draft must be true or false without quotes, not 'yes'")]


def test_values_that_toml_has_typed_already_are_read_as_such():
    problems = Problems()
    assert read_bool("contacts", Node(False, 2), problems) is False
    assert read_date("assessed", Node(date(2026, 11, 1), 3), problems) == date(2026, 11, 1)
    assert problems == []
    assert read_date("assessed", Node(datetime(2026, 11, 1, 9, 30), 3), problems) is None
    assert read_text("title", Node(5, 1), problems) is None
    assert problems == [(3, "assessed must be a date (YYYY-MM-DD), not the time 2026-11-01T09:30:00"),
                        (1, "title must be text, not the number 5")]


@pytest.mark.parametrize("text, ok", [("https://example.org/board", True), ("http://x.se", True),
                                      ("example.org", False), ("ftp://example.org", False), ("https:/x", False),
                                      ("javascript:alert(1)", False)])
def test_web_addresses_must_be_absolute_http_or_https(text, ok):
    problems = Problems()
    assert (read_http_url("url", Node(text, 7), problems) == text) is ok
    assert problems == ([] if ok else [(7, f"url '{text}' must be an absolute http(s) URL, e.g. https://example.org/")])
