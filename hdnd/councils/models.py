"""Administrative units on the national list, their changes over time, and the councils on them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hdnd.core.querysets import FoldedNameMixin, SearchableQuerySet, valid_on_q
from hdnd.core.text import nfc

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hdnd.accounts.models import User

REFORM_DATE = date(2025, 7, 1)  # two-level local government (Law 72/2025)


class Level(models.TextChoices):
    PROVINCE = "province", "Cấp tỉnh"
    DISTRICT = "district", "Cấp huyện"
    COMMUNE = "commune", "Cấp xã"


class UnitKind(models.TextChoices):
    PROVINCE = "tinh", "Tỉnh"
    CENTRAL_CITY = "thanh_pho_tw", "Thành phố trực thuộc trung ương"
    RURAL_DISTRICT = "huyen", "Huyện"
    URBAN_DISTRICT = "quan", "Quận"
    TOWN = "thi_xa", "Thị xã"
    PROVINCIAL_CITY = "thanh_pho", "Thành phố thuộc tỉnh"
    COMMUNE = "xa", "Xã"
    WARD = "phuong", "Phường"
    TOWNLET = "thi_tran", "Thị trấn"
    SPECIAL_ZONE = "dac_khu", "Đặc khu"


def level_rank() -> models.Case:
    """Province before district before commune (the values themselves sort alphabetically)."""
    return models.Case(
        models.When(level=Level.PROVINCE, then=0),
        models.When(level=Level.DISTRICT, then=1),
        default=2,
        output_field=models.IntegerField(),
    )


class AdminUnitQuerySet(SearchableQuerySet["AdminUnit"]):
    def valid_on(self, on: date | None = None) -> AdminUnitQuerySet:
        """Units that existed on ``on`` (today by default)."""
        return self.filter(valid_on_q(on))


class AdminUnit(FoldedNameMixin, models.Model):
    """A province, district or commune as the national list names it, with its period of validity.

    Official codes are reused across the 2025 reform (old 'Xã Bồ Đề' and new 'Xã Bình Giang' are both
    13531), so a unit is identified by code *and* period, never by code alone.
    """

    code = models.CharField(max_length=10, db_index=True)
    name = models.CharField(max_length=120)
    name_key = models.CharField(max_length=120, db_index=True, editable=False)
    kind = models.CharField(max_length=16, choices=UnitKind.choices)
    level = models.CharField(max_length=10, choices=Level.choices, db_index=True)
    # PROTECT: a unit's history must outlive any attempt to delete its parent.
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    valid_from = models.DateField(null=True, blank=True, help_text="Trống: có từ trước khi hệ thống ghi nhận")
    valid_to = models.DateField(null=True, blank=True, help_text="Trống: còn hiệu lực")
    source = models.CharField(max_length=40, default="vietnam-provinces")

    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        ordering = ["level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["level", "code", "valid_from"], name="unit_code_period_unique"),
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=Q(valid_from__isnull=True),
                name="unit_code_open_start_unique",
            ),
        ]
        indexes = [models.Index(fields=["level", "valid_to", "valid_from"], name="unit_validity_idx")]
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("councils:unit_detail", args=[self.pk])

    def is_valid_on(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or self.valid_to >= on
        )

    @property
    def province(self) -> AdminUnit:
        unit = self
        while unit.parent_id is not None:
            unit = unit.parent  # type: ignore[assignment]
        return unit


class UnitChange(models.Model):
    """A change that carries one unit on into another: merged into, split into (part of), renamed."""

    class Kind(models.TextChoices):
        MERGED_INTO = "merged_into", "Sáp nhập vào"
        SPLIT_INTO = "split_into", "Chia tách, một phần vào"
        RENAMED = "renamed", "Đổi tên thành"

    from_unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="changes_out")
    to_unit = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="changes_in")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    effective_on = models.DateField()
    legal_basis = models.CharField(max_length=255, blank=True)
    source = models.CharField(max_length=40, default="manual")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["effective_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_unit", "to_unit", "effective_on"], name="unit_change_unique"
            ),
            models.CheckConstraint(condition=~Q(from_unit=models.F("to_unit")), name="unit_change_not_self"),
        ]
        verbose_name = "thay đổi đơn vị hành chính"
        verbose_name_plural = "thay đổi đơn vị hành chính"

    def __str__(self) -> str:
        return f"{self.from_unit} → {self.to_unit} ({self.effective_on:%d/%m/%Y})"


class CouncilScopedQuerySet[M: models.Model](SearchableQuerySet[M]):
    """Rows that belong to a council: ``visible_to(user)`` keeps those of the user's councils."""

    scope_field = "council_id"

    def visible_to(self, user: User | AnonymousUser) -> Self:
        from hdnd.accounts.scope import visible_council_ids

        ids = visible_council_ids(user)
        return self if ids is None else self.filter(**{f"{self.scope_field}__in": ids})


