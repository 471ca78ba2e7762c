"""Input for the oversight pages, with the messages users see in Vietnamese. The forms only check and
clean what was typed; the actions decide (their refusals come back onto the fields)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from hdnd.core.forms import StyledForm
from hdnd.councils.models import Agency, AgencyKind, Body, Council, Person
from hdnd.petitions.models import PetitionIssue
from hdnd.resolutions.models import Resolution
from hdnd.sittings.models import Session, StandingMeeting

from .models import (
    CRITERIA,
    Finding,
    FollowStatus,
    ProgrammeProposal,
    QuestioningTopic,
    QuestionSlip,
    Recommendation,
    Satisfaction,
    SupervisedAgency,
    Supervision,
    SupervisionProgramme,
    TeamMember,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def today() -> Any:
    return timezone.localdate()


def council_agencies(council: Council) -> QuerySet[Agency]:
    """The council's agencies and the People's Committees of the councils directly below it."""
    below = Q(council__parent=council, kind=AgencyKind.PEOPLES_COMMITTEE)
    return Agency.objects.filter(Q(council=council) | below, is_active=True).order_by(
        "council_id", "kind", "name_key"
    )


class CouncilForm(StyledForm):
    """A form whose choices come from one council."""

    small = True

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        self.council = council
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                self.limit(field)

    def limit(self, field: forms.ModelChoiceField[Any]) -> None:
        model = field.queryset.model  # type: ignore[union-attr]
        if model is Agency:
            field.queryset = council_agencies(self.council)
        elif model is Person:
            field.queryset = Person.objects.filter(council=self.council).order_by("name_key")
        elif model is Session:
            field.queryset = Session.objects.filter(council=self.council).select_related("council", "term")
        elif model is StandingMeeting:
            field.queryset = StandingMeeting.objects.filter(council=self.council).select_related("council")
        elif hasattr(model, "council_id") or model is Body:
            field.queryset = model._default_manager.filter(council=self.council)  # type: ignore[misc]


def issues_field() -> forms.ModelMultipleChoiceField[PetitionIssue]:
    """Issues of voters' petitions carried from a suggestion (hidden: a council may have thousands)."""
    return forms.ModelMultipleChoiceField(
        PetitionIssue.objects.all(),
        required=False,
        widget=forms.MultipleHiddenInput,
        label="Kiến nghị cử tri",
    )


# Programmes ----------------------------------------------------------------------------------------


class ProgrammeForm(CouncilForm):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    title = forms.CharField(label="Tên chương trình, kế hoạch", max_length=255)
    body = forms.ModelChoiceField(
        Body.objects.all(),
        required=False,
        label="Kế hoạch của cơ quan",
        help_text="Để trống: chương trình giám sát của HĐND (thông qua bằng nghị quyết).",
    )
    notes = forms.CharField(label="Ghi chú", required=False, widget=TEXTAREA)


class AdoptForm(CouncilForm):
    on = forms.DateField(label="Ngày thông qua", initial=today)
    resolution = forms.ModelChoiceField(
        Resolution.objects.all(), required=False, label="Nghị quyết thông qua"
    )


class ProposalForm(CouncilForm):
    source = forms.ChoiceField(label="Nguồn đề xuất", choices=ProgrammeProposal.Source.choices)
    topic = forms.CharField(label="Tên chuyên đề", max_length=255)
    proposer = forms.CharField(label="Cơ quan, người đề xuất", max_length=255, required=False)
    need = forms.CharField(label="Sự cần thiết", required=False, widget=TEXTAREA)
    content = forms.CharField(label="Nội dung", required=False, widget=TEXTAREA)
    scope = forms.CharField(label="Phạm vi", required=False)
    subjects = forms.CharField(label="Đối tượng chịu giám sát", required=False)
    issues = issues_field()


class SelectForm(StyledForm):
    small = True
    accept = forms.TypedChoiceField(
        label="Quyết định", choices=[("1", "Lựa chọn"), ("0", "Không lựa chọn")], coerce=lambda v: v == "1"
    )


class DecisionForm(StyledForm):
    accept = forms.TypedChoiceField(
        label="Quyết định",
        choices=[("1", "Đưa vào chương trình"), ("0", "Không đưa vào")],
        coerce=lambda v: v == "1",
    )
    proposal = forms.IntegerField(widget=forms.HiddenInput)


# Supervisions --------------------------------------------------------------------------------------


