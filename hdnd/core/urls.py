from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("quan-tri/quy-dinh/", views.rule_list, name="rule_list"),
]