class CouncilQuerySet(CouncilScopedQuerySet["Council"]):
    scope_field = "pk"

    def tree_order(self) -> CouncilQuerySet:
        """Provinces first, then districts, then communes, each by name."""
        return self.order_by(level_rank(), "name_key", "pk")

    def active(self) -> CouncilQuerySet:
        return self.filter(dissolved_on__isnull=True)


class Council(FoldedNameMixin, models.Model):
    """The People's Council (HĐND) of one unit: the platform's tenant. Councils form a tree."""

    unit = models.OneToOneField(AdminUnit, on_delete=models.PROTECT, related_name="council")
    name = models.CharField(max_length=160)
    name_key = models.CharField(max_length=160, db_index=True, editable=False)
    level = models.CharField(max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    dissolved_on = models.DateField(
        null=True, blank=True, help_text="Ngày chấm dứt hoạt động (HĐND cấp huyện: 01/07/2025)"
    )
    address = models.CharField(max_length=255, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["level", "name"]
        verbose_name = "Hội đồng nhân dân"
        verbose_name_plural = "Hội đồng nhân dân"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("councils:council_detail", args=[self.pk])

    def current_term(self, on: date | None = None) -> Term | None:
        on = on or timezone.localdate()
        return (
            self.terms.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on)).first()
        )

    # How documents name the council (NĐ 30/2020 headers, sentences, the signature block).

    def unit_words(self) -> str:
        """The unit's name as written in a sentence: "tỉnh An Bình", "xã Đông Hòa"."""
        name = self.unit.name
        return name[:1].lower() + name[1:]

    def issuer_lines(self) -> list[str]:
        """The council as the issuing body of its documents: "HỘI ĐỒNG NHÂN DÂN" over "TỈNH AN BÌNH"."""
        return ["HỘI ĐỒNG NHÂN DÂN", self.unit_words().upper()]

    def standing_issuer_lines(self) -> tuple[list[str], list[str]]:
        """The standing committee under its council: ["HĐND TỈNH AN BÌNH"] over ["THƯỜNG TRỰC HĐND"]."""
        return [f"HĐND {self.unit_words().upper()}"], ["THƯỜNG TRỰC HĐND"]

    def chair_name(self, on: date | None = None) -> str:
        """The name of the council's chair (Chủ tịch HĐND, of the standing committee) on ``on``, or ''."""
        seat = (
            Membership.objects.current(on)
            .filter(council=self, body__kind=BodyKind.STANDING, role=MembershipRole.CHAIR)
            .select_related("person")
            .order_by("-starts_on", "-pk")
            .first()
        )
        return seat.person.full_name if seat else ""


