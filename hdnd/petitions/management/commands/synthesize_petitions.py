"""Group near-duplicate voters' petitions from a JSON Lines file (the synthesis engine's command line)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hdnd.petitions.synthesis.explain import explain_groups
from hdnd.petitions.synthesis.grouping import group_analyses
from hdnd.petitions.synthesis.jsonl import InputError, PetitionId, ReadPetitions, read_petitions, write_groups
from hdnd.petitions.synthesis.model import default_model


class Command(BaseCommand):
    help = (
        'Gộp các kiến nghị cử tri trùng lặp. Vào: mỗi dòng {"id", "text", "place"}; '
        'ra: mỗi dòng {"id", "group"} theo đúng thứ tự vào. Dùng "-" cho stdin/stdout.'
    )
    requires_system_checks: list[str] = []  # a pure computation: no models, no database

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help="tệp JSON Lines các kiến nghị, hoặc -")
        parser.add_argument("--output", required=True, help="tệp JSON Lines kết quả, hoặc -")
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help="độ giống tối thiểu, 0 đến 1 (mặc định: ngưỡng của mô hình đã huấn luyện)",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help='thêm vào mỗi dòng lý do gộp: "explain" {yêu cầu, đối tượng, từ chung, độ gắn kết của nhóm}',
        )
        parser.add_argument(
            "--processes", type=int, default=2, help="số tiến trình phân tích văn bản (mặc định 2)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        threshold = options["threshold"]
        if threshold is not None and not 0 < threshold <= 1:
            raise CommandError("Ngưỡng (--threshold) phải lớn hơn 0 và không quá 1.")
        if options["processes"] < 1:
            raise CommandError("Số tiến trình (--processes) phải từ 1 trở lên.")
        read = self._read(options["input"], options["processes"])
        labels = group_analyses(read.analyses, threshold)
        extra = None
        if options["explain"]:
            groups = explain_groups(read.analyses, labels, default_model())
            extra = [{"explain": groups[label].as_json()} for label in labels]
        self._write(options["output"], read.ids, labels, extra)
        summary = f"Đã gộp {len(labels)} kiến nghị thành {len(set(labels))} nhóm."
        (self.stderr if options["output"] == "-" else self.stdout).write(summary)

    def _read(self, path: str, processes: int) -> ReadPetitions:
        """Read and check the input; bad lines become one CommandError naming each line."""
        try:
            if path == "-":
                return read_petitions(sys.stdin.buffer, processes)
            with open(path, "rb") as lines:
                return read_petitions(lines, processes)
        except OSError as error:
            raise CommandError(f"Không đọc được tệp {path}: {error.strerror}.") from None
        except InputError as error:
            raise CommandError("Tệp vào có dòng không hợp lệ:\n" + "\n".join(error.messages)) from None

    def _write(
        self, path: str, ids: list[PetitionId], labels: list[int], extra: list[dict[str, Any]] | None
    ) -> None:
        """Write the groups; a file appears whole or not at all."""
        if path == "-":
            write_groups(self.stdout, ids, labels, extra)
            return
        target = Path(path)
        temporary = None
        try:
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                write_groups(out, ids, labels, extra)
            os.replace(temporary, target)
        except OSError as error:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
            raise CommandError(f"Không ghi được tệp {path}: {error.strerror}.") from None
