"""Template filters for audit entries, as a person would say them: the action's label, each changed
field by its Vietnamese name, choice values by their labels ("Đã gửi → Đã tiếp nhận") and times in the
council's time zone (dd/mm/yyyy HH:MM), never "status: sent → acknowledged" or "…+00:00"."""

import datetime as dt
import json
from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from hdnd.core.audit import action_label as _action_label

register = template.Library()

MAX_VALUE_CHARS = 80
# Names the entries use that are not a field of the object, or fields without a Vietnamese name.
WORDS = {
    "status": "Trạng thái",
    "title": "Tiêu đề",
    "name": "Tên",
    "kind": "Loại",
    "text": "Nội dung",
    "note": "Ghi chú",
    "number": "Số",
    "symbol": "Số, ký hiệu",
    "year": "Năm",
    "created": "Tạo mới",
    "item": "Nội dung số",
    "position": "Thứ tự",
    "documents": "Số tài liệu",
    "file": "Tệp",
    "title_file": "Tệp",
    "text_chars": "Số ký tự toàn văn",
    "text_file": "Tệp toàn văn",
    "passed": "Kết quả",
    "method": "Hình thức",
    "agency": "Cơ quan",
    "agencies": "Cơ quan",
    "reason": "Lý do",
    "due_on": "Hạn",
    "on": "Ngày",
    "value": "Giá trị",
    "at": "Thời điểm",
    "code": "Mã",
    "channel": "Kênh tiếp nhận",
    "sealed": "Giữ kín danh tính",
    "handlers": "Người xử lý",
    "received_on": "Ngày nhận",
    "classify_due": "Hạn phân loại",
    "forwarded_on": "Ngày chuyển",
    "answered_on": "Ngày trả lời",
    "closed_on": "Ngày kết thúc",
    "response_due": "Hạn trả lời",
    "slip_year": "Năm của phiếu chuyển",
    "slip_number": "Số phiếu chuyển",
    "guidance_number": "Số văn bản hướng dẫn",
    "ineligible_reason": "Lý do không đủ điều kiện",
    "escalation": "Báo cáo lên",
    "days_overdue": "Số ngày quá hạn",
    "visitors": "Người đến",
    "group_size": "Số người",
    "outcome": "Kết quả",
    "published_on": "Ngày công bố",
    "adopted_on": "Ngày thông qua",
    "issued_on": "Ngày ban hành",
    "memberships_ended": "Số chức danh kết thúc",
    "dissolved_on": "Ngày giải thể",
    "target_symbol": "Nghị quyết bị tác động",
    "task": "Tác vụ",
    "id": "Mã",
    "worker": "Máy xử lý",
    "runs": "Số lần chạy",
    "mail": "Thư",
    "message_id": "Mã thư (Message-ID)",
    "attempts": "Số lần gửi",
    "ip_address": "Địa chỉ IP",
    "second_factor": "Xác thực hai bước",
    "seed": "Mã trong danh mục mẫu",
    "committee_kind": "Ban phụ trách",
    # What the actions record beside the fields (lists, counts, flags) and fields named alike in many models.
    "absent": "Vắng mặt",
    "abstentions": "Phân vân",
    "added": "Thêm",
    "answer": "Trả lời",
    "answers": "Các trả lời",
    "attended": "Có mặt",
    "attendees": "Người dự",
    "bodies": "Các cơ quan của HĐND",
    "body": "Cơ quan của HĐND",
    "by_agency": "Cơ quan tự báo cáo",
    "changed": "Thay đổi",
    "competence": "Thẩm quyền giải quyết",
    "conclusion": "Kết luận",
    "confidence": "Độ tin cậy",
    "consultation_until": "Lấy ý kiến đến ngày",
    "content": "Nội dung",
    "council": "Hội đồng nhân dân",
    "councils": "Các Hội đồng nhân dân",
    "criteria": "Tiêu chí",
    "cycle": "Đợt tiếp xúc cử tri",
    "date": "Ngày",
    "days_late": "Số ngày chậm",
    "decision": "Quyết định",
    "delegate": "Đại biểu",
    "delegates": "Các đại biểu",
    "direction": "Chiều tính",
    "done_on": "Ngày hoàn thành",
    "draft_on": "Ngày có dự thảo",
    "draft_report_due_on": "Hạn dự thảo báo cáo",
    "due": "Hạn",
    "ended_on": "Ngày kết thúc",
    "examination_report_on": "Ngày báo cáo thẩm tra",
    "excused": "Vắng có lý do",
    "figure": "Số liệu",
    "finding": "Phát hiện",
    "flag": "Đánh dấu",
    "flag_note": "Ghi chú đánh dấu",
    "from_cycle": "Từ đợt",
    "held_on": "Ngày tổ chức",
    "host": "Chủ trì",
    "issue": "Kiến nghị",
    "issues": "Các kiến nghị",
    "items": "Các nội dung",
    "label": "Tên chỉ tiêu",
    "late": "Chậm",
    "legal_basis": "Căn cứ pháp lý",
    "meeting": "Cuộc tiếp xúc cử tri",
    "meets_on": "Ngày họp",
    "member_notes_due_on": "Hạn thành viên góp ý",
    "members": "Thành viên",
    "memberships": "Các chức danh",
    "not_voting": "Không biểu quyết",
    "notes": "Ghi chú",
    "notice": "Thông báo",
    "notice_on": "Ngày thông báo",
    "order": "Thứ tự",
    "owner": "Người, cơ quan thực hiện",
    "owners": "Những người, cơ quan thực hiện",
    "parent": "Thuộc",
    "participants": "Thành phần tham dự",
    "people": "Người",
    "petitions": "Các ý kiến",
    "place": "Địa điểm",
    "place_text": "Địa điểm",
    "planned": "Kế hoạch",
    "planned_on": "Ngày dự kiến",
    "point": "Điểm cầu",
    "present": "Có mặt",
    "progress": "Tiến độ (%)",
    "published_at": "Thời điểm công bố",
    "questioned_on": "Ngày chất vấn",
    "rating": "Đánh giá",
    "rechecks": "Tái giám sát",
    "recommendation": "Kiến nghị sau giám sát",
    "report_due_on": "Hạn gửi báo cáo",
    "reported_on": "Ngày báo cáo",
    "requested_on": "Ngày đề nghị",
    "requirement": "Yêu cầu",
    "resolution": "Nghị quyết",
    "resolution_id": "Nghị quyết",
    "roles": "Vai trò",
    "satisfaction": "Mức độ thỏa đáng",
    "sent_on": "Ngày chuyển",
    "source": "Nguồn",
    "speaker": "Người phát biểu",
    "starts_at": "Bắt đầu",
    "suggestions": "Các gợi ý",
    "supervisor": "Chủ thể giám sát",
    "target": "Đối tượng",
    "terms": "Các khóa",
    "text_value": "Giá trị (văn bản)",
    "unit": "Đơn vị",
    "users": "Người dùng",
    "valid_to": "Hiệu lực đến",
    "vote": "Biểu quyết",
    "votes_against": "Không tán thành",
    "votes_for": "Tán thành",
}
YES_NO = {True: "Có", False: "Không"}


