import pytest

from callboard.markup import MarkupError, is_safe_url, render_markdown


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
    try:
        html = render_markdown(deep)
    except MarkupError as error:
        assert "nested too deeply" in str(error)
    else:
        assert "<li>" in html


def test_is_safe_url():
    assert is_safe_url("/needs/") and is_safe_url("https://a.se") and is_safe_url("#x")
    assert not is_safe_url(" javascript:x") and not is_safe_url("data:x")
