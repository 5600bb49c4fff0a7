"""`_headers`: the site's security policy as real HTTP headers, in the format that hosts such as
Netlify and Cloudflare Pages read. The policy itself is `callboard.site.csp`'s, which every page
also carries in a `<meta http-equiv>` tag."""

from __future__ import annotations

from callboard.outputs.descriptor import Output
from callboard.site.csp import content_security_policy

OTHER_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
)


def headers_file() -> bytes:
    """`_headers` in the format Netlify and Cloudflare Pages read: every path gets the headers."""
    lines = ["/*", f"  Content-Security-Policy: {content_security_policy(header=True)}"]
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS]
    return ("\n".join(lines) + "\n").encode("utf-8")


OUTPUT = Output("headers", lambda board, pages, memo: [("_headers", headers_file())], cost_rank=7)