@register.filter
def action_label(code: str) -> str:
    """The Vietnamese label of an action code."""
    return _action_label(code)


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def field_label(model: type[models.Model] | None, name: str) -> str:
    """ "Trạng thái" for ``status``: the field's own Vietnamese name (verbose name or help text), else the
    shared words, else the name as stored."""
    field = _field(model, name)
    if field is not None:
        verbose = str(field.verbose_name)
        if verbose != name.replace("_", " "):
            return verbose[:1].upper() + verbose[1:]
        if field.help_text:
            return str(field.help_text)
    return WORDS.get(name, name)


def _moment(text: str) -> str | None:
    """An ISO date or date-time as people read it here: "10/12/2026", "07/12/2026 01:58" (local time)."""
    if len(text) < 10 or text[4] != "-" or text[7] != "-":
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).strftime("%d/%m/%Y")
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y %H:%M")


def shown_value(value: Any, field: models.Field[Any, Any] | None = None) -> str:
    """A before/after value as one short line: "—" for nothing, the choice's label, local times."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return YES_NO[value]
    if field is not None and field.choices:
        labels = {str(key): str(label) for key, label in field.flatchoices}
        if str(value) in labels:
            return labels[str(value)]
    if isinstance(value, str):
        text = _moment(value) or value
    elif isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


@register.filter
def audit_value(value: Any) -> str:
    return shown_value(value)


@register.filter
def audit_changes(entry: Any) -> list[tuple[str, str, str]]:
    """The entry's changed fields as (Vietnamese name, old value, new value), ready to show."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    rows = []
    for name, old, new in entry.changes():
        field = _field(model, name)
        rows.append((field_label(model, name), shown_value(old, field), shown_value(new, field)))
    return rows
