from django.urls import path

from . import views, views_units

app_name = "councils"
urlpatterns = [
    # Units and their changes (views_units): public.
    path("don-vi/", views_units.unit_list, name="unit_list"),
    path("don-vi/<int:pk>/", views_units.unit_detail, name="unit_detail"),
    # Councils, bodies, people, agencies (views): scoped.
    path("hdnd/<int:pk>/", views.council_detail, name="council_detail"),
]