class SupervisionForm(CouncilForm):
    kind = forms.ChoiceField(label="Hình thức", choices=Supervision.Kind.choices)
    title = forms.CharField(label="Tên cuộc giám sát", max_length=255)
    content = forms.CharField(label="Nội dung", required=False, widget=TEXTAREA)
    scope = forms.CharField(label="Phạm vi, thời kỳ", required=False)
    body = forms.ModelChoiceField(Body.objects.all(), required=False, label="Cơ quan giám sát")
    person = forms.ModelChoiceField(
        Person.objects.all(), required=False, label="Hoặc đại biểu giám sát", help_text="Chọn một trong hai."
    )
    programme = forms.ModelChoiceField(
        SupervisionProgramme.objects.all(), required=False, label="Thuộc chương trình"
    )
    planned_month = forms.IntegerField(label="Tháng dự kiến", required=False, min_value=1, max_value=12)
    issues = issues_field()


class TeamForm(CouncilForm):
    on = forms.DateField(label="Ngày ký quyết định", initial=today)
    number = forms.IntegerField(
        label="Số quyết định", required=False, min_value=1, help_text="Để trống: hệ thống cấp số tiếp theo."
    )
    head = forms.ModelChoiceField(Person.objects.all(), label="Trưởng đoàn")
    deputy = forms.ModelChoiceField(Person.objects.all(), required=False, label="Phó Trưởng đoàn")
    members = forms.ModelMultipleChoiceField(Person.objects.all(), required=False, label="Thành viên")
    invited = forms.CharField(
        label="Mời tham gia",
        required=False,
        widget=TEXTAREA,
        help_text="Mỗi dòng một người: họ tên – chức vụ.",
    )


class PlanForm(CouncilForm):
    on = forms.DateField(label="Ngày gửi kế hoạch, đề cương", initial=today)
    agencies = forms.ModelMultipleChoiceField(Agency.objects.all(), label="Cơ quan chịu giám sát")
    report_due_on = forms.DateField(label="Hạn gửi báo cáo")


class TargetForm(StyledForm):
    """A step about one supervised body (its report, a supplement)."""

    small = True
    target = forms.ModelChoiceField(SupervisedAgency.objects.none(), label="Cơ quan")
    on = forms.DateField(label="Ngày", initial=today)

    def __init__(self, *args: Any, supervision: Supervision, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["target"]
        field.queryset = supervision.targets.select_related("agency")


class SelfReportForm(TargetForm):
    file = forms.FileField(label="Báo cáo (tệp)", required=False)


class FieldworkForm(CouncilForm):
    on = forms.DateField(label="Ngày làm việc", initial=today)
    place = forms.CharField(label="Địa điểm", max_length=255)
    agency = forms.ModelChoiceField(Agency.objects.all(), required=False, label="Làm việc với")
    notes = forms.CharField(label="Ghi chú", required=False, widget=TEXTAREA)


class DayForm(StyledForm):
    small = True
    on = forms.DateField(label="Ngày", initial=today)


class DraftForm(DayForm):
    consultation_until = forms.DateField(label="Hạn góp ý dự thảo")


class ConcludeForm(CouncilForm):
    on = forms.DateField(label="Ngày kết luận", initial=today)
    outcome = forms.ChoiceField(label="Hình thức", choices=Supervision.Outcome.choices)
    conclusions = forms.CharField(label="Kết quả, kết luận", widget=TEXTAREA)
    number = forms.IntegerField(
        label="Số thông báo", required=False, min_value=1, help_text="Để trống: cấp số tiếp theo."
    )
    session = forms.ModelChoiceField(Session.objects.all(), required=False, label="Trình kỳ họp (nghị quyết)")
    file = forms.FileField(label="Báo cáo kết quả (tệp)", required=False)


class ReasonForm(StyledForm):
    small = True
    reason = forms.CharField(label="Lý do", widget=TEXTAREA)


class FindingForm(StyledForm):
    small = True
    text = forms.CharField(label="Phát hiện (kết quả, hạn chế)", widget=TEXTAREA)
    issue = forms.ModelChoiceField(PetitionIssue.objects.none(), required=False, label="Về kiến nghị cử tri")

    def __init__(self, *args: Any, supervision: Supervision, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["issue"]
        field.queryset = supervision.issues.all()


class RecommendationForm(CouncilForm):
    agency = forms.ModelChoiceField(Agency.objects.all(), label="Cơ quan thực hiện")
    content = forms.CharField(label="Nội dung kiến nghị", widget=TEXTAREA)
    due_on = forms.DateField(label="Thời hạn", required=False)
    multi_year = forms.BooleanField(label="Thực hiện trong nhiều năm", required=False)
    finding = forms.ModelChoiceField(Finding.objects.none(), required=False, label="Từ phát hiện")
    parent = forms.ModelChoiceField(
        Recommendation.objects.none(), required=False, label="Là nội dung của kiến nghị"
    )

    def __init__(self, *args: Any, supervision: Supervision | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        finding: Any = self.fields["finding"]
        parent: Any = self.fields["parent"]
        if supervision is not None:
            finding.queryset = supervision.findings.all()
            parent.queryset = supervision.recommendations.filter(parent__isnull=True)
        else:
            del self.fields["finding"]
            parent.queryset = Recommendation.objects.none()


# Follow-up -----------------------------------------------------------------------------------------


class ProgressForm(StyledForm):
    small = True
    on = forms.DateField(label="Ngày báo cáo", initial=today)
    status = forms.ChoiceField(
        label="Kết quả",
        choices=[(FollowStatus.DONE, "Đã thực hiện xong"), (FollowStatus.PARTLY_DONE, "Thực hiện một phần")],
    )
    progress = forms.IntegerField(label="Tỷ lệ hoàn thành (%)", required=False, min_value=0, max_value=100)
    note = forms.CharField(label="Kết quả thực hiện", required=False, widget=TEXTAREA)


class ExcuseForm(StyledForm):
    small = True
    on = forms.DateField(label="Ngày chấp nhận", initial=today)
    reason = forms.CharField(label="Lý do khách quan", widget=TEXTAREA)


class ReopenForm(StyledForm):
    small = True
    on = forms.DateField(label="Ngày", initial=today)
    note = forms.CharField(label="Lý do mở lại", widget=TEXTAREA)


class EvidenceForm(StyledForm):
    small = True
    title = forms.CharField(label="Tên minh chứng", max_length=255)
    file = forms.FileField(label="Tệp")


class AccountabilityForm(StyledForm):
    small = True
    official = forms.CharField(label="Người, cơ quan bị đề nghị xem xét trách nhiệm", max_length=255)
    reason = forms.CharField(label="Lý do", widget=TEXTAREA)


class FilterForm(StyledForm):
    small = True
    status = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *FollowStatus.choices]
    )
    agency = forms.ModelChoiceField(Agency.objects.none(), required=False, label="Cơ quan")

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agency"]
        field.queryset = council_agencies(council)


class SupervisionFilterForm(StyledForm):
    small = True
    status = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *Supervision.Status.choices]
    )
    kind = forms.ChoiceField(
        label="Hình thức", required=False, choices=[("", "Tất cả"), *Supervision.Kind.choices]
    )


