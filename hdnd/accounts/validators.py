"""Password rules beyond Django's: letters and digits both, so 'matkhau2026' alone is not enough."""

from typing import Any

from django.core.exceptions import ValidationError


class CharacterClassValidator:
    """Require a lower-case letter, an upper-case letter and a digit."""

    def validate(self, password: str, user: Any = None) -> None:
        missing = []
        if not any(c.islower() for c in password):
            missing.append("chữ thường")
        if not any(c.isupper() for c in password):
            missing.append("chữ hoa")
        if not any(c.isdigit() for c in password):
            missing.append("chữ số")
        if missing:
            raise ValidationError(
                "Mật khẩu phải có ít nhất một " + ", một ".join(missing) + ".", code="password_classes"
            )

    def get_help_text(self) -> str:
        return "Mật khẩu phải có chữ thường, chữ hoa và chữ số."
