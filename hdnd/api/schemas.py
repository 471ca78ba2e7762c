"""Kept for imports not yet moved: the input base lives in ``hdnd.core.schemas``."""

from hdnd.core.schemas import NfcIn

__all__ = ["NfcIn"]
