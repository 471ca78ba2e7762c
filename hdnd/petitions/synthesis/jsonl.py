"""Petitions in and groups out as JSON Lines, read and written one line at a time.

Input lines are ``{"id": ..., "text": ..., "place": ...}`` (``place`` optional); output lines are
``{"id": ..., "group": "G000001"}`` in input order. Only ids and canonical tokens are kept in memory,
never the raw text. Every problem is reported in Vietnamese with its line number.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from hdnd.petitions.synthesis.normalize import Analysis, analyse

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
    """What the reader keeps of the input: ids and analyses (concepts and content words), in input order."""

    ids: list[PetitionId] = field(default_factory=list)
    analyses: list[Analysis] = field(default_factory=list)

    @property
    def tokens(self) -> list[list[str]]:
        """The canonical tokens of each petition."""
        return [list(a.tokens) for a in self.analyses]


CHUNK = 2000  # petitions analysed per task when two processes share the work


def read_petitions(lines: Iterable[bytes | str], processes: int = 1) -> ReadPetitions:
    """Read JSON Lines petitions; raise ``InputError`` listing the bad lines (blank lines are skipped).

    With ``processes`` > 1 the texts are analysed in that many worker processes, chunk by chunk, in
    order; only ids and analyses come back. Identical analyses are kept once.
    """
    read = ReadPetitions()
    first_line: dict[PetitionId, int] = {}
    errors: list[str] = []

    def records() -> Iterator[tuple[PetitionId, str, str | None]]:
        for number, raw in enumerate(lines, start=1):
            try:
                record = _parse(raw, number, first_line)
            except ValueError as error:
                errors.append(str(error))
                if len(errors) >= MAX_ERRORS:
                    errors.append(f"Dừng kiểm tra sau {MAX_ERRORS} lỗi.")
                    return
                continue
            if record is not None:
                first_line[record[0]] = number
                yield record

    def chunks() -> Iterator[list[tuple[str, str | None]]]:
        chunk: list[tuple[str, str | None]] = []
        for petition_id, text, place in records():
            read.ids.append(petition_id)
            chunk.append((text, place))
            if len(chunk) >= CHUNK:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    kept: dict[Analysis, Analysis] = {}
    if processes > 1:
        with multiprocessing.get_context("forkserver").Pool(processes) as pool:
            for analysed in pool.imap(_analyse_chunk, chunks()):
                read.analyses.extend(kept.setdefault(a, _interned(a)) for a in analysed)
    else:
        for chunk in chunks():
            read.analyses.extend(kept.setdefault(a, a) for a in _analyse_chunk(chunk))
    if errors:
        raise InputError(errors)
    return read


def _analyse_chunk(chunk: list[tuple[str, str | None]]) -> list[Analysis]:
    """Analyse a chunk of (text, place) in a worker."""
    return [analyse(text, place) for text, place in chunk]


def _interned(analysis: Analysis) -> Analysis:
    """The same analysis with its words shared with every other petition's (they come back pickled)."""
    return Analysis(
        tuple(sys.intern(t) for t in analysis.tokens), tuple(sys.intern(w) for w in analysis.words)
    )


def _parse(
    raw: bytes | str, number: int, first_line: dict[PetitionId, int]
) -> tuple[PetitionId, str, str | None] | None:
    """Return (id, text, place) of one input line, None for a blank line; ValueError says what is wrong."""
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
    return petition_id, text, record.get("place")


def group_id(label: int) -> str:
    """The stable printed id of group ``label`` (0 → ``G000001``)."""
    return f"G{label + 1:06d}"


def output_lines(
    ids: Sequence[PetitionId], labels: Sequence[int], extra: Sequence[dict[str, Any]] | None = None
) -> Iterator[str]:
    """The output lines, one per petition in input order (``extra`` fields added to each, when given)."""
    for index, (petition_id, label) in enumerate(zip(ids, labels, strict=True)):
        record: dict[str, Any] = {"id": petition_id, "group": group_id(label)}
        if extra is not None:
            record.update(extra[index])
        yield json.dumps(record, ensure_ascii=False) + "\n"


def write_groups(
    out: Writable,
    ids: Sequence[PetitionId],
    labels: Sequence[int],
    extra: Sequence[dict[str, Any]] | None = None,
) -> None:
    """Write one output line per petition to ``out``."""
    for line in output_lines(ids, labels, extra):
        out.write(line)
