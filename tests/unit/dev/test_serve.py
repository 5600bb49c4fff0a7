"""`callboard serve` tested for real: a subprocess on a free port, files changed on disk, pages
fetched over HTTP, live-reload events read from the WebSocket, and a browser that reloads."""

import os
import re
import socket
import subprocess
import sys
import time

import pytest

from tests.support.boards import NOW, need_file
from tests.unit.dev.clients import LiveSocket, fetch, raw_request

SMART_LAS = "content/needs/smart-las.md"


def write(root, path, text):
    (root / path).write_text(text, encoding="utf-8")


def test_edit_reaches_the_page_and_every_tab_gets_the_reload_event(dev_server, fixture_board):
    server = dev_server(fixture_board, "--now", NOW)
    status, html = fetch(server.url + "needs/smart-las/")
    assert status == 200 and "Smarta lås i hemtjänsten" in html
    server_id = re.search(r'src="/_callboard/livereload.js\?server=([0-9a-f]+)"', html).group(1)
    live = LiveSocket(server.port)
    hello = live.next_message()
    assert hello == {"type": "hello", "server": server_id, "swapped": hello["swapped"], "problems": None}
    assert abs(hello["swapped"] / 1000 - time.time()) < 120

    printed = len(server.lines)
    write(fixture_board, SMART_LAS, (fixture_board / SMART_LAS).read_text(encoding="utf-8")
          .replace("title: Smarta lås i hemtjänsten", "title: Nyckelfria besök"))
    page_first, whole_build = live.next_message(), live.next_message()  # the need's own page, then the rest
    assert page_first == whole_build == {"type": "rebuilt", "server": server_id, "reload": True, "problems": None}
    assert "Nyckelfria besök" in fetch(server.url + "needs/smart-las/")[1]
    # the fixture board is Swedish, and so is what the server prints
    line = server.wait_for(rf"\d\d:\d\d:\d\d {SMART_LAS} ändrades: byggdes om på \d+,\d\d s \((\d+) filer skrivna\)",
                           after=printed)
    assert 1 < int(line.group(1)) < 40  # the need, the lists and terms that show it: not all 70 pages

    printed = len(server.lines)
    write(fixture_board, SMART_LAS, (fixture_board / SMART_LAS).read_text(encoding="utf-8"))  # saved, unchanged
    assert live.next_message() == {"type": "rebuilt", "server": server_id, "reload": False, "problems": None}
    server.wait_for(rf"{SMART_LAS} ändrades: byggdes om på \d+,\d\d s \(ingen sida ändrades\)", after=printed)
    live.close()


def test_a_request_while_a_change_is_pending_gets_the_new_page_not_the_old_one(dev_server, fixture_board):
    """Between a save and its rebuild, a page is not served as it was: the need's own page waits
    for the page first, a list for the whole rebuild."""
    server = dev_server(fixture_board, "--now", NOW)
    assert "Smarta lås i hemtjänsten" in fetch(server.url + "needs/smart-las/")[1]
    original = (fixture_board / SMART_LAS).read_text(encoding="utf-8")
    write(fixture_board, SMART_LAS, original.replace("title: Smarta lås i hemtjänsten", "title: Nyckelfria besök"))
    time.sleep(0.03)  # the watcher has seen the save; the rebuild starts after 0.12 s of quiet
    assert "Nyckelfria besök" in fetch(server.url + "needs/smart-las/")[1]
    write(fixture_board, SMART_LAS, original.replace("title: Smarta lås i hemtjänsten", "title: Låsta dörrar"))
    time.sleep(0.03)
    assert "Låsta dörrar" in fetch(server.url + "needs/")[1]


