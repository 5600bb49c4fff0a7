"""The site's security policy, in one place: the Content-Security-Policy that every page carries
in a `<meta http-equiv>` tag, and the `_headers` file that hosts such as Netlify and Cloudflare
Pages turn into real HTTP headers.

The policy allows nothing but the site's own files: no inline scripts or styles, no plugins, no
images or fonts from other sites (Markdown images must be files in static/, so visitors' browsers
never contact a third party). One allowance: 'wasm-unsafe-eval' lets the search page's Pagefind
compile its WebAssembly. It permits no JavaScript eval, and it has to be site-wide: hosts merge
the headers of every rule that matches a path, so a second policy for the search page would only
be added to the first, not replace it. `frame-ancestors` only works as a header, so it is in
`_headers` alone.
"""

from __future__ import annotations

CSP_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),
    ("img-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
HEADER_ONLY_DIRECTIVES: tuple[tuple[str, str], ...] = (("frame-ancestors", "'none'"),)
"""Browsers ignore these in a <meta> tag."""


def content_security_policy(header: bool = False) -> str:
    """The policy as a header value; without `header`, as a <meta> tag may carry it."""
    directives = CSP_DIRECTIVES + (HEADER_ONLY_DIRECTIVES if header else ())
    return "; ".join(f"{name} {value}" for name, value in directives)
