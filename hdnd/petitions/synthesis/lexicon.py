"""The domain vocabulary of voters' petitions: concepts, fillers, abbreviations and place words.

Everything here is data a reviewer reads in one place. Phrases are written with diacritics for the
reader, separated by ``|``, and folded (``hdnd.core.text.fold``) by the normaliser, so accent-free and
NFD input match them too. A concept phrase becomes the token ``@name``; a filler phrase is dropped.

The concepts follow the fields offices sort petitions into (infrastructure, land, policies, environment,
public order ...), not the tuning data: a concept names *what is asked about*, so that the same demand
raised in different communes, about different villages and roads, shares its tokens.
"""


def _phrases(block: str) -> tuple[str, ...]:
    """Split a ``|``-separated block of phrases into a tuple."""
    return tuple(p.strip() for p in block.replace("\n", "|").split("|") if p.strip())


# Objects of a demand: what the petition is about. Weighted more than actions in similarity.
OBJECTS: dict[str, tuple[str, ...]] = {
    "electricity": _phrases("""
        điện lưới | điện lưới quốc gia | lưới điện | đường điện | đường dây điện | dây điện
        đường điện hạ thế | đường điện trung thế | điện hạ thế | cấp điện | kéo điện | kéo đường điện
        kéo đường dây điện | điện sinh hoạt | trạm biến áp | cột điện | chưa có điện | chưa có điện lưới
        dự án cấp điện | nguồn điện | sử dụng điện | có điện | tuyến đường điện | tuyến đường dây điện
    """),
    "lighting": _phrases("""
        chiếu sáng | điện chiếu sáng | đèn chiếu sáng | hệ thống chiếu sáng | thắp sáng | điện thắp sáng
        đường điện thắp sáng | đường điện chiếu sáng | đèn đường | bóng đèn | đèn điện
        chiếu sáng công cộng | điện chiếu sáng công cộng | chiếu sáng đô thị
    """),
    "power_outage": _phrases("""
        cắt điện | mất điện | điện chập chờn | điện yếu | ngừng cấp điện | điện áp yếu
    """),
    "bridge": _phrases("""
        cầu | cây cầu | cầu treo | cầu tràn | ngầm tràn | cầu dân sinh | cầu bê tông | cầu qua suối
        cầu qua sông | cầu cứng | cầu tạm | cầu khỉ | cầu máng
    """),
    "stream": _phrases("""
        suối | khe suối | con suối | qua suối
    """),
    "road": _phrases("""
        đường | tuyến đường | đường giao thông | giao thông nông thôn | đường liên thôn | đường liên xã
        đường liên bản | đường nội thôn | đường nội bản | đường nội đồng | đường liên ấp
        đường nông thôn | đường ngõ xóm | ngõ xóm | đường làng | mặt đường | quốc lộ | tỉnh lộ
        đường tỉnh | đường huyện | đường xã | đường đô thị | bê tông hóa | đường vành đai | ổ gà
        đường đất | nhựa hóa | thảm nhựa | rải nhựa | đường bê tông | đường tỉnh lộ
    """),
    "water_supply": _phrases("""
        nước sạch | nước sinh hoạt | cấp nước | đường nước | nguồn nước sinh hoạt | công trình nước sạch
        hệ thống nước sạch | nhà máy nước | thiếu nước | nước máy | giếng nước | bể chứa nước
        đường ống nước | nước hợp vệ sinh | đường nước sinh hoạt | thiếu nước sạch | nước sạch sinh hoạt
        cấp nước sinh hoạt
    """),
    "irrigation": _phrases("""
        thủy lợi | kênh mương | mương | kênh | kênh tưới | trạm bơm | tưới tiêu | hồ chứa | hồ thủy lợi
        công trình thủy lợi | kênh nội đồng | mương nội đồng | đập thủy lợi | đập dâng | đập tràn
    """),
    "drainage": _phrases("""
        thoát nước | tiêu thoát nước | ngập úng | ngập nước | cống thoát nước | rãnh thoát nước
        mương thoát nước | hệ thống thoát nước | ngập lụt | úng ngập | nắp đậy | đặt cống
        hệ thống cống
    """),
    "erosion": _phrases("""
        sạt lở | bờ kè | kè chống sạt lở | chống sạt lở | xây kè | lở đất | sạt lở đất | sạt lở bờ sông
        bờ sông | xói lở | kè bờ sông | kè sông | bờ biển | xây dựng kè | làm kè
    """),
    "relocation": _phrases("""
        di dời | tái định cư | di dân | khu tái định cư | bố trí tái định cư | di vén
    """),
    "land_certificate": _phrases("""
        giấy chứng nhận quyền sử dụng đất | giấy chứng nhận | quyền sử dụng đất | sổ đỏ | sổ hồng
        cấp đổi | cấp sổ | giấy tờ đất | giấy tờ sử dụng đất | giấy tờ nhà đất | đăng ký đất đai
        đo đạc | địa chính | cấp giấy tờ
        giấy chứng nhận quyền sử dụng đất và tài sản khác gắn liền với đất | tài sản gắn liền với đất
    """),
    "land_use": _phrases("""
        chuyển mục đích sử dụng đất | chuyển đổi mục đích | đất công | thuê đất | sử dụng đất công
        quản lý đất đai | đất đai
    """),
    "compensation": _phrases("""
        bồi thường | đền bù | giải phóng mặt bằng | thu hồi đất | giải tỏa | hỗ trợ tái định cư
        tiền đền bù | bồi thường hỗ trợ
    """),
    "planning": _phrases("""
        quy hoạch | quy hoạch treo | điều chỉnh quy hoạch | quy hoạch chi tiết | lập quy hoạch
    """),
    "allowance": _phrases("""
        phụ cấp | trợ cấp | mức phụ cấp | thù lao | bồi dưỡng | chế độ phụ cấp | kinh phí hoạt động
        trợ cấp một lần | tiền lương | chế độ đãi ngộ | mức hỗ trợ | mức lương
    """),
    "village_cadre": _phrases("""
        trưởng thôn | cán bộ thôn | ban thôn | tổ trưởng tổ dân phố | trưởng bản
        cán bộ không chuyên trách | không chuyên trách | người hoạt động không chuyên trách
        trưởng khu phố | trưởng ấp | tổ trưởng | cán bộ tổ dân phố | bí thư chi bộ | trưởng xóm
        cán bộ thôn bản | trưởng thôn bản | cán bộ cơ sở | trưởng tiểu khu
    """),
    "civil_servants": _phrases("""
        cán bộ công chức | công chức | viên chức | biên chế | bộ máy | tinh giản biên chế
        đội ngũ cán bộ
    """),
    "merit": _phrases("""
        người có công | người có công cách mạng | thương binh | liệt sĩ | bệnh binh | cựu chiến binh
        quân nhân xuất ngũ | chất độc da cam | gia đình chính sách | đối tượng chính sách
        bảo vệ tổ quốc | cựu quân nhân | thanh niên xung phong | nghĩa trang liệt sĩ
    """),
    "social_protection": _phrases("""
        bảo trợ xã hội | người cao tuổi | hộ nghèo | hộ cận nghèo | trợ cấp xã hội | người khuyết tật
        hoàn cảnh khó khăn | hoàn cảnh đặc biệt khó khăn | giảm nghèo
    """),
    "health_insurance": _phrases("""
        bảo hiểm y tế | thẻ bảo hiểm y tế
    """),
    "social_insurance": _phrases("""
        bảo hiểm xã hội | lương hưu | hưu trí | cán bộ hưu trí
    """),
    "health": _phrases("""
        trạm y tế | bệnh viện | khám chữa bệnh | khám bệnh | bác sĩ | y tế | thuốc men
    """),
    "school": _phrases("""
        trường học | điểm trường | phòng học | trường mầm non | trường tiểu học | mầm non | tiểu học
        trung học cơ sở | trung học phổ thông | bếp ăn | học sinh | giáo viên | bán trú | nội trú
        ký túc xá | lớp học | cơ sở vật chất trường học
    """),
    "office_building": _phrases("""
        trụ sở | trụ sở làm việc | nhà làm việc | trụ sở xã | trụ sở ủy ban
    """),
    "cultural_house": _phrases("""
        nhà văn hóa | nhà sinh hoạt cộng đồng | sân thể thao | thiết chế văn hóa | khu vui chơi
        sân vận động | nhà văn hóa thôn
    """),
    "heritage": _phrases("""
        di tích | di tích lịch sử | đình làng | tu bổ di tích | khôi phục | ngôi chùa
    """),
    "cemetery": _phrases("""
        nghĩa trang | nghĩa địa | khu an táng | đất nghĩa địa | nghĩa trang nhân dân
    """),
    "waste": _phrases("""
        rác thải | rác | thu gom rác | điểm tập kết rác | bãi rác | xử lý rác | rác thải sinh hoạt
        thu gom rác thải | lò đốt rác
    """),
    "pollution": _phrases("""
        ô nhiễm | ô nhiễm môi trường | mùi hôi | khói bụi | bụi | tiếng ồn | nước thải
        ô nhiễm nguồn nước | vệ sinh môi trường | môi trường
    """),
    "livestock": _phrases("""
        chăn nuôi | trại lợn | trại heo | trang trại | lò giết mổ | giết mổ | dịch tả lợn
        chăn nuôi heo | chăn nuôi lợn | gia súc | gia cầm | trại chăn nuôi
    """),
    "forest": _phrases("""
        rừng | dịch vụ môi trường rừng | giao đất giao rừng | bảo vệ rừng | trồng rừng | đất rừng
        lâm nghiệp | lâm phần | đất lâm nghiệp | nông lâm trường | lâm trường
    """),
    "agriculture": _phrases("""
        phân bón | giống cây | vật tư nông nghiệp | sản xuất nông nghiệp | cơ giới hóa | nông sản
        giá nông sản | tiêu thụ nông sản | cây trồng | nông nghiệp công nghệ cao | cây ăn trái
        nông nghiệp
    """),
    "fisheries": _phrases("""
        ngư dân | đánh bắt | nuôi trồng thủy sản | tàu cá | thủy sản | đánh bắt ven bờ
    """),
    "public_order": _phrases("""
        an ninh trật tự | tệ nạn xã hội | ma túy | trộm cắp | tín dụng đen | lừa đảo | cờ bạc
        mất an ninh trật tự | tệ nạn
    """),
    "traffic_safety": _phrases("""
        an toàn giao thông | xe quá tải | xe trọng tải lớn | biển báo | đèn tín hiệu | đỗ xe | đậu xe
        đỗ không đúng quy định | gờ giảm tốc | tai nạn giao thông | hành lang an toàn
    """),
    "telecom": _phrases("""
        sóng điện thoại | internet | trạm bts | viễn thông | phủ sóng | sóng di động
    """),
    "broadcast": _phrases("""
        loa phát thanh | truyền thanh | đài truyền thanh | hệ thống truyền thanh
    """),
    "corruption": _phrases("""
        tham nhũng | tiêu cực | lãng phí
    """),
    "procedures": _phrases("""
        thủ tục hành chính | dịch vụ công | cải cách hành chính
    """),
    "tax_fees": _phrases("""
        thuế đất | lệ phí | tiền sử dụng đất | thuế đất phi nông nghiệp | thu thuế | nộp thuế
        tiền thuế | thu phí
    """),
    "housing": _phrases("""
        nhà ở | nhà tạm | xóa nhà tạm | nhà dột nát | nhà ở xã hội | nhà tập thể | khu tập thể
    """),
    "unit_merger": _phrases("""
        sáp nhập | sắp xếp đơn vị hành chính | sáp nhập thôn | sáp nhập bản | sắp xếp thôn | chia tách
        hợp nhất
    """),
    "child_safety": _phrases("""
        đuối nước | trẻ em | chống đuối nước
    """),
    "hydropower": _phrases("""
        thủy điện | xả lũ | hồ thủy điện | lòng hồ thủy điện | điều tiết xả lũ
    """),
    "disaster": _phrases("""
        mưa lũ | lũ lụt | thiên tai | bão lũ | mưa bão | lũ quét | lũ
    """),
    "rural_development": _phrases("""
        nông thôn mới | cơ sở hạ tầng | hạ tầng | xây dựng nông thôn mới | hạ tầng nông thôn
    """),
    "market": _phrases("""
        chợ nông thôn | chợ dân sinh | nhà lồng chợ | chợ trung tâm | hạ tầng chợ
    """),
    "industrial_zone": _phrases("""
        khu công nghiệp | cụm công nghiệp | khu kinh tế | nhà xưởng
    """),
    "advertising": _phrases("""
        biển hiệu | biển quảng cáo | quảng cáo
    """),
    "animals": _phrases("""
        chó thả rông | thả rông
    """),
    "trees": _phrases("""
        cây xanh | cắt tỉa cây | chặt cây
    """),
    "mining": _phrases("""
        khai thác cát | khai thác khoáng sản | khai thác đất | kích giun | khoáng sản
    """),
    "land_split": _phrases("""
        tách thửa | hợp thửa | chia tách thửa | tách thửa đất
    """),
    "land_allocation": _phrases("""
        đất ở | giao đất | bố trí đất ở | cấp đất ở | giao đất ở | đất tái định cư | quỹ đất
    """),
    "land_dispute": _phrases("""
        tranh chấp đất đai | tranh chấp đất | lấn chiếm đất | lấn chiếm
    """),
    "driving_licence": _phrases("""
        giấy phép lái xe | bằng lái xe | đổi giấy phép lái xe
    """),
    "benefits": _phrases("""
        chế độ | chế độ chính sách | chính sách | chế độ ưu đãi | hưởng chế độ
    """),
}

