"""A board's templates come through pull requests like its content: they run in Jinja's
sandbox, so a template that reaches for Python's internals is a template error at its file
(issue 18, finding 11), and nothing runs."""

from __future__ import annotations

import shutil

import pytest

from tests.support.boards import FIXTURES, NOW

PAYLOADS = [
    '{{ cycler.__init__.__globals__.os.popen("touch MARKER").read() }}',
    '{{ lipsum.__globals__["os"].popen("touch MARKER").read() }}',
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    '{% set x = config.__class__.__init__.__globals__ %}{{ x }}',
    '{{ page.context.update({"x": 1}) }}',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_template_that_reaches_for_python_is_refused_at_its_file(tmp_path, cli, payload):
    root = tmp_path / "board"
    shutil.copytree(FIXTURES / "board", root)
    marker = tmp_path / "ran"
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "404.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n' + payload.replace("MARKER", str(marker)) + "\n{% endblock %}\n",
        encoding="utf-8")
    out = tmp_path / "site"
    result = cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search", "--no-cache")
    assert result.code == 1
    assert "templates/404.html:3: fel: fel i mallen:" in result.err  # the fixture board is Swedish
    assert "unsafe" in result.err or "not safely callable" in result.err or "immutable" in result.err
    assert not marker.exists(), "the template ran a shell command"
    assert not out.exists(), "a site was written although a template failed"

