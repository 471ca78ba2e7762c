"""Staff accounts, the roles they hold in councils, and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from hdnd.core.text import nfc


class User(AbstractUser):
    """A person who signs in: council staff, delegates, agency responders, auditors."""

    full_name = models.CharField("họ và tên", max_length=120, blank=True)
    phone = models.CharField("điện thoại", max_length=40, blank=True)
    # Set when an administrator gives the user a temporary password; cleared when the user picks one.
    must_change_password = models.BooleanField("phải đổi mật khẩu", default=False)

    class Meta(AbstractUser.Meta):
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args: object, **kwargs: object) -> None:
        self.full_name = nfc(self.full_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_full_name(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", "Quản trị hệ thống"
    COUNCIL_ADMIN = "council_admin", "Quản trị HĐND"
    OFFICE_STAFF = "office_staff", "Chuyên viên Văn phòng"
    STANDING_MEMBER = "standing_member", "Thành viên Thường trực HĐND"
    COMMITTEE_MEMBER = "committee_member", "Thành viên Ban của HĐND"
    DELEGATE = "delegate", "Đại biểu HĐND"
    AGENCY_RESPONDER = "agency_responder", "Cán bộ cơ quan trả lời"
    AUDITOR = "auditor", "Kiểm tra, giám sát (chỉ xem)"


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def active(self, on: date | None = None) -> RoleAssignmentQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))


class RoleAssignment(models.Model):
    """A role a user holds in one council (system administrators hold theirs everywhere)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=20, choices=Role.choices)
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments"
    )
    agency = models.ForeignKey(
        "councils.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        help_text="Cơ quan mà cán bộ trả lời thay mặt",
    )
    person = models.ForeignKey(
        "councils.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="role_assignments",
        help_text="Hồ sơ đại biểu / cán bộ gắn với tài khoản",
    )
    granted_at = models.DateTimeField(default=timezone.now)
    ends_on = models.DateField(null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role="system_admin", council__isnull=True)
                | (~Q(role="system_admin") & Q(council__isnull=False)),
                name="role_council_required",
            ),
            models.CheckConstraint(
                condition=~Q(role="agency_responder") | Q(agency__isnull=False),
                name="role_agency_required",
            ),
            models.UniqueConstraint(fields=["user", "role", "council"], name="role_assignment_unique"),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(council__isnull=True),
                name="role_assignment_global_unique",
            ),
        ]
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"

    def __str__(self) -> str:
        where = f" – {self.council}" if self.council_id else ""
        return f"{self.user}: {self.get_role_display()}{where}"

    def clean(self) -> None:
        """An agency responder answers for an agency of the council; a linked person is of the council."""
        errors: dict[str, str] = {}
        if self.role == Role.AGENCY_RESPONDER and self.agency is None:
            errors["agency"] = "Cán bộ cơ quan trả lời phải gắn với một cơ quan của HĐND này."
        elif self.agency is not None and self.role != Role.AGENCY_RESPONDER:
            errors["agency"] = "Chỉ vai trò cán bộ cơ quan trả lời mới gắn với cơ quan."
        elif self.agency is not None and self.agency.council_id != self.council_id:
            errors["agency"] = "Cơ quan không thuộc HĐND này."
        if self.person is not None and self.person.council_id != self.council_id:
            errors["person"] = "Hồ sơ người không thuộc HĐND này."
        if errors:
            raise ValidationError(errors)

    def is_active(self, on: date | None = None) -> bool:
        """A role holds through its ``ends_on`` day; ending a role today sets it to yesterday."""
        on = on or timezone.localdate()
        return self.ends_on is None or self.ends_on >= on


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class ApiToken(models.Model):
    """A bearer token for the JSON API; only its hash is stored, the key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("tên gợi nhớ", max_length=80)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())

    @classmethod
    def issue(cls, user: User, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
        """Create a token and return it with its key, which is never stored in clear."""
        key = f"hdnd_{secrets.token_urlsafe(32)}"
        token = cls.objects.create(
            user=user, name=nfc(name), prefix=key[5:13], key_hash=_hash_key(key), expires_at=expires_at
        )
        return token, key

    @classmethod
    def authenticate(cls, key: str) -> User | None:
        token = cls.objects.usable().select_related("user").filter(key_hash=_hash_key(key)).first()
        if token is None or not token.user.is_active:
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user
