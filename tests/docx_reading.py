"""Reading a generated .docx back in tests: its text in reading order, tables included."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def texts(content: bytes, *, rows: bool = False) -> list[str]:
    """Every non-empty paragraph of the .docx in reading order. Tables give their cells' paragraphs (the
    header and the signature block are tables), or with ``rows`` one "a | b | c" line per row."""
    doc = Document(io.BytesIO(content))
    found: list[str] = []
    for element in doc.element.body.iterchildren():
        if element.tag == qn("w:p"):
            found.append(Paragraph(element, doc).text)
        elif element.tag == qn("w:tbl"):
            for row in Table(element, doc).rows:
                if rows:
                    found.append(" | ".join(cell.text for cell in row.cells))
                else:
                    found += [paragraph.text for cell in row.cells for paragraph in cell.paragraphs]
    return [text for text in found if text.strip()]
