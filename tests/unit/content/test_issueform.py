"""`callboard import-issue`: an issue form's body becomes content/innovators/<slug>.md, and
nothing else; hostile bodies are refused or written harmlessly, and a profile that would not
pass `check` is not written at all."""

from __future__ import annotations

import os

import pytest
import yaml

from callboard.content.issueform import MAX_BODY_BYTES, IssueFormError, profile_from_issue, read_answers
from tests.support.boards import NOW
from tests.support.messages import refused

FORM = {
    "Företagets namn": "Solvind AB",
    "Kortnamn för adressen": "_No response_",
    "Sammanfattning": "Solceller som följer solen.",
    "Vad erbjuder ni?": "Vi bygger **solceller**.\n\n- snabbt\n- billigt",
    "Mognadsgrad (TRL)": "6 – visad i en miljö som liknar den verkliga",
    "Vad söker ni?": "- [X] Pilotkund\n- [ ] Testbädd\n- [x] Finansiering\n- [ ] Samarbetspartner",
    "Ort eller region": "Växjö",
    "Webbplats": "https://solvind.example.org",
    "Grundat år": "2019",
    "Kategorier": "Energi, Fastigheter",
    "Taggar": "_No response_",
    "Kontaktperson": "Sara Sol",
    "E-post": "sara@solvind.example.org",
    "Telefon": "_No response_",
    "Visa kontaktpersonen": "- [ ] Ja, visa kontaktpersonen på profilsidan",
}


def issue(**changes: str) -> str:
    """An issue body as GitHub writes a submitted form, with some answers changed."""
    answers = {**FORM, **{label.replace("_", " "): value for label, value in changes.items()}}
    return "\n\n".join(f"### {label}\n\n{value}" for label, value in answers.items() if value is not None) + "\n"


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_a_submitted_form_becomes_a_profile():
    profile = profile_from_issue(issue())
    assert profile.path == "content/innovators/solvind-ab.md"
    assert front(profile.text) == {
        "title": "Solvind AB", "summary": "Solceller som följer solen.",
        "contact": {"name": "Sara Sol", "email": "sara@solvind.example.org"},
        "trl": "6", "looking_for": ["pilot", "financing"], "location": "Växjö",
        "website": "https://solvind.example.org", "founded": "2019", "categories": ["Energi", "Fastigheter"]}
    assert profile.text.endswith("---\nVi bygger **solceller**.\n\n- snabbt\n- billigt\n")


def test_the_contact_is_shown_only_when_the_box_is_ticked():
    assert "show_contact" not in front(profile_from_issue(issue()).text)
    ticked = profile_from_issue(issue(**{"Visa kontaktpersonen": "- [X] Ja, visa kontaktpersonen på profilsidan"}))
    assert front(ticked.text)["show_contact"] is True


@pytest.mark.parametrize("slug", ["../../etc/passwd", "..", "a/b", "/etc/cron.d/x", "solvind\\..\\x", "Solvind",
                                  "solvind.md", "-x", "x" * 81, "page", "feed", "a\x00b", "%2e%2e"])
def test_a_slug_that_is_not_a_plain_slug_is_refused(slug):
    with refused(IssueFormError, "cannot be the profile's address|is reserved"):
        profile_from_issue(issue(**{"Kortnamn för adressen": slug}))


@pytest.mark.parametrize("label", ["Företagets namn", "Sammanfattning", "Kontaktperson", "E-post"])
def test_a_missing_required_answer_is_named(label):
    with refused(IssueFormError, f"the form lacks '{label}'"):
        profile_from_issue(issue(**{label: "_No response_"}))


def test_an_unreadable_readiness_level_is_refused():
    with refused(IssueFormError, "is not a readiness level"):
        profile_from_issue(issue(**{"Mognadsgrad (TRL)": "hög"}))


def test_a_huge_body_is_refused_unread():
    with refused(IssueFormError, "at most 64 kB"):
        read_answers(issue(**{"Vad erbjuder ni?": "a" * MAX_BODY_BYTES}))


