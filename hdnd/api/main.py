"""The JSON API at /api/v1/: one NinjaAPI, one router per app, the same actions as the pages."""

from ninja import NinjaAPI

from hdnd.accounts.api import router as accounts_router
from hdnd.councils.api import router as councils_router
from hdnd.councils.api_units import router as units_router

from .auth import session_or_token

api = NinjaAPI(
    title="HĐND API",
    version="1",
    description="API của nền tảng HĐND. Xác thực bằng mã truy cập: `Authorization: Bearer <mã>`.",
    urls_namespace="api",
    auth=session_or_token,
)
api.add_router("/", units_router)
api.add_router("/", councils_router)
api.add_router("/", accounts_router)
