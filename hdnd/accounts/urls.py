from django.contrib.auth import views as auth_views
from django.urls import path

from . import views, views_admin

app_name = "accounts"
urlpatterns = [
    # Signing in and out (views).
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-nhap/ma-xac-thuc/", views.login_code, name="login_code"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    # The user's own account (views).
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("xac-thuc-hai-buoc/", views.otp_setup, name="otp_setup"),
    path("xac-thuc-hai-buoc/bat-dau/", views.otp_start, name="otp_start"),
    path("xac-thuc-hai-buoc/xac-nhan/", views.otp_confirm, name="otp_confirm"),
    path("xac-thuc-hai-buoc/tat/", views.otp_disable, name="otp_disable"),
    path("ma-api/", views.token_list, name="token_list"),
    path("ma-api/tao/", views.token_create, name="token_create"),
    path("ma-api/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
    # Users and roles of a council (views_admin).
    path("quan-ly/", views_admin.manage_home, name="manage_home"),
    path("hdnd/<int:council_id>/nguoi-dung/", views_admin.user_list, name="user_list"),
    path("hdnd/<int:council_id>/nguoi-dung/them/", views_admin.user_create, name="user_create"),
    path("hdnd/<int:council_id>/nguoi-dung/<int:user_id>/", views_admin.user_detail, name="user_detail"),
    path(
        "hdnd/<int:council_id>/nguoi-dung/<int:user_id>/mat-khau/",
        views_admin.user_set_password,
        name="user_set_password",
    ),
    path(
        "hdnd/<int:council_id>/nguoi-dung/<int:user_id>/mo-khoa/", views_admin.user_unlock, name="user_unlock"
    ),
    path(
        "hdnd/<int:council_id>/nguoi-dung/<int:user_id>/tat-xac-thuc/",
        views_admin.user_otp_reset,
        name="user_otp_reset",
    ),
    path("hdnd/<int:council_id>/vai-tro/cap/", views_admin.role_grant, name="role_grant"),
    path("hdnd/<int:council_id>/vai-tro/<int:pk>/ket-thuc/", views_admin.role_end, name="role_end"),
]