# What is asked for: weighted less than objects, since every petition asks for something.
ACTIONS: dict[str, tuple[str, ...]] = {
    "build": _phrases("""
        đầu tư | xây dựng | xây mới | đầu tư xây dựng | làm mới | xây | lắp đặt | mở mới | thi công
        triển khai xây dựng | đầu tư xây dựng mới | cải tạo | làm đường | mở đường | mở rộng
    """),
    "funding": _phrases("""
        hỗ trợ | kinh phí | hỗ trợ kinh phí | bố trí kinh phí | bố trí vốn | phân bổ vốn | nguồn vốn
        vốn | ngân sách | xin kinh phí | cấp kinh phí | hỗ trợ thêm kinh phí
    """),
    "repair": _phrases("""
        sửa chữa | nâng cấp | tu sửa | duy tu | khắc phục | xuống cấp | hư hỏng | hư hỏng nặng | sửa
        bảo dưỡng | cải tạo nâng cấp | nâng cấp sửa chữa | tu bổ | trùng tu
    """),
    "speed_up": _phrases("""
        đẩy nhanh | đẩy nhanh tiến độ | tiến độ | chậm | chậm tiến độ | kéo dài | tồn đọng | vướng mắc
        tháo gỡ | tháo gỡ vướng mắc | dứt điểm | giải quyết dứt điểm | tồn tại
    """),
    "increase": _phrases("""
        nâng mức | tăng | tăng mức | điều chỉnh tăng | nâng chế độ
    """),
    "pay": _phrases("""
        chi trả | thanh toán | chi trả đầy đủ | trả tiền
    """),
    "handle": _phrases("""
        xử lý | xử lý nghiêm | xử phạt | chế tài | kiểm tra | thanh tra | ngăn chặn
    """),
    "review": _phrases("""
        rà soát | xem xét lại | rà soát lại | kiểm tra lại
    """),
    "inform": _phrases("""
        thông báo | thông tin | công khai | tuyên truyền
    """),
    "hand_over": _phrases("""
        bàn giao | đưa vào sử dụng | nghiệm thu | bàn giao đưa vào sử dụng | đưa vào hoạt động
        đưa vào vận hành
    """),
}

