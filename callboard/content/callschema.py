"""The fields of a call a start-up can act on, nested in a need: its budget as an amount, where
to apply, the questions bidders asked, the information meetings and the procurement's journey.
Declared here, as `schema.py` declares the rest, so that the loader, `callboard new`, the
README's tables and the JSON Schema follow from them.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from callboard.content.declare import DATE, TEXT, Field, FieldType, Report, Schema
from callboard.content.models import JOURNEY_STATES, Meeting, Money, Question, Stage
from callboard.content.money import CURRENCIES
from callboard.core.diagnostics import say
from callboard.core.fields import (
    EMAIL_RE,
    Node,
    currency_reader,
    describe,
    read_amount,
    read_apply_address,
    read_date_or_time,
    read_http_url,
    read_text,
)

MONEY = Schema(Money, (
    Field("amount", FieldType(read_amount, Decimal, "amount in digits, e.g. `2000000`",
                              {"type": ["number", "string"], "pattern": r"^\d[\d ]*([.,]\d{1,2})?$"}),
          "the sum, in digits", required=True, example="2000000"),
    Field("currency", FieldType(currency_reader(CURRENCIES), str, "currency code, e.g. `SEK` or `EUR`",
                                {"type": "string", "pattern": "^[A-Za-z]{3}$"}),
          "ISO 4217 code; `SEK` unless given", example="SEK"),
))


def read_budget(name: str, node: Node, report: Report) -> str | Money | None:
    """A budget as text, kept as written, or as an amount: `{amount: 2000000, currency: SEK}`."""
    if isinstance(node.value, dict):
        return MONEY.read_nested(name, node, report)
    if isinstance(node.value, list):
        report(node.line, say("field_must_be_text_or_money", name=name, value=describe(node)))
        return None
    return read_text(name, node, report)


BUDGET = FieldType(read_budget, str | Money, "text, or a mapping of `amount` and optionally `currency`",
                   {"oneOf": [TEXT.json]}, MONEY)
APPLY = FieldType(read_apply_address, str, "web address or e-mail address",
                  {"type": "string", "anyOf": [{"pattern": "^https?://"}, {"pattern": EMAIL_RE.pattern},
                                               {"pattern": "^mailto:"}]})

def read_moment(name: str, node: Node, report: Report) -> datetime | None:
    """A date with its hour (YYYY-MM-DD HH:MM): a meeting starts at a time, not on a day."""
    value = read_date_or_time(name, node, report)
    if value is not None and not isinstance(value, datetime):
        report(node.line, say("field_needs_hour", name=name, example=value.isoformat() + " 13:00"))
        return None
    return value


MOMENT = FieldType(read_moment, datetime, "date and time, `YYYY-MM-DD HH:MM`",
                   {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}$"})
WEB_ADDRESS = FieldType(read_http_url, str, "web address, `https://...`",
                        {"type": "string", "format": "uri", "pattern": "^https?://"})
MARKDOWN = FieldType(read_text, str, "Markdown text", {"type": "string", "pattern": r"\S"})

QUESTION = Schema(Question, (
    Field("question", TEXT, "the question as it was asked", required=True, max_chars=1000,
          example="Får flera företag söka tillsammans?"),
    Field("answer", MARKDOWN, "the answer, in Markdown like a body", required=True, max_chars=5000,
          example="Ja, ett konsortium får söka."),
    Field("answered", DATE, "the day it was answered", example="'2026-12-01'"),
))


MINUTE = "%Y-%m-%d %H:%M"


def check_meeting(name: str, meeting: Meeting, node: Node, report: Report) -> None:
    """A meeting must say where it is; it cannot end before it starts, nor close its registration
    after it has started."""
    if not meeting.place and not meeting.url:
        report(node.line, say("meeting_needs_place", name=name))
    if meeting.end and meeting.end < meeting.start:
        report(node.line, say("meeting_ends_before_start", name=name + ".end", end=meeting.end.strftime(MINUTE),
                              start=meeting.start.strftime(MINUTE)))
    if meeting.register_by and meeting.register_by > meeting.start.date():
        report(node.line, say("meeting_register_after_start", name=name + ".register_by",
                              day=meeting.register_by.isoformat(), start=meeting.start.strftime(MINUTE)))


MEETING = Schema(Meeting, (
    Field("title", TEXT, "what the meeting is", required=True, max_chars=200,
          example="Informationsmöte"),
    Field("start", MOMENT, "when it starts, in the board's time zone", required=True, example="2026-12-10 13:00"),
    Field("end", MOMENT, "when it ends", example="2026-12-10 14:30"),
    Field("place", TEXT, "where it is held", example="Stadshuset, Växjö"),
    Field("url", WEB_ADDRESS, "where to join on the web", example="https://example.se/mote"),
    Field("register", WEB_ADDRESS, "where to register", example="https://example.se/anmalan"),
    Field("register_by", DATE, "the last day to register", example="'2026-12-08'"),
    Field("recording", WEB_ADDRESS, "after the meeting: a recording or the minutes", example="https://example.se/film"),
))

STAGE = Schema(Stage, (
    Field("stage", TEXT, "the stage, e.g. marknadsdialog, annonsering, utvärdering, tilldelning, pilot",
          required=True, max_chars=200, example="Marknadsdialog"),
    Field("state", TEXT, "where the stage stands", required=True, choices=JOURNEY_STATES, example="done"),
    Field("date", DATE, "when it happened or is planned", attribute="day", example="'2026-10-01'"),
))

