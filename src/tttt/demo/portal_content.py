"""Words for the demo portals: titles, leads and paragraphs of the kind district portals
publish, filled with the demo units' real commune names; document summaries; questions
and answers; extra procedure names for Vĩnh Phúc's catalog (families of licences, as the
national catalog lists them: issue, re-issue, amend, extend)."""

NEWS_TITLES = [
    "{commune} tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
    "{commune} ra quân tổng vệ sinh môi trường, khơi thông dòng chảy",
    "UBND huyện kiểm tra công tác cải cách hành chính tại {commune}",
    "Kiểm tra các điểm kinh doanh dịch vụ Internet, trò chơi điện tử tại {commune}",
    "{commune} tuyên truyền phòng, chống bệnh dịch tả lợn châu Phi",
    "Trao quà cho gia đình chính sách tại {commune} nhân kỷ niệm ngày Thương binh – Liệt sĩ",
    "{commune} ra quân huấn luyện dân quân tự vệ",
    "{commune} khởi công tuyến đường giao thông nông thôn",
    "Hội Nông dân {commune} tập huấn kỹ thuật thâm canh lúa chất lượng cao",
    "{commune} tổ chức hội nghị tiếp xúc cử tri trước kỳ họp HĐND",
    "{commune} đón nhận danh hiệu làng văn hóa",
    "Đoàn thanh niên {commune} ra quân Chiến dịch thanh niên tình nguyện hè",
    "{commune} tổng kết năm học, khen thưởng học sinh giỏi",
    "Kiểm tra an toàn thực phẩm tại các bếp ăn tập thể trên địa bàn {commune}",
    "{commune} triển khai tiếp nhận hồ sơ trực tuyến tại bộ phận một cửa",
    "Đài truyền thanh {commune} được đầu tư thiết bị mới",
    "{commune} tổ chức lễ giao nhận quân",
    "Hội Cựu chiến binh {commune} sơ kết phong trào thi đua",
    "{commune} hoàn thành bàn giao mặt bằng dự án cụm công nghiệp",
    "Hội Liên hiệp Phụ nữ {commune} ra mắt mô hình “Phụ nữ tiết kiệm”",
]
DISTRICT_NEWS_TITLES = [
    "{district} tổ chức hội nghị giao ban công tác tháng {month}",
    "Thường trực HĐND {district} giám sát công tác giải quyết thủ tục hành chính",
    "{district} triển khai nhiệm vụ phát triển kinh tế – xã hội tháng {month}",
    "Hội nghị tập huấn nghiệp vụ công tác hộ tịch cho cán bộ tư pháp các xã",
    "Khai mạc giải bóng đá thanh niên {district}",
    "{district} tập huấn ứng dụng chữ ký số cho cán bộ, công chức",
    "Đoàn công tác của tỉnh làm việc với {district} về xây dựng nông thôn mới",
    "{district} kiểm tra công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
    "Hội nghị phổ biến, quán triệt các văn bản pháp luật mới ban hành",
    "{district} sơ kết công tác quản lý nhà nước về thông tin và truyền thông",
]
ARTICLE_TITLES = [
    "{commune}: Những chuyển biến tích cực trong xây dựng nông thôn mới",
    "Hiệu quả từ mô hình một cửa liên thông ở {commune}",
    "Gương sáng cựu chiến binh làm kinh tế giỏi ở {commune}",
    "Chuyển đổi số trong cải cách hành chính ở cấp xã: kinh nghiệm từ {commune}",
    "Giữ gìn nghề truyền thống ở {commune}",
    "{commune} chung sức làm đường giao thông nông thôn",
    "Dấu ấn công tác dân vận khéo ở {commune}",
    "Phong trào khuyến học, khuyến tài ở {commune}",
    "Nâng cao chất lượng hoạt động của đài truyền thanh cơ sở ở {commune}",
    "Quản lý điểm kinh doanh trò chơi điện tử gần trường học: bài học từ {commune}",
]
LEADS = [
    "Ngày {day}/{month}/{year}, {actor} đã tổ chức hoạt động với sự tham gia của đông đảo cán bộ và nhân dân.",
    "Sáng {day}/{month}/{year}, {actor} phối hợp với các ban, ngành đoàn thể triển khai kế hoạch đã đề ra.",
    "Thực hiện kế hoạch năm {year}, trong ngày {day}/{month}, {actor} đã hoàn thành các nội dung theo chỉ đạo của huyện.",
    "Chiều {day}/{month}/{year}, {actor} tổ chức buổi làm việc để đánh giá kết quả và bàn giải pháp thời gian tới.",
]
PARAGRAPHS = [
    "Theo báo cáo, đến nay {actor} đã hoàn thành {pct}% kế hoạch đề ra, cao hơn cùng kỳ năm trước. Nhiều phần việc được nhân dân đồng tình, hưởng ứng.",
    "Phát biểu tại buổi làm việc, đồng chí lãnh đạo {district} đề nghị {actor} tiếp tục phát huy kết quả đạt được, khắc phục hạn chế, tập trung hoàn thành nhiệm vụ trong những tháng cuối năm.",
    "Dịp này, {actor} đã khen thưởng {n} tập thể và cá nhân có thành tích xuất sắc trong phong trào thi đua.",
    "Công tác tuyên truyền được thực hiện qua hệ thống đài truyền thanh cơ sở, cổng thông tin điện tử và các buổi sinh hoạt thôn, khu phố.",
    "Qua kiểm tra, đoàn đánh giá các cơ sở cơ bản chấp hành đúng quy định; một số tồn tại được nhắc nhở, yêu cầu khắc phục trong thời hạn.",
    "Trong thời gian tới, {actor} sẽ tiếp tục đẩy mạnh ứng dụng công nghệ thông tin, nâng cao chất lượng phục vụ người dân và doanh nghiệp.",
]
IMAGE_CAPTIONS = [
    "Quang cảnh buổi lễ",
    "Lãnh đạo huyện phát biểu chỉ đạo",
    "Các đại biểu tham quan mô hình",
    "Đoàn kiểm tra làm việc tại cơ sở",
    "Nhân dân tham gia ra quân",
    "Trao giấy khen cho các tập thể, cá nhân",
]
BYLINES = [
    "Tin: Nguyên Hồng. Ảnh: Trung Thành",
    "Tin, ảnh: Minh Hương",
    "Bài, ảnh: Thu Hà",
    "Tin: Đức Anh",
    "Văn Tuấn (Trung tâm Văn hóa – Thông tin – Thể thao)",
]