class Term(models.Model):
    """A council's term of office (khóa, nhiệm kỳ), e.g. khóa XVI, 2021–2026."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="terms")
    number = models.PositiveSmallIntegerField(help_text="Số khóa (16 cho khóa XVI)")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    delegate_seats = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Số đại biểu được bầu")

    class Meta:
        ordering = ["council", "-starts_on"]
        constraints = [models.UniqueConstraint(fields=["council", "number"], name="term_number_unique")]
        verbose_name = "khóa, nhiệm kỳ"
        verbose_name_plural = "khóa, nhiệm kỳ"

    def __str__(self) -> str:
        years = f"{self.starts_on.year}–{self.ends_on.year}" if self.ends_on else f"{self.starts_on.year}–"
        return f"Khóa {self.roman}, nhiệm kỳ {years}"

    @property
    def roman(self) -> str:
        """ "XVII": as a sentence names the term ("khóa XVII"), never "khóa Khóa XVII, …"."""
        return to_roman(self.number)

    def clean(self) -> None:
        """Dates in order, one term per number, and no two terms of a council at the same time."""
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."})
        if not (self.council_id and self.number and self.starts_on):
            return
        others = Term.objects.filter(council_id=self.council_id).exclude(pk=self.pk)
        if others.filter(number=self.number).exists():
            raise ValidationError({"number": f"HĐND đã có khóa {to_roman(self.number)}."})
        overlapping = others.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=self.starts_on))
        if self.ends_on:
            overlapping = overlapping.filter(starts_on__lte=self.ends_on)
        if clash := overlapping.first():
            raise ValidationError({"starts_on": f"Thời gian trùng với {clash}."})


def to_roman(number: int) -> str:
    """Term numbers are written in Roman numerals: 16 → XVI."""
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


class BodyKind(models.TextChoices):
    STANDING = "standing", "Thường trực HĐND"
    LEGAL = "ban_phap_che", "Ban Pháp chế"
    ECONOMY_BUDGET = "ban_kinh_te_ngan_sach", "Ban Kinh tế – Ngân sách"
    CULTURE_SOCIETY = "ban_van_hoa_xa_hoi", "Ban Văn hóa – Xã hội"
    URBAN = "ban_do_thi", "Ban Đô thị"
    ETHNIC = "ban_dan_toc", "Ban Dân tộc"
    DELEGATE_GROUP = "to_dai_bieu", "Tổ đại biểu"
    OFFICE = "van_phong", "Văn phòng"


# Which committees (Ban) each level may have (LEGAL.md: Committees). Standing committee, delegate
# groups and the office exist at every level.
ALLOWED_BODY_KINDS: dict[str, frozenset[str]] = {
    Level.PROVINCE: frozenset(BodyKind.values),
    Level.DISTRICT: frozenset(
        {
            BodyKind.STANDING,
            BodyKind.LEGAL,
            BodyKind.ECONOMY_BUDGET,
            BodyKind.CULTURE_SOCIETY,
            BodyKind.ETHNIC,
            BodyKind.DELEGATE_GROUP,
            BodyKind.OFFICE,
        }
    ),
    Level.COMMUNE: frozenset(
        {
            BodyKind.STANDING,
            BodyKind.ECONOMY_BUDGET,
            BodyKind.CULTURE_SOCIETY,
            BodyKind.DELEGATE_GROUP,
            BodyKind.OFFICE,
        }
    ),
}


def body_kind_error(level: str, kind: str) -> str | None:
    """The message a user sees when a council of ``level`` may not have a body of ``kind``."""
    allowed = ALLOWED_BODY_KINDS.get(level, frozenset())
    if kind in allowed:
        return None
    committees = [label for value, label in BodyKind.choices if value in allowed and value.startswith("ban_")]
    return (
        f"HĐND {Level(level).label.lower()} không có {BodyKind(kind).label}; "
        f"các Ban được lập ở cấp này: {', '.join(committees)}."
    )


class BodyQuerySet(CouncilScopedQuerySet["Body"]):
    def active(self, on: date | None = None) -> BodyQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on))


class Body(FoldedNameMixin, models.Model):
    """A body of a council: its standing committee, a committee (Ban), a delegate group or its office."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="bodies")
    kind = models.CharField(max_length=32, choices=BodyKind.choices)
    name = models.CharField(max_length=160)
    dissolved_on = models.DateField(null=True, blank=True)

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["council", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="body_name_unique")]
        verbose_name = "cơ quan của HĐND"
        verbose_name_plural = "cơ quan của HĐND"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Only the committees the council's level allows (ALLOWED_BODY_KINDS); one name per council."""
        if not self.council_id:
            return
        if self.kind in BodyKind.values and (error := body_kind_error(self.council.level, self.kind)):
            raise ValidationError({"kind": error})
        self.name = nfc(self.name or "")
        if Body.objects.filter(council_id=self.council_id, name=self.name).exclude(pk=self.pk).exists():
            raise ValidationError({"name": f"HĐND đã có cơ quan tên “{self.name}”."})

    @property
    def is_dissolved(self) -> bool:
        return self.dissolved_on is not None and self.dissolved_on <= timezone.localdate()


