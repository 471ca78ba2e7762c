"""Input of the reception pages, with the messages users see in Vietnamese. Forms check and clean; the
actions decide. No form has a field for a denouncer's identity unless the sealed store is on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone

from hdnd.accounts.models import Role
from hdnd.core.forms import DATE_ERROR, DATE_HELP, StyledForm
from hdnd.core.uploads import KINDS_TEXT
from hdnd.councils.models import AdminUnit, Agency, Body, BodyKind, Council, Person

from . import sealing
from .models import GROUP_MIN, TEXT_MAX, Host, Letter, LetterKind, Reception, ReceptionSlot

DATE = {"invalid": DATE_ERROR, "required": "Nhập ngày."}
TIME = {"invalid": "Nhập giờ theo dạng giờ:phút, ví dụ 08:00.", "required": "Nhập giờ."}
CHOICE = {"invalid_choice": "Chọn một giá trị trong danh sách.", "required": "Chọn một giá trị."}
TEXT = {"max_length": f"Nội dung dài quá {TEXT_MAX:,} ký tự.".replace(",", ".")}


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def localities(council: Council) -> Any:
    """The council's own unit and the units directly under it, today."""
    return (
        AdminUnit.objects.valid_on()
        .filter(Q(pk=council.unit_id) | Q(parent_id=council.unit_id))
        .order_by("level", "name_key")
    )


