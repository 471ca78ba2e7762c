"""Pages of oversight: council pages under hdnd/<pk>/giam-sat/, each object's page under giam-sat/."""

from django.urls import URLPattern, path

from .views import chain, documents, followup, home, questioning, supervisions

app_name = "oversight"
C = "hdnd/<int:pk>/giam-sat/"

urlpatterns: list[URLPattern] = [
    path(C, home.oversight_home, name="home"),
    path(f"{C}goi-y/", home.suggestion_list, name="suggestions"),
    path(f"{C}chuong-trinh/them/", home.programme_add, name="programme_add"),
    path("giam-sat/chuong-trinh/<int:pk>/", home.programme_detail, name="programme_detail"),
    path("giam-sat/chuong-trinh/<int:pk>/<slug:step>/", home.programme_step, name="programme_step"),
    path(f"{C}cuoc/", supervisions.supervision_list, name="supervision_list"),
    path(f"{C}cuoc/them/", supervisions.supervision_add, name="supervision_add"),
    path("giam-sat/cuoc/<int:pk>/", supervisions.supervision_detail, name="supervision_detail"),
    path("giam-sat/cuoc/<int:pk>/buoc/<slug:step>/", supervisions.supervision_step, name="supervision_step"),
    path(
        "giam-sat/cuoc/<int:pk>/van-ban/<slug:which>.<str:extension>",
        documents.supervision_document,
        name="supervision_document",
    ),
    path(f"{C}kien-nghi/", followup.recommendation_list, name="recommendation_list"),
    path("giam-sat/kien-nghi/<int:pk>/", followup.recommendation_detail, name="recommendation_detail"),
    path(
        "giam-sat/kien-nghi/<int:pk>/buoc/<slug:step>/",
        followup.recommendation_step,
        name="recommendation_step",
    ),
    path(
        "giam-sat/kien-nghi/<int:pk>/tai-giam-sat/",
        followup.recommendation_resupervise,
        name="recommendation_resupervise",
    ),
    path(
        "giam-sat/kien-nghi/<int:pk>/chat-van-lai/",
        followup.recommendation_requestion,
        name="recommendation_requestion",
    ),
    path(
        "giam-sat/kien-nghi/<int:pk>/don-doc.<str:extension>",
        documents.recommendation_letter,
        name="recommendation_letter",
    ),
    path("giam-sat/minh-chung/<int:pk>/", followup.evidence_file, name="evidence_file"),
    path("giam-sat/tu-bao-cao/<int:pk>/", followup.self_report_file, name="self_report_file"),
    path(f"{C}cam-ket/", followup.commitment_list, name="commitment_list"),
    path("giam-sat/cam-ket/<int:pk>/", followup.commitment_detail, name="commitment_detail"),
    path("giam-sat/cam-ket/<int:pk>/buoc/<slug:step>/", followup.commitment_step, name="commitment_step"),
    path(f"{C}chat-van/", questioning.topic_list, name="topic_list"),
    path(f"{C}chat-van/them/", questioning.topic_add, name="topic_add"),
    path("giam-sat/chat-van/<int:pk>/", questioning.topic_detail, name="topic_detail"),
    path("giam-sat/chat-van/<int:pk>/buoc/<slug:step>/", questioning.topic_step, name="topic_step"),
    path(
        "giam-sat/chat-van/<int:pk>/nghi-quyet.<str:extension>",
        documents.topic_resolution,
        name="topic_resolution",
    ),
    path(f"{C}phieu-chat-van/", questioning.slip_list, name="slip_list"),
    path(f"{C}phieu-chat-van/them/", questioning.slip_add, name="slip_add"),
    path("giam-sat/phieu-chat-van/<int:pk>/", questioning.slip_detail, name="slip_detail"),
    path("giam-sat/phieu-chat-van/<int:pk>/buoc/<slug:step>/", questioning.slip_step, name="slip_step"),
    path(f"{C}giai-trinh/", questioning.explanation_list, name="explanation_list"),
    path(f"{C}giai-trinh/them/", questioning.explanation_add, name="explanation_add"),
    path("giam-sat/giai-trinh/<int:pk>/", questioning.explanation_detail, name="explanation_detail"),
    path(
        "giam-sat/giai-trinh/<int:pk>/buoc/<slug:step>/",
        questioning.explanation_step,
        name="explanation_step",
    ),
    path(
        "giam-sat/giai-trinh/<int:pk>/thong-bao.<str:extension>",
        documents.explanation_document,
        name="explanation_document",
    ),
    path("giam-sat/chuoi/<slug:kind>/<int:pk>/", chain.chain_view, name="chain"),
]
