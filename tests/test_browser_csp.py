"""Every page type, loaded in Chromium with the Content-Security-Policy enforced, breaks no rule of it."""

import shutil

import pytest

from conftest import FIXTURES, NOW, need_file

PAGE_TYPES = [
    "", "needs/", "needs/smart-las/", "needs/english-call/", "testbeds/", "testbeds/solrosen/", "cases/",
    "cases/matsvinn-halverat/", "categories/", "categories/vard-och-omsorg/", "organisations/",
    "organisations/vaxjo-kommun/", "tags/", "tags/las/", "tags/extra/page/2/", "needs/page/2/", "404.html",
]
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@pytest.fixture(scope="module")
def served(browser, serve_folder, tmp_path_factory):
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
    base = serve_folder(out)
    context = browser.new_context()
    context.add_init_script(LISTEN)
    yield base, context
    context.close()


def violations(context, url):
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text)
            if "Content Security Policy" in message.text else None)
    response = page.goto(url, wait_until="load")
    page.wait_for_timeout(50)  # violation events are dispatched asynchronously
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
