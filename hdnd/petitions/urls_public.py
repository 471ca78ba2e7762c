"""URLs of hdnd.petitions.views_public, included by urls.py in the petitions namespace.

The public pages live under ``cong-khai/kien-nghi/`` and need no login; the staff's publish buttons
sit next to the issue and cycle pages they act on.
"""

from django.urls import URLPattern, path

from . import views_public as views

PUBLIC = "cong-khai/kien-nghi"

urlpatterns: list[URLPattern] = [
    path(f"{PUBLIC}/", views.public_index, name="public_index"),
    path(f"{PUBLIC}/tra-cuu/", views.public_lookup, name="public_lookup"),
    path(f"{PUBLIC}/hdnd/<int:pk>/", views.public_council, name="public_council"),
    path(
        f"{PUBLIC}/hdnd/<int:pk>/lich/",
        views.public_schedule,
        {"kind": "council"},
        name="public_council_schedule",
    ),
    path(
        f"{PUBLIC}/hdnd/<int:pk>/lich.ics", views.public_ical, {"kind": "council"}, name="public_council_ical"
    ),
    path(f"{PUBLIC}/dot/<int:pk>/", views.public_cycle, name="public_cycle"),
    path(
        f"{PUBLIC}/dot/<int:pk>/lich/", views.public_schedule, {"kind": "cycle"}, name="public_cycle_schedule"
    ),
    path(f"{PUBLIC}/dot/<int:pk>/lich.ics", views.public_ical, {"kind": "cycle"}, name="public_cycle_ical"),
    path(f"{PUBLIC}/xa/<int:pk>/", views.public_commune, name="public_commune"),
    path("kien-nghi/tong-hop/<int:pk>/cong-khai/", views.issue_publish, name="public_issue_publish"),
    path("kien-nghi/tong-hop/<int:pk>/thoi-cong-khai/", views.issue_unpublish, name="public_issue_unpublish"),
    path("kien-nghi/dot/<int:pk>/cong-khai/", views.cycle_publish, name="public_cycle_publish"),
]