# Questioning and explanation -----------------------------------------------------------------------


class SlipForm(CouncilForm):
    delegate = forms.ModelChoiceField(Person.objects.all(), label="Đại biểu chất vấn")
    channel = forms.ChoiceField(label="Thời điểm", choices=QuestionSlip.Channel.choices)
    session = forms.ModelChoiceField(Session.objects.all(), required=False, label="Kỳ họp")
    addressee = forms.CharField(label="Người bị chất vấn (họ tên, chức vụ)", max_length=255)
    agency = forms.ModelChoiceField(Agency.objects.all(), label="Cơ quan")
    content = forms.CharField(label="Nội dung chất vấn", widget=TEXTAREA)
    submitted_on = forms.DateField(label="Ngày gửi", initial=today)
    topic = forms.ModelChoiceField(
        QuestioningTopic.objects.all(), required=False, label="Nhóm vấn đề chất vấn"
    )
    issues = issues_field()


class SlipAnswerForm(StyledForm):
    small = True
    status = forms.ChoiceField(
        label="Hình thức trả lời",
        choices=[
            (QuestionSlip.Status.ANSWERED_IN_PERSON, "Trả lời trực tiếp"),
            (QuestionSlip.Status.ANSWERED_IN_WRITING, "Trả lời bằng văn bản"),
            (QuestionSlip.Status.WITHDRAWN, "Đại biểu rút lại"),
        ],
    )
    answer = forms.CharField(label="Nội dung trả lời", required=False, widget=TEXTAREA)
    answered_on = forms.DateField(label="Ngày trả lời", initial=today)
    satisfaction = forms.ChoiceField(
        label="Đánh giá của đại biểu", required=False, choices=[("", "Chưa đánh giá"), *Satisfaction.choices]
    )


