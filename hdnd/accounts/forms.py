"""Forms for signing in, passwords, the second factor, API tokens and user management (Vietnamese messages).

Password fields reuse Django's forms, so the validators in ``AUTH_PASSWORD_VALIDATORS`` apply and their
help texts are shown. Role rules (an agency for agency responders, people of the same council) live in
``RoleAssignment.clean`` and reach the form through the action's ``ValidationError``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import timezone

from hdnd.core.forms import StyledForm as CoreStyledForm
from hdnd.councils.models import Agency, Council, Person

from .models import Role, User
from .scope import grantable_roles


class StyledForm(CoreStyledForm):
    """The house look, rendered through one template (``{{ form }}``)."""

    template_name = "accounts/_form.html"


class LoginForm(auth_forms.AuthenticationForm, StyledForm):
    error_messages = {
        "invalid_login": (
            "Tên đăng nhập hoặc mật khẩu không đúng. Mật khẩu phân biệt chữ hoa, chữ thường; "
            "nhập sai nhiều lần liên tiếp, tài khoản sẽ bị tạm khóa."
        ),
        "inactive": "Tài khoản này đã ngừng hoạt động.",
    }


class CodeForm(StyledForm):
    code = forms.RegexField(
        label="Mã xác thực",
        regex=r"^\d{6}$",
        max_length=6,
        help_text="Sáu chữ số đang hiện trong ứng dụng xác thực trên điện thoại.",
        error_messages={"invalid": "Mã xác thực gồm 6 chữ số.", "required": "Vui lòng nhập mã xác thực."},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )


class PasswordChangeForm(auth_forms.PasswordChangeForm, StyledForm):
    pass


class SetPasswordForm(auth_forms.SetPasswordForm, StyledForm):
    """An administrator's temporary password for a user (checked against that user's details)."""

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = "Mật khẩu tạm thời"


EXPIRY_CHOICES = [("30", "30 ngày"), ("90", "90 ngày"), ("365", "1 năm"), ("", "Không hết hạn")]


class ApiTokenForm(StyledForm):
    name = forms.CharField(
        label="Tên gợi nhớ",
        max_length=80,
        help_text="Ví dụ: “Phần mềm một cửa của UBND tỉnh”.",
        error_messages={"required": "Vui lòng đặt tên gợi nhớ cho mã truy cập."},
    )
    expires_in = forms.ChoiceField(label="Thời hạn", choices=EXPIRY_CHOICES, initial="90", required=False)

    def expires_at(self) -> datetime | None:
        days = self.cleaned_data.get("expires_in")
        return timezone.now() + timedelta(days=int(days)) if days else None


class RoleFieldsMixin(forms.Form):
    """The role, and the agency or person it is tied to, offered within one council."""

    role = forms.ChoiceField(label="Vai trò", error_messages={"required": "Vui lòng chọn vai trò."})
    agency = forms.ModelChoiceField(
        label="Cơ quan",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="— Không gắn cơ quan —",
        help_text="Bắt buộc với cán bộ cơ quan trả lời.",
        error_messages={"invalid_choice": "Cơ quan không thuộc HĐND này."},
    )
    person = forms.ModelChoiceField(
        label="Hồ sơ người",
        queryset=Person.objects.none(),
        required=False,
        empty_label="— Không gắn hồ sơ —",
        help_text="Với đại biểu: hồ sơ đại biểu của HĐND này gắn với tài khoản.",
        error_messages={"invalid_choice": "Hồ sơ người không thuộc HĐND này."},
    )

    def setup_role_fields(self, council: Council, actor: Any) -> None:
        """Offer the roles the actor may grant here (``scope.GRANTABLE_OWN``, ``GRANTABLE_BELOW``)."""
        grantable = grantable_roles(actor, council)
        roles = [(value, label) for value, label in Role.choices if value in grantable]
        if Role.SYSTEM_ADMIN in grantable:
            roles.remove((Role.SYSTEM_ADMIN.value, Role.SYSTEM_ADMIN.label))
            roles.append((Role.SYSTEM_ADMIN.value, f"{Role.SYSTEM_ADMIN.label} (mọi HĐND)"))
        cast(forms.ChoiceField, self.fields["role"]).choices = [("", "— Chọn vai trò —"), *roles]
        agencies = Agency.objects.filter(council=council, is_active=True)
        cast(forms.ModelChoiceField, self.fields["agency"]).queryset = agencies
        cast(forms.ModelChoiceField, self.fields["person"]).queryset = Person.objects.filter(council=council)


class UserCreateForm(auth_forms.UserCreationForm, RoleFieldsMixin, StyledForm):
    """A new account: who it is, a temporary password, and the first role in this council."""

    class Meta(auth_forms.UserCreationForm.Meta):
        model = User
        fields = ("username", "full_name", "email", "phone")

    field_order = [
        "username",
        "full_name",
        "email",
        "phone",
        "password1",
        "password2",
        "role",
        "agency",
        "person",
    ]

    def __init__(self, *args: Any, council: Council, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_role_fields(council, actor)
        self.fields["full_name"].required = True
        self.fields["full_name"].error_messages["required"] = "Vui lòng nhập họ và tên."
        self.fields["password1"].label = "Mật khẩu tạm thời"
        self.fields["password1"].help_text = "Người dùng phải đổi mật khẩu này khi đăng nhập lần đầu. " + str(
            self.fields["password1"].help_text
        )


class GrantRoleForm(RoleFieldsMixin, StyledForm):
    username = forms.CharField(
        label="Tên đăng nhập",
        max_length=150,
        help_text="Tài khoản đã có trên hệ thống (kể cả tài khoản làm việc ở HĐND khác).",
        error_messages={"required": "Vui lòng nhập tên đăng nhập."},
    )
    field_order = ["username", "role", "agency", "person"]

    def __init__(self, *args: Any, council: Council, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_role_fields(council, actor)

    def clean_username(self) -> User:
        user = User.objects.filter(username=self.cleaned_data["username"].strip(), is_active=True).first()
        if user is None:
            raise forms.ValidationError("Không có tài khoản đang hoạt động với tên đăng nhập này.")
        return user