# (type code, symbol, summary templates) for directive documents of the district People's Committee.
DIRECTIVES = [
    ("ke-hoach", "KH-UBND", [
        "Kế hoạch tuyên truyền, phổ biến giáo dục pháp luật năm {year}",
        "Kế hoạch kiểm tra hoạt động kinh doanh dịch vụ Internet, trò chơi điện tử công cộng năm {year}",
        "Kế hoạch cải cách hành chính năm {year}",
        "Kế hoạch tổ chức các hoạt động kỷ niệm ngày lễ lớn tháng {month}/{year}",
        "Kế hoạch ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước năm {year}",
        "Kế hoạch triển khai dịch vụ công trực tuyến mức độ 3, 4",
    ]),
    ("cong-van", "UBND-VP", [
        "V/v tăng cường công tác phòng, chống dịch tả lợn châu Phi",
        "V/v triển khai sử dụng hệ thống thư điện tử công vụ",
        "V/v đôn đốc cập nhật thông tin lên trang thông tin điện tử thành phần",
        "V/v chấn chỉnh công tác tiếp nhận, trả kết quả hồ sơ thủ tục hành chính",
        "V/v bảo đảm an toàn thông tin mạng trong cơ quan nhà nước",
        "V/v rà soát các điểm cung cấp dịch vụ trò chơi điện tử gần trường học",
    ]),
    ("quyet-dinh", "QĐ-UBND", [
        "Quyết định kiện toàn Ban Biên tập Cổng thông tin điện tử huyện",
        "Quyết định thành lập đoàn kiểm tra liên ngành về văn hóa – xã hội",
        "Quyết định công bố danh mục thủ tục hành chính thực hiện tại bộ phận một cửa",
        "Quyết định giao chỉ tiêu kế hoạch phát triển kinh tế – xã hội tháng {month}",
    ]),
    ("thong-bao", "TB-UBND", [
        "Thông báo kết luận của Chủ tịch UBND huyện tại buổi làm việc với {commune}",
        "Thông báo lịch tiếp công dân định kỳ tháng {month}/{year}",
        "Thông báo nghỉ lễ và bố trí trực tại bộ phận một cửa",
    ]),
    ("chi-thi", "CT-UBND", [
        "Chỉ thị về tăng cường công tác quản lý nhà nước đối với hoạt động karaoke, Internet",
        "Chỉ thị về đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng của người dân",
    ]),
    ("bao-cao", "BC-UBND", [
        "Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế – xã hội tháng {month}/{year}",
        "Báo cáo công tác cải cách hành chính quý",
    ]),
]  # fmt: skip

