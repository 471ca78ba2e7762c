from django.urls import URLPattern, path

from . import views

app_name = "planning"
urlpatterns: list[URLPattern] = [
    path("hdnd/<int:pk>/chuong-trinh-cong-tac/", views.programme_list, name="programme_list"),
    path("hdnd/<int:pk>/chuong-trinh-cong-tac/them/", views.programme_add, name="programme_add"),
    path("chuong-trinh-cong-tac/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("chuong-trinh-cong-tac/<int:pk>/thong-qua/", views.programme_adopt, name="programme_adopt"),
    path("chuong-trinh-cong-tac/<int:pk>/chi-tieu/", views.target_add, name="target_add"),
    path("chuong-trinh-cong-tac/<int:pk>/nhiem-vu/", views.programme_task_add, name="programme_task_add"),
    path("chi-tieu/<int:pk>/bo/", views.target_remove, name="target_remove"),
    path("chi-tieu/<int:pk>/so-lieu/", views.target_records, name="target_records"),
    path("hdnd/<int:pk>/nhiem-vu/", views.task_list, name="task_list"),
    path("hdnd/<int:pk>/nhiem-vu/them/", views.task_add, name="task_add"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/tien-do/", views.task_progress, name="task_progress"),
    path("nhiem-vu/<int:pk>/gia-han/", views.task_extend, name="task_extend"),
    path("nhiem-vu/<int:pk>/mo-lai/", views.task_reopen, name="task_reopen"),
]