class PersonQuerySet(CouncilScopedQuerySet["Person"]):
    def delegates(self, on: date | None = None) -> PersonQuerySet:
        """People holding a delegate's seat in their council on ``on`` (today): never the office's staff,
        officials or invited guests who are kept as people too."""
        seats = valid_on_q(on, "memberships__starts_on", "memberships__ends_on")
        return self.filter(seats, memberships__body__isnull=True, memberships__role="delegate").distinct()


class Person(FoldedNameMixin, models.Model):
    """A delegate, official or staff member, kept by the council that manages the record."""

    name_field = "full_name"

    class Gender(models.TextChoices):
        FEMALE = "F", "Nữ"
        MALE = "M", "Nam"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="people")
    full_name = models.CharField(max_length=120)
    name_key = models.CharField(max_length=120, db_index=True, editable=False)
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.CharField(max_length=255, blank=True, help_text="Chức vụ, nơi công tác")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["council", "name_key"]
        verbose_name = "người"
        verbose_name_plural = "người"

    def __str__(self) -> str:
        return self.full_name


class MembershipRole(models.TextChoices):
    DELEGATE = "delegate", "Đại biểu HĐND"
    CHAIR = "chair", "Chủ tịch"
    VICE_CHAIR = "vice_chair", "Phó Chủ tịch"
    HEAD = "head", "Trưởng ban"
    DEPUTY_HEAD = "deputy_head", "Phó Trưởng ban"
    MEMBER = "member", "Ủy viên / thành viên"
    GROUP_LEADER = "group_leader", "Tổ trưởng"
    GROUP_DEPUTY = "group_deputy", "Tổ phó"
    CHIEF_OF_OFFICE = "chief_of_office", "Chánh Văn phòng"
    STAFF = "staff", "Chuyên viên"


# Which roles a seat may carry, by the kind of body it is in (None: the delegate's seat in the council).
_COMMITTEE_ROLES = frozenset({MembershipRole.HEAD, MembershipRole.DEPUTY_HEAD, MembershipRole.MEMBER})
ALLOWED_ROLES: dict[str | None, frozenset[str]] = {
    None: frozenset({MembershipRole.DELEGATE}),
    BodyKind.STANDING: frozenset({MembershipRole.CHAIR, MembershipRole.VICE_CHAIR, MembershipRole.MEMBER}),
    BodyKind.LEGAL: _COMMITTEE_ROLES,
    BodyKind.ECONOMY_BUDGET: _COMMITTEE_ROLES,
    BodyKind.CULTURE_SOCIETY: _COMMITTEE_ROLES,
    BodyKind.URBAN: _COMMITTEE_ROLES,
    BodyKind.ETHNIC: _COMMITTEE_ROLES,
    BodyKind.DELEGATE_GROUP: frozenset(
        {MembershipRole.GROUP_LEADER, MembershipRole.GROUP_DEPUTY, MembershipRole.MEMBER}
    ),
    BodyKind.OFFICE: frozenset({MembershipRole.CHIEF_OF_OFFICE, MembershipRole.STAFF}),
}


class MembershipQuerySet(CouncilScopedQuerySet["Membership"]):
    def current(self, on: date | None = None) -> MembershipQuerySet:
        return self.filter(valid_on_q(on, "starts_on", "ends_on"))

    def delegates(self) -> MembershipQuerySet:
        return self.filter(body__isnull=True, role=MembershipRole.DELEGATE)