@pytest.mark.parametrize("injected", [
    "Solvind\ndraft: true", "Solvind\n---\ntitle: Annan", "x: y", "&anchor *alias", "!!python/object:os.system",
    "'; show_contact: true", "{show_contact: true}", "[a, b]", "Solvind # comment", "- lista",
    "title: \"x\"\nshow_contact: true",
])
def test_answers_cannot_add_keys_or_end_the_front_matter(injected):
    profile = profile_from_issue(issue(**{"Företagets namn": injected, "Kortnamn för adressen": "solvind",
                                          "Ort eller region": injected}))
    data = front(profile.text)
    assert set(data) == {"title", "summary", "contact", "trl", "looking_for", "location", "website", "founded",
                         "categories"}
    assert data["title"] == " ".join(injected.split()) == data["location"]
    assert profile.text.count("\n---\n") == 1 + profile.text.split("---\n", 2)[2].count("\n---\n")


def run(cli, root, body: str, tmp_path):
    path = tmp_path / "issue.md"
    path.write_text(body, encoding="utf-8")
    return cli("import-issue", path, "--root", root, "--now", NOW)


def files_under(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_command_writes_the_profile_that_passes_check(cli, make_board, tmp_path):
    root = make_board({})
    result = run(cli, root, issue(), tmp_path)
    assert result.code == 0, result.err
    assert result.out.strip() == "content/innovators/solvind-ab.md"
    assert cli("check", "--root", root, "--now", NOW).code == 0
    again = run(cli, root, issue(Sammanfattning="En ny sammanfattning."), tmp_path)
    assert again.code == 0 and "En ny sammanfattning." in (root / "content/innovators/solvind-ab.md").read_text()


@pytest.mark.parametrize("label, value, message", [  # the test board is Swedish: check speaks Swedish
    ("Webbplats", "javascript:alert(1)", "website: 'javascript:alert(1)' ska vara en hel webbadress"),
    ("Webbplats", "<script>alert(1)</script>", "ska vara en hel webbadress"),
    ("E-post", "inte en adress", "contact.email: 'inte en adress' är ingen giltig e-postadress"),
    ("Grundat år", "förra året", "founded ska vara ett heltal"),
    ("Sammanfattning", "a" * 301, "summary är 301 tecken lång"),
])
def test_a_profile_that_would_not_pass_check_is_not_written(cli, make_board, tmp_path, label, value, message):
    root = make_board({})
    before = files_under(root)
    result = run(cli, root, issue(**{label: value}), tmp_path)
    assert result.code == 1
    assert message in result.err
    assert "content/innovators/solvind-ab.md:" in result.err
    assert "content/innovators/solvind-ab.md skrevs inte" in result.err
    assert files_under(root) == before


def test_a_script_in_the_text_is_written_but_reaches_no_page_as_markup(cli, make_board, tmp_path):
    root = make_board({})
    body = issue(**{"Vad erbjuder ni?": "<script>alert(1)</script> [klick](javascript:alert(1))"})
    assert run(cli, root, body, tmp_path).code == 0
    out = tmp_path / "site"
    assert cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search").code == 0
    page = (out / "innovators/solvind-ab/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "javascript:" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_linked_innovators_folder_is_refused_and_not_followed(cli, make_board, tmp_path):
    root = make_board({})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, root / "content" / "innovators")
    result = run(cli, root, issue(), tmp_path)
    assert result.code == 1
    assert list(elsewhere.iterdir()) == []


def test_a_linked_profile_file_is_not_written_through(cli, make_board, tmp_path):
    root = make_board({})
    (root / "content/innovators").mkdir()
    target = tmp_path / "target.txt"
    target.write_text("orört", encoding="utf-8")
    os.symlink(target, root / "content/innovators/solvind-ab.md")
    result = run(cli, root, issue(), tmp_path)
    assert result.code == 1
    assert target.read_text(encoding="utf-8") == "orört"
