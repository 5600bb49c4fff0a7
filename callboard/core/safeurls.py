"""What a URL really is, seen the way a browser sees it.

Browsers decode entities in attributes, ignore tabs, newlines and control characters inside a
URL and read `\\` as `/`, so `java&#x09;script:` and `/\\evil.example` are not what they look
like. Every safety decision about a URL (the Markdown sanitiser, the link checker, the attack
tests) goes through these functions, so they agree.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote, urlsplit

from callboard.core.diagnostics import Message, say

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
WEB_SCHEMES = frozenset({"http", "https"})
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TEL = re.compile(r"^\+?[0-9()\-. ]{3,}$")


def browser_view(url: str) -> str:
    """The URL after entities, percent-escapes and ignored characters are removed, with
    backslashes read as slashes: what a browser acts on, at its most dangerous."""
    decoded = html.unescape(url)
    for _ in range(3):  # %25%36%61 and the like: decode until nothing changes
        once = unquote(decoded)
        if once == decoded:
            break
        decoded = once
    return _IGNORED_BY_BROWSERS.sub("", decoded).replace("\\", "/")


def url_scheme(url: str) -> str:
    """The scheme a browser would see, lower-cased; '' for a relative URL."""
    match = _SCHEME.match(browser_view(url))
    return match.group(1).lower() if match else ""


def is_safe_url(url: str) -> bool:
    """A relative URL or one with a scheme that cannot run code or carry a document."""
    scheme = url_scheme(url)
    return scheme == "" or scheme in SAFE_SCHEMES


def is_external(url: str) -> bool:
    """A link that leaves the site: another host, or scheme-relative (`//host`, `/\\host`)."""
    view = browser_view(url)
    return url_scheme(url) in WEB_SCHEMES or view.startswith("//")


def web_address_problem(url: str) -> Message | None:
    """Why an http(s) or scheme-relative address is malformed, or '' when it looks right.

    Nothing is fetched: this only catches what is wrong in the text of the address.
    """
    if re.search(r"\s", url):
        return say("url_has_space")
    if "\\" in url:
        return say("url_has_backslash")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a port that is not a number from 0 to 65535
    except ValueError:
        return say("url_bad_host_or_port")
    host = parts.hostname or ""
    if not host:
        return say("url_no_host")
    if parts.netloc.startswith("[") or ":" in host:
        return None  # an IPv6 literal; urlsplit has already checked its brackets
    if not all(_HOST_LABEL.match(label) for label in host.rstrip(".").split(".")):
        return say("url_bad_host", host=host)
    return None


def mail_or_phone_problem(url: str) -> Message | None:
    """Why a mailto: or tel: link is malformed, or None."""
    scheme, _, rest = url.partition(":")
    target = unquote(rest.split("?", 1)[0])
    if scheme.lower() == "mailto" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", target):
        return say("url_bad_email", target=target)
    if scheme.lower() == "tel" and not _TEL.match(target):
        return say("url_bad_phone", target=target)
    return None
