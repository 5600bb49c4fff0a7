"""`callboard serve` on a hub: the sources are fetched when the preview starts and when
callboard.toml changes, not on every save, so that a slow or dead source never holds up an
editor's save (a source's timeout can be forty seconds)."""

from __future__ import annotations

import io

from callboard.dev.serve import DevServer, ServeOptions
from tests.site.test_hub_sources import FAST, TODAY, board_json, need_record, needs_json, serve_foreign
from tests.support import hubs
from tests.support.boards import BOARD_TOML, need_file


def test_a_hub_preview_fetches_its_sources_at_the_start_and_after_a_change_of_its_config(tmp_path):
    server = hubs.start(hubs.Server())
    url = serve_foreign(server, "umea", board_json(f"{server.url}umea/", ["Luleå kommun"]),
                        needs_json(f"{server.url}umea/", [need_record(f"{server.url}umea/", "plogning")]))
    root = tmp_path / "hub"
    (root / "content/needs").mkdir(parents=True)
    (root / "content/needs/egen.md").write_text(need_file("Egen"), encoding="utf-8")
    config = BOARD_TOML + FAST + f'\n[[sources]]\nurl = "{url}"\n'
    (root / "callboard.toml").write_text(config, encoding="utf-8")
    dev = DevServer(ServeOptions(root=root, now=TODAY), tmp_path / "work", "http://127.0.0.1:8000/", io.StringIO())

    dev.first_build()
    assert dev.has_build() and len(server.log) == 2  # board.json and needs.json
    assert any("--plogning" in path.name for path in (dev.site_dir / "needs").iterdir())

    (root / "content/needs/egen.md").write_text(need_file("Egen, ändrad"), encoding="utf-8")
    dev.rebuild(["content/needs/egen.md"])
    assert len(server.log) == 2 and not dev.state.problems  # built from the copy, nothing fetched
    assert "Egen, ändrad" in (dev.site_dir / "needs/egen/index.html").read_text(encoding="utf-8")
    assert any("--plogning" in path.name for path in (dev.site_dir / "needs").iterdir())

    (root / "callboard.toml").write_text(config.replace("Testtavlan", "Navet"), encoding="utf-8")
    dev.rebuild(["callboard.toml"])
    assert len(server.log) == 4  # asked again, conditionally
    server.httpd.shutdown()
