"""Administrative documents as PDF: the layout of ``documents.build`` as HTML and CSS, rendered by WeasyPrint.

Times New Roman where it is installed, else its metric-compatible Liberation Serif (Debian:
fonts-liberation2). Nothing is ever fetched: no base URL, every text escaped, and a URL fetcher that
refuses everything. Callers use ``documents.build_pdf`` (and ``html``, ``render``), which import this
module when first asked.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, NoReturn

from hdnd.core.documents import (
    MOTTO,
    NATION,
    AdminDocument,
    Block,
    Heading,
    Line,
    Signature,
    Table,
    cell_text,
    closing_widths_mm,
    header_widths_mm,
    signature_height,
    signature_titles,
    text_width_mm,
)

PDF_FONTS = '"Times New Roman", "Liberation Serif", serif'
_CSS = """
@page {
  size: %(size)s;
  margin: 20mm 15mm 20mm 30mm;
  @top-center { content: counter(page); font-family: %(fonts)s; font-size: 14pt; vertical-align: bottom;
                padding-bottom: 4mm; }
}
@page :first { @top-center { content: none; } }
html { font-family: %(fonts)s; font-size: 14pt; color: #000; }
body { margin: 0; }
p { margin: 0; }
table { border-collapse: collapse; }
.frame { width: 100%%; table-layout: fixed; }
.frame td { vertical-align: top; text-align: center; padding: 0; }
.rule { border-bottom: 0.75pt solid #000; margin: 5pt auto 6pt auto; height: 0; }
.n13 { font-size: 13pt; }
.n12 { font-size: 12pt; }
.b { font-weight: bold; }
.i { font-style: italic; }
.date { font-style: italic; }
.after { height: 14pt; }
.title { text-align: center; font-weight: bold; }
.addressee { text-align: center; margin-bottom: 6pt; }
.centred { text-align: center; margin-bottom: 6pt; }
.text { text-align: justify; text-indent: 10mm; line-height: 1.15; margin-bottom: 6pt; }
.heading { font-weight: bold; }
.grid { width: 100%%; margin-bottom: 12pt; font-size: 12pt; }
.grid th, .grid td { border: 0.75pt solid #000; padding: 1pt 4pt; vertical-align: top; text-align: left; }
.grid th { text-align: center; font-weight: bold; }
.grid td.number { text-align: center; }
.grid tr { break-inside: avoid; }
.closing { width: 100%%; table-layout: fixed; break-inside: avoid; break-before: avoid; margin-top: 6pt; }
.closing td { vertical-align: top; padding: 0; }
.recipients { font-size: 11pt; text-align: left; }
.recipients .head { font-size: 12pt; font-weight: bold; font-style: italic; }
.sign { text-align: center; font-weight: bold; }
.space { height: %(space)s; }
"""


def _e(text: object) -> str:
    from django.utils.html import escape

    return str(escape(str(text)))


def _lines(lines: Sequence[tuple[str, str]]) -> str:
    return "".join(f'<p class="{css}">{_e(text)}</p>' for text, css in lines)


def html(document: AdminDocument) -> str:
    """The document as a standalone HTML page (what :func:`build_pdf` renders)."""
    width = text_width_mm(document)
    css = _CSS % {
        "size": "A4 landscape" if document.landscape else "A4",
        "fonts": PDF_FONTS,
        "space": "4.6em",
    }
    parts = [f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>{css}</style></head><body>']
    parts.append(_html_header(document))
    if document.kind:
        parts.append(f'<p class="title">{_e(document.kind)}</p>')
        if document.summary:
            parts.append(f'<p class="title">{_e(document.summary)}</p>')
        parts.append('<div class="rule" style="width: 40mm"></div><div class="after"></div>')
    parts += [f'<p class="addressee">{_e(line)}</p>' for line in document.addressees]
    for block in document.body:
        parts.append(_html_block(block, width))
    parts.append(_html_closing(document))
    parts.append("</body></html>")
    return "".join(parts)


def _html_header(document: AdminDocument) -> str:
    left, right = header_widths_mm(document)
    issuer = _lines([(line, "n13") for line in document.parent_issuer])
    issuer += _lines([(line, "n13 b") for line in document.issuer])
    number = [(document.number_line, "n13")]
    if not document.kind and document.summary:
        number.append((f"V/v {document.summary}", "n12"))
    return (
        '<table class="frame header"><colgroup>'
        f'<col style="width: {left:.1f}mm"><col style="width: {right:.1f}mm"></colgroup>'
        f'<tr><td class="issuer">{issuer}<div class="rule" style="width: 22mm"></div></td>'
        f'<td class="nation">{_lines([(NATION, "n13 b"), (MOTTO, "b")])}'
        '<div class="rule" style="width: 62mm"></div></td></tr>'
        f'<tr><td class="number">{_lines(number)}</td>'
        f'<td><p class="date">{_e(document.date_line)}</p></td></tr>'
        '</table><div class="after"></div>'
    )


def _html_block(block: Block, width: float) -> str:
    if isinstance(block, Heading):
        return f'<p class="text heading">{_e(block.text)}</p>'
    if isinstance(block, Line):
        css = ["centred" if block.centred else "text"]
        css += ["b"] * block.bold + ["i"] * block.italic
        return f'<p class="{" ".join(css)}">{_e(block.text)}</p>'
    if isinstance(block, Table):
        widths = list(block.widths_mm) or [width / len(block.header)] * len(block.header)
        columns = "".join(f'<col style="width: {w:.1f}mm">' for w in widths)
        head = "".join(f"<th>{_e(text)}</th>" for text in block.header)
        rows = []
        for values in block.rows:
            cells = "".join(
                f'<td class="number">{_e(cell_text(v))}</td>'
                if isinstance(v, int)
                else f"<td>{_e(cell_text(v))}</td>"
                for v in values
            )
            rows.append(f"<tr>{cells}</tr>")
        return (
            f'<table class="grid"><colgroup>{columns}</colgroup><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    return f'<p class="text">{_e(block)}</p>'


def _html_signature(signature: Signature, height: int) -> str:
    titles = signature_titles(signature)
    lines = ['<p class="sign">&nbsp;</p>'] * (height - len(titles))
    lines += [f'<p class="sign">{_e(line)}</p>' for line in titles]
    return "".join(lines) + f'<div class="space"></div><p class="sign">{_e(signature.name)}</p>'


def _html_closing(document: AdminDocument) -> str:
    recipients = ""
    if document.recipients:
        recipients = '<p class="head">Nơi nhận:</p>' + "".join(
            f"<p>- {_e(recipient)}</p>" for recipient in document.recipients
        )
    height = signature_height(document)
    signs = _html_signature(document.signature, height)
    left, right = closing_widths_mm(document)
    columns = f'<colgroup><col style="width: {left:.1f}mm"><col style="width: {right:.1f}mm"></colgroup>'
    if document.cosigner:
        rows = f"<tr><td>{_html_signature(document.cosigner, height)}</td><td>{signs}</td></tr>"
        if recipients:
            rows += f'<tr><td class="recipients">{recipients}</td><td></td></tr>'
    else:
        rows = f'<tr><td class="recipients">{recipients}</td><td>{signs}</td></tr>'
    return f'<table class="closing">{columns}{rows}</table>'


def render(document: AdminDocument) -> Any:
    """The laid-out WeasyPrint document (``.pages``, ``.write_pdf()``); tests read its pages."""
    from weasyprint import HTML

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # not ten INFO lines per PDF
    return HTML(string=html(document), base_url=None, url_fetcher=_NoFetching()).render()


def build_pdf(document: AdminDocument) -> bytes:
    """The same document as PDF: A4, the decree's margins and layout, the font embedded."""
    pdf: bytes = render(document).write_pdf()
    return pdf


def _refuse(url: str) -> NoReturn:
    raise ValueError(f"Tài liệu PDF không tải tài nguyên bên ngoài: {url}")


class _NoFetching:
    """A WeasyPrint URL fetcher that refuses every URL (no network, no file); the resource is skipped."""

    _fail_on_errors = False  # read by weasyprint.urls.fetch: skip the resource, do not stop the render

    def fetch(self, url: str, headers: object = None) -> NoReturn:
        _refuse(url)

    def __call__(self, url: str, *args: object, **kwargs: object) -> NoReturn:
        _refuse(url)
