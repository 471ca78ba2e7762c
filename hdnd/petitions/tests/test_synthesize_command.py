"""`manage.py synthesize_petitions`: JSON Lines in, one group per petition out, clear errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[3]

PETITIONS = [
    {"id": "a", "text": "Kéo đường điện đến các khu dân cư thôn Khuổi Tích.", "place": "Xã Đà Vị"},
    {"id": "b", "text": "Nâng mức phụ cấp cho trưởng thôn.", "place": None},
    {"id": 3, "text": "Cấp điện cho 8 hộ 38 nhân khẩu của bản Bang."},
    {"id": "d", "text": ""},
    {"id": "e", "text": "Nâng phụ cấp cho trưởng thôn, tổ trưởng tổ dân phố."},
]


def write_lines(path: Path, lines: list[str]) -> Path:
    """Write ``lines`` as a file, one per line."""
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def synthesize(tmp_path: Path, lines: list[str]) -> list[dict[str, object]]:
    """Run the command on ``lines`` and return the output records."""
    source = write_lines(tmp_path / "in.jsonl", lines)
    target = tmp_path / "out.jsonl"
    call_command("synthesize_petitions", input=str(source), output=str(target), stdout=io.StringIO())
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def test_every_petition_comes_out_once_in_input_order_with_its_group(tmp_path: Path) -> None:
    out = synthesize(tmp_path, [json.dumps(p, ensure_ascii=False) for p in PETITIONS])
    assert [record["id"] for record in out] == ["a", "b", 3, "d", "e"]
    groups = [record["group"] for record in out]
    assert groups == ["G000001", "G000002", "G000001", "G000003", "G000002"]


def test_empty_text_is_a_group_of_its_own(tmp_path: Path) -> None:
    out = synthesize(tmp_path, ['{"id": "x", "text": ""}', '{"id": "y", "text": ""}'])
    assert [record["group"] for record in out] == ["G000001", "G000002"]


def test_blank_lines_are_skipped(tmp_path: Path) -> None:
    out = synthesize(tmp_path, ['{"id": "x", "text": "Xây cầu"}', "", '{"id": "y", "text": "Xây cầu"}'])
    assert [record["id"] for record in out] == ["x", "y"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "Dòng 2: không phải JSON hợp lệ"),
        ('["id", "text"]', 'Dòng 2: cần một đối tượng JSON có "id" và "text".'),
        ('{"text": "Xây cầu"}', 'Dòng 2: thiếu "id" (chuỗi hoặc số).'),
        ('{"id": "b"}', 'Dòng 2: thiếu "text" (chuỗi) của kiến nghị b.'),
        ('{"id": "a", "text": "Xây cầu"}', 'Dòng 2: "id" a trùng với dòng 1.'),
        ('{"id": "b", "text": "Xây cầu", "place": 7}', 'Dòng 2: "place" phải là chuỗi.'),
    ],
)
def test_a_bad_line_is_named_in_vietnamese_and_nothing_is_written(
    tmp_path: Path, line: str, message: str
) -> None:
    source = write_lines(tmp_path / "in.jsonl", ['{"id": "a", "text": "Kéo điện"}', line])
    target = tmp_path / "out.jsonl"
    with pytest.raises(CommandError, match="Tệp vào có dòng không hợp lệ") as raised:
        call_command("synthesize_petitions", input=str(source), output=str(target))
    assert message in str(raised.value)
    assert not target.exists()


def test_a_missing_input_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("synthesize_petitions", input=str(tmp_path / "none.jsonl"), output=str(tmp_path / "o"))


def test_bad_input_exits_non_zero_with_a_message_and_no_traceback(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "in.jsonl", ['{"id": 1, "text": "a"}', "oops", '{"id": 1, "text": "b"}'])
    done = subprocess.run(
        [sys.executable, "manage.py", "synthesize_petitions", "--input", str(source), "--output", "-"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "Dòng 2: không phải JSON hợp lệ" in done.stderr
    assert 'Dòng 3: "id" 1 trùng với dòng 1.' in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_standard_input_and_output_stream_through(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in PETITIONS).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines), encoding="utf-8"))
    out, err = io.StringIO(), io.StringIO()
    call_command("synthesize_petitions", input="-", output="-", stdout=out, stderr=err)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [record["id"] for record in records] == ["a", "b", 3, "d", "e"]
    assert "Đã gộp 5 kiến nghị thành 3 nhóm." in err.getvalue()