# Words of the register that every petition carries and that say nothing about the demand:
# lead-ins ("Cử tri xã X đề nghị"), addressees ("các cấp có thẩm quyền"), purposes and hedges.
FILLERS = _phrases("""
    cử tri | các cử tri | đề nghị | kiến nghị | phản ánh | phản ảnh | đề xuất | mong muốn | nguyện vọng
    quan tâm | xem xét | chỉ đạo | các cấp | các ngành | các cấp các ngành | có thẩm quyền
    cấp có thẩm quyền | các cấp có thẩm quyền | ngành chức năng | cơ quan chức năng
    các cơ quan chức năng | các ngành chức năng | đơn vị liên quan | cơ quan liên quan | cấp trên
    nhà nước | chính quyền | chính quyền địa phương | trung ương | ủy ban | ủy ban nhân dân | sở | ngành
    hội đồng nhân dân | đảng ủy | điện lực | mặt trận tổ quốc | khu dân cư | địa bàn | ông | bà | anh
    chị | địa phương | nhân dân | người dân | bà con | bà con nhân dân | hộ dân | hộ gia đình | các hộ
    hộ | nhân khẩu | đồng bào | dân tộc thiểu số | đồng bào dân tộc thiểu số | yêu cầu | nhu cầu
    tạo điều kiện | đảm bảo | bảo đảm | phục vụ | thuận lợi | thuận tiện | hiện nay | tình trạng
    vấn đề | việc | công tác | trường hợp | liên quan | khu vực | tiếp tục | nhiều | một số | cụ thể
    kịp thời | khẩn trương | sớm | nhanh chóng | cần | được | tại buổi tiếp xúc | tiếp xúc cử tri
    ngoài ra | đồng thời | cũng | đã | đang | sẽ | thực hiện | triển khai | tổ chức | có | không | chưa
    gây | ảnh hưởng | khó khăn | ổn định | đời sống | cuộc sống | an toàn | đi lại | sinh hoạt
    sản xuất | lao động | phát triển | kinh tế | thuộc | nằm | đoạn | tuyến | gồm | như | về | đối với
    thêm | hiện | năm | ngày | tháng | khoảng | trên | dưới | giữa | hai bên | dọc | đầu | lãnh đạo
    tỉnh | thành phố | huyện | quận | thị xã | thị trấn | xã | phường | thôn | bản | xóm | ấp | khu | tổ
    khu phố | buôn | làng | cũ | mới | trung tâm | cấp xã | cấp huyện | cấp tỉnh | hội nghị | đại biểu
    đoàn đại biểu quốc hội | quốc hội | hội đồng | ý kiến | trả lời | báo cáo | nhiều lần | từ lâu
    trước đây | kế hoạch | thống kê | kê khai | chăm sóc | cán bộ | công trình | công cộng | công ty
    công nhân | công việc | công dân | diện tích | hoạt động | quản lý | hồ sơ | thủ tục | bố trí
    tăng cường | hợp lý | phù hợp | giải quyết | xin
""")

