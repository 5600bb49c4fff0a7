"""SVG files that would run code when opened on their own are refused; drawings pass."""

from __future__ import annotations

import pytest

from callboard.core.svg import svg_problems
from tests.support.messages import english
from tests.support.boards import REPO

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{}</svg>'


@pytest.mark.parametrize("path", sorted((REPO / "static").rglob("*.svg"))
                         + sorted((REPO / "templates" / "static").rglob("*.svg")),
                         ids=lambda p: p.name)
def test_the_example_boards_and_themes_drawings_pass(path):
    assert svg_problems(path.read_bytes()) == []


def test_a_drawing_with_a_link_and_an_embedded_bitmap_passes():
    body = ('<a href="https://example.org/"><rect width="5" height="5"/></a>'
            '<image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="2" height="2"/>')
    assert svg_problems(SVG.format(body).encode()) == []


@pytest.mark.parametrize(("body", "words"), [
    ('<script>alert(1)</script>', "<script>"),
    ('<SCRIPT xmlns="http://www.w3.org/2000/svg">alert(1)</SCRIPT>', "<SCRIPT>"),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', "<foreignObject>"),
    ('<rect onload="alert(1)" width="1" height="1"/>', "onload"),
    ('<g><circle r="1" ONCLICK="alert(1)"/></g>', "onclick"),
    ('<a xlink:href="javascript:alert(1)"><text>x</text></a>', "javascript:"),
    ('<a href=" JaVaScRiPt:alert(1)"><text>x</text></a>', "JaVaScRiPt:"),
    ('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"><text>x</text></a>', "data:text/html"),
    ('<a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>', "javascript:"),
    ('<iframe src="https://example.org/"/>', "<iframe>"),
])
def test_active_content_is_named(body, words):
    problems = svg_problems(SVG.format(body).encode())
    assert len(problems) == 1 and words in english(problems[0]), problems


def test_entity_expansion_and_broken_files_are_refused_quickly():
    bomb = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {chr(98 + i)} "&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};">' for i in range(8))
            + ']><svg xmlns="http://www.w3.org/2000/svg"><text>&i;</text></svg>')
    assert "DTD" in english(svg_problems(bomb.encode())[0])
    assert "not a well-formed SVG" in english(svg_problems(b"<svg><g></svg>")[0])
    assert "not a well-formed SVG" in english(svg_problems(b"\x89PNG\r\n")[0])
