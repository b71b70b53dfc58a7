"""Words for the demo portals: titles, leads and paragraphs of the kind district portals
publish, filled with the demo units' real commune names; document summaries; questions
and answers; extra procedure names for Vĩnh Phúc's catalog (families of licences, as the
national catalog lists them: issue, re-issue, amend, extend)."""

# Each title comes with the sentence that tells what happened, so a story's body is about
# its title; {actor} is the commune or the district the title names.
NEWS_TITLES = [
    (
        "{commune} tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
        "Ngày hội có phần lễ ôn lại truyền thống Mặt trận Tổ quốc Việt Nam và phần hội với các trò chơi dân gian, văn nghệ của {n} khu dân cư.",
    ),
    (
        "{commune} ra quân tổng vệ sinh môi trường, khơi thông dòng chảy",
        "Hơn {n0} đoàn viên, hội viên và nhân dân đã phát quang bờ bụi, nạo vét kênh mương, thu gom rác thải trên các tuyến đường liên thôn.",
    ),
    (
        "UBND huyện kiểm tra công tác cải cách hành chính tại {commune}",
        "Đoàn kiểm tra xem xét việc niêm yết thủ tục hành chính, sổ theo dõi hồ sơ và kết quả giải quyết hồ sơ đúng hạn tại bộ phận một cửa của xã.",
    ),
    (
        "Kiểm tra các điểm kinh doanh dịch vụ Internet, trò chơi điện tử tại {commune}",
        "Đoàn đã kiểm tra {n} điểm, tập trung vào giờ mở cửa, khoảng cách đến cổng trường học và diện tích phòng máy theo quy định.",
    ),
    (
        "{commune} tuyên truyền phòng, chống bệnh dịch tả lợn châu Phi",
        "Đài truyền thanh xã phát tin hằng ngày; cán bộ thú y đến từng hộ chăn nuôi hướng dẫn khử trùng chuồng trại và khai báo khi lợn có dấu hiệu bệnh.",
    ),
    (
        "Trao quà cho gia đình chính sách tại {commune} nhân kỷ niệm ngày Thương binh – Liệt sĩ",
        "Đoàn đã thăm và tặng {n} suất quà cho các gia đình thương binh, liệt sĩ, người có công với cách mạng trên địa bàn.",
    ),
    (
        "{commune} ra quân huấn luyện dân quân tự vệ",
        "Lực lượng dân quân được huấn luyện chính trị, điều lệnh, kỹ thuật bắn súng và phương án phòng, chống thiên tai.",
    ),
    (
        "{commune} khởi công tuyến đường giao thông nông thôn",
        "Tuyến đường dài {km} km, mặt đường bê tông rộng 3,5 m, do nhân dân đóng góp ngày công và hiến đất mở rộng.",
    ),
    (
        "Hội Nông dân {commune} tập huấn kỹ thuật thâm canh lúa chất lượng cao",
        "Gần {n0} hội viên được hướng dẫn kỹ thuật làm mạ, bón phân cân đối và phòng trừ sâu bệnh cho vụ mùa.",
    ),
    (
        "{commune} tổ chức hội nghị tiếp xúc cử tri trước kỳ họp HĐND",
        "Cử tri đã nêu {n} ý kiến, kiến nghị về đường giao thông, nước sạch, đất đai và thủ tục hành chính; các ý kiến được trả lời ngay tại hội nghị.",
    ),
    (
        "{commune} đón nhận danh hiệu làng văn hóa",
        "Các thôn được công nhận đã duy trì tốt hương ước, quy ước, không có tệ nạn xã hội và có trên 90% gia đình đạt danh hiệu gia đình văn hóa.",
    ),
    (
        "Đoàn thanh niên {commune} ra quân Chiến dịch thanh niên tình nguyện hè",
        "Đoàn viên thanh niên làm sạch đường làng, sửa sang sân chơi cho thiếu nhi và hướng dẫn người dân nộp hồ sơ trực tuyến.",
    ),
    (
        "{commune} tổng kết năm học, khen thưởng học sinh giỏi",
        "Năm học vừa qua, các trường trên địa bàn có {n} học sinh đạt giải cấp huyện, cấp tỉnh; tỷ lệ học sinh lên lớp đạt {pct}%.",
    ),
    (
        "Kiểm tra an toàn thực phẩm tại các bếp ăn tập thể trên địa bàn {commune}",
        "Đoàn kiểm tra nguồn gốc thực phẩm, lưu mẫu thức ăn và giấy khám sức khỏe của người chế biến tại {n} bếp ăn.",
    ),
    (
        "{commune} triển khai tiếp nhận hồ sơ trực tuyến tại bộ phận một cửa",
        "Bộ phận một cửa bố trí máy tính và cán bộ hướng dẫn người dân nộp hồ sơ khai sinh, chứng thực qua Cổng dịch vụ công.",
    ),
    (
        "Đài truyền thanh {commune} được đầu tư thiết bị mới",
        "Hệ thống gồm máy phát và {n} cụm loa không dây, phủ sóng đến tất cả các thôn, khu phố.",
    ),
    (
        "{commune} tổ chức lễ giao nhận quân",
        "{n} thanh niên ưu tú lên đường nhập ngũ; lãnh đạo xã tặng quà và động viên các tân binh.",
    ),
    (
        "Hội Cựu chiến binh {commune} sơ kết phong trào thi đua",
        "Nhiều hội viên phát triển kinh tế giỏi, tham gia hòa giải ở cơ sở và giữ gìn an ninh trật tự tại khu dân cư.",
    ),
    (
        "{commune} hoàn thành bàn giao mặt bằng dự án cụm công nghiệp",
        "Các hộ có đất thu hồi đã nhận tiền bồi thường, hỗ trợ và bàn giao mặt bằng đúng tiến độ.",
    ),
    (
        "Hội Liên hiệp Phụ nữ {commune} ra mắt mô hình “Phụ nữ tiết kiệm”",
        "Mô hình có {n} thành viên, mỗi tháng góp tiết kiệm để giúp hội viên khó khăn vay vốn không lãi phát triển sản xuất.",
    ),
    (
        "{commune} ra mắt mô hình “Camera an ninh” tại khu dân cư",
        "Các camera được lắp ở cổng làng và ngã ba, kết nối về trụ sở công an xã, góp phần giữ gìn an ninh trật tự.",
    ),
    (
        "{commune} tổ chức lễ hội truyền thống",
        "Lễ hội có lễ rước, tế cổ truyền và các trò chơi dân gian như kéo co, đánh cờ người, thu hút đông đảo nhân dân và du khách.",
    ),
    (
        "{commune} tiêm vắc xin phòng bệnh cho đàn gia súc, gia cầm",
        "Đợt tiêm phòng này bảo đảm trên {pct}% tổng đàn được tiêm vắc xin lở mồm long móng, tụ huyết trùng và cúm gia cầm.",
    ),
    (
        "{commune} tổ chức ngày hội hiến máu tình nguyện",
        "Ngày hội đã tiếp nhận {n0} đơn vị máu từ cán bộ, đoàn viên thanh niên và nhân dân.",
    ),
    (
        "Ra mắt tổ công nghệ số cộng đồng ở {commune}",
        "Mỗi thôn có một tổ công nghệ số cộng đồng, hướng dẫn người dân cài ứng dụng, thanh toán trực tuyến và nộp hồ sơ qua mạng.",
    ),
    (
        "{commune} khánh thành nhà văn hóa thôn",
        "Nhà văn hóa được xây bằng ngân sách và nhân dân đóng góp, có hội trường {n0} chỗ ngồi và sân thể thao.",
    ),
    (
        "{commune} tổ chức giải bóng chuyền hơi chào mừng Quốc khánh",
        "Giải quy tụ {n} đội đến từ các thôn, chi hội, diễn ra sôi nổi trong hai ngày.",
    ),
    (
        "{commune} tuyên truyền pháp luật về an toàn giao thông cho học sinh",
        "Học sinh được hướng dẫn đội mũ bảo hiểm đúng cách, đi xe đạp an toàn và không dàn hàng trên đường.",
    ),
    (
        "{commune} rà soát hộ nghèo, hộ cận nghèo",
        "Ban chỉ đạo rà soát đến từng hộ, công khai danh sách tại nhà văn hóa thôn để nhân dân góp ý trước khi trình huyện.",
    ),
    (
        "{commune} phát động phong trào thi đua xây dựng nông thôn mới kiểu mẫu",
        "Xã đặt mục tiêu có thêm thôn đạt chuẩn nông thôn mới kiểu mẫu, trồng hoa, cây xanh trên các tuyến đường liên thôn.",
    ),
    (
        "{commune} ra quân thu dọn rác thải sau mưa lớn",
        "Lực lượng dân quân, đoàn viên và nhân dân đã dọn sạch rác thải, cây đổ trên các tuyến đường, khơi thông cống rãnh.",
    ),
    (
        "{commune} tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân",
        "Buổi đối thoại tập trung vào bồi thường giải phóng mặt bằng, cấp giấy chứng nhận quyền sử dụng đất và môi trường.",
    ),
    (
        "Công an {commune} ra mắt mô hình “Khu dân cư an toàn về an ninh trật tự”",
        "Mỗi khu dân cư có tổ tự quản, tổ an ninh nhân dân và số điện thoại đường dây nóng để người dân báo tin.",
    ),
    (
        "{commune} tổ chức hội thi tìm hiểu pháp luật",
        "Hội thi có {n} đội dự thi, với các phần chào hỏi, trả lời câu hỏi và xử lý tình huống về pháp luật.",
    ),
    (
        "Trạm Y tế {commune} khám sức khỏe miễn phí cho người cao tuổi",
        "Hơn {n0} người cao tuổi được đo huyết áp, xét nghiệm đường huyết và tư vấn chế độ dinh dưỡng.",
    ),
    (
        "{commune} đẩy mạnh thanh toán không dùng tiền mặt",
        "Việc chi trả trợ cấp xã hội và thu phí, lệ phí tại bộ phận một cửa đã được thực hiện qua tài khoản ngân hàng.",
    ),
    (
        "{commune} hướng dẫn người dân sử dụng dịch vụ công trực tuyến",
        "Cán bộ một cửa và đoàn viên thanh niên đã hướng dẫn {n0} lượt người dân tạo tài khoản và nộp hồ sơ qua mạng.",
    ),
    (
        "{commune} tổng kết công tác hòa giải ở cơ sở",
        "Các tổ hòa giải đã hòa giải thành {n} vụ việc về đất đai, hôn nhân gia đình và tranh chấp nhỏ trong cộng đồng.",
    ),
    (
        "Hội Người cao tuổi {commune} mừng thọ các cụ tròn tuổi",
        "Các cụ tròn 70, 80, 90 tuổi được tặng giấy chúc thọ, mừng thọ và quà của Hội.",
    ),
    (
        "{commune} nghiệm thu công trình kênh mương nội đồng",
        "Tuyến kênh dài {km} km được kiên cố hóa, bảo đảm tưới tiêu chủ động cho các cánh đồng của xã.",
    ),
]
DISTRICT_NEWS_TITLES = [
    (
        "{district} tổ chức hội nghị giao ban công tác tháng {month}",
        "Hội nghị đánh giá kết quả thực hiện nhiệm vụ tháng {month} và triển khai công tác trọng tâm tháng tiếp theo.",
    ),
    (
        "Thường trực HĐND {district} giám sát công tác giải quyết thủ tục hành chính",
        "Đoàn giám sát làm việc với bộ phận một cửa của huyện và một số xã, xem xét hồ sơ trễ hạn và nguyên nhân.",
    ),
    (
        "{district} triển khai nhiệm vụ phát triển kinh tế – xã hội tháng {month}",
        "Các cơ quan, đơn vị được giao chỉ tiêu cụ thể về thu ngân sách, giải ngân vốn đầu tư công và cải cách hành chính.",
    ),
    (
        "{district} tập huấn nghiệp vụ hộ tịch cho cán bộ tư pháp các xã",
        "Cán bộ tư pháp – hộ tịch của {n} xã, thị trấn được hướng dẫn sử dụng phần mềm đăng ký hộ tịch và các quy định mới.",
    ),
    (
        "Khai mạc giải bóng đá thanh niên {district} năm {year}",
        "Giải có {n} đội bóng của các xã, thị trấn tham gia, thi đấu vòng tròn tại sân vận động trung tâm huyện.",
    ),
    (
        "{district} tập huấn ứng dụng chữ ký số cho cán bộ, công chức",
        "Học viên được hướng dẫn ký số văn bản điện tử, gửi nhận văn bản trên hệ thống quản lý văn bản và điều hành.",
    ),
    (
        "Đoàn công tác của tỉnh làm việc với {district} về xây dựng nông thôn mới",
        "Đoàn ghi nhận huyện đã có nhiều xã đạt chuẩn nông thôn mới và đề nghị tập trung vào các tiêu chí về môi trường, thu nhập.",
    ),
    (
        "{district} kiểm tra công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm {year}",
        "Đoàn kiểm tra các trạm bơm, đê bao và phương án sơ tán dân ở các xã ven sông trước mùa mưa bão.",
    ),
    (
        "{district} phổ biến, quán triệt các văn bản pháp luật mới ban hành tháng {month}",
        "Cán bộ chủ chốt của huyện và các xã được phổ biến các luật, nghị định mới có hiệu lực và nhiệm vụ triển khai.",
    ),
    (
        "{district} sơ kết công tác quản lý nhà nước về thông tin và truyền thông",
        "Hội nghị đánh giá hoạt động của cổng thông tin điện tử, đài truyền thanh cơ sở và việc quản lý các điểm kinh doanh Internet, trò chơi điện tử.",
    ),
    (
        "{district} họp báo cung cấp thông tin định kỳ tháng {month}",
        "Lãnh đạo huyện thông tin với báo chí về kết quả phát triển kinh tế – xã hội và trả lời các câu hỏi của phóng viên.",
    ),
    (
        "Thường trực HĐND {district} tiếp công dân định kỳ tháng {month}",
        "Các ý kiến của công dân được ghi nhận, chuyển cơ quan có thẩm quyền giải quyết và trả lời theo quy định.",
    ),
    (
        "{district} giao ban công tác cải cách hành chính tháng {month}",
        "Các phòng, ban và UBND các xã báo cáo tỷ lệ hồ sơ đúng hạn, nguyên nhân hồ sơ quá hạn và giải pháp khắc phục.",
    ),
    (
        "Ban Chỉ đạo chuyển đổi số {district} họp phiên tháng {month}",
        "Ban Chỉ đạo đánh giá tỷ lệ hồ sơ trực tuyến, việc ký số văn bản và hoạt động của tổ công nghệ số cộng đồng.",
    ),
    (
        "{district} kiểm tra công tác dân số, trẻ em tháng {month}",
        "Đoàn kiểm tra sổ sách, số liệu về dân số, kế hoạch hóa gia đình và chăm sóc trẻ em tại một số xã.",
    ),
]
ARTICLE_TITLES = [
    (
        "{commune}: Những chuyển biến tích cực trong xây dựng nông thôn mới",
        "Từ những con đường đất lầy lội, nay các tuyến đường thôn đã được bê tông hóa, có điện chiếu sáng và hàng cây xanh.",
    ),
    (
        "Hiệu quả từ mô hình một cửa liên thông ở {commune}",
        "Người dân nay chỉ đến một nơi để nộp hồ sơ và nhận kết quả; tỷ lệ hồ sơ giải quyết đúng hạn đạt {pct}%.",
    ),
    (
        "Gương sáng cựu chiến binh làm kinh tế giỏi ở {commune}",
        "Từ vài sào ruộng, ông đã mở trang trại tổng hợp, tạo việc làm thường xuyên cho {n} lao động địa phương.",
    ),
    (
        "Chuyển đổi số trong cải cách hành chính ở cấp xã: kinh nghiệm từ {commune}",
        "Cán bộ xã được trang bị chữ ký số; văn bản đi, đến được gửi nhận trên môi trường mạng, giảm hẳn giấy tờ.",
    ),
    (
        "Giữ gìn nghề truyền thống ở {commune}",
        "Nghề truyền thống được các thế hệ gìn giữ, nay có thêm sản phẩm được bán qua sàn thương mại điện tử.",
    ),
    (
        "{commune} chung sức làm đường giao thông nông thôn",
        "Nhiều hộ tự nguyện hiến đất, tháo dỡ tường rào để mở rộng đường, với tổng chiều dài {km} km.",
    ),
    (
        "Dấu ấn công tác dân vận khéo ở {commune}",
        "Mô hình dân vận khéo giúp giải quyết dứt điểm nhiều vụ việc tồn đọng ngay từ cơ sở.",
    ),
    (
        "Phong trào khuyến học, khuyến tài ở {commune}",
        "Quỹ khuyến học của các dòng họ, thôn xóm mỗi năm khen thưởng hàng trăm học sinh giỏi và hỗ trợ học sinh khó khăn.",
    ),
    (
        "Nâng cao chất lượng hoạt động của đài truyền thanh cơ sở ở {commune}",
        "Đài truyền thanh xã phát sóng ba buổi mỗi tuần, có chuyên mục riêng về thủ tục hành chính và pháp luật.",
    ),
    (
        "Quản lý điểm kinh doanh trò chơi điện tử gần trường học: bài học từ {commune}",
        "Xã lập danh sách các điểm, phối hợp với nhà trường và phụ huynh để học sinh không vào điểm trong giờ học.",
    ),
    (
        "Người giữ lửa phong trào văn nghệ quần chúng ở {commune}",
        "Đội văn nghệ của thôn luyện tập mỗi tối, biểu diễn phục vụ các ngày lễ lớn và hội diễn của huyện.",
    ),
    (
        "{commune}: Hiệu quả từ mô hình cánh đồng lớn",
        "Khi gom ruộng thành cánh đồng lớn, cơ giới hóa được đưa vào sản xuất, chi phí giảm và năng suất tăng rõ rệt.",
    ),
    (
        "Thay đổi nếp nghĩ, cách làm của nông dân {commune}",
        "Nhiều hộ đã mạnh dạn chuyển đất lúa kém hiệu quả sang trồng rau màu, cây ăn quả, cho thu nhập cao hơn.",
    ),
    (
        "{commune} và câu chuyện làm sạch môi trường nông thôn",
        "Mỗi thôn có tổ thu gom rác, người dân phân loại rác tại nhà, các tuyến đường đã sạch hơn trước.",
    ),
    (
        "Đưa thông tin pháp luật về thôn, xóm ở {commune}",
        "Tủ sách pháp luật và loa truyền thanh giúp người dân tiếp cận các quy định mới một cách dễ hiểu.",
    ),
    (
        "{commune}: Nâng cao chất lượng giáo dục vùng nông thôn",
        "Các trường được đầu tư phòng học, thiết bị, giáo viên đổi mới phương pháp; tỷ lệ học sinh khá, giỏi tăng đều.",
    ),
    (
        "Bí thư chi bộ thôn tận tụy ở {commune}",
        "Ông vận động bà con hiến đất làm đường, xây nhà văn hóa và luôn là người đầu tiên có mặt khi thôn có việc.",
    ),
    (
        "{commune} chăm lo cho người có công",
        "Các gia đình chính sách được hỗ trợ sửa nhà, thăm hỏi thường xuyên; không có gia đình người có công nào thuộc diện hộ nghèo.",
    ),
    (
        "Làm giàu từ mô hình chăn nuôi an toàn sinh học ở {commune}",
        "Trang trại áp dụng quy trình chăn nuôi khép kín, không để dịch bệnh xâm nhập, mỗi năm cho lãi hàng trăm triệu đồng.",
    ),
    (
        "Phát triển kinh tế tập thể ở {commune}",
        "Hợp tác xã cung ứng giống, vật tư và bao tiêu sản phẩm, giúp xã viên yên tâm sản xuất.",
    ),
]
LEADS = [
    "Ngày {day}/{month}/{year}, {actor} đã tổ chức hoạt động với sự tham gia của đông đảo cán bộ và nhân dân.",
    "Sáng {day}/{month}/{year}, {actor} phối hợp với các ban, ngành đoàn thể triển khai kế hoạch đã đề ra.",
    "Thực hiện kế hoạch năm {year}, trong ngày {day}/{month}, {actor} đã hoàn thành các nội dung theo kế hoạch.",
    "Chiều {day}/{month}/{year}, {actor} tổ chức buổi làm việc để đánh giá kết quả và bàn giải pháp thời gian tới.",
]
# Closing paragraphs: for a commune's story, and for the district's own.
PARAGRAPHS = [
    "Theo báo cáo, đến nay {actor} đã hoàn thành {pct}% kế hoạch đề ra, cao hơn cùng kỳ năm trước. Nhiều phần việc được nhân dân đồng tình, hưởng ứng.",
    "Phát biểu tại buổi làm việc, đồng chí lãnh đạo {district} đề nghị {actor} tiếp tục phát huy kết quả đạt được, khắc phục hạn chế, tập trung hoàn thành nhiệm vụ trong những tháng cuối năm.",
    "Dịp này, {actor} đã khen thưởng {n} tập thể và cá nhân có thành tích xuất sắc trong phong trào thi đua.",
    "Công tác tuyên truyền được thực hiện qua hệ thống đài truyền thanh cơ sở, cổng thông tin điện tử và các buổi sinh hoạt thôn, khu phố.",
    "Trong thời gian tới, {actor} sẽ tiếp tục đẩy mạnh ứng dụng công nghệ thông tin, nâng cao chất lượng phục vụ người dân và doanh nghiệp.",
]
DISTRICT_PARAGRAPHS = [
    "Kết luận hội nghị, đồng chí Chủ tịch UBND {district} yêu cầu các cơ quan, đơn vị và UBND các xã, thị trấn bám sát kế hoạch, hoàn thành nhiệm vụ được giao.",
    "Dịp này, UBND {district} đã khen thưởng {n} tập thể và cá nhân có thành tích xuất sắc.",
    "Công tác tuyên truyền được thực hiện qua cổng thông tin điện tử huyện, đài truyền thanh các xã, thị trấn và các buổi sinh hoạt thôn, khu phố.",
    "Theo báo cáo, đến nay các nhiệm vụ trọng tâm của {district} đã hoàn thành {pct}% kế hoạch năm.",
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
        "Báo cáo công tác cải cách hành chính quý {quarter}",
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
