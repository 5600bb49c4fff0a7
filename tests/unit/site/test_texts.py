"""Templates' `_` and `ngettext`: catalog texts are plain text, escaped like any other value."""

from __future__ import annotations

import jinja2

from callboard.i18n import Translator
from callboard.site.render import install_texts


def render(source: str, lang: str = "en", **context) -> str:
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True, undefined=jinja2.StrictUndefined)
    install_texts(env, Translator(lang))
    return env.from_string(source).render(**context)


def test_a_text_is_escaped_as_the_old_t_did():
    assert render('{{ _("statement_technical") }}') == "Technical information about this website&#39;s accessibility"


def test_values_are_escaped_and_filled_in_by_name():
    assert render('{{ _("footer_hub", name=name) }}', name="<Nod & Co>") == "The board is run by &lt;Nod &amp; Co&gt;."


def test_a_count_takes_its_number_written_in_the_language():
    source = '{{ ngettext("needs_count", "needs_count_plural", total, n=total | number) }}'
    assert render(source, "sv", total=1) == "1 behov"
    assert render(source, "sv", total=1234) == "1\xa0234 behov"
    assert render(source, "en", total=1) == "1 need"


def test_a_key_no_catalog_has_fails_the_page():
    try:
        render('{{ _("no_such_key") }}')
    except KeyError as exc:
        assert "no_such_key" in str(exc)
    else:
        raise AssertionError("a missing key rendered")
