import pytest

from callboard.core.safeurls import browser_view, is_external, is_safe_url, mail_or_phone_problem, url_scheme, web_address_problem
from tests.support.messages import english


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "\x01javascript:alert(1)",
    "java\tscript:alert(1)", "java\nscript:alert(1)", "jav&#x09;ascript:alert(1)", "&#106;avascript:alert(1)",
    "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116:x",
    "javascript&colon;alert(1)", "java&Tab;script:x", "javascript%3Aalert(1)", "%6A%61%76%61%73%63%72%69%70%74:x",
    "%256A%2561vascript:x", "vbscript:msgbox(1)", "data:text/html,<script>", "DATA:image/png;base64,AA",
    "livescript:x", "file:///etc/passwd",
])
def test_dangerous_urls_in_any_spelling_are_unsafe(url):
    assert not is_safe_url(url)


@pytest.mark.parametrize("url", ["/needs/", "needs/a/", "#top", "?q=1", "https://a.se/x", "http://a.se",
                                 "mailto:a@b.se", "tel:+46701234567", "", "bild.png", "./a:b"])
def test_ordinary_urls_are_safe(url):
    assert is_safe_url(url)


def test_an_unknown_scheme_is_not_safe():
    assert url_scheme("ms-settings:x") == "ms-settings" and not is_safe_url("ms-settings:x")


def test_browsers_read_backslashes_as_slashes_so_these_leave_the_site():
    assert browser_view("/\\evil.example/") == "//evil.example/"
    assert is_external("/\\evil.example/") and is_external("//evil.example") and is_external("https://a.se")
    assert not is_external("/needs/") and not is_external("mailto:a@b.se")


@pytest.mark.parametrize("url,problem", [
    ("http://exa mple.se/", "contains a space"),
    ("https://a.se:99999/", "port is not valid"),
    ("https://a.se:http/", "port is not valid"),
    ("https:///path", "no host name"),
    ("https://", "no host name"),
    ("https://exa_mple.se/", "'exa_mple.se' is not a valid host name"),
    ("https://a..se/", "is not a valid host name"),
    ("https://-a.se/", "is not a valid host name"),
    ("http:\\\\a.se", "backslash"),
])
def test_malformed_web_addresses(url, problem):
    assert problem in english(web_address_problem(url))


@pytest.mark.parametrize("url", ["https://www.vaxjo.se/", "http://localhost:8000/x?y=1#z", "https://[::1]:8080/",
                                 "https://xn--vxj-qla.se/", "https://a.se./"])
def test_well_formed_web_addresses(url):
    assert web_address_problem(url) is None


def test_mail_and_phone_links():
    assert mail_or_phone_problem("mailto:anna@example.se?subject=Hej") is None
    assert "not an e-mail address" in english(mail_or_phone_problem("mailto:anna"))
    assert mail_or_phone_problem("tel:+46(0)70-123.45") is None
    assert "not a phone number" in english(mail_or_phone_problem("tel:ring-mig"))
