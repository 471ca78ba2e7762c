"""Models of the sittings standing feature; re-exported by models.py so Django finds them."""

from __future__ import annotations
