"""Every attack vector in tests/fixtures/attacks/vectors.txt, in every place content can put it,
and the built site still runs no code but its own.

Each vector becomes a need, a testbed, a case story and an innovator: title, summary,
organisation, contact name, tags, categories, budget, host, location, outcome, partners, image
alt and logo alt in the front matter; and in the body as text, a heading, a link text, a link URL, a link title, an image alt,
a reference definition, a quote, a list, a table and code.
"""

import json
import re
from datetime import date

import html5lib
import pytest

from callboard.build.pipeline import RunOptions, build
from callboard.content.schema import NAME_CHARS
from tests.support.boards import FIXTURES, NOW
from tests.support.site_checks import html_problems, problems_in_site
from tests.support.messages import as_text

VECTORS = [line for line in (FIXTURES / "attacks" / "vectors.txt").read_text(encoding="utf-8").split("\n")
           if line and not line.startswith("# ")]
IMAGE = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'


def test_the_fixture_has_enough_vectors():
    assert len(VECTORS) >= 60
    assert len(set(VECTORS)) == len(VECTORS)


def yaml(text: str, limit: int = 0) -> str:
    """A double-quoted YAML scalar (JSON is valid YAML) that reads back as exactly `text`."""
    return json.dumps(text[:limit] if limit else text, ensure_ascii=True)


def body(vector: str, number: int) -> str:
    return "\n".join([
        vector,
        "",
        f"[{vector}]({vector})",
        f"[länk](<{vector}>)",
        f"![bild](/images/{vector})",
        f"[ref][r{number}] ![{vector}](/images/bild.svg)",
        f'[titel](/needs/ "{vector}")',
        "",
        f"## {vector}",
        "",
        f"> {vector}",
        "",
        f"- {vector}",
        "",
        "| a | b |",
        "|---|---|",
        f"| {vector} | `{vector}` |",
        "",
        f"```{vector}",
        vector,
        "```",
        "",
        f"[r{number}]: {vector}",
    ]) + "\n"


def files_for(vector: str, number: int) -> dict[str, str]:
    slug = f"attack-{number:03d}"
    v, summary, name = yaml(vector), yaml(vector, 300), yaml(vector, NAME_CHARS)  # the limits of summary and names
    contact = f"contact:\n  name: {v}\n  email: anna@example.se\n"
    need = (f"title: {name}\nsummary: {summary}\norganisation: {name}\npublished: 2026-10-01\ndeadline: 2026-12-24\n"
            f"budget: {v}\ncategories: [{v}]\ntags: [{v}, Gemensam]\n{contact}testbeds: [{slug}]\n")
    testbed = f"title: {name}\nsummary: {summary}\nhost: {name}\nlocation: {v}\ntags: [{v}]\n{contact}"
    case = (f"title: {name}\nsummary: {summary}\norganisation: {name}\ncompleted: 2026-06-01\noutcome: {v}\n"
            f"partners: [{v}]\nimage: images/bild.svg\nimage_alt: {v}\nneed: {slug}\n")
    innovator = (f"title: {name}\nsummary: {summary}\nlocation: {yaml(vector, NAME_CHARS)}\ncategories: [{v}]\n"
                 f"tags: [{v}, Gemensam]\n{contact}show_contact: true\nlooking_for: [pilot, testbed]\n"
                 f"logo: images/bild.svg\nlogo_alt: {name}\nwebsite: https://example.org/\n")
    return {f"content/{section}/{slug}.md": f"---\n{front}---\n{body(vector, number)}"
            for section, front in (("needs", need), ("testbeds", testbed), ("cases", case),
                                   ("innovators", innovator))}


@pytest.fixture(scope="module")
def attack_board(tmp_path_factory):
    root = tmp_path_factory.mktemp("attacks") / "board"
    files = {"callboard.toml": 'title = "Testtavlan"\nbase_url = "https://tavla.example.org/"\n'
                               '[hub]\nname = "Hubben"\nemail = "hubb@example.se"\nurl = "https://hubb.example.se/"\n',
             "static/images/bild.svg": IMAGE}
    for number, vector in enumerate(VECTORS):
        files.update(files_for(vector, number))
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def attack_site(attack_board, tmp_path_factory):
    """The attack board built without the link check: link vectors are broken links on purpose,
    and the point here is what reaches the pages."""
    out = tmp_path_factory.mktemp("attack-out") / "site"
    result = build(RunOptions(root=attack_board, now=date.fromisoformat(NOW)), out, verify_links=False)
    assert result.ok, [as_text(d) for d in result.diagnostics.errors][:10]
    return out


