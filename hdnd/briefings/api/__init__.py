"""The briefings API, scoped like the pages: the briefing and its steps (``briefings``), and its parts,
agenda, participants, online points, contributions, conclusions and proposals (``parts``)."""

from . import briefings, parts

ROUTERS = [briefings.router, parts.router]
