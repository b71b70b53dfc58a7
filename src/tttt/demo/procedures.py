"""Procedure names for the demo catalog, grouped by field, with the levels that carry them
(h = district before 2025, x = commune). The names are those of real procedures in the
national catalog. Their codes have the national catalog's shape (`1.001193`), but the
numbers are made up: the Lương Tài catalog's start with 1, Vĩnh Phúc's with 2. Each field
cites the laws in force in 2019, the year the demo's dossiers are from."""

import zlib

FIELDS = {
    "HT": ("Hộ tịch", [
        ("Đăng ký khai sinh", "x"), ("Đăng ký khai sinh có yếu tố nước ngoài", "h"),
        ("Đăng ký kết hôn", "x"), ("Đăng ký kết hôn có yếu tố nước ngoài", "h"),
        ("Đăng ký khai tử", "x"), ("Đăng ký khai tử có yếu tố nước ngoài", "h"),
        ("Đăng ký nhận cha, mẹ, con", "x"), ("Đăng ký nhận cha, mẹ, con có yếu tố nước ngoài", "h"),
        ("Đăng ký khai sinh kết hợp nhận cha, mẹ, con", "hx"), ("Đăng ký lại khai sinh", "hx"),
        ("Đăng ký lại kết hôn", "hx"), ("Đăng ký lại khai tử", "hx"),
        ("Đăng ký giám hộ", "hx"), ("Đăng ký chấm dứt giám hộ", "hx"),
        ("Thay đổi, cải chính, bổ sung thông tin hộ tịch", "hx"),
        ("Cấp Giấy xác nhận tình trạng hôn nhân", "x"), ("Cấp bản sao trích lục hộ tịch", "hx"),
        ("Đăng ký khai sinh lưu động", "x"), ("Đăng ký kết hôn lưu động", "x"),
        ("Đăng ký khai tử lưu động", "x"),
        ("Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài", "h"),
        ("Ghi vào Sổ hộ tịch việc ly hôn, hủy việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài", "h"),
    ]),
    "CT": ("Chứng thực", [
        ("Chứng thực bản sao từ bản chính giấy tờ, văn bản", "hx"),
        ("Chứng thực chữ ký trong các giấy tờ, văn bản", "hx"),
        ("Chứng thực chữ ký người dịch", "h"),
        ("Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", "hx"),
        ("Chứng thực hợp đồng, giao dịch liên quan đến thực hiện quyền của người sử dụng đất", "x"),
        ("Chứng thực di chúc", "x"), ("Chứng thực văn bản từ chối nhận di sản", "x"),
        ("Chứng thực văn bản thỏa thuận phân chia di sản", "hx"),
        ("Chứng thực văn bản khai nhận di sản", "hx"),
        ("Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", "hx"),
        ("Sửa lỗi sai sót trong hợp đồng, giao dịch đã được chứng thực", "hx"),
        ("Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực", "hx"),
    ]),
    "DD": ("Đất đai", [
        ("Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu", "h"),
        ("Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "h"),
        ("Cấp đổi Giấy chứng nhận quyền sử dụng đất", "h"),
        ("Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất", "h"),
        ("Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền", "h"),
        ("Tách thửa hoặc hợp thửa đất", "h"), ("Đính chính Giấy chứng nhận đã cấp", "h"),
        ("Thu hồi Giấy chứng nhận đã cấp không đúng quy định của pháp luật đất đai", "h"),
        ("Hòa giải tranh chấp đất đai", "x"), ("Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch UBND cấp huyện", "h"),
        ("Gia hạn sử dụng đất nông nghiệp của hộ gia đình, cá nhân", "h"),
        ("Xác nhận tiếp tục sử dụng đất nông nghiệp của hộ gia đình, cá nhân khi hết hạn sử dụng đất", "h"),
    ]),
    "XD": ("Xây dựng", [
        ("Cấp giấy phép xây dựng nhà ở riêng lẻ", "h"), ("Cấp giấy phép xây dựng sửa chữa, cải tạo công trình", "h"),
        ("Cấp giấy phép di dời công trình", "h"), ("Điều chỉnh giấy phép xây dựng", "h"),
        ("Gia hạn giấy phép xây dựng", "h"), ("Cấp lại giấy phép xây dựng", "h"),
        ("Thẩm định Báo cáo kinh tế - kỹ thuật đầu tư xây dựng", "h"),
        ("Cấp giấy phép quy hoạch dự án đầu tư xây dựng", "h"),
    ]),
    "KD": ("Thành lập và hoạt động của hộ kinh doanh", [
        ("Đăng ký thành lập hộ kinh doanh", "h"), ("Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "h"),
        ("Tạm ngừng hoạt động hộ kinh doanh", "h"), ("Chấm dứt hoạt động hộ kinh doanh", "h"),
        ("Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh", "h"),
    ]),
    "HTX": ("Thành lập và hoạt động của hợp tác xã", [
        ("Đăng ký thành lập hợp tác xã", "h"), ("Đăng ký thay đổi nội dung đăng ký hợp tác xã", "h"),
        ("Giải thể tự nguyện hợp tác xã", "h"), ("Tạm ngừng hoạt động của hợp tác xã", "h"),
    ]),
    "VH": ("Văn hóa cơ sở", [
        ("Cấp Giấy phép kinh doanh karaoke", "hx"), ("Điều chỉnh Giấy phép kinh doanh karaoke", "hx"),
        ("Thông báo tổ chức lễ hội cấp xã", "x"), ("Đăng ký tổ chức lễ hội", "h"),
        ("Xét tặng danh hiệu Gia đình văn hóa hằng năm", "x"),
        ("Xét tặng Giấy khen Khu dân cư văn hóa", "h"),
        ("Công nhận lần đầu Cơ quan đạt chuẩn văn hóa", "h"),
        ("Thủ tục công nhận xã đạt chuẩn văn hóa nông thôn mới", "h"),
        ("Thông báo thành lập thư viện cộng đồng", "x"),
    ]),
    "TTTT": ("Phát thanh, truyền hình và thông tin điện tử; Xuất bản, in và phát hành", [
        ("Cấp Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng", "hx"),
        ("Sửa đổi, bổ sung Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng", "hx"),
        ("Gia hạn Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng", "hx"),
        ("Cấp lại Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng", "hx"),
        ("Đăng ký hoạt động cơ sở dịch vụ photocopy", "h"), ("Thay đổi thông tin đăng ký hoạt động cơ sở dịch vụ photocopy", "h"),
        ("Cấp giấy phép xuất bản bản tin", "h"),
    ]),
    "GD": ("Giáo dục và Đào tạo", [
        ("Thành lập trường mầm non tư thục", "h"), ("Cho phép trường mầm non hoạt động giáo dục", "h"),
        ("Thành lập nhóm trẻ, lớp mẫu giáo độc lập", "x"), ("Chuyển trường đối với học sinh trung học cơ sở", "h"),
        ("Xét cấp hỗ trợ chi phí học tập cho học sinh", "h"), ("Công nhận xã đạt chuẩn phổ cập giáo dục, xóa mù chữ", "h"),
        ("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "h"), ("Chỉnh sửa nội dung văn bằng, chứng chỉ", "h"),
    ]),
    "LD": ("Lao động, người có công và xã hội", [
        ("Trợ cấp xã hội hằng tháng đối với đối tượng bảo trợ xã hội", "hx"),
        ("Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "hx"),
        ("Thay đổi nơi cư trú của đối tượng được hưởng trợ cấp xã hội hằng tháng", "x"),
        ("Thôi hưởng trợ cấp xã hội hằng tháng", "x"),
        ("Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật", "x"),
        ("Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm", "x"),
        ("Đăng ký nội quy lao động của doanh nghiệp", "h"),
        ("Giải quyết chế độ trợ cấp một lần đối với người có công", "h"),
        ("Thủ tục trợ cấp mai táng phí đối với người có công với cách mạng", "hx"),
        ("Cấp giấy giới thiệu đi thăm viếng mộ liệt sĩ", "h"),
        ("Hỗ trợ kinh phí chăm sóc, nuôi dưỡng đối tượng cần bảo vệ khẩn cấp", "h"),
    ]),
    "TNMT": ("Môi trường", [
        ("Xác nhận đăng ký kế hoạch bảo vệ môi trường", "h"),
        ("Đăng ký khai thác nước dưới đất", "h"), ("Cấp giấy phép môi trường cấp huyện", "h"),
    ]),
    "NN": ("Nông nghiệp và phát triển nông thôn", [
        ("Hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai", "hx"),
        ("Phê duyệt kế hoạch khuyến nông địa phương", "h"),
        ("Cấp Giấy chứng nhận kinh tế trang trại", "h"),
        ("Thẩm định, phê duyệt phương án ứng phó thiên tai cho công trình, vùng hạ du đập", "h"),
    ]),
    "YT": ("Y tế", [
        ("Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "h"),
        ("Xác nhận nội dung quảng cáo thực phẩm", "h"),
        ("Cấp giấy chứng nhận người được cấp chứng chỉ hành nghề dược", "h"),
    ]),
    "CNTM": ("Công Thương", [
        ("Cấp Giấy phép bán lẻ sản phẩm thuốc lá", "h"), ("Cấp Giấy phép bán lẻ rượu", "h"),
        ("Cấp Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh", "h"),
        ("Cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai", "h"),
    ]),
    "TP": ("Tư pháp và hòa giải", [
        ("Thủ tục thực hiện hỗ trợ khi hòa giải viên gặp tai nạn hoặc rủi ro", "x"),
        ("Công nhận tuyên truyền viên pháp luật", "x"), ("Thủ tục bầu hòa giải viên", "x"),
        ("Thủ tục thanh toán thù lao cho hòa giải viên", "x"),
        ("Giải quyết yêu cầu bồi thường tại cơ quan trực tiếp quản lý người thi hành công vụ gây thiệt hại", "h"),
    ]),
    "TG": ("Tôn giáo, tín ngưỡng", [
        ("Đăng ký hoạt động tín ngưỡng", "x"), ("Đăng ký bổ sung hoạt động tín ngưỡng", "x"),
        ("Thông báo danh mục hoạt động tôn giáo đối với tổ chức có địa bàn hoạt động tôn giáo ở một xã", "x"),
        ("Đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo, địa điểm hợp pháp đã đăng ký", "h"),
    ]),
    "TC": ("Tài chính, kế hoạch", [
        ("Đăng ký thành lập tổ hợp tác", "x"), ("Thông báo thay đổi tổ hợp tác", "x"),
        ("Thẩm tra, phê duyệt quyết toán dự án hoàn thành sử dụng vốn nhà nước", "h"),
    ]),
    "NV": ("Thi đua, khen thưởng; tổ chức", [
        ("Tặng Giấy khen của Chủ tịch UBND cấp huyện về thành tích thực hiện nhiệm vụ chính trị", "h"),
        ("Tặng Giấy khen của Chủ tịch UBND cấp xã cho gia đình", "x"),
        ("Thủ tục công nhận ban vận động thành lập hội", "h"),
    ]),
    "GT": ("Giao thông vận tải", [
        ("Cấp phép thi công công trình đường bộ trên đường huyện", "h"),
        ("Cấp phép thi công xây dựng biển quảng cáo tạm thời trong phạm vi hành lang an toàn đường bộ", "h"),
        ("Đăng ký phương tiện thủy nội địa lần đầu", "h"), ("Xóa giấy chứng nhận đăng ký phương tiện thủy nội địa", "h"),
        ("Cấp giấy phép lưu hành xe quá tải trọng trên đường huyện", "h"),
        ("Chấp thuận xây dựng cùng thời điểm với cấp giấy phép thi công xây dựng công trình thiết yếu", "h"),
    ]),
    "KNTC": ("Tiếp công dân, khiếu nại, tố cáo", [
        ("Giải quyết khiếu nại lần đầu", "hx"), ("Giải quyết khiếu nại lần hai", "h"),
        ("Giải quyết tố cáo", "hx"), ("Tiếp công dân", "hx"), ("Xử lý đơn thư", "hx"),
        ("Kê khai tài sản, thu nhập", "hx"), ("Xác minh tài sản, thu nhập", "h"),
    ]),
    "TDTT": ("Thể dục, thể thao và du lịch", [
        ("Công nhận câu lạc bộ thể thao cơ sở", "x"), ("Công nhận lần đầu Phường, Thị trấn đạt chuẩn văn minh đô thị", "h"),
        ("Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao", "h"),
        ("Công nhận điểm du lịch", "h"),
    ]),
    "GDVN": ("Gia đình; phòng, chống tệ nạn xã hội", [
        ("Đăng ký hoạt động đối với cơ sở trợ giúp xã hội dưới 10 đối tượng có hoàn cảnh khó khăn", "h"),
        ("Đăng ký hoạt động cơ sở hỗ trợ nạn nhân bạo lực gia đình", "h"),
        ("Cấp Giấy chứng nhận đăng ký hoạt động cơ sở tư vấn về phòng, chống bạo lực gia đình", "h"),
        ("Quyết định quản lý cai nghiện ma túy tự nguyện tại gia đình", "x"),
        ("Quyết định cai nghiện ma túy tự nguyện tại cộng đồng", "hx"),
        ("Đăng ký cai nghiện ma túy tự nguyện", "x"),
        ("Hỗ trợ học văn hóa, học nghề, trợ cấp khó khăn ban đầu cho nạn nhân bị mua bán", "x"),
    ]),
    "TE": ("Trẻ em", [
        ("Áp dụng các biện pháp can thiệp khẩn cấp hoặc tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại", "h"),
        ("Chấm dứt việc chăm sóc thay thế cho trẻ em", "h"), ("Đăng ký nhận chăm sóc thay thế cho trẻ em đối với cá nhân, người đại diện gia đình nhận chăm sóc thay thế", "x"),
        ("Thông báo nhận chăm sóc thay thế cho trẻ em đối với cá nhân, người đại diện gia đình nhận chăm sóc thay thế là người thân thích của trẻ em", "x"),
        ("Phê duyệt kế hoạch hỗ trợ, can thiệp đối với trẻ em bị xâm hại hoặc có nguy cơ bị bạo lực, bóc lột, bỏ rơi", "h"),
    ]),
    "NoV": ("Nội vụ", [
        ("Thẩm định việc thành lập, tổ chức lại, giải thể đơn vị sự nghiệp công lập", "h"),
        ("Thủ tục xét tuyển viên chức", "h"), ("Thủ tục tiếp nhận vào viên chức", "h"),
        ("Thủ tục thi nâng hạng chức danh nghề nghiệp viên chức", "h"),
        ("Thủ tục thành lập thôn mới, tổ dân phố mới", "h"), ("Thủ tục phân loại đơn vị hành chính cấp xã", "h"),
        ("Công nhận ban vận động thành lập hội có phạm vi hoạt động trong xã", "h"),
        ("Thủ tục cho phép hội đặt văn phòng đại diện", "h"), ("Thủ tục phê duyệt điều lệ hội", "h"),
        ("Thủ tục chia, tách; sáp nhập; hợp nhất hội", "h"), ("Thủ tục đổi tên hội", "h"), ("Thủ tục hội tự giải thể", "h"),
    ]),
    "TL": ("Thủy lợi", [
        ("Phê duyệt, điều chỉnh quy trình vận hành đối với công trình thủy lợi lớn và công trình thủy lợi vừa do UBND tỉnh phân cấp", "h"),
        ("Phê duyệt phương án cắm mốc chỉ giới phạm vi bảo vệ công trình thủy lợi", "h"),
        ("Cấp giấy phép cho các hoạt động trong phạm vi bảo vệ công trình thủy lợi", "h"),
        ("Hỗ trợ dự án liên kết sản xuất và tiêu thụ sản phẩm nông nghiệp", "h"),
        ("Công nhận xã đạt chuẩn nông thôn mới", "h"), ("Công nhận thôn đạt chuẩn nông thôn mới kiểu mẫu", "h"),
    ]),
    "DT": ("Công tác dân tộc", [
        ("Công nhận người có uy tín trong đồng bào dân tộc thiểu số", "h"),
        ("Đưa ra khỏi danh sách người có uy tín", "h"),
    ]),
    "QS": ("Quốc phòng, dân quân tự vệ", [
        ("Đăng ký nghĩa vụ quân sự lần đầu", "x"), ("Đăng ký bổ sung, thay đổi thông tin nghĩa vụ quân sự", "x"),
        ("Đăng ký tạm vắng nghĩa vụ quân sự", "x"), ("Thực hiện chế độ hưu trí đối với quân nhân", "h"),
        ("Giải quyết chế độ trợ cấp một lần đối với người được cử làm chuyên gia sang giúp Lào", "h"),
    ]),
}  # fmt: skip


# The legal basis of each field's procedures, as in force in 2019 (no text of a later year).
LEGAL_BASIS = {
    "HT": "Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ",
    "CT": "Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch",
    "DD": "Luật Đất đai số 45/2013/QH13; Nghị định số 43/2014/NĐ-CP ngày 15/5/2014 của Chính phủ",
    "XD": "Luật Xây dựng số 50/2014/QH13; Nghị định số 59/2015/NĐ-CP ngày 18/6/2015 của Chính phủ",
    "KD": "Nghị định số 78/2015/NĐ-CP ngày 14/9/2015 của Chính phủ về đăng ký doanh nghiệp",
    "HTX": "Luật Hợp tác xã số 23/2012/QH13; Nghị định số 193/2013/NĐ-CP ngày 21/11/2013 của Chính phủ",
    "VH": "Nghị định số 103/2009/NĐ-CP ngày 06/11/2009 của Chính phủ ban hành Quy chế hoạt động văn hóa và kinh doanh dịch vụ văn hóa công cộng",
    "TTTT": "Nghị định số 72/2013/NĐ-CP ngày 15/7/2013 của Chính phủ (sửa đổi bởi Nghị định số 27/2018/NĐ-CP); Nghị định số 60/2014/NĐ-CP ngày 19/6/2014 của Chính phủ quy định về hoạt động in",
    "GD": "Luật Giáo dục số 38/2005/QH11; Nghị định số 46/2017/NĐ-CP ngày 21/4/2017 của Chính phủ",
    "LD": "Pháp lệnh Ưu đãi người có công với cách mạng số 04/2012/UBTVQH13; Nghị định số 136/2013/NĐ-CP ngày 21/10/2013 của Chính phủ",
    "TNMT": "Luật Bảo vệ môi trường số 55/2014/QH13; Nghị định số 18/2015/NĐ-CP ngày 14/02/2015 của Chính phủ",
}  # fmt: skip
DEFAULT_LEGAL_BASIS = "Quyết định công bố danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của UBND cấp huyện, cấp xã của Chủ tịch UBND tỉnh"


def national_code(series: int, name: str, level: str, taken: set[str]) -> str:
    """A code in the national catalog's shape (`1.001193`), stable for a name and level."""
    n = zlib.crc32(f"{name}|{level}".encode()) % 11_000 + 1_000
    while (code := f"{series}.{n:06d}") in taken:
        n += 1
    taken.add(code)
    return code