def test_a_burst_of_saves_gives_one_rebuild_and_reading_files_gives_none(dev_server, fixture_board):
    server = dev_server(fixture_board, "--now", NOW)
    time.sleep(0.3)
    printed = len(server.lines)
    folder = fixture_board / "content/needs"
    staging = fixture_board.parent / "staging"  # prepared first, so the burst itself takes milliseconds
    staging.mkdir()
    for index in range(15):
        (staging / f"extra-{index}.md").write_text(need_file(f"Extra {index}"), encoding="utf-8")
    for index in range(15):  # like an editor's "save all" or a git checkout
        (staging / f"extra-{index}.md").replace(folder / f"extra-{index}.md")
    (folder / ".smart-las.md.swp").write_bytes(b"vim swap")
    (folder / "4913").write_text("vim probe")
    (folder / "4913").unlink()
    (folder / "sedAb12Cd").write_text(need_file("Via sed"), encoding="utf-8")  # sed -i: a temporary renamed over
    (folder / "sedAb12Cd").replace(folder / "extra-0.md")
    (fixture_board / ".git").mkdir()
    (fixture_board / ".git/index").write_bytes(b"git")
    server.wait_for(r"ändrades: byggdes om på", after=printed)
    for path in sorted(fixture_board.rglob("*.md")):  # the build itself reads every file like this
        path.read_bytes()
    time.sleep(1.0)
    rebuilds = [line for line in server.lines[printed:] if "byggdes om på" in line]
    assert len(rebuilds) == 1, rebuilds
    assert re.search(r"content/needs/extra-\d+\.md och 14 filer till ändrades", rebuilds[0]), rebuilds
    assert "sed" not in rebuilds[0]


def test_invalid_content_keeps_the_last_good_build_and_reports_file_and_line(dev_server, fixture_board):
    server = dev_server(fixture_board, "--now", NOW)
    live = LiveSocket(server.port)
    live.next_message()
    printed = len(server.lines)
    write(fixture_board, SMART_LAS, need_file("Trasig", extra="deadline: 2026-13-45"))
    message = live.next_message()
    assert message["reload"] is False  # the last good build stays
    [problem] = message["problems"]["items"]
    assert problem == {"where": f"{SMART_LAS}:9", "severity": "error", "label": "fel",
                       "message": "deadline: '2026-13-45' är inget riktigt datum (ÅÅÅÅ-MM-DD)"}
    server.wait_for(rf"{SMART_LAS} ändrades: 1 fel, visar fortfarande det senaste fungerande bygget", after=printed)
    server.wait_for(rf"^{SMART_LAS}:9: fel: deadline: '2026-13-45' är inget riktigt datum", after=printed)
    assert "Smarta lås i hemtjänsten" in fetch(server.url + "needs/smart-las/")[1]

    write(fixture_board, SMART_LAS, need_file("Lagad"))
    fixed = live.next_message()
    assert fixed["problems"] is None and fixed["reload"] is True
    assert "Lagad" in fetch(server.url + "needs/smart-las/")[1]
    live.close()


def test_a_template_error_names_the_template_and_line(dev_server, fixture_board):
    server = dev_server(fixture_board, "--now", NOW)
    live = LiveSocket(server.port)
    live.next_message()
    (fixture_board / "templates").mkdir()
    write(fixture_board, "templates/404.html", "{% extends 'base.html' %}\n{% block main %}\n{{ oops( }}\n{% endblock %}\n")
    message = live.next_message()
    [problem] = message["problems"]["items"]
    assert problem["where"] == "templates/404.html:3" and "fel i mallen" in problem["message"]
    live.close()


def test_first_build_failing_serves_an_error_page_until_fixed(dev_server, fixture_board):
    write(fixture_board, SMART_LAS, "---\ntitle: <b>Trasig</b>\n")
    server = dev_server(fixture_board, "--now", NOW)
    status, page = fetch(server.url + "needs/")
    assert status == 500
    assert "Tavlan kunde inte byggas" in page and f"{SMART_LAS}:1" in page
    assert "<b>Trasig" not in page  # content is escaped
    assert re.search(r'src="/_callboard/livereload.js\?server=[0-9a-f]+"', page)
    printed = len(server.lines)
    write(fixture_board, SMART_LAS, need_file("Lagad"))
    server.wait_for("byggdes om på", after=printed)
    status, page = fetch(server.url + "needs/smart-las/")
    assert status == 200 and "Lagad" in page


@pytest.fixture
def preview(dev_server, fixture_board, tmp_path):
    """A server with --drafts, and secrets planted where a path traversal would find them."""
    server = dev_server(fixture_board, "--now", NOW, "--drafts")
    [workdir] = server.tmpdir.glob("callboard-serve-*")
    for folder in (workdir, server.tmpdir, tmp_path):
        (folder / "secret.txt").write_text("TOP SECRET")
    return server


