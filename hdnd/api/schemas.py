"""Input schemas shared by the routers: text arrives in NFC, as the pages get it from the middleware."""

from typing import Any

from ninja import Schema
from pydantic import field_validator

from hdnd.core.text import nfc


class NfcIn(Schema):
    """Base of every API input: each string field is normalised to NFC and trimmed (like a form field),
    so "Hoà" typed on a Mac (NFD) is stored, searched and compared like "Hoà" typed anywhere else."""

    @field_validator("*", mode="before")
    @classmethod
    def _nfc(cls, value: Any) -> Any:
        return nfc(value) if isinstance(value, str) else value
