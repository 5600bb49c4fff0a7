import re
import time

import pytest

from callboard.content.markdown import (
    MAX_NESTING,
    MarkupError,
    is_safe_url,
    render_body,
    render_markdown,
)
from callboard.content.models import BodyLink
from tests.support.messages import english, refused


def test_raw_html_is_shown_as_text_not_markup():
    html = render_markdown('Hej <script>alert(1)</script>\n\n<div onclick="x">block</div>\n\n<!-- note -->')
    assert "<script" not in html and "<div" not in html and "<!--" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;!-- note --&gt;" in html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)",
                                 "java\tscript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<b>x</b>"])
def test_dangerous_links_are_dropped_and_their_text_kept(url):
    html = render_markdown(f"[klicka här]({url})")
    assert "<a" not in html
    assert "klicka här" in html


def test_data_images_are_replaced_by_their_alt_text():
    html = render_markdown("![en bild](data:image/png;base64,AAAA)")
    assert "<img" not in html and "en bild" in html


def test_external_links_get_noopener_and_local_links_follow_the_base_path():
    html = render_markdown("[ute](https://example.org) [inne](/needs/a/) [mail](mailto:a@b.se)", "/board/")
    assert '<a href="https://example.org" rel="noopener noreferrer">ute</a>' in html
    assert '<a href="/board/needs/a/">inne</a>' in html
    assert '<a href="mailto:a@b.se">mail</a>' in html


def test_headings_get_ascii_anchors_and_h1_is_demoted():
    html = render_markdown("# Så ansöker du\n\n## Bakgrund")
    assert '<h2 id="sa-ansoker-du">Så ansöker du</h2>' in html
    assert '<h3 id="bakgrund">Bakgrund</h3>' in html


def test_table_alignment_becomes_a_class_not_a_style():
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert 'class="align-right"' in html and "style=" not in html


def test_fenced_code_and_sane_lists():
    html = render_markdown("```python\nx = 1 < 2\n```\n\n1. a\n2. b\n\n* c")
    assert '<code class="language-python">x = 1 &lt; 2' in html
    assert "<ol>" in html and "<ul>" in html


def test_absurdly_deep_nesting_is_an_error_not_a_crash():
    deep = "".join("  " * level + "- x\n" for level in range(600))
    with refused(MarkupError, "nested too deeply"):
        render_markdown(deep)


def test_is_safe_url():
    assert is_safe_url("/needs/") and is_safe_url("https://a.se") and is_safe_url("#x")
    assert not is_safe_url(" javascript:x") and not is_safe_url("data:x")


def test_every_link_and_image_is_recorded_with_its_line():
    text = ("Första raden med [en länk](/needs/a/).\nAndra raden [två](https://a.se/) och\n![bild](/images/b.png)\n\n"
            "| a | b |\n|---|---|\n| [cell](/tags/x/) | 2 |\n\n- punkt\n- [i en lista][ref]\n\n[ref]: /cases/c/\n")
    body = render_body(text, "/board/")
    assert body.links == (BodyLink("/board/needs/a/", 1), BodyLink("https://a.se/", 2), BodyLink("/board/images/b.png", 3),
                          BodyLink("/board/tags/x/", 7), BodyLink("/board/cases/c/", 10))


def test_removed_links_and_images_are_reported_at_their_lines():
    body = render_body("Text\n\n[klick](javascript:alert(1))\n\n![extern](https://cdn.example/a.png)\n\n"
                       "![data](data:image/png;base64,AA)\n")
    assert [(p.line, english(p.message).split(":")[0]) for p in body.problems] == [
        (3, "the link to 'javascript"), (5, "the image 'https"), (7, "the image 'data")]
    assert "<p>klick</p>" in body.html
    assert '<a href="https://cdn.example/a.png" rel="noopener noreferrer">extern</a>' in body.html
    assert "<img" not in body.html and "data" in body.html


def test_a_removed_link_leaves_no_rel_behind():
    html = render_markdown("[a](javascript:x) [b](<java\tscript:x>) [c](&#106;avascript:x) <javascript:x>")
    assert "<a" not in html and "rel=" not in html


def test_duplicate_headings_get_distinct_ids_in_linear_time():
    html = render_markdown("## Bakgrund\n\n## Bakgrund\n\n## Bakgrund 2\n\n## Bakgrund\n")
    assert re.findall(r'id="([^"]+)"', html) == ["bakgrund", "bakgrund-2", "bakgrund-2-2", "bakgrund-3"]


def test_nesting_beyond_the_limit_is_an_error_at_the_line_where_it_happens():
    ok = "".join("  " * level + "- x\n" for level in range(MAX_NESTING))
    assert render_markdown(ok).count("<ul>") == MAX_NESTING
    with pytest.raises(MarkupError) as error:
        render_body("Inledning\n\n" + "".join("  " * level + "- x\n" for level in range(MAX_NESTING + 5)))
    assert error.value.line == 3 + MAX_NESTING
    with pytest.raises(MarkupError) as error:
        render_body("> " * 200 + "citat")
    assert error.value.line == 1


def test_a_recursion_error_anywhere_becomes_a_markup_error():
    """Rendered with less and less stack to spare, until the stack runs out part of the way
    through, as it would for a body nested beyond any limit: a MarkupError, not a crash. (Where
    the stack runs out before rendering has begun, the next frame up tries with one more.)"""

    def render_at_the_stack_limit():
        try:
            return render_at_the_stack_limit()
        except RecursionError:
            return render_body("- x")

    with refused(MarkupError, "nested too deeply"):
        render_at_the_stack_limit()


def test_hostile_brackets_do_not_make_the_parser_crawl():
    """Python-Markdown needed 18 s for this; the time is printed, not asserted."""
    started = time.perf_counter()
    html = render_markdown("[" * 10_000 + "slut")
    print(f"\n10,000 '[' rendered in {time.perf_counter() - started:.2f} s")
    assert html.endswith("slut</p>\n")


def test_a_table_scrolls_in_a_named_region_that_a_keyboard_can_reach():
    html = render_body("| a | b |\n|---|---|\n| 1 | 2 |", "/", "Table").html
    assert html.startswith('<div class="table-scroll" role="region" tabindex="0" aria-label="Table"><table>')
    assert html.rstrip().endswith("</table></div>")
    assert 'aria-label="Tabell"' in render_markdown("| a |\n|---|\n| 1 |")
    assert "table-scroll" not in render_markdown("Ingen tabell här.")


def test_a_body_cannot_make_a_region_or_a_tab_stop_of_its_own():
    html = render_markdown('<div class="table-scroll" role="region" tabindex="0" aria-label="x">text</div>')
    assert "<div" not in html and html.startswith("<p>&lt;div")  # shown as text, never markup
