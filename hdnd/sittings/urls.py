from django.urls import URLPattern

app_name = "sittings"
urlpatterns: list[URLPattern] = []
