"""The security policy: the CSP meta tag on every page, the _headers file, and nothing inline."""

import re

import pytest

from callboard.site.csp import content_security_policy

from callboard.outputs.headers import headers_file
from tests.support.boards import NOW
from tests.support.site_checks import problems_in_site


@pytest.fixture
def site(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 0
    return out


def test_the_policy_allows_only_the_sites_own_files():
    policy = dict(part.split(" ", 1) for part in content_security_policy(header=True).split("; "))
    assert policy == {
        "default-src": "'self'", "script-src": "'self' 'wasm-unsafe-eval'", "style-src": "'self'", "img-src": "'self'",
        "object-src": "'none'", "base-uri": "'self'", "form-action": "'self'", "frame-ancestors": "'none'",
    }
    assert "frame-ancestors" not in content_security_policy(), "browsers ignore frame-ancestors in <meta>"
    assert "'unsafe-inline'" not in content_security_policy(header=True)
    assert "'unsafe-eval'" not in content_security_policy(header=True)


def test_every_page_carries_the_policy_before_anything_it_governs(site):
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">'
    meta = meta.replace("'", "&#39;")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert meta in html, path
        head = html[: html.index("</head>")]
        assert head.index(meta) < min(head.index(tag) for tag in ("<link", "<title")), path


def test_headers_file_is_written_at_the_root_in_netlify_and_cloudflare_format(site):
    text = (site / "_headers").read_text(encoding="utf-8")
    assert text == headers_file().decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "/*"
    assert all(re.fullmatch(r"  [A-Za-z-]+: \S.*", line) for line in lines[1:]), lines
    assert f"  Content-Security-Policy: {content_security_policy(header=True)}" in lines
    assert "  X-Content-Type-Options: nosniff" in lines


def test_the_built_site_has_no_inline_script_or_style_and_keeps_every_promise(site):
    assert problems_in_site(site) == []
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)", html), path
        assert "<style" not in html and " style=" not in html, path
