"""A need's changes in plain words: one sentence per kind of change (`Change.what`, made by
`content/changelog.py`), in the page's language, dates written as the language writes them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from callboard.content.labels import STATUS_LABEL
from callboard.content.models import Change, Status
from callboard.i18n import N_, Translator


def _day(value: object, t: Translator) -> str:
    """A date, or a date with its hour ("15 april 2026 kl. 12.00"): a deadline moved from the
    end of a day to noon the same day must not read "from 15 April to 15 April"."""
    if isinstance(value, datetime):
        return t.date_at(value.date(), value.time())
    return t.date(value) if isinstance(value, date) else str(value)


def _moved(moved: str, set_: str, removed: str) -> Callable[[Change, Translator], str]:
    def sentence(change: Change, t: Translator) -> str:
        if change.before is None:
            return t(set_, after=_day(change.after, t))
        if change.after is None:
            return t(removed, before=_day(change.before, t))
        return t(moved, before=_day(change.before, t), after=_day(change.after, t))
    return sentence


def _status(change: Change, t: Translator) -> str:
    if change.after is None:
        return t("change_status_removed")
    return t("change_status", after=t(STATUS_LABEL[Status(change.after)]))


SENTENCES: dict[str, Callable[[Change, Translator], str]] = {
    "deadline": _moved(N_("change_deadline_moved"), N_("change_deadline_set"), N_("change_deadline_removed")),
    "opens": _moved(N_("change_opens_moved"), N_("change_opens_set"), N_("change_opens_removed")),
    "status": _status,
    "document_added": lambda change, t: t("change_document_added", title=change.after),
    "document_removed": lambda change, t: t("change_document_removed", title=change.before),
    "document_replaced": lambda change, t: t("change_document_replaced", title=change.after),
    "question_answered": lambda change, t: t("change_question_answered", question=change.after),
    "meeting_added": lambda change, t: t("change_meeting_added", title=change.after),
}
"""What each kind of change says; a kind without a sentence here is a bug (KeyError)."""


def change_sentence(change: Change, t: Translator) -> str:
    return SENTENCES[change.what](change, t)
