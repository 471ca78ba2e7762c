from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hdnd.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_login_failed

        from hdnd.core.audit import ACTION_LABELS

        from . import sign_ins

        ACTION_LABELS.update(
            {
                "user.create": "Tạo tài khoản",
                "role.grant": "Giao vai trò",
                "role.end": "Kết thúc vai trò",
                "password.change": "Đổi mật khẩu",
                "password.set_by_admin": "Quản trị đặt mật khẩu tạm",
                "user.unlock": "Mở khóa tài khoản",
                "otp.enable": "Bật xác thực hai bước",
                "otp.disable": "Tắt xác thực hai bước",
                "token.issue": "Cấp mã truy cập API",
                "token.revoke": "Thu hồi mã truy cập API",
                "auth.sign_in": "Đăng nhập",
                "auth.sign_in_failed": "Đăng nhập không thành công",
                "auth.locked_out": "Tạm khóa đăng nhập do sai nhiều lần",
            }
        )
        # Failures and lockouts happen inside authenticate() and django-axes: their signals are the door.
        user_login_failed.connect(sign_ins.on_login_failed, dispatch_uid="hdnd.accounts.sign_in_failed")
        user_locked_out.connect(sign_ins.on_locked_out, dispatch_uid="hdnd.accounts.locked_out")
