"""The message keys of values shown by name: a need's status, a procurement type, a section.

A key built at run time ("status_" + value) is invisible to `pybabel extract`, so the catalogs'
tests could neither see it used nor catch it missing. These tables spell every key out, marked
with `N_`; templates and outputs look a value's key up here, e.g. `_(STATUS_LABEL[need.status])`.
"""

from __future__ import annotations

from callboard.content.models import Status
from callboard.i18n import N_

STATUS_LABEL = {
    Status.OPEN: N_("status_open"),
    Status.UPCOMING: N_("status_upcoming"),
    Status.CLOSED: N_("status_closed"),
    Status.AWARDED: N_("status_awarded"),
    Status.CANCELLED: N_("status_cancelled"),
}

STATUS_VIEW = {
    Status.OPEN: (N_("view_open"), N_("view_open_lead")),
    Status.UPCOMING: (N_("view_upcoming"), N_("view_upcoming_lead")),
    Status.CLOSED: (N_("view_closed"), N_("view_closed_lead")),
    Status.AWARDED: (N_("view_awarded"), N_("view_awarded_lead")),
    Status.CANCELLED: (N_("view_cancelled"), N_("view_cancelled_lead")),
}
"""The title and lead of the needs list of one status (needs/<status>/)."""

JOURNEY_LABEL = {
    "done": N_("journey_done"),
    "current": N_("journey_current"),
    "planned": N_("journey_planned"),
}
"""Where a stage of a procurement's journey stands, in words: the timeline never says it by colour alone."""

PROCUREMENT_LABEL = {
    "innovation-partnership": N_("procurement_innovation-partnership"),
    "pre-commercial": N_("procurement_pre-commercial"),
    "testbed": N_("procurement_testbed"),
    "dialogue": N_("procurement_dialogue"),
    "direct-award": N_("procurement_direct-award"),
}

TERM_SECTIONS = {
    "categories": (N_("categories"), N_("categories_lead")),
    "organisations": (N_("organisations"), N_("organisations_lead")),
    "tags": (N_("tags"), N_("tags_lead")),
}
"""The name and lead of each list of terms (categories/, organisations/, tags/)."""
