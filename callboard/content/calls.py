"""What the loader does to a call's lists after reading them: each answer becomes safe HTML, as a
body does, each question gets the stable anchor its link keeps, the questions go newest first
and the meetings in the order they start."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Callable

from callboard.content.markdown import MarkupError, render_body
from callboard.content.models import Meeting, Question
from callboard.core.diagnostics import say
from callboard.core.text import to_slug

ANCHOR_CHARS = 60
"""An anchor is the start of the question's slug: long enough to tell questions apart."""


def prepare_call(values: dict, lines: dict[str, int], base_path: str, table_label: str,
                 report: Callable[..., None]) -> None:
    """Render the answers and order the questions and meetings in `values`, as read from a need."""
    if values.get("questions"):
        values["questions"] = prepare_questions(values["questions"], lines.get("questions", 1), base_path,
                                                table_label, report)
    if values.get("meetings"):
        values["meetings"] = tuple(sorted(values["meetings"], key=_starts))


def prepare_questions(questions: tuple[Question, ...], line: int, base_path: str, table_label: str,
                      report: Callable[..., None]) -> tuple[Question, ...] | None:
    """Each answer as sanitised HTML with an anchor from its question; newest answer first (the
    order written is kept among answers of the same day, and unanswered ones come last)."""
    prepared: list[Question] = []
    anchors: set[str] = set()
    for number, question in enumerate(questions, start=1):
        field = "questions[%d].answer" % number
        try:
            body = render_body(question.answer, base_path, table_label)
        except MarkupError as exc:
            report(line, say("field_problem", name=field, problem=exc.message))
            return None
        for problem in body.problems:
            report(line, say("field_problem", name=field, problem=problem.message), warning=True)
        prepared.append(replace(question, answer_html=body.html, anchor=_anchor(question.question, anchors)))
    return tuple(sorted(prepared, key=lambda q: -(q.answered or date.min).toordinal()))


def _anchor(text: str, taken: set[str]) -> str:
    """'fraga-far-flera-foretag-soka-tillsammans': from the question, so that a link to it stays
    right when newer questions are added above it."""
    base = "fraga-" + to_slug(text, fallback="fraga")[:ANCHOR_CHARS].rstrip("-")
    anchor, suffix = base, 2
    while anchor in taken:
        anchor, suffix = f"{base}-{suffix}", suffix + 1
    taken.add(anchor)
    return anchor


def _starts(meeting: Meeting):
    return meeting.start
