from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hdnd.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        from hdnd.core.audit import ACTION_LABELS

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
            }
        )
