"""Petitions in and groups out as JSON Lines, read and written one line at a time.

Input lines are ``{"id": ..., "text": ..., "place": ...}`` (``place`` optional); output lines are
``{"id": ..., "group": "G000001"}`` in input order. Only ids and canonical tokens are kept in memory,
never the raw text. Every problem is reported in Vietnamese with its line number.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from hdnd.petitions.synthesis.normalize import canonical_tokens

MAX_ERRORS = 20

PetitionId = str | int


class Writable(Protocol):
    """Anything with ``write(str)``: a text file, ``sys.stdout``, a command's output wrapper."""

    def write(self, text: str, /) -> Any: ...


class InputError(Exception):
    """The input has bad lines; ``messages`` names each one (in Vietnamese)."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = list(messages)


@dataclass
class ReadPetitions:
    """What the reader keeps of the input: ids and canonical tokens, in input order."""

    ids: list[PetitionId] = field(default_factory=list)
    tokens: list[list[str]] = field(default_factory=list)


def read_petitions(lines: Iterable[bytes | str]) -> ReadPetitions:
    """Read JSON Lines petitions; raise ``InputError`` listing the bad lines (blank lines are skipped)."""
    read = ReadPetitions()
    first_line: dict[PetitionId, int] = {}
    errors: list[str] = []
    for number, raw in enumerate(lines, start=1):
        try:
            record = _parse(raw, number, first_line)
        except ValueError as error:
            errors.append(str(error))
            if len(errors) >= MAX_ERRORS:
                errors.append(f"Dừng kiểm tra sau {MAX_ERRORS} lỗi.")
                break
            continue
        if record is not None:
            first_line[record[0]] = number
            read.ids.append(record[0])
            read.tokens.append(canonical_tokens(record[1]))
    if errors:
        raise InputError(errors)
    return read


def _parse(raw: bytes | str, number: int, first_line: dict[PetitionId, int]) -> tuple[PetitionId, str] | None:
    """Return (id, text) of one input line, None for a blank line; ValueError says what is wrong."""
    try:
        line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ValueError(f"Dòng {number}: không phải văn bản UTF-8.") from None
    if not line.strip():
        return None
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"Dòng {number}: không phải JSON hợp lệ (lỗi ở cột {error.colno}).") from None
    if not isinstance(record, dict):
        raise ValueError(f'Dòng {number}: cần một đối tượng JSON có "id" và "text".')
    petition_id, text = record.get("id"), record.get("text")
    if isinstance(petition_id, bool) or not isinstance(petition_id, str | int) or petition_id == "":
        raise ValueError(f'Dòng {number}: thiếu "id" (chuỗi hoặc số).')
    if not isinstance(text, str):
        raise ValueError(f'Dòng {number}: thiếu "text" (chuỗi) của kiến nghị {petition_id}.')
    if record.get("place") is not None and not isinstance(record["place"], str):
        raise ValueError(f'Dòng {number}: "place" phải là chuỗi.')
    if petition_id in first_line:
        raise ValueError(f'Dòng {number}: "id" {petition_id} trùng với dòng {first_line[petition_id]}.')
    return petition_id, text


def group_id(label: int) -> str:
    """The stable printed id of group ``label`` (0 → ``G000001``)."""
    return f"G{label + 1:06d}"


def output_lines(ids: Sequence[PetitionId], labels: Sequence[int]) -> Iterator[str]:
    """The output lines, one per petition in input order."""
    for petition_id, label in zip(ids, labels, strict=True):
        yield json.dumps({"id": petition_id, "group": group_id(label)}, ensure_ascii=False) + "\n"


def write_groups(out: Writable, ids: Sequence[PetitionId], labels: Sequence[int]) -> None:
    """Write one output line per petition to ``out``."""
    for line in output_lines(ids, labels):
        out.write(line)
