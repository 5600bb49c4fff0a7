"""Small PDFs for the example board and the tests, written byte by byte, the same bytes every time.

A tagged PDF (the default) is what an accessible export from Word or LibreOffice gives: a
structure tree whose paragraphs point at the marked text on the page, `/MarkInfo` with
`/Marked true`, the document's language in `/Lang` and its title shown in the window. An
untagged one (`tagged=False`) has none of it, for the tests of callboard's warning.

    python tools/example_pdf.py   # writes the example board's documents
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_BUNDLE = REPO / "content" / "needs" / "digital-nyckelhantering-i-hemtjansten"


def _text(value: str) -> bytes:
    """A PDF literal string in WinAnsiEncoding (Helvetica's), which has å, ä and ö."""
    escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252") + b")"


def make_pdf(title: str, lines: list[str], lang: str | None = "sv-SE", tagged: bool = True) -> bytes:
    """A one-page A4 PDF with `title` as heading and each of `lines` as a paragraph."""
    content = [b"BT /F1 18 Tf 56 780 Td"]
    content.append(b"/H1 <</MCID 0>> BDC " + _text(title) + b" Tj EMC" if tagged else _text(title) + b" Tj")
    content.append(b"/F1 11 Tf 0 -30 Td")
    for number, line in enumerate(lines, start=1):
        text = _text(line) + b" Tj"
        content.append((b"/P <</MCID %d>> BDC " % number + text + b" EMC" if tagged else text) + b" 0 -16 Td")
    content.append(b"ET")
    stream = b"\n".join(content)
    paragraphs = len(lines) + 1
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R" + (b" /MarkInfo << /Marked true >> /StructTreeRoot 5 0 R"
                                               b" /ViewerPreferences << /DisplayDocTitle true >>" if tagged else b"")
           + (b" /Lang " + _text(lang) if lang else b"") + b" >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
           b" /Contents 6 0 R" + (b" /StructParents 0" if tagged else b"") + b" >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        6: b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        7: b"<< /Title " + _text(title) + b" /Producer (callboard tools/example_pdf.py) >>",
    }
    if tagged:
        kids = b" ".join(b"%d 0 R" % (10 + n) for n in range(paragraphs))
        objects[5] = b"<< /Type /StructTreeRoot /K 8 0 R /ParentTree 9 0 R /ParentTreeNextKey 1 >>"
        objects[8] = b"<< /Type /StructElem /S /Document /P 5 0 R /K [" + kids + b"] >>"
        objects[9] = b"<< /Nums [0 [" + kids + b"]] >>"
        for n in range(paragraphs):
            role = b"/H1" if n == 0 else b"/P"
            objects[10 + n] = b"<< /Type /StructElem /S " + role + b" /P 8 0 R /Pg 3 0 R /K %d >>" % n
    return _assemble(objects)


def _assemble(objects: dict[int, bytes]) -> bytes:
    """The file: header, objects, cross-reference table and trailer, offsets counted exactly."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    size = max(objects) + 1
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


EXAMPLE_DOCUMENTS = {
    "forfragningsunderlag.pdf": ("Förfrågningsunderlag: nyckelfria besök i hemtjänsten", "sv-SE", [
        "Växjö kommun söker en partner för ett innovationspartnerskap.",
        "Målet är att hemtjänstens personal ska kunna öppna portar i flerbostadshus",
        "med samma tjänstetelefon och app som de digitala låsen på lägenhetsdörrarna.",
        "Partnerskapet omfattar utveckling, en pilot i två hemtjänstområden och",
        "möjlighet för kommunen att därefter köpa lösningen.",
        "Anbud lämnas i kommunens upphandlingssystem senast sista ansökningsdagen.",
    ]),
    "summary-in-english.pdf": ("Summary: keyless home care visits", "en-GB", [
        "Växjö municipality seeks a partner for an innovation partnership.",
        "Home care staff should open the street doors of apartment buildings with",
        "the same work phone and app that already open the flats' digital locks.",
        "Tenders are submitted in Swedish; this summary is for information only.",
    ]),
}


def write_example_documents(folder: Path = EXAMPLE_BUNDLE) -> None:
    for name, (title, lang, lines) in EXAMPLE_DOCUMENTS.items():
        (folder / name).write_bytes(make_pdf(title, lines, lang))


if __name__ == "__main__":
    write_example_documents(Path(sys.argv[1]) if len(sys.argv) > 1 else EXAMPLE_BUNDLE)
