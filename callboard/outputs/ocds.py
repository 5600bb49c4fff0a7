"""`api/ocds.json`: the needs as an Open Contracting Data Standard 1.1 release package.

One release per need. Its tag and tender status follow the board's status (upcoming ->
planning/planned, open -> tender/active, closed -> tender/active with the tender period over,
awarded -> award/complete with the case story's partners as suppliers, cancelled ->
tenderCancellation/cancelled). Dates come from the content, never from the clock.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from functools import partial
from typing import Iterator
from zoneinfo import ZoneInfo

from callboard.content.labels import PROCUREMENT_LABEL
from callboard.content.models import Money, Need, Stage, Status
from callboard.content.money import amount_in_text, budget_amount, json_amount
from callboard.content.permalinks import OCDS_JSON, need_document_path
from callboard.core.text import to_slug
from callboard.outputs.descriptor import Output
from callboard.outputs.memo import NO_MEMO, Memo, item_key
from callboard.outputs.opendata import json_lines_file, origin_record
from callboard.site.assemble import Board

OCDS_VERSION = "1.1"
_TAG = {Status.UPCOMING: "planning", Status.OPEN: "tender", Status.CLOSED: "tender",
        Status.AWARDED: "award", Status.CANCELLED: "tenderCancellation"}
_TENDER_STATUS = {Status.UPCOMING: "planned", Status.OPEN: "active", Status.CLOSED: "active",
                  Status.AWARDED: "complete", Status.CANCELLED: "cancelled"}


def parse_budget(text: str | None) -> dict | None:
    """'2 000 000 SEK', 'SEK 500000' or '1 500 000 kr' as an OCDS Value; None when it is not an
    amount with exactly one known currency ('cirka 2 miljoner' stays text)."""
    return ocds_value(amount_in_text(text))


def ocds_value(money: Money | None) -> dict | None:
    return {"amount": json_amount(money.amount), "currency": money.currency} if money else None


def ocds_files(board: Board, memo: Memo = NO_MEMO) -> Iterator[tuple[str, bytes]]:
    """The release package, or nothing without a base_url (its `uri` must be absolute) or needs.
    Each release is a line of its own, kept in `memo` under what it is made from."""
    if not board.config.base_url or not board.needs:
        return
    writer = _Releases(board)
    package = package_head(board, writer)
    lines = [memo("OCDS release", (item_key(need), board.changed_on[need.url], writer.partners(need)),
                  partial(_release_line, writer, need)) for need in sorted(board.needs, key=lambda n: n.slug)]
    yield OCDS_JSON, json_lines_file(package, "releases", lines)


OUTPUT = Output("OCDS", lambda board, pages, memo: ocds_files(board, memo), cost_rank=3)


def _release_line(writer: "_Releases", need: Need) -> bytes:
    return json.dumps(writer.release(need), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def package_head(board: Board, writer: "_Releases") -> dict:
    """Everything of the release package but its releases."""
    hub = board.config.hub
    publisher = {"name": hub.name if hub and hub.name else board.config.title}
    if hub and hub.url:
        publisher["uri"] = hub.url
    return {
        "uri": board.config.base_url + OCDS_JSON,
        "version": OCDS_VERSION,
        "publishedDate": writer.moment(max(board.changed_on[need.url] for need in board.needs)),
        "publisher": publisher,
    }


class _Releases:
    def __init__(self, board: Board):
        self.board = board
        self.config = board.config
        self.t = board.config.translator()
        self.zone = ZoneInfo(board.config.timezone)

    def moment(self, day: date, at: time = time(0)) -> str:
        return datetime.combine(day, at, self.zone).isoformat()

    def release(self, need: Need) -> dict:
        ocid = f"{self.config.open_data.ocid_prefix}-{need.slug}"
        changed = self.board.changed_on[need.url]
        buyer = {"id": "org-" + to_slug(need.organisation), "name": need.organisation}
        suppliers = self.suppliers(need) if need.status is Status.AWARDED else []
        release = {
            "ocid": ocid,
            "id": f"{ocid}-{_TAG[need.status]}-{changed.isoformat()}",
            "date": self.moment(changed),
            "tag": [_TAG[need.status]],
            "initiationType": "tender",
            "language": need.lang,
            "parties": [{**buyer, "roles": ["buyer", "procuringEntity"]}]
                       + [{**supplier, "roles": ["supplier"]} for supplier in suppliers],
            "buyer": buyer,
            "tender": self.tender(need, buyer),
        }
        if need.origin:
            release["origin"] = origin_record(need)["origin"]
        if need.status is Status.AWARDED:
            release["awards"] = [{"id": f"{need.slug}-award", "status": "active", "suppliers": suppliers}]
        return release

    def tender(self, need: Need, buyer: dict) -> dict:
        tender: dict = {
            "id": need.slug,
            "title": need.title,
            "description": need.summary,
            "status": _TENDER_STATUS[need.status],
            "procuringEntity": buyer,
            "documents": [{"id": f"{need.slug}-page", "documentType": "tenderNotice", "title": need.title,
                           "url": self.config.base_url + need.url, "format": "text/html", "language": need.lang},
                          *self.documents(need)],
        }
        period = {"startDate": self.moment(need.opens or need.published)}
        if need.deadline:
            period["endDate"] = self.moment(need.deadline, need.deadline_time or time(23, 59, 59))
        tender["tenderPeriod"] = period
        if need.procurement:
            tender["procurementMethodDetails"] = self.t(PROCUREMENT_LABEL[need.procurement])
        value = ocds_value(budget_amount(need.budget))
        if value:
            tender["value"] = value
        if need.questions_until:
            tender["enquiryPeriod"] = {"endDate": self.moment(need.questions_until, time(23, 59, 59))}
        if need.questions or need.questions_until:
            tender["hasEnquiries"] = bool(need.questions)
        if need.journey:
            tender["milestones"] = [self.milestone(need, number, stage)
                                    for number, stage in enumerate(need.journey, start=1)]
        return tender

    def milestone(self, need: Need, number: int, stage: Stage) -> dict:
        """A stage of the journey as an OCDS milestone: met when done, else scheduled."""
        milestone = {"id": f"{need.slug}-stage-{number}", "title": stage.stage, "type": "timing",
                     "status": "met" if stage.state == "done" else "scheduled"}
        if stage.day:
            milestone["dateMet" if stage.state == "done" else "dueDate"] = self.moment(stage.day)
        return milestone

    def documents(self, need: Need) -> list[dict]:
        """The need's own documents, as the tender's bidding documents."""
        return [{"id": f"{need.slug}-{document.file}", "documentType": "biddingDocuments", "title": document.title,
                 "url": self.config.base_url + need_document_path(need, document.file),
                 "format": document.media_type, "language": (document.lang or need.lang).split("-")[0]}
                for document in need.documents]

    def partners(self, need: Need) -> tuple[str, ...]:
        """The partners of the case stories that came out of the need, each once."""
        return tuple(dict.fromkeys(p for case in self.board.cases_by_need.get(need.slug, ()) for p in case.partners))

    def suppliers(self, need: Need) -> list[dict]:
        return [{"id": "supplier-" + to_slug(name), "name": name} for name in self.partners(need)]