# National documents of the sector, with their relations (number, type, issuer, issued,
# effective, summary, [(kind, number)]).
LEGAL = [
    ("43/2011/NĐ-CP", "nghi-dinh", "Chính phủ", (2011, 6, 13), (2011, 8, 1),
     "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến trên trang thông tin điện tử hoặc cổng thông tin điện tử của cơ quan nhà nước", []),
    ("72/2013/NĐ-CP", "nghi-dinh", "Chính phủ", (2013, 7, 15), (2013, 9, 1),
     "Quản lý, cung cấp, sử dụng dịch vụ Internet và thông tin trên mạng", []),
    ("103/2009/NĐ-CP", "nghi-dinh", "Chính phủ", (2009, 11, 6), (2010, 1, 1),
     "Ban hành Quy chế hoạt động văn hóa và kinh doanh dịch vụ văn hóa công cộng", []),
    ("27/2018/NĐ-CP", "nghi-dinh", "Chính phủ", (2018, 3, 1), (2018, 4, 15),
     "Sửa đổi, bổ sung một số điều của Nghị định số 72/2013/NĐ-CP", [("amends", "72/2013/NĐ-CP")]),
    ("54/2019/NĐ-CP", "nghi-dinh", "Chính phủ", (2019, 6, 19), (2019, 9, 1),
     "Quy định về kinh doanh dịch vụ karaoke, dịch vụ vũ trường", [("amends", "103/2009/NĐ-CP")]),
    ("42/2022/NĐ-CP", "nghi-dinh", "Chính phủ", (2022, 6, 24), (2022, 8, 1),
     "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng", [("replaces", "43/2011/NĐ-CP")]),
    ("147/2024/NĐ-CP", "nghi-dinh", "Chính phủ", (2024, 11, 9), (2024, 12, 25),
     "Quản lý, cung cấp, sử dụng dịch vụ Internet và thông tin trên mạng", [("replaces", "72/2013/NĐ-CP")]),
]  # fmt: skip

