"""The NĐ 30/2020 layout as LibreOffice and the PDF print it: header on one line, columns as wide as
asked, the signature never alone on a page (tests/rendering.py lays the documents out)."""

from __future__ import annotations

from functools import cache

import pytest

from hdnd.core import documents
from hdnd.core.documents import AdminDocument, Signature, Table
from hdnd.core.tests.test_documents import report
from tests.rendering import Rendered, check_reads_right, read_pdf, render_docx

pytestmark = pytest.mark.documents

LONG = "Hội đồng nhân dân tỉnh An Bình xem xét, quyết định những vấn đề quan trọng của địa phương. " * 6
ROWS = [[i, f"Đường giao thông nông thôn xã Đông Hòa số {i}", i * 1000] for i in range(1, 31)]


def cases() -> dict[str, AdminDocument]:
    table = Table(["STT", "Nội dung", "Số tiền"], ROWS, widths_mm=(15, 120, 30))
    return {
        "short": report(),
        "table": report(body=[LONG, table, "Thường trực HĐND tỉnh báo cáo."]),
        # Long enough that the signature falls near a page end: it must take the last lines with it.
        "long": report(body=[LONG] * 9 + ["Đoạn cuối của báo cáo, ngay trên chữ ký."]),
        "landscape": report(
            landscape=True, body=[Table(["STT", "Đơn vị", "Ghi chú"], ROWS[:5], widths_mm=(20, 160, 72))]
        ),
        "minutes": report(
            kind="BIÊN BẢN",
            recipients=(),
            signature=Signature(on_behalf="CHỦ TỌA KỲ HỌP", acting="", title="", name="Nguyễn Văn An"),
            cosigner=Signature(on_behalf="THƯ KÝ KỲ HỌP", acting="", title="", name="Trần Thị Bình"),
        ),
    }


@cache
def rendered_docx() -> dict[str, Rendered]:
    return render_docx({name: documents.build(document) for name, document in cases().items()})


@pytest.mark.parametrize("name", ["short", "table", "long", "landscape", "minutes"])
def test_the_docx_reads_right_in_libreoffice(name: str) -> None:
    check_reads_right(rendered_docx()[name], cases()[name])


@pytest.mark.parametrize("name", ["table", "minutes"])
def test_the_pdf_reads_right(name: str) -> None:
    check_reads_right(read_pdf(documents.build_pdf(cases()[name]), name), cases()[name])


def test_the_first_column_is_narrow_not_an_equal_share() -> None:
    page = rendered_docx()["table"]
    (stt,) = [word for p in range(len(page.pages)) for word in page.find("STT", p)][:1]
    (content,) = page.find("Đường giao thông nông thôn xã Đông Hòa số 1", stt.page)[:1]
    assert 44 < content.x0 < 50  # 30 mm margin + 15 mm column + padding, not 30 + 55 mm (equal thirds)


def test_a_long_document_takes_its_last_lines_to_the_signature_s_page() -> None:
    page = rendered_docx()["long"]
    last = len(page.pages) - 1
    assert last >= 1
    assert page.pages_with("Nguyễn Văn An") == page.pages_with("PHÓ CHỦ TỊCH") == [last]
    assert page.pages_with("ngay trên chữ ký.") == [last]


def test_two_signers_stand_side_by_side_with_their_names_on_one_line() -> None:
    for page in (rendered_docx()["minutes"], read_pdf(documents.build_pdf(cases()["minutes"]))):
        last = len(page.pages) - 1
        secretary, chair = page.find("Trần Thị Bình", last), page.find("Nguyễn Văn An", last)
        assert secretary
        assert chair
        assert abs(secretary[0].y0 - chair[0].y0) < 1
        assert secretary[0].x0 < 100 < chair[0].x0
        assert not page.pages_with("Nơi nhận:")
