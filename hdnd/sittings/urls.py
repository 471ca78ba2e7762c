from django.urls import path

from . import urls_conduct, urls_documents, urls_standing, views

app_name = "sittings"
urlpatterns = [
    path("hdnd/<int:pk>/ky-hop/", views.session_list, name="session_list"),
    path("hdnd/<int:pk>/ky-hop/them/", views.session_add, name="session_add"),
    path("hdnd/<int:pk>/ky-hop/lich.ics", views.session_ical, name="session_ical"),
    path("ky-hop/<int:pk>/", views.session_detail, name="session_detail"),
    path("ky-hop/<int:pk>/sua/", views.session_edit, name="session_edit"),
    path("ky-hop/<int:pk>/trieu-tap/", views.session_convene, name="session_convene"),
    path("ky-hop/<int:pk>/gui-tai-lieu/", views.session_documents, name="session_documents"),
    path("ky-hop/<int:pk>/khai-mac/", views.session_open, name="session_open"),
    path("ky-hop/<int:pk>/be-mac/", views.session_close, name="session_close"),
]
# Each feature module keeps its own URL list, in the same namespace.
for module in (urls_conduct, urls_documents, urls_standing):
    urlpatterns += module.urlpatterns
