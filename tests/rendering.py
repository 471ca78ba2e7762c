"""What a reader sees in a generated document: the .docx laid out by LibreOffice, the PDF read by poppler.

``render_docx`` converts several .docx files in ONE ``soffice --headless --convert-to pdf`` call (LibreOffice
takes seconds to start, not to convert); ``read_pdf`` reads a PDF's words with their positions
(``pdftotext -bbox``). ``check_reads_right`` then checks what the NĐ 30/2020 layout promises: the Quốc
hiệu on one line, each table's columns where its widths put them, the signer's name on the page of the
signature's title and of the body's last words. Set ``HDND_DOCUMENT_SHOTS`` to a folder to also get
each page as a PNG (pdftoppm) to look at.

Without LibreOffice or poppler the tests are skipped, except under ``CI=true`` where that is a failure.
"""

from __future__ import annotations

import atexit
import html
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from hdnd.core.documents import NATION, AdminDocument, Table, cell_text, signature_titles, text_width_mm

PT_MM = 25.4 / 72
LEFT_MARGIN_MM = 30
CELL_PADDING_MM = 1.9  # Word's and LibreOffice's default left padding of a table cell
TOLERANCE_MM = 2.5


def need_tools() -> None:
    """Skip without soffice, pdftotext and pdftoppm; fail under CI, which must have them."""
    missing = [tool for tool in ("soffice", "pdftotext", "pdftoppm") if not shutil.which(tool)]
    if not missing:
        return
    message = f"cần {', '.join(missing)} (libreoffice-writer-nogui, poppler-utils) để dựng văn bản"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@cache
def _profile() -> str:
    """A LibreOffice profile of this process: two soffice at once cannot share one."""
    folder = tempfile.mkdtemp(prefix="hdnd-soffice-")
    atexit.register(shutil.rmtree, folder, True)
    return Path(folder).as_uri()


def render_docx(files: Mapping[str, bytes]) -> dict[str, Rendered]:
    """Each named .docx as LibreOffice lays it out, converted in one soffice call."""
    need_tools()
    with tempfile.TemporaryDirectory(prefix="hdnd-docx-") as folder:
        paths = []
        for name, content in files.items():
            path = Path(folder) / f"{name}.docx"
            path.write_bytes(content)
            paths.append(str(path))
        command = ["soffice", f"-env:UserInstallation={_profile()}", "--headless", "--convert-to", "pdf"]
        subprocess.run([*command, "--outdir", folder, *paths], check=True, capture_output=True, timeout=120)
        return {name: read_pdf((Path(folder) / f"{name}.pdf").read_bytes(), name) for name in files}


@dataclass(frozen=True)
class Word:
    text: str
    page: int
    x0: float  # mm from the left edge of the page
    y0: float  # mm from the top
    x1: float
    y1: float


@dataclass(frozen=True)
class Rendered:
    """A laid-out document: its words, page by page."""

    name: str
    pages: list[list[Word]]

    def segments(self, page: int) -> list[list[Word]]:
        """The runs of words on one line of ``page`` with no gap over 4 mm: a two-column line (issuer
        | Quốc hiệu) gives two segments."""
        lines: dict[int, list[Word]] = {}
        for word in self.pages[page]:
            lines.setdefault(round(word.y1 * 2), []).append(word)
        found: list[list[Word]] = []
        for _, words in sorted(lines.items()):
            words.sort(key=lambda word: word.x0)
            found.append([words[0]])
            for word in words[1:]:
                if word.x0 - found[-1][-1].x1 > 4:
                    found.append([word])
                else:
                    found[-1].append(word)
        return found

    def lines(self, page: int) -> list[str]:
        return [" ".join(word.text for word in segment) for segment in self.segments(page)]

    def pages_with(self, words: str) -> list[int]:
        """Pages on which ``words`` appear in order on one line."""
        return [page for page in range(len(self.pages)) if self.find(words, page)]

    def find(self, words: str, page: int) -> list[Word]:
        """The first word of each place ``words`` appear in order on one line of ``page``."""
        wanted = words.split()
        found = []
        for segment in self.segments(page):
            texts = [word.text for word in segment]
            for start in range(len(texts) - len(wanted) + 1):
                if texts[start : start + len(wanted)] == wanted:
                    found.append(segment[start])
        return found


_PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def read_pdf(content: bytes, name: str = "document") -> Rendered:
    """The words of a PDF with their boxes (pdftotext -bbox), and its pages as PNG when asked."""
    need_tools()
    with tempfile.TemporaryDirectory(prefix="hdnd-pdf-") as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(content)
        out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True)
        shots = os.environ.get("HDND_DOCUMENT_SHOTS")
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(Path(shots) / name)], check=True)
    pages = []
    for number, page in enumerate(_PAGE.findall(out.stdout.decode())):
        pages.append(
            [
                Word(html.unescape(text), number, *(float(v) * PT_MM for v in box))
                for *box, text in _WORD.findall(page)
            ]
        )
    return Rendered(name, pages)


# What a reader must see ---------------------------------------------------------------------------


def check_reads_right(rendered: Rendered, document: AdminDocument) -> None:
    """The header unwrapped, the tables' columns as specified, the signature whole and not alone."""
    name = rendered.name
    assert NATION in rendered.lines(0), f"{name}: the Quốc hiệu is not on one line: {rendered.lines(0)[:4]}"
    for block in document.body:
        if isinstance(block, Table) and block.widths_mm and block.rows:
            _check_columns(rendered, document, block)
    _check_signature(rendered, document)


def _check_columns(rendered: Rendered, document: AdminDocument, table: Table) -> None:
    """The first left-aligned text of the table's first row starts where its column does."""
    left = LEFT_MARGIN_MM + (text_width_mm(document) - sum(table.widths_mm)) / 2
    for index, value in enumerate(table.rows[0]):
        text = cell_text(value)
        if index == 0 or isinstance(value, int) or not text.strip():
            continue
        expected = left + sum(table.widths_mm[:index]) + CELL_PADDING_MM
        first = text.split()
        words = " ".join(first[:2])  # the first word alone when the cell wraps after it
        starts = _starts(rendered, words) or _starts(rendered, first[0])
        assert any(abs(x - expected) < TOLERANCE_MM for x in starts), (
            f"{rendered.name}: column {index + 1} of the table “{table.header[index]}” should start at "
            f"{expected:.1f} mm (widths {list(table.widths_mm)}), “{words}” starts at {starts}"
        )
        return


def _starts(rendered: Rendered, words: str) -> list[float]:
    return [round(w.x0, 1) for page in range(len(rendered.pages)) for w in rendered.find(words, page)]


def _check_signature(rendered: Rendered, document: AdminDocument) -> None:
    signature = document.signature
    last_title = signature_titles(signature)[-1]
    title_pages = rendered.pages_with(last_title)
    assert title_pages, f"{rendered.name}: the signature's “{last_title}” is not printed"
    page = title_pages[-1]
    if signature.name:
        assert page in rendered.pages_with(signature.name), (
            f"{rendered.name}: the signer {signature.name} is not on page {page + 1} with “{last_title}”"
        )
    last_words = _last_words(rendered, document)
    if last_words:
        assert page in rendered.pages_with(last_words), (
            f"{rendered.name}: the signature on page {page + 1} is apart from the body's end “{last_words}”"
        )


def _last_words(rendered: Rendered, document: AdminDocument) -> str:
    """The last two words of the body's last paragraph, or its last word when a line break parts them
    ('' when the body ends with a table)."""
    if not document.body or isinstance(document.body[-1], Table):
        return ""
    words = str(getattr(document.body[-1], "text", document.body[-1])).split()
    two = " ".join(words[-2:])
    return two if rendered.pages_with(two) else " ".join(words[-1:])