class TopicForm(CouncilForm):
    title = forms.CharField(label="Nhóm vấn đề chất vấn", max_length=255)
    pressing = forms.BooleanField(label=CRITERIA[0][1], required=False)
    violations = forms.BooleanField(label=CRITERIA[1][1], required=False)
    unaccepted_answers = forms.BooleanField(label=CRITERIA[2][1], required=False)
    supervision_findings = forms.BooleanField(label=CRITERIA[3][1], required=False)
    reasons = forms.CharField(label="Lý do lựa chọn", required=False, widget=TEXTAREA)
    respondents = forms.CharField(label="Người trả lời chất vấn", max_length=255, required=False)
    session = forms.ModelChoiceField(Session.objects.all(), required=False, label="Tại kỳ họp")
    standing_meeting = forms.ModelChoiceField(
        StandingMeeting.objects.all(), required=False, label="Hoặc tại phiên họp Thường trực"
    )
    agencies = forms.ModelMultipleChoiceField(Agency.objects.all(), required=False, label="Cơ quan trả lời")
    issues = issues_field()
    findings = forms.ModelMultipleChoiceField(
        Finding.objects.all(),
        required=False,
        widget=forms.MultipleHiddenInput,
        label="Phát hiện qua giám sát",
    )


class QuestioningForm(StyledForm):
    small = True
    on = forms.DateField(label="Ngày chất vấn", initial=today)
    answers = forms.CharField(label="Tóm tắt trả lời", widget=TEXTAREA)
    satisfaction = forms.ChoiceField(
        label="Đánh giá của đại biểu", required=False, choices=[("", "Chưa đánh giá"), *Satisfaction.choices]
    )


class TopicConcludeForm(StyledForm):
    small = True
    conclusion = forms.CharField(label="Kết luận của chủ tọa", widget=TEXTAREA)
    draft_resolution = forms.BooleanField(label="Dự thảo nghị quyết về chất vấn (tại kỳ họp)", required=False)


class CommitmentForm(CouncilForm):
    official = forms.CharField(label="Người cam kết (họ tên, chức vụ)", max_length=255)
    agency = forms.ModelChoiceField(Agency.objects.all(), label="Cơ quan")
    content = forms.CharField(label="Nội dung cam kết", widget=TEXTAREA)
    due_on = forms.DateField(label="Thời hạn", required=False)
    multi_year = forms.BooleanField(label="Thực hiện trong nhiều năm", required=False)


class ExplanationForm(CouncilForm):
    title = forms.CharField(label="Nội dung giải trình", max_length=255)
    agency = forms.ModelChoiceField(Agency.objects.all(), label="Cơ quan giải trình")
    officials = forms.CharField(label="Người giải trình (họ tên, chức vụ)", max_length=255)
    planned_on = forms.DateField(label="Ngày dự kiến")
    standing_meeting = forms.ModelChoiceField(
        StandingMeeting.objects.all(), required=False, label="Tại phiên họp Thường trực"
    )
    issues = issues_field()
    findings = forms.ModelMultipleChoiceField(
        Finding.objects.all(),
        required=False,
        widget=forms.MultipleHiddenInput,
        label="Phát hiện qua giám sát",
    )


class ExplanationHeldForm(StyledForm):
    small = True
    held_on = forms.DateField(label="Ngày giải trình", initial=today)
    participants = forms.CharField(label="Thành phần tham dự", required=False, widget=TEXTAREA)
    answers = forms.CharField(label="Tóm tắt nội dung giải trình", widget=TEXTAREA)
    satisfaction = forms.ChoiceField(
        label="Đánh giá của đại biểu", required=False, choices=[("", "Chưa đánh giá"), *Satisfaction.choices]
    )


class ExplanationConcludeForm(StyledForm):
    small = True
    on = forms.DateField(label="Ngày ban hành thông báo", initial=today)
    conclusion = forms.CharField(label="Kết luận của Thường trực HĐND", widget=TEXTAREA)
    number = forms.IntegerField(
        label="Số thông báo", required=False, min_value=1, help_text="Để trống: cấp số tiếp theo."
    )


def member_lines(data: dict[str, Any]) -> list[Any]:
    """The team as typed: the head, the deputy, the members and the invited (one per line)."""
    from .actions import MemberLine

    lines = [MemberLine(role=TeamMember.Role.HEAD, person=data["head"])]
    if data.get("deputy"):
        lines.append(MemberLine(role=TeamMember.Role.DEPUTY, person=data["deputy"]))
    lines += [MemberLine(role=TeamMember.Role.MEMBER, person=p) for p in data.get("members") or []]
    for raw in (data.get("invited") or "").splitlines():
        name, _, position = raw.partition("–")
        if name.strip():
            lines.append(
                MemberLine(role=TeamMember.Role.INVITED, name=name.strip(), position=position.strip())
            )
    return lines
