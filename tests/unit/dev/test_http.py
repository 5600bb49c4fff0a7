"""The dev server's path rules and content types, without a server."""

from pathlib import Path

import pytest

from callboard.dev.http import (
    Found,
    content_type,
    find_in_site,
    has_overlong_segment,
    request_path,
    resolve_request_path,
    shortened,
)


@pytest.fixture
def site(tmp_path):
    (tmp_path / "site/needs/a").mkdir(parents=True)
    (tmp_path / "site/needs/a/index.html").write_text("a")
    (tmp_path / "secret.txt").write_text("secret")
    (tmp_path / "site/link").symlink_to(tmp_path / "secret.txt")
    return tmp_path / "site"


@pytest.mark.parametrize("target, expected", [
    ("/", ""), ("/needs/a/", "needs/a"), ("/needs/a/index.html?x=1#y", "needs/a/index.html"),
    ("/needs/%61/", "needs/a"), ("http://127.0.0.1:8000/needs/a/", "needs/a"), ("//needs/a/", "needs/a"),
])
def test_paths_inside_the_site(site, target, expected):
    assert resolve_request_path(site, target) == site.resolve().joinpath(*filter(None, expected.split("/")))


@pytest.mark.parametrize("target", [
    "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2e/secret.txt", "/..%2fsecret.txt", "/needs/../../secret.txt",
    "/.%2e/secret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt", "/%00", "/link", "/./needs/a/",
    "http://127.0.0.1/../secret.txt",
])
def test_anything_that_could_leave_the_site_is_refused(site, target):
    assert resolve_request_path(site, target) is None


def test_request_path_keeps_double_slashes_as_a_path_not_a_host():
    assert request_path("//evil.example/x?y") == "//evil.example/x"


@pytest.mark.parametrize("target, overlong", [
    ("/" + "a" * 255, False), ("/" + "a" * 256, True), ("/needs/" + "%61" * 256 + "/", True),
    ("/" + "%C3%A5" * 127, False), ("/" + "%C3%A5" * 128, True), ("/" + "a" * 300 + "?q", True),
    ("/" + "/".join(["a" * 255] * 30), False),
])
def test_over_long_segments(target, overlong):
    assert has_overlong_segment(target) is overlong


def test_an_over_long_segment_is_never_looked_up(site):
    assert resolve_request_path(site, "/" + "a" * 256) is None


def test_a_file_system_error_is_no_file(site):
    too_long = "/" + "/".join(["a" * 250] * 20)  # every segment fits, the whole path does not
    assert find_in_site(site, too_long) is None
    assert find_in_site(site, "/needs/a/") == Found(site.resolve() / "needs/a/index.html")
    assert find_in_site(site, "/needs/a") == Found(site.resolve() / "needs/a", is_folder=True)
    assert find_in_site(site, "/needs/b/") is None


def test_shortened_for_the_terminal():
    assert shortened("/needs/") == "/needs/"
    assert shortened("/" + "a" * 300) == "/" + "a" * 79 + "…(301 bytes)"
    assert shortened("/\x1b[31mred\x07") == "/\\x1b[31mred\\x07"


def test_content_types():
    assert content_type(Path("a.html")) == "text/html; charset=utf-8"
    assert content_type(Path("a.svg")) == "image/svg+xml; charset=utf-8"
    assert content_type(Path("a.png")) == "image/png"
    assert content_type(Path("noextension")) == "application/octet-stream"