TRAVERSALS = [
    "/../secret.txt", "/../../secret.txt", "/../../../secret.txt", "/../callboard.toml",
    "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..%2f..%2fsecret.txt",
    "/%2e%2e%2f%2e%2e%2fsecret.txt", "/needs/../../secret.txt", "/needs/%2e%2e/%2e%2e/secret.txt",
    "/.%2e/.%2e/secret.txt", "/..\\..\\secret.txt", "/%5c..%5c..%5csecret.txt", "//../../secret.txt",
    "http://127.0.0.1/../../secret.txt", "/%252e%252e/%252e%252e/secret.txt", "/..;/..;/secret.txt",
    "/%00/../secret.txt", "/%c0%ae%c0%ae/%c0%ae%c0%ae/secret.txt",
]


def test_no_request_reaches_a_file_outside_the_build_folder(preview):
    assert raw_request(preview.port, "/needs/")[0] == 200  # the raw client works
    for target in TRAVERSALS:
        status, response = raw_request(preview.port, target)
        assert b"TOP SECRET" not in response and b"[hub]" not in response, target
        assert status in (400, 404), (target, status)


def test_unknown_paths_get_the_404_page_with_status_404(preview):
    status, page = fetch(preview.url + "no/such/page/")
    assert status == 404 and "Sidan finns inte" in page
    assert raw_request(preview.port, "/no-such-file.css", method="HEAD")[0] == 404


def test_folders_redirect_to_their_slash_and_never_off_site(preview):
    status, response = raw_request(preview.port, "/needs")
    assert status == 301 and b"\r\nLocation: /needs/\r\n" in response
    status, response = raw_request(preview.port, "//needs")
    assert status == 301 and b"\r\nLocation: /needs/\r\n" in response


def test_drafts_are_shown_and_marked_and_the_reload_script_is_external(preview):
    html = fetch(preview.url + "needs/utkast/")[1]
    assert "Utkast, ej publicerad" in html
    assert "<script>" not in html and re.search(r'<script src="/_callboard/livereload\.js\?server=[0-9a-f]+" defer>', html)
    status, script = fetch(preview.url + "_callboard/livereload.js")
    assert status == 200 and "innerHTML" not in script and "createTextNode" in script


def test_build_output_never_contains_the_reload_script(cli, fixture_board, tmp_path):
    out = tmp_path / "site"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW, "--drafts").code == 0
    assert not any("_callboard" in p.read_text(encoding="utf-8") for p in out.rglob("*.html"))


def test_a_port_in_use_gives_one_line_suggesting_another(fixture_board, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-c", "from callboard.cli import run; run()", "serve",
                                 "--root", str(fixture_board), "--port", str(port)],
                                capture_output=True, text=True, timeout=30,
                                env={**os.environ, "TMPDIR": str(tmp_path)})
    assert result.returncode == 2
    assert result.stderr == (f"callboard: fel: port {port} används redan; "  # in the board's language
                             f"välj en annan med --port, till exempel --port {port + 1}\n")
    assert not list(tmp_path.glob("callboard-serve-*"))


def test_ctrl_c_stops_cleanly(dev_server, fixture_board):
    server = dev_server(fixture_board)
    assert server.stop() == 0
    assert server.lines[-1] == "Stoppad." and server.errors == []
    assert not list(server.tmpdir.glob("callboard-serve-*"))


# --- In a real browser ----------------------------------------------------------------------

def test_the_browser_reloads_by_itself_and_shows_errors_as_text(browser, dev_server, fixture_board):
    server = dev_server(fixture_board, "--now", NOW)
    page = browser.new_page(bypass_csp=True)
    page.goto(server.url + "needs/smart-las/")
    original = (fixture_board / SMART_LAS).read_text(encoding="utf-8")

    write(fixture_board, SMART_LAS, original.replace("title: Smarta lås i hemtjänsten", "title: Nyckelfria besök"))
    page.wait_for_function("document.querySelector('h1').textContent === 'Nyckelfria besök'", timeout=15000)

    hostile = original.replace("deadline: 2026-12-03", "deadline: <img src=x onerror=window.pwned=1>")
    write(fixture_board, SMART_LAS, hostile)
    overlay = page.locator("#callboard-overlay")
    overlay.wait_for(timeout=15000)
    assert "Tavlan kunde inte byggas" in overlay.inner_text()
    assert f"{SMART_LAS}:6: fel: deadline: '<img src=x onerror=window.pwned=1>' är inget datum (ÅÅÅÅ-MM-DD)" \
        in overlay.inner_text()
    assert page.locator("#callboard-overlay img").count() == 0 and page.evaluate("window.pwned") is None
    assert page.locator("h1").inner_text() == "Nyckelfria besök"  # the last good build stays

    write(fixture_board, SMART_LAS, original)
    overlay.wait_for(state="detached", timeout=15000)
    page.wait_for_function("document.querySelector('h1').textContent === 'Smarta lås i hemtjänsten'", timeout=15000)
    page.close()


