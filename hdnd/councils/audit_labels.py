"""What each audit code of the councils app means, for the log pages (registered in ``apps.py``)."""

ACTION_LABELS: dict[str, str] = {
    "councils.update_council": "Sửa thông tin HĐND",
    "councils.create_term": "Thêm khóa, nhiệm kỳ",
    "councils.update_term": "Sửa khóa, nhiệm kỳ",
    "councils.create_body": "Thêm cơ quan của HĐND",
    "councils.update_body": "Sửa cơ quan của HĐND",
    "councils.dissolve_body": "Giải thể cơ quan của HĐND",
    "councils.create_person": "Thêm người vào hồ sơ",
    "councils.update_person": "Sửa thông tin người",
    "councils.add_membership": "Thêm chức danh",
    "councils.end_membership": "Kết thúc chức danh",
    "councils.import_delegates": "Nhập danh sách đại biểu",
    "councils.create_agency": "Thêm cơ quan, tổ chức",
    "councils.update_agency": "Sửa cơ quan, tổ chức",
    "councils.load_demo": "Nạp dữ liệu mẫu",
    "units.load": "Nạp danh mục đơn vị hành chính",
    "units.change_added": "Ghi nhận thay đổi đơn vị hành chính",
    "units.historic_added": "Thêm đơn vị hành chính cũ",
}