QUESTIONS = [
    ("Thủ tục mở điểm trò chơi điện tử công cộng",
     "Tôi muốn mở điểm cung cấp dịch vụ trò chơi điện tử công cộng tại nhà, diện tích 40 m². Xin hỏi cần những giấy tờ gì và nộp ở đâu?",
     "Hồ sơ gồm: đơn đề nghị cấp Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng theo mẫu; bản sao Giấy chứng nhận đăng ký hộ kinh doanh. Hồ sơ nộp tại bộ phận một cửa hoặc trực tuyến trên Cổng dịch vụ công. Điểm phải cách cổng trường tiểu học, trung học từ 200 m trở lên.",
     "Phòng Văn hóa và Thông tin"),
    ("Giờ hoạt động của quán karaoke",
     "Quán karaoke gần nhà tôi hoạt động đến 1 giờ sáng, gây ồn ào. Xin hỏi quy định về giờ hoạt động như thế nào?",
     "Theo Nghị định 54/2019/NĐ-CP, cơ sở karaoke không được hoạt động từ 0 giờ đến 8 giờ sáng. Phòng Văn hóa và Thông tin đã phối hợp với UBND xã kiểm tra, nhắc nhở cơ sở.",
     "Phòng Văn hóa và Thông tin"),
    ("Đăng ký khai sinh trực tuyến",
     "Tôi có thể đăng ký khai sinh cho con qua mạng không, và bao lâu thì nhận được kết quả?",
     "Có. Thủ tục đăng ký khai sinh được cung cấp trực tuyến; kết quả được trả trong ngày làm việc khi hồ sơ hợp lệ.",
     "Phòng Tư pháp"),
    ("Cấp giấy phép xây dựng nhà ở riêng lẻ",
     "Nhà tôi ở thị trấn, muốn xây nhà 3 tầng thì có cần xin giấy phép xây dựng không?",
     "Nhà ở riêng lẻ tại đô thị phải có giấy phép xây dựng. Hồ sơ nộp tại bộ phận một cửa huyện; thời hạn giải quyết 15 ngày làm việc.",
     "Phòng Kinh tế và Hạ tầng"),
    ("Sóng điện thoại yếu ở thôn",
     "Thôn tôi sóng điện thoại di động rất yếu, nhất là trong nhà. Huyện có kế hoạch lắp thêm trạm phát sóng không?",
     "UBND huyện đã đề nghị các doanh nghiệp viễn thông khảo sát, bổ sung trạm BTS tại khu vực; dự kiến hoàn thành trong năm.",
     "Phòng Văn hóa và Thông tin"),
    ("Hỗ trợ người cao tuổi",
     "Mẹ tôi 80 tuổi, không có lương hưu. Xin hỏi có được hưởng trợ cấp xã hội không?",
     "Người từ đủ 80 tuổi không có lương hưu, trợ cấp bảo hiểm xã hội hằng tháng được hưởng trợ cấp xã hội hằng tháng. Gia đình lập tờ khai nộp tại UBND xã.",
     "Phòng Lao động – Thương binh và Xã hội"),
]  # fmt: skip
PENDING_QUESTIONS = [
    ("Đăng ký hộ kinh doanh cửa hàng photocopy",
     "Tôi muốn mở cửa hàng photocopy nhỏ, có phải đăng ký hoạt động in không?"),
    ("Lịch tiếp công dân tháng 10",
     "Xin cho biết lịch tiếp công dân của Chủ tịch UBND huyện trong tháng 10."),
]  # fmt: skip
COMMENTS = [
    ("Rất thiết thực", "Hoạt động rất thiết thực, bà con trong thôn đều phấn khởi.", 5),
    ("Đề nghị làm thêm", "Mong huyện tiếp tục đầu tư đường liên thôn ở khu vực phía Nam.", 4),
    ("Cảm ơn ban biên tập", "Tin tức cập nhật nhanh, dễ đọc.", 5),
    ("Góp ý", "Nên đăng thêm ảnh về các hoạt động của thanh niên.", 4),
]  # fmt: skip
CONTACTS = [
    ("Văn phòng HĐND và UBND huyện", "Chánh Văn phòng"),
    ("Phòng Văn hóa và Thông tin", "Trưởng phòng"),
    ("Bộ phận tiếp nhận và trả kết quả", "Tổ trưởng"),
    ("Phòng Tư pháp", "Trưởng phòng"),
    ("Trung tâm Văn hóa – Thông tin – Thể thao", "Giám đốc"),
]

