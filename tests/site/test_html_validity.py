"""Every page of the built sites is valid HTML for the Nu Html Checker (vnu), in one call."""

import json
import os
import shutil
import subprocess

import pytest

from tests.support.a11y import VNU_JAR, require


@pytest.fixture(scope="session")
def vnu():
    """The command that runs vnu: skipped without Java or vnu.jar on a laptop, a failure in CI."""
    jar = require(VNU_JAR, "run `npm ci --ignore-scripts` in the repository")
    java = shutil.which("java")
    if not java:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but java is missing: .ci/run must install default-jre-headless")
        pytest.skip("the HTML validity tests need java (apt-get install default-jre-headless)")

    def run(*paths):
        result = subprocess.run([java, "-jar", str(jar), "--errors-only", "--skip-non-html", "--also-check-css",
                                 "--format", "json", *map(str, paths)], capture_output=True, text=True, timeout=300)
        messages = json.loads(result.stderr)["messages"]
        return result.returncode, [f"{m.get('url', '')}:{m.get('lastLine', 0)}: {m['message']}" for m in messages]

    return run


def test_every_page_of_every_built_site_is_valid_html(built_sites, vnu):
    folders = [site.folder for site in built_sites.values()]
    assert sum(len(list(folder.rglob("*.html"))) for folder in folders) > 150
    code, errors = vnu(*folders)
    assert not errors, f"{len(errors)} vnu errors:\n" + "\n".join(errors)
    assert code == 0


def test_vnu_reports_broken_html_and_css(vnu, tmp_path):
    """The check above can fail: an image without alt text and a bad CSS value are errors."""
    (tmp_path / "page.html").write_text('<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
                                        "<title>Trasig</title></head><body><img src=x.png></body></html>")
    (tmp_path / "style.css").write_text("a { color: notacolour; }")
    code, errors = vnu(tmp_path)
    assert code == 1
    assert any("page.html" in e and "alt" in e for e in errors), errors
    assert any("style.css" in e for e in errors), errors