class SlotForm(StyledForm):
    kind = forms.ChoiceField(label="Hình thức", choices=ReceptionSlot.Kind.choices, error_messages=CHOICE)
    host = forms.ChoiceField(label="Người tiếp", choices=Host.choices, error_messages=CHOICE)
    body = forms.ModelChoiceField(
        label="Tổ đại biểu / Thường trực", queryset=Body.objects.none(), required=False, error_messages=CHOICE
    )
    hosts = forms.ModelMultipleChoiceField(
        label="Người trực tiếp công dân",
        queryset=Person.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Chọn người trong danh sách."},
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    day = forms.DateField(label="Ngày", help_text=DATE_HELP, error_messages=DATE)
    starts = forms.TimeField(label="Từ giờ", initial=dt.time(8, 0), error_messages=TIME)
    ends = forms.TimeField(label="Đến giờ", initial=dt.time(11, 30), error_messages=TIME)
    place = forms.CharField(label="Địa điểm", max_length=255)
    notes = forms.CharField(label="Ghi chú", required=False, widget=_textarea(2), max_length=2000)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body_field: Any = self.fields["body"]
        body_field.queryset = Body.objects.filter(
            council=council, kind__in=(BodyKind.STANDING, BodyKind.DELEGATE_GROUP)
        ).active()
        hosts_field: Any = self.fields["hosts"]
        hosts_field.queryset = Person.objects.filter(council=council)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            zone = timezone.get_current_timezone()
            data["starts_at"] = dt.datetime.combine(day, starts, zone)
            data["ends_at"] = dt.datetime.combine(day, ends, zone)
            if ends <= starts:
                self.add_error("ends", "Giờ kết thúc phải sau giờ bắt đầu.")
        return data

    def action_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        keep = ("kind", "host", "body", "hosts", "starts_at", "ends_at", "place", "notes")
        return {key: data[key] for key in keep}


class ReasonForm(StyledForm):
    reason = forms.CharField(label="Lý do", max_length=2000, widget=_textarea(2))


class SlotReportForm(StyledForm):
    reported_on = forms.DateField(label="Ngày báo cáo", help_text=DATE_HELP, error_messages=DATE)
    report = forms.CharField(
        label="Kết quả tiếp công dân báo cáo Thường trực HĐND", max_length=TEXT_MAX, widget=_textarea(4)
    )


class ReceptionForm(StyledForm):
    received_on = forms.DateField(label="Ngày tiếp", help_text=DATE_HELP, error_messages=DATE)
    slot = forms.ModelChoiceField(
        label="Theo lịch tiếp", queryset=ReceptionSlot.objects.none(), required=False, error_messages=CHOICE
    )
    host = forms.ChoiceField(label="Người tiếp", choices=Host.choices, error_messages=CHOICE)
    received_by = forms.ModelMultipleChoiceField(
        label="Người trực tiếp tiếp",
        queryset=Person.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Chọn người trong danh sách."},
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    visitors = forms.ChoiceField(label="Người đến", choices=Reception.Visitors.choices, error_messages=CHOICE)
    group_size = forms.IntegerField(
        label="Số người",
        min_value=1,
        initial=1,
        help_text=f"Đoàn đông người: từ {GROUP_MIN} người trở lên.",
        error_messages={"min_value": "Số người ít nhất là 1.", "invalid": "Nhập một số nguyên."},
    )
    kind = forms.ChoiceField(label="Loại nội dung", choices=LetterKind.choices, error_messages=CHOICE)
    visitor = forms.CharField(
        label="Họ tên, địa chỉ người đến (người đại diện)",
        max_length=255,
        required=False,
        help_text="Để trống khi công dân tố cáo: danh tính người tố cáo chỉ ghi vào sổ giấy.",
    )
    locality = forms.ModelChoiceField(
        label="Nơi xảy ra vụ việc", queryset=AdminUnit.objects.none(), required=False, error_messages=CHOICE
    )
    content = forms.CharField(
        label="Nội dung trình bày", max_length=TEXT_MAX, widget=_textarea(5), error_messages=TEXT
    )
    documents = forms.CharField(
        label="Giấy tờ, tài liệu nhận", required=False, widget=_textarea(2), max_length=2000
    )
    outcome = forms.ChoiceField(label="Kết quả", choices=Reception.Outcome.choices, error_messages=CHOICE)
    outcome_note = forms.CharField(
        label="Ghi chú kết quả", required=False, widget=_textarea(2), max_length=2000
    )
    subject = forms.CharField(
        label="Trích yếu đơn (khi nhận đơn)",
        max_length=255,
        required=False,
        help_text="Khi chọn “Tiếp nhận đơn”, đơn được vào sổ đơn thư với trích yếu này.",
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        slot_field: Any = self.fields["slot"]
        slot_field.queryset = ReceptionSlot.objects.filter(council=council).order_by("-starts_at")
        people: Any = self.fields["received_by"]
        people.queryset = Person.objects.filter(council=council)
        places: Any = self.fields["locality"]
        places.queryset = localities(council)
        self.initial.setdefault("received_on", timezone.localdate())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == Reception.Outcome.LETTER and not (data.get("subject") or "").strip():
            self.add_error("subject", "Nhập trích yếu của đơn nhận tại buổi tiếp.")
        return data


class LetterForm(StyledForm):
    channel = forms.ChoiceField(label="Nguồn đơn", choices=Letter.Channel.choices, error_messages=CHOICE)
    received_on = forms.DateField(label="Ngày nhận", help_text=DATE_HELP, error_messages=DATE)
    kind = forms.ChoiceField(label="Loại đơn", choices=LetterKind.choices, error_messages=CHOICE)
    subject = forms.CharField(
        label="Trích yếu", max_length=255, help_text="Không ghi danh tính người tố cáo."
    )
    content = forms.CharField(
        label="Nội dung",
        max_length=TEXT_MAX,
        widget=_textarea(6),
        error_messages=TEXT,
        help_text="Đơn tố cáo: nhập nội dung đã lược bỏ họ tên, địa chỉ, chữ viết và mọi thông tin "
        "có thể làm lộ người tố cáo.",
    )
    sender = forms.CharField(
        label="Họ tên, địa chỉ người gửi",
        max_length=255,
        required=False,
        help_text="Không nhập đối với đơn tố cáo.",
    )
    senders = forms.IntegerField(
        label="Số người ký đơn",
        min_value=1,
        initial=1,
        error_messages={"min_value": "Số người ký đơn ít nhất là 1.", "invalid": "Nhập một số nguyên."},
    )
    locality = forms.ModelChoiceField(
        label="Nơi xảy ra vụ việc", queryset=AdminUnit.objects.none(), required=False, error_messages=CHOICE
    )
    from_body = forms.CharField(label="Cơ quan chuyển đơn đến", max_length=255, required=False)
    reference = forms.CharField(label="Số, ký hiệu văn bản chuyển đơn", max_length=64, required=False)
    attachment = forms.FileField(
        label="Bản scan đơn, tài liệu kèm theo",
        required=False,
        help_text=f"{KINDS_TEXT}, tối đa 20 MB. Đơn tố cáo: chỉ lưu khi bật kho niêm phong (mã hóa).",
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        places: Any = self.fields["locality"]
        places.queryset = localities(council)
        self.initial.setdefault("received_on", timezone.localdate())
        if sealing.enabled():
            self.fields.update(SealedIdentityForm().fields)


class SealedIdentityForm(StyledForm):
    """The denouncer's identity, only when the sealed store is on; sealed, never stored in a table."""

    identity_name = forms.CharField(label="Họ tên người tố cáo (niêm phong)", max_length=255, required=False)
    identity_address = forms.CharField(
        label="Địa chỉ người tố cáo (niêm phong)", max_length=255, required=False
    )
    identity_contact = forms.CharField(label="Cách liên hệ (niêm phong)", max_length=255, required=False)


EARLIER_OFFERED = 100  # the newest letters the "same as an earlier letter" select offers


class ClassifyForm(StyledForm):
    kind = forms.ChoiceField(label="Loại đơn", choices=LetterKind.choices, error_messages=CHOICE)
    eligible = forms.TypedChoiceField(
        label="Điều kiện xử lý",
        choices=(("1", "Đủ điều kiện xử lý"), ("0", "Không đủ điều kiện xử lý")),
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages=CHOICE,
    )
    reason = forms.CharField(
        label="Lý do không đủ điều kiện", required=False, max_length=2000, widget=_textarea(2)
    )
    earlier = forms.ModelChoiceField(
        label="Trùng với đơn trước",
        queryset=Letter.objects.none(),
        required=False,
        error_messages=CHOICE,
        help_text=f"{EARLIER_OFFERED} đơn nhận gần nhất và các đơn có nội dung tương tự.",
    )
    content = forms.CharField(
        label="Nội dung đã lược bỏ danh tính (nếu cần thay)",
        required=False,
        max_length=TEXT_MAX,
        widget=_textarea(3),
        error_messages=TEXT,
    )

    def __init__(
        self, *args: Any, letter: Letter, similar: list[Letter] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        earlier: Any = self.fields["earlier"]
        others = Letter.objects.filter(council=letter.council).exclude(pk=letter.pk)
        # A select, not the council's whole archive (thousands of letters a year in a province): the
        # newest letters, the similar ones the matching found, and the one sent back, whatever its age.
        newest = others.order_by("-received_on", "-pk").values("pk")[:EARLIER_OFFERED]
        offered = Q(pk__in=newest) | Q(pk__in=[other.pk for other in similar or ()])
        chosen = self.data.get(self.add_prefix("earlier")) if self.is_bound else None
        if isinstance(chosen, str) and chosen.isdigit():
            offered |= Q(pk=int(chosen))
        earlier.queryset = others.filter(offered).order_by("-received_on", "-pk")
        earlier.label_from_instance = lambda other: (
            f"{other.code} · {other.received_on:%d/%m/%Y} · {other.subject[:60]}"
        )
        self.initial.setdefault("kind", letter.kind)
        if similar:
            self.initial.setdefault("earlier", similar[0].pk)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("eligible") is False and not (data.get("reason") or "").strip():
            self.add_error("reason", "Nêu lý do đơn không đủ điều kiện xử lý.")
        return data


class ForwardForm(StyledForm):
    agency = forms.ModelChoiceField(
        label="Cơ quan có thẩm quyền", queryset=Agency.objects.none(), error_messages=CHOICE
    )
    forwarded_on = forms.DateField(label="Ngày chuyển", help_text=DATE_HELP, error_messages=DATE)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency: Any = self.fields["agency"]
        ids = [council.pk, *([council.parent_id] if council.parent_id else [])]
        agency.queryset = Agency.objects.filter(council_id__in=ids, is_active=True)
        self.initial.setdefault("forwarded_on", timezone.localdate())


class AnswerForm(StyledForm):
    answered_on = forms.DateField(
        label="Ngày cơ quan thông báo kết quả", help_text=DATE_HELP, error_messages=DATE
    )
    summary = forms.CharField(label="Tóm tắt kết quả giải quyết", max_length=TEXT_MAX, widget=_textarea(3))


class GuideForm(StyledForm):
    guided_on = forms.DateField(
        label="Ngày ban hành văn bản hướng dẫn", help_text=DATE_HELP, error_messages=DATE
    )
    guidance = forms.CharField(
        label="Nội dung hướng dẫn",
        max_length=TEXT_MAX,
        widget=_textarea(4),
        help_text=(
            "Ví dụ: đơn thuộc thẩm quyền giải quyết của Chủ tịch UBND xã; đề nghị công dân gửi đơn đến …"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("guided_on", timezone.localdate())


class HandlersForm(StyledForm):
    handlers: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label="Cán bộ được giao (chỉ họ mở được danh tính niêm phong)",
        queryset=None,
        required=False,
        error_messages={"invalid_choice": "Chọn người trong danh sách."},
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        from hdnd.accounts.models import User

        super().__init__(*args, **kwargs)
        field: Any = self.fields["handlers"]
        field.queryset = User.objects.filter(
            role_assignments__council=council,
            role_assignments__role__in=(Role.COUNCIL_ADMIN, Role.OFFICE_STAFF),
            is_active=True,
        ).distinct()
        field.label_from_instance = lambda user: user.get_full_name() or user.get_username()


class CycleForm(StyledForm):
    cycle: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Đợt tiếp xúc cử tri", queryset=None, error_messages=CHOICE
    )
    text = forms.CharField(label="Nội dung kiến nghị", max_length=5000, widget=_textarea(3), required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        from hdnd.petitions.models import Cycle

        super().__init__(*args, **kwargs)
        field: Any = self.fields["cycle"]
        field.queryset = Cycle.objects.filter(council=council)


class LetterFilterForm(forms.Form):
    q = forms.CharField(label="Tìm", required=False, max_length=200)
    status = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *Letter.Status.choices]
    )
    kind = forms.ChoiceField(label="Loại đơn", required=False, choices=[("", "Tất cả"), *LetterKind.choices])
    overdue = forms.BooleanField(label="Quá hạn", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = (
                "form-check-input" if isinstance(field, forms.BooleanField) else "form-select form-select-sm"
            )
            if isinstance(field, forms.CharField):
                css = "form-control form-control-sm"
            field.widget.attrs["class"] = css


class AttachmentForm(StyledForm):
    """A document received with a letter; a denunciation's gets a fixed title and is sealed."""

    title = forms.CharField(
        label="Tên tài liệu", max_length=255, required=False, help_text="Trống: “Bản scan đơn”."
    )
    file = forms.FileField(label="Tệp", help_text=f"{KINDS_TEXT}, tối đa 20 MB.")
