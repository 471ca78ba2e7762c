"""URLs of hdnd.petitions.views_followup, included by urls.py in the petitions namespace."""

from django.urls import path

from . import views_followup as views

urlpatterns = [
    path("kien-nghi/tong-hop/<int:pk>/theo-doi/", views.flag, name="followup_flag"),
    path("kien-nghi/tong-hop/<int:pk>/dot-truoc/", views.earlier, name="followup_earlier"),
    path("kien-nghi/tong-hop/<int:pk>/gan-dot-truoc/", views.link_earlier, name="followup_link_earlier"),
    path("kien-nghi/chuyen/<int:pk>/chuyen-lai/", views.reforward, name="followup_reforward"),
    path("kien-nghi/dot/<int:pk>/chuyen-dot-sau/", views.carry_over, name="followup_carry_over"),
    path("hdnd/<int:pk>/kien-nghi/theo-doi/", views.board, name="followup_board"),
    path("kien-nghi/cua-toi/", views.mine, name="followup_mine"),
    path("kien-nghi/tra-loi/<int:pk>/van-ban/", views.answer_document, name="followup_answer_document"),
]
