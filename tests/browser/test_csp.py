"""Every page type, loaded in Chromium with the Content-Security-Policy enforced, breaks no rule of it."""

import shutil
import time

import pytest

from tests.support.boards import FIXTURES, NOW, need_file

PAGE_TYPES = [
    "", "needs/", "needs/smart-las/", "needs/english-call/", "testbeds/", "testbeds/solrosen/", "cases/",
    "cases/matsvinn-halverat/", "categories/", "categories/vard-och-omsorg/", "organisations/",
    "organisations/vaxjo-kommun/", "tags/", "tags/las/", "tags/extra/page/2/", "needs/page/2/", "needs/open/",
    "needs/?category=vard-och-omsorg", "tillganglighet/", "sok/", "404.html",
]
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def read_headers_file(path):
    """The headers that `_headers` gives every path ('/*'), as Netlify and Cloudflare Pages read it."""
    headers, in_block = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith(" "):
            in_block = line.strip() == "/*"
        elif in_block and ":" in line:
            name, value = line.strip().split(":", 1)
            headers.append((name, value.strip()))
    return headers


@pytest.fixture(scope="module")
def serve_like_a_host(serve_folder):
    """Serve a folder with the headers of its `_headers` file on every response, workers and
    scripts included: the meta tag alone does not govern a Web Worker, the header does."""
    return lambda folder: serve_folder(folder, tuple(read_headers_file(folder / "_headers")))


@pytest.fixture(scope="module")
def served(browser, serve_like_a_host, tmp_path_factory):
    from callboard.cli import main

    root = tmp_path_factory.mktemp("csp") / "board"
    shutil.copytree(FIXTURES / "board", root)
    for number in range(55):  # enough for a second page of needs and of a tag
        (root / f"content/needs/extra-{number:02d}.md").write_text(need_file(extra="tags: [extra]"), encoding="utf-8")
    out = root.parent / "site"
    assert main(["build", "--root", str(root), "--out", str(out), "--now", NOW, "-q"]) == 0
    probe = (out / "404.html").read_text(encoding="utf-8").replace(
        "</main>", '<p style="color: red">x</p><style>p { color: red; }</style><script>document.title = "x";</script></main>')
    (out / "csp-probe.html").write_text(probe, encoding="utf-8")
    base = serve_like_a_host(out)
    context = browser.new_context()
    context.add_init_script(LISTEN)
    yield base, context
    context.close()


def violations(context, url, ready=None):
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text)
            if "Content Security Policy" in message.text else None)
    response = page.goto(url, wait_until="load")
    deadline = time.monotonic() + 15
    while ready and not page.evaluate(ready) and time.monotonic() < deadline:
        page.wait_for_timeout(50)  # polled from here: wait_for_function evaluates strings, which the policy forbids
    page.wait_for_timeout(100)  # violation events are dispatched asynchronously
    found = page.evaluate("window.__violations") + console
    status = response.status if response else 0
    page.close()
    return status, found


def test_the_probe_proves_that_violations_are_seen(served):
    base, context = served
    status, found = violations(context, base + "csp-probe.html")
    assert status == 200
    assert any(v.startswith("style-src") for v in found), found
    assert any(v.startswith("script-src") for v in found), found


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_page_type_breaks_no_rule_of_the_policy(served, path):
    base, context = served
    status, found = violations(context, base + path)
    assert status == 200
    assert found == []


def test_a_search_runs_its_webassembly_and_worker_within_the_policy(served):
    base, context = served
    status, found = violations(context, base + "sok/?q=nycklar",
                               ready="/träff/.test(document.getElementById('search_status').textContent)")
    assert status == 200
    assert found == []


def test_the_needs_filter_runs_within_the_policy(served):
    base, context = served
    status, found = violations(context, base + "needs/?within=30",
                               ready="!document.getElementById('needs_filter').hidden")
    assert status == 200
    assert found == []
