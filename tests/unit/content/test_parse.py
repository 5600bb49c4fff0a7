import time

import pytest

from callboard.content.parse import (
    ParseError,
    decode,
    parse_document,
    parse_yaml,
    split,
)
from tests.support.messages import english, refused


def test_split_gives_front_matter_body_and_the_line_the_body_starts_on():
    front, body, body_line = split("---\ntitle: A\n---\nBody\n")
    assert front == "title: A"
    assert body == "Body\n"
    assert body_line == 4


def test_missing_closing_fence_is_reported_on_line_one():
    with pytest.raises(ParseError) as error:
        split("---\ntitle: A\nBody\n")
    assert error.value.line == 1
    assert "no closing '---'" in english(error.value.message)


def test_file_without_front_matter_is_refused():
    with refused(ParseError, "must start with front matter"):
        split("title: A\n")


def test_byte_order_mark_and_crlf_line_endings_are_accepted():
    document = parse_document(b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n")
    assert document.front.value["title"].value == "A"
    assert document.body == "Body\n"


def test_latin1_file_names_the_line_with_the_first_bad_byte():
    with pytest.raises(ParseError) as error:
        decode("---\ntitle: A\nsummary: Sm\u00e5\n".encode("latin-1"))
    assert error.value.line == 3
    assert "UTF-8" in english(error.value.message)


def test_binary_file_is_refused():
    with refused(ParseError, "not a text file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00")


def test_keys_carry_their_line_in_the_whole_file():
    document = parse_document(b"---\ntitle: A\ncontact:\n  name: B\n  email: c@d.se\ntags:\n  - x\n  - y\n---\n")
    front = document.front.value
    assert front["title"].line == 2
    assert front["contact"].value["email"].line == 5
    assert [item.line for item in front["tags"].value] == [7, 8]


def test_scalars_stay_exactly_as_written():
    front = parse_yaml("phone: 0701234567\ntitle: 2026\ndraft: yes\nquoted: 'true'\nnothing:\n").value
    assert front["phone"].value == "0701234567"
    assert front["title"].value == "2026"
    assert front["draft"].value == "yes" and front["draft"].plain
    assert front["quoted"].value == "true" and not front["quoted"].plain
    assert front["nothing"].value is None


def test_invalid_yaml_reports_the_line_in_the_file():
    with pytest.raises(ParseError) as error:
        parse_yaml("title: A\nsummary: [unclosed\nother: x\n", first_line=2)
    assert error.value.line == 3
    assert error.value.message.key == "yaml_unclosed_bracket"


def test_python_object_tags_are_rejected():
    with refused(ParseError, "tag"):
        parse_yaml("title: !!python/object/apply:os.system ['echo hi']\n")


def test_alias_bomb_is_refused_quickly():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    started = time.perf_counter()
    with refused(ParseError, "aliases"):
        parse_yaml(bomb)
    assert time.perf_counter() - started < 1


def test_a_key_given_twice_is_an_error():
    with pytest.raises(ParseError) as error:
        parse_yaml("title: A\ntitle: B\n", first_line=2)
    assert error.value.line == 3


@pytest.mark.parametrize("raw,line,code", [
    (b"---\ntitle: A\n---\nBody\n\x0bmore\n", 5, "000B"),
    (b"---\ntitle: A\x1b[31m\n---\n", 2, "001B"),
    ("---\ntitle: A\n---\n\n\n\u0085\n".encode("utf-8"), 6, "0085"),
    ("---\ntitle: A\n---\nok \uffff\n".encode("utf-8"), 4, "FFFF"),
    (b'---\ntitle: A\nsummary: "escaped \\x07 bell"\n---\n', 3, "0007"),
    (b'---\ntags: [a, "b\\u0000"]\n---\n', 2, "0000"),
])
def test_control_characters_are_refused_at_their_line(raw, line, code):
    with pytest.raises(ParseError) as error:
        parse_document(raw)
    assert error.value.line == line
    assert f"invisible control character (U+{code})" in english(error.value.message)


def test_tabs_and_line_separators_are_ordinary_text():
    document = parse_document("---\ntitle: \"a\\tb \\u2028 c\"\n---\nkolumn\tkolumn\n".encode("utf-8"))
    assert document.front.value["title"].value == "a\tb \u2028 c"


@pytest.mark.parametrize("raw,line,code", [
    ("---\ntitle: Säker \u202egnisol\n---\n".encode("utf-8"), 2, "202E"),
    ("---\ntitle: A\n---\nText\n\nif (admin) \u2066{ } \u2069\n".encode("utf-8"), 6, "2066"),
    (b'---\ntitle: A\nsummary: "escaped \\u202d override"\n---\n', 3, "202D"),
])
def test_text_direction_overrides_are_refused_at_their_line(raw, line, code):
    with pytest.raises(ParseError) as error:
        parse_document(raw)
    assert error.value.line == line
    assert f"invisible text-direction character (U+{code})" in english(error.value.message)


def test_plain_direction_marks_are_ordinary_text():
    document = parse_document("---\ntitle: \u05e9\u05dc\u05d5\u05dd\u200f (hebreiska)\n---\nText \u200e.\n".encode("utf-8"))
    assert "\u200f" in document.front.value["title"].value and "\u200e" in document.body
