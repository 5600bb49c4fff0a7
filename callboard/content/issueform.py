"""An innovator's profile from the body of a GitHub issue form (`callboard import-issue`).

GitHub writes a submitted form as Markdown: each field's label as a `### ` heading, its answer
below it, `_No response_` for an empty one and `- [X] ...` for a ticked box. This module reads
that text into front matter and a body, and writes it as `content/innovators/<slug>.md`,
nowhere else: the slug must be a slug, the folder a real folder of the board (a symbolic link
is refused, never followed) and the file is written through a new file and a rename. The YAML
is made by PyYAML's serialiser, so no answer can add a key or end the front matter. Whether
the profile is valid is for `callboard check` to say, on a copy of the board with the file in
it (`callboard/build/importissue.py`): this module only refuses what it cannot turn into a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from callboard.content.load import RESERVED_SLUGS
from callboard.content.innovatorschema import LOOKING_FOR
from callboard.content.models import Kind
from callboard.core.diagnostics import MessageError, say
from callboard.core.fields import SLUG_RE
from callboard.core.safefiles import real_folder, write_file_nofollow
from callboard.core.text import to_slug

MAX_BODY_BYTES = 64_000
"""An issue body longer than this is refused unread: a profile is a page, not a document."""
MAX_SLUG_CHARS = 80
NO_RESPONSE = "_No response_"

FIELDS = {
    "Företagets namn": "title",
    "Kortnamn för adressen": "slug",
    "Sammanfattning": "summary",
    "Vad erbjuder ni?": "body",
    "Mognadsgrad (TRL)": "trl",
    "Vad söker ni?": "looking_for",
    "Ort eller region": "location",
    "Webbplats": "website",
    "Grundat år": "founded",
    "Kategorier": "categories",
    "Taggar": "tags",
    "Kontaktperson": "contact_name",
    "E-post": "contact_email",
    "Telefon": "contact_phone",
    "Visa kontaktpersonen": "show_contact",
}
"""The form's labels (.github/ISSUE_TEMPLATE/innovator.yml) -> what each answer fills."""
WANT_BOXES = {"Pilotkund": "pilot", "Testbädd": "testbed", "Samarbetspartner": "partner", "Finansiering": "financing"}
SHOW_CONTACT_BOX = "Ja, visa kontaktpersonen på profilsidan"
_HEADING = re.compile(r"^### (.+?)\s*$", re.M)
_BOX = re.compile(r"^- \[([ xX])\] (.+?)\s*$", re.M)


class IssueFormError(MessageError):
    """An issue body that cannot become a profile file, with what to do about it."""


@dataclass(frozen=True)
class Profile:
    slug: str
    text: str
    """The whole file: front matter and body."""

    @property
    def path(self) -> str:
        return f"content/{Kind.INNOVATOR.section}/{self.slug}.md"


def read_answers(body: str) -> dict[str, str]:
    """Label -> answer of every `### ` heading the form wrote ('' for `_No response_`)."""
    if len(body.encode("utf-8")) > MAX_BODY_BYTES:
        raise IssueFormError(say("issue_too_big", size=len(body.encode("utf-8")) // 1000,
                                 limit=MAX_BODY_BYTES // 1000))
    text = body.replace("\r\n", "\n")
    parts = _HEADING.split(text)
    answers: dict[str, str] = {}
    for label, answer in zip(parts[1::2], parts[2::2]):
        answer = answer.strip()
        answers[label.strip()] = "" if answer == NO_RESPONSE else answer
    return answers


def profile_from_issue(body: str) -> Profile:
    """The profile file an issue form's body describes."""
    answers = {FIELDS[label]: answer for label, answer in read_answers(body).items() if label in FIELDS}
    missing = [label for label, key in FIELDS.items() if key in ("title", "summary", "contact_name", "contact_email")
               and not answers.get(key)]
    if missing:
        raise IssueFormError(say("issue_lacks", labels=", ".join(f"'{label}'" for label in missing)))
    slug = choose_slug(answers.get("slug", ""), answers["title"])
    front: dict[str, object] = {"title": _line(answers["title"]), "summary": _line(answers["summary"])}
    contact = {"name": _line(answers["contact_name"]), "email": _line(answers["contact_email"])}
    if answers.get("contact_phone"):
        contact["phone"] = _line(answers["contact_phone"])
    front["contact"] = contact
    if SHOW_CONTACT_BOX in ticked(answers.get("show_contact", "")):
        front["show_contact"] = True
    if answers.get("trl"):
        front["trl"] = readiness(answers["trl"])
    wants = [WANT_BOXES[box] for box in ticked(answers.get("looking_for", "")) if box in WANT_BOXES]
    if wants:
        front["looking_for"] = [want for want in LOOKING_FOR if want in wants]
    for key in ("location", "website", "founded"):
        if answers.get(key):
            front[key] = _line(answers[key])
    for key in ("categories", "tags"):
        names = [name.strip() for name in re.split(r"[,\n]", answers.get(key, "")) if name.strip()]
        if names:
            front[key] = names
    front_matter = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    text = f"---\n{front_matter}---\n{answers.get('body', '').strip()}\n"
    return Profile(slug, text)


def choose_slug(written: str, title: str) -> str:
    """The slug the form gave, which must be one; else one made from the company's name."""
    slug = written.strip() if written.strip() else to_slug(title, fallback="")
    if not slug or len(slug) > MAX_SLUG_CHARS or not SLUG_RE.match(slug):
        raise IssueFormError(say("issue_bad_slug", value=written.strip() or title, limit=MAX_SLUG_CHARS))
    if slug in RESERVED_SLUGS[Kind.INNOVATOR]:
        raise IssueFormError(say("issue_reserved_slug", value=slug))
    return slug


def ticked(answer: str) -> list[str]:
    """The labels of the ticked boxes of a checkboxes answer."""
    return [label for mark, label in _BOX.findall(answer) if mark in "xX"]


def readiness(answer: str) -> str:
    """A dropdown answer such as '6 – visad i en miljö som liknar den verkliga' -> '6'."""
    match = re.match(r"\s*(\d+)", answer)
    if not match:
        raise IssueFormError(say("issue_bad_trl", value=_line(answer)))
    return match.group(1)


def _line(answer: str) -> str:
    """A one-line answer: a form's input never has a newline, a hand-edited issue might."""
    return " ".join(answer.split())


def write_profile(root: Path, profile: Profile) -> Path:
    """Write the profile into the board's content/innovators/ (made if missing), replacing an
    earlier version of it; the folders on the way must be real folders, not links."""
    folder = real_folder(real_folder(root / "content", create=True) / Kind.INNOVATOR.section, create=True)
    path = folder / f"{profile.slug}.md"
    write_file_nofollow(path, profile.text.encode("utf-8"))
    return path