def test_the_error_page_turns_into_the_board_once_fixed(browser, dev_server, fixture_board):
    original = (fixture_board / SMART_LAS).read_text(encoding="utf-8")
    write(fixture_board, SMART_LAS, original.replace("published: 2026-10-01", "published: 2026-10-32"))
    server = dev_server(fixture_board, "--now", NOW)
    page = browser.new_page(bypass_csp=True)
    response = page.goto(server.url + "needs/smart-las/")
    assert response.status == 500 and page.locator("h1").inner_text() == "Tavlan kunde inte byggas"
    assert f"{SMART_LAS}:5" in page.locator("main").inner_text()
    write(fixture_board, SMART_LAS, original)
    page.wait_for_function("document.querySelector('h1').textContent === 'Smarta lås i hemtjänsten'", timeout=15000)
    page.close()


def test_many_open_tabs_neither_block_new_pages_nor_miss_a_reload(browser, dev_server, fixture_board):
    """Server-Sent Events would hold one of the browser's six connections per tab: the seventh
    tab's page would hang. The WebSocket channel holds none of them."""
    server = dev_server(fixture_board, "--now", NOW)
    context = browser.new_context(bypass_csp=True)
    tabs = []
    for _ in range(8):
        tab = context.new_page()
        with tab.expect_websocket():
            tab.goto(server.url + "needs/")
        tabs.append(tab)
    extra = context.new_page()
    extra.goto(server.url + "testbeds/", timeout=5000)
    assert extra.locator("h1").inner_text() == "Alla testbäddar"

    need = fixture_board / "content/needs/snorojning.md"
    need.write_text(need.read_text(encoding="utf-8").replace("title: ", "title: Nytt namn ", 1), encoding="utf-8")
    for tab in tabs:
        tab.wait_for_function("document.body.textContent.includes('Nytt namn Snöröjning')", timeout=15000)
    context.close()


# --- In the board's language ----------------------------------------------------------------

@pytest.mark.parametrize("lang, said", [
    ("sv", {"first": "Tavlan har 1 fel; rätta till det så uppdateras sidan av sig själv.",
            "problem": "content/needs/a.md:9: fel: deadline: '2026-13-01' är inget riktigt datum (ÅÅÅÅ-MM-DD)",
            "label": "fel", "rebuilt": r"^\d\d:\d\d:\d\d content/needs/a.md ändrades: byggdes om på \d+,\d\d s \(\d+ filer skrivna\)$"}),
    ("en", {"first": "The board has 1 error; fix it and the page updates by itself.",
            "problem": "content/needs/a.md:9: error: deadline '2026-13-01' is not a valid date (YYYY-MM-DD)",
            "label": "error", "rebuilt": r"^\d\d:\d\d:\d\d content/needs/a.md changed: rebuilt in \d+\.\d\d s \(\d+ files written\)$"}),
])
def test_the_terminal_the_overlay_and_the_error_page_speak_the_boards_language(make_board, tmp_path, lang, said):
    import io
    from datetime import date

    from callboard.dev.serve import DevServer, ServeOptions
    from tests.support.boards import BOARD_TOML

    root = make_board({"content/needs/a.md": need_file(extra="deadline: 2026-13-01")},
                      config=BOARD_TOML.replace('lang = "sv"', f'lang = "{lang}"'))
    terminal = io.StringIO()
    (tmp_path / "work").mkdir()
    dev = DevServer(ServeOptions(root=root, now=date.fromisoformat(NOW)), tmp_path / "work", "http://127.0.0.1:8000/",
                    terminal)
    dev.first_build()
    assert terminal.getvalue().splitlines() == [said["first"], said["problem"]]
    [item] = dev.problems_payload(dev.state)["items"]
    where, label, message = said["problem"].split(": ", 2)
    assert item == {"where": where, "severity": "error", "label": said["label"], "message": message}
    assert f"{label}: {message.replace(chr(39), '&#x27;')}" in dev.error_page().decode("utf-8")
    (root / "content/needs/a.md").write_text(need_file(), encoding="utf-8")
    dev.rebuild(["content/needs/a.md"])
    assert re.match(said["rebuilt"], terminal.getvalue().splitlines()[-1]), terminal.getvalue()