# Single function words, dropped after concepts and fillers have been matched.
STOPWORDS = _phrases("""
    của | và | cho | các | những | một | để | tại | ở | với | là | thì | mà | này | đó | do | đến | từ
    vào | ra | lên | trong | ngoài | nay | còn | cùng | như | theo | nhất | rất | quá | khi | nếu | nên
    vì | bị | mọi | nào | gì | đi | qua | số | hơn | đều | lại | thuộc | nhằm | hoặc | hay | sau | trước
    bằng | phải | người | nơi | chỗ | cả | vẫn | đây | kia | ấy | nhiều | ít | rõ | thành | về | xuống
    ha | km | m
""")

# Words after which a capitalised run or a number is the proper name of a place, body or person: masked.
PLACE_KINDS = _phrases("""
    thôn | xóm | bản | buôn | bon | sóc | ấp | làng | khu | khu phố | tổ | tổ dân phố | tiểu khu | xã
    phường | thị trấn | thị xã | huyện | quận | tỉnh | thành phố | tp | đường | tuyến đường | phố | ngõ
    hẻm | kiệt | cầu | suối | sông | kênh | rạch | hồ | đập | đèo | núi | đồng | cánh đồng | chợ
    trường | công ty | dự án | khu dân cư | nghĩa trang | bệnh viện | trạm y tế | đình | chùa
    khu đô thị | cụm | vùng | đầm | cử tri | ông | bà | anh | chị | trại | lâm trường | nông trường | mỏ
    cảng | bến | quốc lộ | tỉnh lộ | đường tỉnh | đường huyện | khu tập thể | rạp | nhà máy
    khu kinh tế
""")

