"""Input for the session pages; the actions check the rules, the forms only clean the input."""

from __future__ import annotations

from typing import Any

from django import forms

from hdnd.core.forms import StyledForm
from hdnd.councils.models import Council, Term

from .models import Session


class SessionForm(StyledForm):
    term = forms.ModelChoiceField(queryset=Term.objects.none(), label="Khóa")
    number = forms.IntegerField(
        label="Kỳ họp thứ", min_value=1, max_value=999, required=False, help_text="Trống: số tiếp theo"
    )
    kind = forms.ChoiceField(label="Loại kỳ họp", choices=Session.Kind.choices)
    requested_by = forms.ChoiceField(
        label="Người đề nghị (kỳ họp chuyên đề, bất thường)",
        choices=[("", "— Không —"), *Session.Requester.choices],
        required=False,
    )
    requesting_delegates = forms.IntegerField(label="Số đại biểu đề nghị", min_value=1, required=False)
    opens_on = forms.DateField(label="Ngày khai mạc")
    closes_on = forms.DateField(label="Ngày bế mạc")
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    notes = forms.CharField(label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        terms = Term.objects.filter(council=council).order_by("-starts_on")
        field: Any = self.fields["term"]
        field.queryset = terms
        current = council.current_term()
        if current is not None:
            field.initial = current.pk


class EditForm(StyledForm):
    opens_on = forms.DateField(label="Ngày khai mạc")
    closes_on = forms.DateField(label="Ngày bế mạc")
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    notes = forms.CharField(label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DayForm(StyledForm):
    """One date: the convening decision's or the documents' sending."""

    small = True
    day = forms.DateField(label="Ngày")
