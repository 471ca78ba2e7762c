"""The councils app over the JSON API: units (public) and councils, bodies, people, agencies (scoped)."""

from .councils import router as councils_router
from .units import router as units_router

ROUTERS = [units_router, councils_router]
