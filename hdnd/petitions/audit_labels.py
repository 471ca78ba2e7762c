"""What each audit code of petitions means, for the audit log pages (``hdnd.core.audit.ACTION_LABELS``).

Registered by ``apps.PetitionsConfig.ready``; ``tests/test_audit_labels.py`` fails when an action
records a code that has no label here.
"""

ACTION_LABELS: dict[str, str] = {
    # Cycles, meetings and petition entry (actions.entry, actions.intake)
    "petitions.create_cycle": "Tạo đợt tiếp xúc cử tri",
    "petitions.record_meeting": "Ghi nhận buổi tiếp xúc cử tri",
    "petitions.register_petition": "Nhập ý kiến, kiến nghị cử tri",
    "petitions.register_petitions_from_list": "Nhập danh sách ý kiến, kiến nghị cử tri",
    "petitions.register_received": "Tiếp nhận ý kiến, kiến nghị qua tiếp công dân, đơn thư",
    "petitions.import_petitions": "Nhập danh sách ý kiến, kiến nghị từ tệp",
    # Synthesis and review (actions.synthesis, background)
    "petitions.synthesize_cycle": "Tổng hợp kiến nghị cử tri",
    "petitions.start_synthesis": "Bắt đầu tổng hợp kiến nghị (chạy nền)",
    "petitions.synthesis_interrupted": "Ghi nhận tổng hợp nền bị gián đoạn",
    "petitions.move_petition": "Chuyển ý kiến sang kiến nghị khác",
    "petitions.merge_issues": "Gộp kiến nghị",
    "petitions.split_petition_out": "Tách ý kiến thành kiến nghị riêng",
    "petitions.mark_duplicate_kept": "Đánh dấu trùng, lưu theo dõi",
    "petitions.confirm_issue": "Xác nhận kiến nghị đã tổng hợp",
    # Referral between councils (actions.referral)
    "petitions.refer_issue": "Chuyển kiến nghị sang HĐND cấp khác",
    "petitions.receive_referral": "Nhận kiến nghị do HĐND cấp khác chuyển đến",
    "petitions.refer_cycle_up": "Chuyển các kiến nghị vượt thẩm quyền lên HĐND cấp trên",
    # Classification and the field taxonomy (actions.classify, actions.fields, fields_seed)
    "petitions.classify_issue": "Phân loại kiến nghị (lĩnh vực, cấp thẩm quyền, cơ quan)",
    "petitions.accept_suggestion": "Áp dụng gợi ý phân loại kiến nghị",
    "petitions.create_field": "Thêm lĩnh vực kiến nghị",
    "petitions.update_field": "Sửa lĩnh vực kiến nghị",
    "petitions.field_seeded": "Nạp lĩnh vực kiến nghị toàn quốc",
    # Forwarding, answers and ratings (actions.forwarding)
    "petitions.forward_issue": "Chuyển kiến nghị đến cơ quan trả lời",
    "petitions.record_letter_number": "Ghi số công văn chuyển kiến nghị",
    "petitions.acknowledge_forwarding": "Cơ quan xác nhận đã nhận kiến nghị",
    "petitions.record_answer": "Ghi nhận trả lời kiến nghị",
    "petitions.rate_answer": "Đại biểu đánh giá trả lời kiến nghị",
    "petitions.remind_forwarding": "Nhắc cơ quan sắp hết hạn trả lời",
    "petitions.escalate_forwarding": "Báo kiến nghị quá hạn trả lời",
    # After the answer (actions.followup)
    "petitions.reforward": "Chuyển lại kiến nghị sau trả lời chưa đạt",
    "petitions.flag_issue": "Đưa kiến nghị vào giám sát hoặc chất vấn",
    "petitions.carry_over": "Chuyển kiến nghị chưa giải quyết sang đợt sau",
    "petitions.link_earlier": "Gắn kiến nghị với kiến nghị đã nêu ở đợt trước",
    "petitions.remind_in_progress": "Nhắc cơ quan báo cáo kết quả kiến nghị đang giải quyết",
    # Publication (actions.publication)
    "petitions.publish_issue": "Công khai kết quả trả lời kiến nghị",
    "petitions.unpublish_issue": "Thôi công khai kết quả trả lời kiến nghị",
    "petitions.publish_cycle_answers": "Công khai các kiến nghị đã trả lời của đợt",
}
