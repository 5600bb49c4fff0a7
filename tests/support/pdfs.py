"""PDFs for tests, from the same writer as the example board's documents (tools/example_pdf.py)."""

from __future__ import annotations

import importlib.util

from tests.support.boards import REPO

_spec = importlib.util.spec_from_file_location("example_pdf", REPO / "tools" / "example_pdf.py")
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)

make_pdf = _module.make_pdf
"""make_pdf(title, lines, lang="sv-SE", tagged=True) -> bytes"""
