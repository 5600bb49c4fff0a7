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


def rules(text):
    """`_headers` as Netlify and Cloudflare Pages read it: path -> [(header, value)]."""
    found, path = {}, None
    for line in text.splitlines():
        if line.startswith("/"):
            path = line
            found[path] = []
        else:
            assert re.fullmatch(r"  [A-Za-z-]+: \S.*", line), line
            name, value = line.strip().split(": ", 1)
            found[path].append((name, value))
    return found


def test_headers_file_is_written_at_the_root_in_netlify_and_cloudflare_format(site):
    text = (site / "_headers").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "/*"
    every_path = dict(rules(text)["/*"])
    assert every_path["Content-Security-Policy"] == content_security_policy(header=True)
    assert every_path["X-Content-Type-Options"] == "nosniff"
    assert "Cache-Control" not in every_path, "hosts would join it to the assets' policy"


def test_assets_are_kept_for_a_year_and_pages_are_asked_for_again(site):
    found = rules((site / "_headers").read_text(encoding="utf-8"))
    assert found["/assets/*"] == [("Cache-Control", "public, max-age=31536000, immutable")]
    page_rules = {path for path, headers in found.items() if headers == [("Cache-Control", "public, max-age=0, must-revalidate")]}
    assert {"/", "/404.html", "/needs/*", "/cases/*", "/categories/*"} <= page_rules
    assert set(found) == {"/*", "/assets/*"} | page_rules
    for page in site.rglob("*.html"):  # each page is under exactly one page rule, no asset is
        url = page.relative_to(site).as_posix()
        top = url.split("/")[0]
        covering = [rule for rule in page_rules if rule == f"/{url}" or rule == f"/{top}/*"
                    or (rule == "/" and url == "index.html")]
        assert len(covering) == 1, url
    assert not any(rule.startswith("/assets") for rule in page_rules)


def test_the_rules_name_folders_and_files_once_and_never_the_assets():
    text = headers_file(["", "needs/", "needs/a/", "404.html", "statistik/per_year.svg", "assets/x/"]).decode()
    assert [path for path in rules(text)] == ["/*", "/assets/*", "/", "/404.html", "/needs/*", "/statistik/*"]


def test_the_built_site_has_no_inline_script_or_style_and_keeps_every_promise(site):
    assert problems_in_site(site) == []
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)", html), path
        assert "<style" not in html and " style=" not in html, path
