"""Open data: every published item as JSON (`api/needs.json`, `api/testbeds.json`,
`api/cases.json`, and `api/innovators.json` on a board with innovators) and the needs as a
spreadsheet for Excel (`api/needs.csv`).

Items are in slug order, so the files change only where the content does. Contact persons are
personal data and are left out unless callboard.toml says `[open_data] contacts = true`; an
innovator's contact, besides, only when its profile says `show_contact: true`.
"""

from __future__ import annotations

import csv
import io
import json
from functools import partial
from typing import Iterator

from callboard.content.labels import PROCUREMENT_LABEL, STATUS_LABEL
from callboard.content.contract import OPEN_DATA_VERSION
from callboard.content.media import published_body
from callboard.content.models import Case, Contact, Innovator, Item, Meeting, Money, Need, Testbed
from callboard.content.money import budget_amount, budget_text, json_amount
from callboard.content.permalinks import (
    CASES_JSON,
    INNOVATORS_JSON,
    NEEDS_CSV,
    NEEDS_JSON,
    TESTBEDS_JSON,
    need_document_path,
)
from callboard.outputs.descriptor import Output
from callboard.outputs.memo import NO_MEMO, Memo, item_key
from callboard.site.assemble import Board
from callboard.site.gathered import canonical_url

FORMAT_VERSION = OPEN_DATA_VERSION
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel or LibreOffice read a cell as a formula (OWASP's CSV-injection list)."""


def open_data_files(board: Board, memo: Memo = NO_MEMO) -> Iterator[tuple[str, bytes]]:
    """The open-data files, or none when the board has no base_url for the items' addresses.
    Each record is a line of its own, kept in `memo` under what it is made from."""
    if not board.config.base_url:
        return
    yield NEEDS_JSON, _json_file(board, "needs", [
        memo("open data need", (item_key(n), _slugs(board.testbeds_by_need, n), _slugs(board.cases_by_need, n)),
             partial(_line, need_record, board, n)) for n in _by_slug(board.needs)])
    yield TESTBEDS_JSON, _json_file(board, "testbeds", [
        memo("open data testbed", (item_key(t), _slugs(board.needs_by_testbed, t)),
             partial(_line, testbed_record, board, t)) for t in _by_slug(board.testbeds)])
    yield CASES_JSON, _json_file(board, "cases", [
        memo("open data case", (item_key(c), board.need_by_case[c.slug].slug if c.slug in board.need_by_case else None),
             partial(_line, case_record, board, c)) for c in _by_slug(board.cases)])
    if board.innovators:
        yield INNOVATORS_JSON, _json_file(board, "innovators", [
            memo("open data innovator", (item_key(i), _matched(board, i)), partial(_line, innovator_record, board, i))
            for i in _by_slug(board.innovators)])
    yield NEEDS_CSV, needs_csv(board)


OUTPUT = Output("open data", lambda board, pages, memo: open_data_files(board, memo), cost_rank=1)


def _slugs(related: dict[str, tuple[Item, ...]], item: Item) -> tuple[str, ...]:
    return tuple(other.slug for other in related.get(item.slug, ()))


def _line(record, board: Board, item: Item) -> bytes:
    return _dump(record(board, item)).encode("utf-8")


def _by_slug(items):
    return sorted(items, key=lambda item: item.slug)


def _json_file(board: Board, key: str, lines: list[bytes]) -> bytes:
    head = {"version": FORMAT_VERSION, "board": board.config.title, "url": board.config.base_url,
            "lang": board.config.lang}
    return json_lines_file(head, key, lines)


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_lines_file(head: dict, key: str, lines: list[bytes]) -> bytes:
    """`head` plus `key: [lines]`, each line one record in UTF-8 JSON: diffs stay readable, and
    json's C encoder (which `indent` would turn off) writes 10,000 records in a fraction of a
    second. Joined as bytes: a 70 MB file is not held as text and as bytes at once."""
    fields = [f"{_dump(name)}:{_dump(value)}" for name, value in head.items()]
    start = ("{" + ",".join(fields) + f",{_dump(key)}:[\n").encode("utf-8")
    return start + b",\n".join(lines) + b"\n]}\n"


def _common(board: Board, item: Item) -> dict:
    return {"slug": item.slug, "url": board.config.base_url + item.url, "title": item.title,
            "summary": item.summary, "lang": item.lang, "categories": list(item.categories),
            "tags": list(item.tags), **origin_record(item)}


def origin_record(item: Item) -> dict:
    """`origin` for an item a hub gathered from another board (the board that published it, its
    address and the item's page there); nothing for the board's own, whose records stay as they were."""
    if item.origin is None:
        return {}
    return {"origin": {"board": item.origin.board, "board_url": item.origin.board_url, "url": item.origin.url}}


def _contact(board: Board, contact: Contact | None) -> dict:
    if not board.config.open_data.contacts or contact is None:
        return {}
    return {"contact": {"name": contact.name, "email": contact.email, "phone": contact.phone or None}}


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _meeting(meeting: Meeting) -> dict:
    """A meeting with its times as written (local, in the board's time zone)."""
    return {"title": meeting.title, "start": meeting.start.isoformat(timespec="minutes"),
            "end": meeting.end.isoformat(timespec="minutes") if meeting.end else None, "place": meeting.place,
            "url": meeting.url, "register": meeting.register, "register_by": _day(meeting.register_by),
            "recording": meeting.recording}


def _amount(money: Money | None) -> dict | None:
    return {"amount": json_amount(money.amount), "currency": money.currency} if money else None


def need_record(board: Board, need: Need) -> dict:
    return {
        **_common(board, need),
        "organisation": need.organisation,
        **_sharing(board, need),
        "status": need.status.value,
        "published": _day(need.published),
        "opens": _day(need.opens),
        "deadline": _day(need.deadline),
        "deadline_time": need.deadline_time.strftime("%H:%M") if need.deadline_time else None,
        "procurement": need.procurement,
        "budget": budget_text(need.budget, board.config.translator(need.lang)) if need.budget else None,
        "budget_amount": _amount(budget_amount(need.budget)),
        "apply": need.apply_url or None,
        "eligibility": list(need.eligibility),
        "criteria": list(need.criteria),
        "questions": [{"question": q.question, "answer_html": q.answer_html, "answered": _day(q.answered)}
                      for q in need.questions],
        "questions_until": _day(need.questions_until),
        "meetings": [_meeting(m) for m in need.meetings],
        "journey": [{"stage": s.stage, "state": s.state, "date": _day(s.day)} for s in need.journey],
        "testbeds": [t.slug for t in board.testbeds_by_need.get(need.slug, ())],
        "cases": [c.slug for c in board.cases_by_need.get(need.slug, ())],
        "documents": documents_record(board, need),
        **_contact(board, need.contact),
        "body_html": _body(board, need),
    }


def _sharing(board: Board, need: Need) -> dict:
    """Every organisation with the need (its own first), how many, and the same need's other
    calls: on this board and elsewhere, as addresses."""
    sharing = board.sharing.get(need.slug)
    if sharing is None:
        return {"organisations": [need.organisation], "organisations_count": 1, "same_as": []}
    base = board.config.base_url
    others = [canonical_url(other, base) for other in sharing.others(need)] if base else []
    return {"organisations": list(sharing.organisations_for(need)), "organisations_count": sharing.count,
            "same_as": others + list(sharing.elsewhere)}


def documents_record(board: Board, need: Need) -> list[dict]:
    return [{"title": d.title, "url": board.config.base_url + need_document_path(need, d.file),
             "format": d.media_type, "size": d.size, "lang": d.lang or need.lang} for d in need.documents]


def testbed_record(board: Board, testbed: Testbed) -> dict:
    return {
        **_common(board, testbed),
        "host": testbed.host,
        "location": testbed.location,
        "available_from": _day(testbed.available_from),
        "available_to": _day(testbed.available_to),
        "needs": [n.slug for n in board.needs_by_testbed.get(testbed.slug, ())],
        **_contact(board, testbed.contact),
        "body_html": _body(board, testbed),
    }


def case_record(board: Board, case: Case) -> dict:
    return {
        **_common(board, case),
        "organisation": case.organisation,
        "completed": _day(case.completed),
        "need": board.need_by_case[case.slug].slug if case.slug in board.need_by_case else None,
        "partners": list(case.partners),
        "outcome": case.outcome,
        "image": _picture_url(board, case.image) if case.image else None,
        "image_alt": case.image_alt,
        "image_caption": case.image_caption,
        "image_credit": case.image_credit,
        "images": [{"src": _picture_url(board, figure.src), "alt": figure.alt, "caption": figure.caption or None,
                    "credit": figure.credit or None} for figure in case.images],
        "body_html": _body(board, case),
    }


def _matched(board: Board, innovator: Innovator) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The slugs of the open needs and the testbeds that fit the innovator, best first."""
    found = board.matches.for_innovator(innovator)
    return tuple(m.item.slug for m in found.needs), tuple(m.item.slug for m in found.testbeds)


def innovator_record(board: Board, innovator: Innovator) -> dict:
    """The profile, its contact only when both the board and the profile publish it."""
    needs, testbeds = _matched(board, innovator)
    return {
        **_common(board, innovator),
        "trl": innovator.trl,
        "looking_for": list(innovator.looking_for),
        "location": innovator.location,
        "website": innovator.website,
        "logo": _picture_url(board, innovator.logo) if innovator.logo else None,
        "logo_alt": innovator.logo_alt,
        "founded": innovator.founded,
        "matching_needs": list(needs),
        "matching_testbeds": list(testbeds),
        **_contact(board, innovator.public_contact),
        "body_html": _body(board, innovator),
    }


def _deadline_cell(need: Need) -> str:
    """'2027-01-15', or '2027-01-15 12:00' with the hour: both are dates to Excel."""
    if not need.deadline:
        return ""
    return _day(need.deadline) + (need.deadline_time.strftime(" %H:%M") if need.deadline_time else "")


def _picture_url(board: Board, path: str) -> str:
    """A picture's address: the largest rendition of a processed photo (its original, with its
    metadata, is not published), else the file itself."""
    image = board.images.get(path)
    return board.config.base_url + (image.largest if image else path)


def _body(board: Board, item: Item) -> str:
    return published_body(item.body_html, board.images, board.config.base_path)


def _origin_cells(need: Need) -> tuple[str, str]:
    """On a hub: the board that published the need and its page there; empty for its own needs."""
    return (need.origin.board, need.origin.url) if need.origin else ("", "")


def neutralise(cell: str) -> str:
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe: shown, not run."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def needs_csv(board: Board) -> bytes:
    """UTF-8 with BOM and semicolons: what Excel with Swedish settings opens without an import dialog."""
    t = board.config.translator()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([t("csv_title"), t("csv_organisation"), t("csv_status"), t("csv_deadline"), t("csv_opens"),
                     t("csv_published"), t("csv_categories"), t("csv_procurement"), t("csv_budget"), t("csv_budget_amount"),
                     t("csv_currency"), t("csv_apply"), t("csv_url"), t("csv_documents"), t("csv_organisations_count"),
                     *((t("csv_origin_board"), t("csv_origin_url")) if board.config.sources else ())])
    for need in _by_slug(board.needs):
        amount = budget_amount(need.budget)
        row = [need.title, need.organisation, t(STATUS_LABEL[need.status]), _deadline_cell(need),
               _day(need.opens) or "", _day(need.published), ", ".join(need.categories),
               t(PROCUREMENT_LABEL[need.procurement]) if need.procurement else "",
               budget_text(need.budget, t) if need.budget else "",
               t.plain_number(amount.amount) if amount else "", amount.currency if amount else "",
               need.apply_url, board.config.base_url + need.url,
               " ".join(board.config.base_url + need_document_path(need, d.file) for d in need.documents),
               str(board.organisations_count(need)), *(_origin_cells(need) if board.config.sources else ())]
        writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff".encode("utf-8") + buffer.getvalue().encode("utf-8")
