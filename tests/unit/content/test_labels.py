"""Every status and procurement type has the key of its name (content/labels.py)."""

from __future__ import annotations

from callboard.content.labels import PROCUREMENT_LABEL, STATUS_LABEL, STATUS_VIEW, TERM_SECTIONS
from callboard.content.models import PROCUREMENT_TYPES, Status
from callboard.i18n import Translator


def test_every_status_and_procurement_type_has_a_label():
    assert set(STATUS_LABEL) == set(STATUS_VIEW) == set(Status)
    assert tuple(PROCUREMENT_LABEL) == PROCUREMENT_TYPES


def test_every_label_has_a_text():
    t = Translator("sv")
    keys = [*STATUS_LABEL.values(), *PROCUREMENT_LABEL.values(),
            *(key for pair in (*STATUS_VIEW.values(), *TERM_SECTIONS.values()) for key in pair)]
    assert all(t(key) for key in keys)
