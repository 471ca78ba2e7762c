from django.urls import URLPattern

app_name = "reception"
urlpatterns: list[URLPattern] = []
