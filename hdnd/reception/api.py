"""The reception app over the JSON API (see ``hdnd/api/main.py``)."""

from ninja import Router

ROUTERS: list[Router] = []
