"""Press relations demo (seeds 003, 004), through the services:

- Lương Tài, 2019: the district's spokespeople published on its portal, three issues raised
  by the press (one answered and published, one answered, one still open past its
  deadline), two statements and a press conference;
- today's Trung Chính: an article of this week not yet assigned.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from tttt.org.models import Unit, User
from tttt.press import services
from tttt.press.models import PressIssue, PressStatement, Spokesperson

ISSUES = [  # outlet, title, published, field, summary, deadline, answer (date, text, published)
    ("Báo Bắc Ninh", "Cáp viễn thông chằng chịt trên phố Thứa", date(2019, 3, 18), "Viễn thông",
     "Nhiều tuyến cáp viễn thông treo thấp, chằng chịt trên cột điện dọc phố Thứa, mất mỹ quan và "
     "nguy hiểm cho người đi đường.", date(2019, 4, 15),
     (date(2019, 4, 10), "Phòng Văn hóa và Thông tin đã làm việc với các doanh nghiệp viễn thông; "
      "đã chỉnh trang 2,3 km cáp treo trên phố Thứa, hoàn thành trước 30/4/2019.", True)),
    ("Báo điện tử Dân trí", "Người dân chờ lâu khi nhận kết quả hồ sơ đất đai", date(2019, 6, 6),
     "Thủ tục hành chính", "Một số hộ dân phản ánh hồ sơ cấp giấy chứng nhận quyền sử dụng đất trả "
     "kết quả chậm so với giấy hẹn.", date(2019, 6, 28),
     (date(2019, 6, 25), "Đã rà soát 14 hồ sơ; 3 hồ sơ trễ hẹn do phải xác minh nguồn gốc đất, "
      "đã có văn bản xin lỗi người dân và trả kết quả.", False)),
    ("Báo Tuổi Trẻ", "Quán game mở khuya gần trường học", date(2019, 9, 9), "Internet, trò chơi điện tử",
     "Một số điểm trò chơi điện tử gần trường THCS hoạt động sau 22 giờ, có học sinh chơi.",
     date(2019, 9, 27), None),
]  # fmt: skip


def build_press(write, *, luong_tai: Unit, today_commune: Unit) -> None:
    if PressIssue.objects.exists():
        return
    admin = User.objects.get(username="admin")
    office = Unit.objects.get(
        parent=luong_tai, kind=Unit.Kind.OFFICE, name="Phòng Văn hóa và Thông tin"
    )
    head = services.spokesperson_save(user=admin, person=Spokesperson(
        unit=luong_tai, name="Lê Quang Minh", position="Chủ tịch UBND huyện", role=Spokesperson.Role.HEAD,
        phone="0222 3866 000", email="ubnd@luongtai.example.vn", valid_from=date(2016, 7, 1)))  # fmt: skip
    speaker = services.spokesperson_save(user=admin, person=Spokesperson(
        unit=luong_tai, name="Phạm Thị Lan", position="Chánh Văn phòng HĐND và UBND huyện",
        role=Spokesperson.Role.SPOKESPERSON, phone="0222 3866 001", email="vanphong@luongtai.example.vn",
        decision="Quyết định số 15/QĐ-UBND ngày 08/01/2019 của UBND huyện", valid_from=date(2019, 1, 8)))  # fmt: skip
    issues = []
    for outlet, title, published, field, summary, deadline, answer in ISSUES:
        issue = services.issue_save(user=admin, issue=PressIssue(
            unit=luong_tai, outlet=outlet, title=title, published_on=published, topic=field,
            summary=summary, concerned=office))  # fmt: skip
        services.issue_assign(user=admin, issue=issue, assignee=office, deadline=deadline,
                              on=published + timedelta(days=1), note="Kiểm tra, báo cáo và dự thảo trả lời.")  # fmt: skip
        if answer:
            on, text, public = answer
            services.issue_respond(user=admin, issue=issue, response=text, on=on, published=public,
                                   url="https://luongtai.example.vn/tra-loi-bao-chi" if public else "")  # fmt: skip
        issues.append(issue)
    for kind, on, title, content, issue in [
        (PressStatement.Kind.WRITTEN, date(2019, 4, 11), "Trả lời Báo Bắc Ninh về chỉnh trang cáp viễn thông",
         ISSUES[0][6][1], issues[0]),
        (PressStatement.Kind.STATEMENT, date(2019, 7, 2), "Thông tin về tiến độ giải quyết hồ sơ đất đai",
         "Huyện đã kiện toàn Bộ phận tiếp nhận và trả kết quả; 96% hồ sơ 6 tháng đầu năm trả đúng hẹn.", None),
        (PressStatement.Kind.CONFERENCE, date(2019, 9, 30), "Họp báo kết quả kinh tế – xã hội 9 tháng năm 2019",
         "Thông tin kết quả 9 tháng; trả lời câu hỏi của phóng viên về quản lý điểm trò chơi điện tử gần trường học.",
         None),
    ]:  # fmt: skip
        services.statement_save(user=admin, statement=PressStatement(
            unit=luong_tai, kind=kind, given_on=on, title=title, content=content, issue=issue,
            spokesperson=head if kind == PressStatement.Kind.CONFERENCE else speaker,
            outlets="Báo Bắc Ninh, Đài PT-TH Bắc Ninh" if kind == PressStatement.Kind.CONFERENCE else ""))  # fmt: skip
    services.issue_save(user=admin, issue=PressIssue(
        unit=today_commune, outlet="Báo Bắc Ninh", title="Loa truyền thanh thôn phát quá sớm",
        published_on=timezone.localdate() - timedelta(days=2), topic="Truyền thanh cơ sở",
        summary="Người dân phản ánh cụm loa ở thôn phát lúc 5 giờ sáng, âm lượng lớn."))  # fmt: skip
    write(
        f"Báo chí: {PressIssue.objects.count()} vấn đề báo nêu, {PressStatement.objects.count()} lần phát ngôn."
    )
