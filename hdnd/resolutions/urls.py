from django.urls import URLPattern

app_name = "resolutions"
urlpatterns: list[URLPattern] = []
