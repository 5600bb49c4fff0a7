"""Property: whatever front matter and Markdown an editor writes, `check` and `build` end in a valid
site (exit 0) or clear `path:line: error:` messages (exit 1): never another exit code, never an
exception, and a built site always keeps the safety promises of tests/site_checks.py."""

import contextlib
import io
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callboard.cli import main
from tests.support.boards import ENGLISH_BOARD_TOML, NOW
from tests.support.site_checks import problems_in_site

PROBLEM = re.compile(r"^[^\s:][^:]*(:\d+)?: (error|warning): \S.*$")
SUMMARY = re.compile(r"^\d+ problems? found(; nothing was written)?$")
VALID = {
    "title": "Ett behov", "organisation": "Växjö kommun", "summary": "En sammanfattning.",
    "published": "2026-10-01", "contact": {"name": "Anna", "email": "anna@example.se"},
}
KEYS = list(VALID) + ["deadline", "opens", "status", "procurement", "budget", "categories", "tags", "testbeds",
                      "lang", "draft", "okänd", "contact"]
MARKDOWN = ["# ", "## ", "- ", "1. ", "> ", "  ", "    ", "\n", "\n\n", "*", "**", "_", "`", "```", "~~", "|", "|---|",
            "[", "]", "(", ")", "![", "](", "<", ">", "&", "&#106;", "&amp;", "\\", "javascript:", "data:", "/needs/",
            "/images/", "https://", "http//", "mailto:", "#", "<script>", "</script>", "<!--", "-->", "---", "\t",
            "å", "\u2028", "\u202e", "x", "ord ", "[a](/needs/a/)", "[b](/)", "![c](/images/x.png)", "[d]: /e\n"]

printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)
"""Control characters are refused at once (see test_parse.py); here they would hide everything else."""
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
    st.dates().map(str), st.sampled_from(["2026-13-01", "2026-02-30", "igår", "open", "closed", "awarded",
                                          "innovation-partnership", "sv", "en", "de", "true", "no", "a", ""]),
    printable,
)
junk = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.sampled_from(["name", "email", "phone", "x"]) | st.text(max_size=6), inner, max_size=4), max_leaves=8)
values = st.one_of(printable.filter(str.strip), st.lists(printable.filter(str.strip), max_size=3), scalars, junk)
"""Mostly text an editor might write, sometimes anything at all."""
edits = st.dictionaries(st.sampled_from(KEYS), values, max_size=3).map(
    lambda changes: yaml.safe_dump({**VALID, **changes}, allow_unicode=True, sort_keys=False))
front_matter = st.one_of(edits, edits, edits, st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
bodies = st.lists(st.one_of(st.sampled_from(MARKDOWN), printable), max_size=40).map("".join)


def run(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(args))
    return code, err.getvalue()


def assert_clear(code: int, err: str) -> None:
    assert code in (0, 1), (code, err)
    lines = [line for line in err.splitlines() if not line.startswith("    ")]  # a message's further lines
    assert all(PROBLEM.match(line) or SUMMARY.match(line) for line in lines), err
    if code == 1:
        assert any(": error: " in line for line in lines), err


@settings(max_examples=80, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(front=front_matter, body=bodies, with_testbed=st.booleans())
def test_check_and_build_end_in_a_valid_site_or_clear_errors(front, body, with_testbed):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "board"
        (root / "content/needs").mkdir(parents=True)
        (root / "static/images").mkdir(parents=True)
        (root / "static/images/x.png").write_bytes(b"png")
        (root / "callboard.toml").write_text(ENGLISH_BOARD_TOML, encoding="utf-8")  # messages read in English
        (root / "content/needs/a.md").write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
        if with_testbed:
            (root / "content/testbeds").mkdir()
            (root / "content/testbeds/t.md").write_text(
                f"---\ntitle: T\nhost: H\nsummary: S\ncontact: {{name: A, email: a@b.se}}\n---\n{body}",
                encoding="utf-8")
        out = Path(folder) / "site"
        check_code, check_err = run("check", "--root", str(root), "--now", NOW)
        assert_clear(check_code, check_err)
        build_code, build_err = run("build", "--root", str(root), "--out", str(out), "--now", NOW, "-q", "--no-search")
        assert_clear(build_code, build_err)
        assert build_code >= check_code, "build passed what check refused"
        if build_code == 0:
            assert (out / "index.html").is_file() and (out / "404.html").is_file()
            assert problems_in_site(out) == []
        else:
            assert not out.exists()
