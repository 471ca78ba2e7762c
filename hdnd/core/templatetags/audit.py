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
    # Every other field of the models, so a history never shows a code name (tests/test_audit_labels.py).
    "accepted_at": "Thời điểm tiếp nhận",
    "acknowledged_at": "Thời điểm cơ quan xác nhận đã nhận",
    "action": "Thao tác",
    "active": "Đang dùng",
    "actor": "Người thực hiện",
    "actor_label": "Người thực hiện (tên lưu)",
    "address": "Địa chỉ",
    "after": "Sau thay đổi",
    "agency_name": "Cơ quan thực hiện",
    "agenda_item": "Nội dung chương trình",
    "answer_summary": "Tóm tắt trả lời",
    "answered_at": "Thời điểm trả lời",
    "answered_by": "Người trả lời",
    "answered_on_the_spot": "Đã trả lời tại hội nghị",
    "beat_at": "Lần báo hoạt động gần nhất",
    "before": "Trước thay đổi",
    "birth_year": "Năm sinh",
    "body_hash": "Mã băm nội dung gửi",
    "briefing": "Hội nghị giao ban",
    "by_label": "Người báo cáo",
    "carried_from": "Nêu lại từ kiến nghị",
    "chair": "Người chủ trì",
    "choice": "Lựa chọn",
    "ciphertext": "Dữ liệu đã mã hóa",
    "commitment": "Cam kết",
    "concluded_on": "Ngày kết luận",
    "content_key": "Khóa tìm kiếm nội dung",
    "content_type": "Loại hồ sơ",
    "created_at": "Thời điểm tạo",
    "created_by": "Người tạo",
    "day": "Ngày",
    "decision_number": "Số quyết định",
    "decision_on": "Ngày quyết định",
    "decision_symbol": "Ký hiệu quyết định",
    "decision_year": "Năm quyết định",
    "document": "Văn bản",
    "done": "Đã xử lý",
    "draft_report_on": "Ngày có dự thảo báo cáo",
    "earlier": "Đơn trước",
    "earlier_matches": "Đơn trước trùng nội dung",
    "effective_on": "Ngày có hiệu lực",
    "email": "Thư điện tử",
    "ends_at": "Kết thúc",
    "ends_on": "Ngày kết thúc",
    "entered_by": "Người nhập",
    "error": "Lỗi",
    "escalated_at": "Thời điểm báo cấp trên",
    "examination_report": "Báo cáo thẩm tra",
    "expires_at": "Hết hạn lúc",
    "explanation": "Phiên giải trình",
    "field": "Lĩnh vực",
    "fieldwork_ended_on": "Ngày kết thúc giám sát thực tế",
    "fieldwork_started_on": "Ngày bắt đầu giám sát thực tế",
    "figures": "Số liệu",
    "findings": "Kết quả xem xét",
    "findings_on": "Ngày có kết quả xem xét",
    "finished_at": "Thời điểm xong",
    "first": "Ý kiến thứ nhất",
    "follow_up_reminded_at": "Thời điểm nhắc thực hiện",
    "forwarding": "Lượt chuyển",
    "from_council": "Từ HĐND",
    "from_unit": "Từ đơn vị",
    "full_name": "Họ và tên",
    "gender": "Giới tính",
    "granted_at": "Thời điểm cấp quyền",
    "grouping_reasons": "Lý do gộp",
    "guidance": "Văn bản hướng dẫn",
    "hash": "Mã băm",
    "heartbeat_at": "Lần báo tiến độ gần nhất",
    "history_note": "Ghi chú quá trình",
    "invitation_number": "Số giấy mời",
    "invitation_on": "Ngày giấy mời",
    "invitation_year": "Năm giấy mời",
    "is_active": "Đang hoạt động",
    "issues_created": "Số kiến nghị tạo ra",
    "kept_reason": "Lý do lưu theo dõi",
    "key": "Khóa",
    "key_hash": "Mã băm khóa",
    "key_id": "Mã khóa mã hóa",
    "keywords": "Từ khóa",
    "last": "Số cuối cùng",
    "last_enqueued_at": "Lần xếp hàng gần nhất",
    "last_error": "Lỗi gần nhất",
    "last_used_at": "Lần dùng gần nhất",
    "letter": "Đơn thư",
    "level": "Cấp",
    "locality": "Địa bàn",
    "location": "Địa chỉ trả về",
    "mac": "Mã xác thực",
    "membership": "Chức danh",
    "minutes": "Biên bản",
    "moved_from_petition": "Chuyển từ ý kiến cử tri số",
    "name_key": "Khóa tìm kiếm tên",
    "next_attempt_at": "Lần gửi tiếp theo",
    "nonce": "Số dùng một lần (mã hóa)",
    "notice_number": "Số thông báo",
    "notice_symbol": "Ký hiệu thông báo",
    "notice_year": "Năm thông báo",
    "object_id": "Mã hồ sơ",
    "object_repr": "Hồ sơ",
    "origin_issue": "Kiến nghị gốc",
    "outcome_note": "Ghi chú kết quả",
    "owner_agency": "Cơ quan thực hiện",
    "owner_body": "Cơ quan của HĐND thực hiện",
    "owner_person": "Người thực hiện",
    "period": "Kỳ báo cáo",
    "person": "Người",
    "petition": "Ý kiến cử tri",
    "phone": "Điện thoại",
    "pid": "Mã tiến trình",
    "prefix": "Tiền tố",
    "presenter": "Người trình bày",
    "pressing": "Bức xúc",
    "prev_hash": "Mã băm mục trước",
    "programme": "Chương trình",
    "proposal": "Đề xuất",
    "proposed_on": "Ngày đề nghị",
    "published_by": "Người công bố",
    "rated_at": "Thời điểm đánh giá",
    "reception": "Lượt tiếp công dân",
    "recipients": "Người nhận",
    "recorded_at": "Thời điểm ghi",
    "referred_at": "Thời điểm chuyển HĐND",
    "referred_to": "Chuyển đến HĐND",
    "reforward_of": "Chuyển lại từ lượt",
    "reminded_at": "Thời điểm nhắc",
    "report": "Báo cáo",
    "report_file": "Tệp báo cáo",
    "report_received_on": "Ngày nhận báo cáo",
    "requested_by": "Người đề nghị",
    "requesting_delegates": "Số đại biểu đề nghị",
    "response": "Ý kiến tiếp thu, giải trình",
    "response_on": "Ngày tiếp thu, giải trình",
    "result": "Kết quả",
    "results_number": "Số thông báo kết quả",
    "results_year": "Năm thông báo kết quả",
    "returned_at": "Thời điểm trả lại",
    "returned_reason": "Lý do trả lại",
    "reviewer": "Người xem xét",
    "reviewing_council": "HĐND xem xét",
    "revoked_at": "Thời điểm thu hồi",
    "role": "Vai trò",
    "rule": "Quy định",
    "sealed_at": "Thời điểm niêm phong",
    "search_key": "Khóa tìm kiếm",
    "second": "Ý kiến thứ hai",
    "sender": "Người gửi",
    "sent_at": "Thời điểm gửi",
    "sent_by": "Người chuyển",
    "series": "Loại sổ",
    "session": "Kỳ họp",
    "short_name": "Tên viết tắt",
    "signer_capacity": "Thẩm quyền ký",
    "signer_name": "Người ký",
    "signer_title": "Chức vụ người ký",
    "size": "Dung lượng",
    "slip": "Phiếu chất vấn",
    "slot": "Lịch tiếp",
    "source_url": "Đường dẫn nguồn",
    "speaker_title": "Chức vụ người phát biểu",
    "standing_meeting": "Phiên họp Thường trực",
    "started_at": "Bắt đầu lúc",
    "starts_on": "Ngày bắt đầu",
    "state": "Tình trạng",
    "status_code": "Mã trả về",
    "subject": "Tiêu đề thư",
    "submitted_at": "Thời điểm gửi",
    "submitted_by": "Người gửi",
    "submitted_on": "Ngày gửi",
    "summary": "Tóm tắt",
    "supervision": "Cuộc giám sát",
    "supervision_findings": "Phát hiện qua giám sát",
    "supplement_due_on": "Hạn bổ sung",
    "supplement_received_on": "Ngày nhận bổ sung",
    "supplement_requested_on": "Ngày đề nghị bổ sung",
    "target_date": "Thời hạn dự kiến",
    "term": "Khóa",
    "text_key": "Khóa tìm kiếm nội dung",
    "to_unit": "Sang đơn vị",
    "topic": "Nội dung chất vấn",
    "total": "Tổng số",
    "unaccepted_answers": "Trả lời chưa được chấp nhận",
    "updated_at": "Thời điểm sửa",
    "uploaded_at": "Thời điểm tải lên",
    "uploaded_by": "Người tải lên",
    "user": "Người dùng",
    "valid_from": "Hiệu lực từ",
    "violations": "Vi phạm",
    "visitor": "Người đến",
    "voter_count": "Số cử tri dự",
    "voter_place": "Nơi cư trú của cử tri",
    "voter_unit": "Đơn vị hành chính của cử tri",
    "worker_id": "Mã máy xử lý",
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