class Membership(models.Model):
    """A person's seat: as a delegate of the council (no body), or a role in one of its bodies."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="memberships")
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=MembershipRole.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    full_time = models.BooleanField(default=False, help_text="Hoạt động chuyên trách")
    constituency = models.CharField(max_length=160, blank=True, help_text="Đơn vị bầu cử")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["council", "body", "role", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="membership_dates_ordered",
            ),
        ]
        verbose_name = "chức danh, tư cách"
        verbose_name_plural = "chức danh, tư cách"

    def __str__(self) -> str:
        where = self.body.name if self.body_id else self.council.name  # type: ignore[union-attr]
        return f"{self.person} – {self.get_role_display()} – {where}"

    def clean(self) -> None:
        """Person, body and term of one council; a role the body has (ALLOWED_ROLES); dates in order."""
        errors: dict[str, str] = {}
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "Ngày kết thúc phải sau ngày bắt đầu."
        body = self.body if self.body_id else None
        related = {
            "person": self.person if self.person_id else None,
            "body": body,
            "term": self.term if self.term_id else None,
        }
        for field, obj in related.items():
            if obj is not None and obj.council_id != self.council_id:
                errors[field] = "Phải thuộc cùng HĐND."
        if body is not None and body.dissolved_on and self.starts_on and body.dissolved_on <= self.starts_on:
            errors["body"] = f"{body.name} đã giải thể từ ngày {body.dissolved_on:%d/%m/%Y}."
        allowed = ALLOWED_ROLES.get(body.kind if body else None, frozenset())
        if self.role and self.role not in allowed:
            labels = ", ".join(label for value, label in MembershipRole.choices if value in allowed)
            where = body.name if body else "Tư cách đại biểu (không thuộc cơ quan nào)"
            errors["role"] = f"{where} chỉ có các chức danh: {labels}."
        if errors:
            raise ValidationError(errors)
        if self.pk is not None or self.ends_on is not None or not self.person_id:
            return
        holding = Membership.objects.current().filter(person_id=self.person_id, body=body, role=self.role)
        if holding.exists():
            raise ValidationError({"role": f"{self.person} đang giữ chức danh này."})

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "ubnd", "Ủy ban nhân dân"
    DEPARTMENT = "so_nganh", "Sở, ngành, cơ quan chuyên môn"
    COURT = "toa_an", "Tòa án nhân dân"
    PROCURACY = "vien_kiem_sat", "Viện kiểm sát nhân dân"
    FRONT = "mat_tran", "Ủy ban Mặt trận Tổ quốc Việt Nam"
    CENTRAL = "trung_uong", "Bộ, ngành trung ương"
    ENTERPRISE = "doanh_nghiep", "Doanh nghiệp, đơn vị sự nghiệp"
    OTHER = "khac", "Cơ quan, tổ chức khác"


class AgencyQuerySet(CouncilScopedQuerySet["Agency"]):
    pass


class Agency(FoldedNameMixin, models.Model):
    """A body that receives forwarded work: People's Committee, departments, court, procuracy, Front."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    short_name = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=16, choices=AgencyKind.choices)
    # PROTECT: escalation follows this link; removing a superior must be a deliberate re-link.
    superior = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subordinates",
        help_text="Cơ quan cấp trên, nhận báo cáo khi quá hạn",
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.CharField(max_length=255, blank=True)
    is_active = models.BooleanField(default=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["council", "kind", "name_key"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="agency_name_unique")]
        verbose_name = "cơ quan, tổ chức"
        verbose_name_plural = "cơ quan, tổ chức"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """One name per council; the superior sits in this council or one above it, without loops."""
        if not self.council_id:
            return
        self.name = nfc(self.name or "")
        if Agency.objects.filter(council_id=self.council_id, name=self.name).exclude(pk=self.pk).exists():
            raise ValidationError({"name": f"HĐND đã có cơ quan, tổ chức tên “{self.name}”."})
        if self.superior_id is not None:
            self._check_superior()

    def _check_superior(self) -> None:
        council = self.council
        above = {council.pk, council.parent_id, council.parent.parent_id if council.parent else None}
        if self.superior.council_id not in above:  # type: ignore[union-attr]
            raise ValidationError({"superior": "Cơ quan cấp trên phải thuộc HĐND này hoặc HĐND cấp trên."})
        seen: set[int] = set()
        current = self.superior
        while current is not None and current.pk not in seen:
            if current.pk == self.pk:
                message = "Cơ quan cấp trên không được là chính cơ quan này hoặc một cơ quan cấp dưới của nó."
                raise ValidationError({"superior": message})
            seen.add(current.pk)
            current = current.superior
