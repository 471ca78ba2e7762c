from django.urls import include, path
from django.views.i18n import set_language

from hdnd.api.main import api
from hdnd.core import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("hdnd.portal.urls")),
    path("", include("hdnd.councils.urls")),
    path("", include("hdnd.petitions.urls")),
    path("", include("hdnd.sittings.urls")),
    path("", include("hdnd.resolutions.urls")),
    path("", include("hdnd.oversight.urls")),
    path("", include("hdnd.reception.urls")),
    path("", include("hdnd.planning.urls")),
    path("", include("hdnd.reports.urls")),
    path("", include("hdnd.briefings.urls")),
    path("", include("hdnd.core.urls")),
    path("tai-khoan/", include("hdnd.accounts.urls")),
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
]

handler400 = "hdnd.core.views.bad_request"
handler403 = "hdnd.core.views.permission_denied"
handler404 = "hdnd.core.views.page_not_found"
handler500 = "hdnd.core.views.server_error"