def test_no_output_file_runs_code_or_breaks_its_format(attack_site):
    pages = list(attack_site.rglob("*.html"))
    assert len(pages) > 3 * len(VECTORS)
    assert problems_in_site(attack_site) == []


def test_every_vector_reaches_the_page_as_text(attack_site):
    """Escaped, not removed: each title is the heading of its page, character for character (up
    to the limit of a title's length, where files_for cuts it)."""
    for number, vector in enumerate(VECTORS):
        for section in ("needs", "testbeds", "cases", "innovators"):
            html = (attack_site / section / f"attack-{number:03d}" / "index.html").read_bytes()
            tree = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
            h1 = "".join(tree.find(".//h1").itertext())
            assert h1 == vector[:NAME_CHARS].strip(), (section, number)


def test_case_image_alt_and_contact_name_are_escaped_attributes_and_text(attack_site):
    for number, vector in enumerate(VECTORS):
        tree = html5lib.parse((attack_site / "cases" / f"attack-{number:03d}" / "index.html").read_bytes(),
                              treebuilder="etree", namespaceHTMLElements=False)
        figure_image = tree.find(".//figure/img")
        assert figure_image.get("alt") == vector.strip()
        need = html5lib.parse((attack_site / "needs" / f"attack-{number:03d}" / "index.html").read_bytes(),
                              treebuilder="etree", namespaceHTMLElements=False)
        assert "".join(need.find(".//span[@class='contact__name']").itertext()) == vector.strip()
        innovator = html5lib.parse((attack_site / "innovators" / f"attack-{number:03d}" / "index.html").read_bytes(),
                                   treebuilder="etree", namespaceHTMLElements=False)
        assert "".join(innovator.find(".//span[@class='contact__name']").itertext()) == vector.strip()
        assert innovator.find(".//p[@class='innovator-logo']//img").get("alt") == vector[:NAME_CHARS].strip()


def test_the_checks_catch_what_they_look_for():
    """The checker itself must fail on each kind of breach, or the tests above prove nothing."""
    breaches = {
        b"<script>alert(1)</script>": "inline script",
        b"<script src='https://evil.example/x.js'></script>": "script from elsewhere",
        b"<p onclick='x()'>a</p>": "event handler",
        b"<p style='color:red'>a</p>": "style attribute",
        b"<style>p{}</style>": "<style> element",
        b"<a href='jav&#x09;ascript:alert(1)'>a</a>": "unsafe scheme",
        b"<img src='data:image/png;base64,AAAA'>": "unsafe scheme",
        b"<a rel='noopener'>a</a>": "no href",
        b"<a href='https://evil.example/'>a</a>": "without rel",
        b"<iframe src='/x'></iframe>": "<iframe> element",
        b'<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>': "JSON-LD",
        b"<meta http-equiv='refresh' content='0;url=javascript:alert(1)'>": "http-equiv",
        b"<svg><a xlink:href='javascript:alert(1)'>x</a></svg>": "unsafe scheme",
    }
    for html, expected in breaches.items():
        found = html_problems(b"<!DOCTYPE html><html><head></head><body>" + html + b"</body></html>")
        assert any(expected in problem for problem in found), (html, found)
    assert html_problems(b'<!DOCTYPE html><script type="application/ld+json">{"a": 1}</script>'
                         b'<script src="/assets/site.js"></script><a href="/x/" rel="next">n</a>') == []


def test_link_vectors_are_reported_at_their_lines_and_nothing_is_written(attack_board, cli, tmp_path):
    """With the link check on, a vector that survives as a relative URL is a broken link: a clear
    error at the line of the body that has it, never a crash and never a half-written site."""
    out = tmp_path / "out"
    result = cli("build", "--root", attack_board, "--out", out, "--now", NOW)
    assert result.code == 1
    assert not out.exists()
    errors = [line for line in result.err.splitlines() if ": fel: " in line]  # the attack board is Swedish
    assert errors
    for line in errors:
        match = re.match(r"^(content/(?:needs|testbeds|cases|innovators)/attack-(\d{3})\.md):(\d+): fel: länken '", line)
        assert match, line
        source_line = (attack_board / match.group(1)).read_text(encoding="utf-8").split("\n")[int(match.group(3)) - 1]
        assert VECTORS[int(match.group(2))] in source_line, (line, source_line)
    assert re.search(r"^\d+ problem hittades; inget skrevs$", result.err, re.M)