# Abbreviations offices use, expanded before matching (keys are folded).
ABBREVIATIONS: dict[str, str] = {
    "ubnd": "ủy ban nhân dân",
    "hdnd": "hội đồng nhân dân",
    "dbqh": "đại biểu quốc hội",
    "gcnqsdd": "giấy chứng nhận quyền sử dụng đất",
    "gcnqsd": "giấy chứng nhận quyền sử dụng",
    "gcn": "giấy chứng nhận",
    "cnqsdd": "chứng nhận quyền sử dụng đất",
    "cnqsd": "chứng nhận quyền sử dụng",
    "qsdd": "quyền sử dụng đất",
    "bhyt": "bảo hiểm y tế",
    "bhxh": "bảo hiểm xã hội",
    "thcs": "trung học cơ sở",
    "thpt": "trung học phổ thông",
    "ntm": "nông thôn mới",
    "gpmb": "giải phóng mặt bằng",
    "tdc": "tái định cư",
    "tdp": "tổ dân phố",
    "atgt": "an toàn giao thông",
    "antt": "an ninh trật tự",
    "vsmt": "vệ sinh môi trường",
    "mttq": "mặt trận tổ quốc",
    "tnhh": "công ty",
    "tp": "thành phố",
    "csht": "cơ sở hạ tầng",
    "hgd": "hộ gia đình",
}

# Road codes: "QL 37", "QL1A", "ĐT-746", "TL 19" name a road whatever its number (keys are folded).
ROAD_CODES: dict[str, str] = {
    "ql": "quốc lộ",
    "dt": "đường tỉnh",
    "tl": "tỉnh lộ",
    "dh": "đường huyện",
    "hl": "hương lộ",
}
