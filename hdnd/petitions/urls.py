from django.urls import path

from . import urls_classify, urls_followup, urls_intake, urls_public, urls_reports, urls_search, views

app_name = "petitions"
urlpatterns = [
    path("hdnd/<int:pk>/kien-nghi/", views.cycle_list, name="cycle_list"),
    path("hdnd/<int:pk>/kien-nghi/dot/them/", views.cycle_add, name="cycle_add"),
    path("kien-nghi/dot/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("kien-nghi/dot/<int:pk>/tiep-xuc/them/", views.meeting_add, name="meeting_add"),
    path("kien-nghi/dot/<int:pk>/tong-hop/", views.synthesis, name="synthesis"),
    path("kien-nghi/tong-hop-nen/<int:pk>/", views.synthesis_run, name="synthesis_run"),
    path("kien-nghi/tiep-xuc/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("kien-nghi/tiep-xuc/<int:pk>/y-kien/", views.petition_add, name="petition_add"),
    path("kien-nghi/tiep-xuc/<int:pk>/dan-danh-sach/", views.petition_paste, name="petition_paste"),
    path("kien-nghi/y-kien/<int:pk>/chuyen/", views.petition_move, name="petition_move"),
    path("kien-nghi/y-kien/<int:pk>/tach/", views.petition_split, name="petition_split"),
    path("kien-nghi/y-kien/<int:pk>/trung/", views.petition_duplicate, name="petition_duplicate"),
    path("kien-nghi/tong-hop/<int:pk>/gop/", views.issue_merge, name="issue_merge"),
    path("kien-nghi/tong-hop/<int:pk>/xac-nhan/", views.issue_confirm, name="issue_confirm"),
    path("kien-nghi/tong-hop/<int:pk>/", views.issue_detail, name="issue_detail"),
    path("kien-nghi/tong-hop/<int:pk>/chuyen-co-quan/", views.issue_forward, name="issue_forward"),
    path("hdnd/<int:pk>/kien-nghi/qua-han/", views.overdue_board, name="overdue_board"),
    path("co-quan/<int:pk>/kien-nghi/", views.agency_inbox, name="agency_inbox"),
    path(
        "kien-nghi/chuyen/<int:pk>/so-cong-van/",
        views.forwarding_letter_number,
        name="forwarding_letter_number",
    ),
    path("kien-nghi/chuyen/<int:pk>/da-nhan/", views.forwarding_acknowledge, name="forwarding_acknowledge"),
    path("kien-nghi/chuyen/<int:pk>/tra-loi/", views.forwarding_answer, name="forwarding_answer"),
    path("kien-nghi/tra-loi/<int:pk>/danh-gia/", views.answer_rate, name="answer_rate"),
]
# Each feature module keeps its own URL list, in the same namespace.
for module in (urls_classify, urls_followup, urls_intake, urls_public, urls_reports, urls_search):
    urlpatterns += module.urlpatterns