# Vĩnh Phúc's extra procedures, as families (field code, field name, level, objects, verbs).
VERBS_LICENCE = ["Cấp {o}", "Cấp lại {o}", "Cấp sửa đổi, bổ sung {o}", "Gia hạn {o}"]
VERBS_SCHOOL = [
    "Thành lập {o}",
    "Cho phép {o} hoạt động giáo dục",
    "Sáp nhập, chia, tách {o}",
    "Giải thể {o}",
]
VERBS_COMMUNE = ["Đăng ký {o}", "Xác nhận {o}", "Giải quyết {o}"]
EXTRA_DISTRICT = [
    ("CNTM", "Công thương", VERBS_LICENCE, [
        "Giấy phép bán lẻ rượu", "Giấy phép bán lẻ sản phẩm thuốc lá", "Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh",
        "Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai", "Giấy xác nhận ưu đãi dự án sản xuất sản phẩm công nghiệp hỗ trợ",
    ]),
    ("XD", "Xây dựng", VERBS_LICENCE, [
        "Giấy phép xây dựng nhà ở riêng lẻ", "Giấy phép xây dựng công trình không theo tuyến", "Giấy phép xây dựng công trình theo tuyến",
        "Giấy phép xây dựng công trình tín ngưỡng, tôn giáo", "Giấy phép xây dựng công trình quảng cáo", "Giấy phép xây dựng có thời hạn",
        "Giấy phép di dời công trình", "Giấy phép sửa chữa, cải tạo công trình",
    ]),
    ("GD", "Giáo dục và Đào tạo", VERBS_SCHOOL, [
        "trường mầm non công lập", "trường mầm non tư thục", "trường tiểu học công lập", "trường tiểu học tư thục",
        "trường trung học cơ sở công lập", "trường trung học cơ sở tư thục", "trường phổ thông dân tộc bán trú", "trung tâm học tập cộng đồng",
        "nhà trẻ, nhóm trẻ độc lập", "trường liên cấp tiểu học và trung học cơ sở",
    ]),
    ("YT", "Y tế", VERBS_LICENCE, [
        "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở dịch vụ ăn uống", "Giấy phép hoạt động đối với trạm y tế cấp xã",
        "Giấy chứng nhận đủ điều kiện kinh doanh dược đối với quầy thuốc", "Giấy phép hoạt động phòng khám chẩn đoán hình ảnh",
    ]),
    ("TNMT", "Tài nguyên và Môi trường", VERBS_LICENCE, [
        "Giấy phép khai thác, sử dụng nước dưới đất quy mô nhỏ", "Giấy phép xả nước thải vào nguồn nước quy mô nhỏ",
        "Giấy phép môi trường cấp huyện", "Giấy phép khai thác khoáng sản làm vật liệu xây dựng thông thường",
    ]),
    ("NN", "Nông nghiệp và Phát triển nông thôn", VERBS_LICENCE, [
        "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm nông, lâm, thủy sản", "Giấy phép hoạt động trong phạm vi bảo vệ công trình thủy lợi",
        "Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật",
    ]),
    ("VH", "Văn hóa, thể thao và du lịch", VERBS_LICENCE, [
        "Giấy phép kinh doanh dịch vụ karaoke", "Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao",
        "Giấy phép tổ chức lễ hội", "Giấy chứng nhận đủ điều kiện kinh doanh dịch vụ lưu trú du lịch",
    ]),
    ("TTTT", "Thông tin và Truyền thông", VERBS_LICENCE, [
        "Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng", "Giấy xác nhận đăng ký hoạt động cơ sở in",
        "Giấy phép hoạt động của đài truyền thanh cấp xã",
    ]),
]  # fmt: skip
EXTRA_COMMUNE = [
    ("TG", "Tín ngưỡng, tôn giáo", VERBS_COMMUNE, [
        "hoạt động tín ngưỡng", "bổ sung hoạt động tín ngưỡng", "sinh hoạt tôn giáo tập trung", "người đại diện nhóm sinh hoạt tôn giáo tập trung",
        "tổ chức lễ hội tín ngưỡng", "hoạt động tôn giáo ngoài cơ sở tôn giáo",
    ]),
    ("LD", "Lao động, người có công và xã hội", VERBS_COMMUNE, [
        "trợ cấp xã hội hằng tháng cho người cao tuổi", "trợ cấp xã hội hằng tháng cho người khuyết tật", "hỗ trợ chi phí mai táng",
        "hộ nghèo, hộ cận nghèo phát sinh trong năm", "hỗ trợ người lao động mất việc làm", "chế độ ưu đãi người có công với cách mạng",
        "thẻ bảo hiểm y tế cho người có công", "hỗ trợ học nghề cho lao động nông thôn",
    ]),
    ("NoV", "Nội vụ, thi đua khen thưởng", VERBS_COMMUNE, [
        "khen thưởng thành tích thực hiện nhiệm vụ chính trị", "khen thưởng theo đợt, chuyên đề", "khen thưởng đột xuất",
        "danh hiệu Gia đình văn hóa", "danh hiệu Thôn, tổ dân phố văn hóa", "thành lập thôn, tổ dân phố mới",
    ]),
    ("NN", "Nông nghiệp và Phát triển nông thôn", VERBS_COMMUNE, [
        "hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai", "kinh tế trang trại", "phương án sử dụng tầng đất mặt",
        "hỗ trợ giống cây trồng sau thiên tai", "chuyển đổi cơ cấu cây trồng trên đất trồng lúa",
    ]),
    ("TP", "Tư pháp, hòa giải cơ sở", VERBS_COMMUNE, [
        "công nhận hòa giải viên", "thôi làm hòa giải viên", "thanh toán thù lao cho hòa giải viên", "công nhận tuyên truyền viên pháp luật",
        "tuyên truyền viên pháp luật thôi làm nhiệm vụ",
    ]),
    ("GD", "Giáo dục", VERBS_COMMUNE, [
        "thành lập nhóm trẻ, lớp mẫu giáo độc lập", "cho phép nhóm trẻ hoạt động giáo dục", "hỗ trợ học tập cho trẻ mẫu giáo",
        "hỗ trợ học sinh khuyết tật",
    ]),
]  # fmt: skip


def family_names(families, count: int):
    """(field code, field name, procedure name) for the first `count` names of `families`."""
    names = []
    for code, field, verbs, objects in families:
        for obj in objects:
            for verb in verbs:
                names.append((code, field, verb.format(o=obj)))
    if len(names) < count:
        raise ValueError(f"only {len(names)} names for {count}")
    return names[:count]
