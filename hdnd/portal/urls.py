from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("lam-viec/", views.dashboard, name="dashboard"),
]
