"""Demo information security: Lương Tài's information systems with their security levels
and checks, and its incidents of the first nine months of 2019, none of them serious
("công tác đảm bảo an toàn, an ninh thông tin được đảm bảo, không có sự cố nghiêm trọng nào
xảy ra", seed 004), each worked through the services to its closure with its report sent, a
citizen's report found not to be an incident, and the phishing guide of the portal's
information-security section published from an advisory; Vĩnh Tường's portal; today's Xã
Trung Chính and Xã Lương Tài with their component portals' systems, an incident of this week
still open (a fake page of the commune's People's Committee) with the draft warning for
citizens, and a citizen's report of a phishing text message waiting to be verified."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from tttt.org.models import Unit, User
from tttt.security import services
from tttt.security.models import Advisory, Incident, InformationSystem, SystemCheck

VN = ZoneInfo("Asia/Ho_Chi_Minh")

LUONG_TAI_SYSTEMS = [
    # name, kind, operator, proposed, approved, decision, approved on, in service, personal data
    (
        "Cổng thông tin điện tử huyện Lương Tài",
        "portal",
        "Văn phòng HĐND và UBND huyện Lương Tài",
        2,
        2,
        "1562/QĐ-UBND",
        date(2018, 6, 12),
        date(2016, 3, 1),
        0,
    ),
    (
        "Hệ thống một cửa điện tử huyện Lương Tài",
        "onestop",
        "Văn phòng HĐND và UBND huyện; VNPT Bắc Ninh",
        3,
        3,
        "2104/QĐ-UBND",
        date(2018, 9, 20),
        date(2017, 1, 1),
        48_500,
    ),
    (
        "Hệ thống quản lý văn bản và điều hành huyện Lương Tài",
        "documents",
        "Văn phòng HĐND và UBND huyện",
        2,
        2,
        "1563/QĐ-UBND",
        date(2018, 6, 12),
        date(2015, 7, 1),
        0,
    ),
    (
        "Mạng nội bộ UBND huyện Lương Tài",
        "network",
        "Văn phòng HĐND và UBND huyện",
        2,
        None,
        "",
        None,
        date(2012, 1, 1),
        0,
    ),
]
LUONG_TAI_CHECKS = [
    (
        "Hệ thống một cửa điện tử huyện Lương Tài",
        "assessment",
        date(2019, 5, 16),
        "Sở Thông tin và Truyền thông tỉnh Bắc Ninh",
        "findings",
        "Chưa tách vùng mạng máy chủ; mật khẩu quản trị chưa đổi định kỳ.",
    ),
    (
        "Hệ thống một cửa điện tử huyện Lương Tài",
        "scan",
        date(2019, 8, 22),
        "Trung tâm CNTT và Truyền thông tỉnh Bắc Ninh",
        "passed",
        "",
    ),
    (
        "Cổng thông tin điện tử huyện Lương Tài",
        "assessment",
        date(2017, 11, 3),
        "Sở Thông tin và Truyền thông tỉnh Bắc Ninh",
        "passed",
        "",
    ),
]
# title, system, kind, severity, detected, minutes to respond, description
LUONG_TAI_INCIDENTS = [
    (
        "Thư điện tử giả mạo Sở TT&TT yêu cầu cập nhật mật khẩu thư công vụ",
        None,
        "phishing",
        2,
        datetime(2019, 3, 12, 8, 40, tzinfo=VN),
        35,
        "Ba cán bộ Phòng Tài chính - Kế hoạch nhận thư giả mạo có đường dẫn đến trang đăng nhập giả.",
    ),
    (
        "Máy trạm bộ phận một cửa nhiễm mã độc tống tiền",
        "Hệ thống một cửa điện tử huyện Lương Tài",
        "malware",
        2,
        datetime(2019, 6, 4, 14, 5, tzinfo=VN),
        50,
        "Một máy trạm của bộ phận tiếp nhận và trả kết quả bị mã hóa dữ liệu; máy chủ không bị ảnh hưởng.",
    ),
    (
        "Cổng thông tin điện tử huyện gián đoạn do lỗi đường truyền",
        "Cổng thông tin điện tử huyện Lương Tài",
        "outage",
        1,
        datetime(2019, 8, 19, 7, 30, tzinfo=VN),
        20,
        "Cổng không truy cập được khoảng 3 giờ do sự cố cáp quang của nhà mạng.",
    ),
]


def build_security(write, *, luong_tai: Unit, vinh_tuong: Unit, today_communes: list[Unit]) -> int:
    if InformationSystem.objects.filter(unit=luong_tai).exists():
        return 0
    write("Hệ thống thông tin, sự cố an toàn thông tin…")
    with transaction.atomic():
        return _build(luong_tai, vinh_tuong, today_communes)


def _system(user, unit, name, kind, operator, proposed=None, approved=None, number="", on=None,
            since=None, people=0) -> InformationSystem:  # fmt: skip
    return services.system_save(user=user, system=InformationSystem(
        unit=unit, name=name, kind=kind, operator=operator, proposed_level=proposed, approved_level=approved,
        approval_number=number, approved_on=on, in_service_since=since, users_with_personal_data=people))  # fmt: skip


def _work_through(incident, specialist, leader, *, minutes: int, cause: str, lessons: str) -> None:
    """Every step done in turn from `minutes` after detection, the report sent on time,
    the incident closed by the leader."""
    moment = incident.detected_at + timedelta(minutes=minutes)
    for step in incident.steps.all():
        services.incident_step_done(user=specialist, step=step, at=moment, note="Đã thực hiện")
        moment += timedelta(hours=2)
    for notice in incident.notices.all():
        services.incident_notice_send(user=specialist, notice=notice, at=moment,
                                      sent_to="Sở Thông tin và Truyền thông tỉnh Bắc Ninh",
                                      reference=f"{incident.pk}/BC-UBND")  # fmt: skip
    services.incident_close(user=leader, incident=incident, cause=cause, lessons=lessons,
                            at=moment + timedelta(hours=1))  # fmt: skip


PHISHING_GUIDE = (
    "Nhận diện và phòng tránh lừa đảo qua thư điện tử, tin nhắn, mạng xã hội",
    "Các đối tượng giả danh cơ quan nhà nước, ngân hàng, nhà mạng gửi thư, tin nhắn kèm đường dẫn "
    "để lấy cắp tài khoản và tiền của người dân. UBND huyện Lương Tài hướng dẫn cách nhận biết và "
    "xử lý.",
    "1. Cơ quan nhà nước không yêu cầu người dân cung cấp mật khẩu, mã OTP hay chuyển tiền vào tài "
    "khoản cá nhân qua điện thoại, tin nhắn hoặc mạng xã hội.\n\n"
    "2. Kiểm tra kỹ địa chỉ người gửi và đường dẫn: trang của cơ quan nhà nước có tên miền "
    ".gov.vn; đường dẫn rút gọn, tên miền lạ hoặc sai chính tả là dấu hiệu giả mạo.\n\n"
    "3. Không mở tệp đính kèm không rõ nguồn gốc, nhất là tệp .exe, .zip, tệp văn bản yêu cầu "
    "bật macro.\n\n"
    "4. Khi nghi ngờ, gọi lại số điện thoại chính thức của cơ quan để xác minh; nếu đã cung cấp "
    "thông tin, đổi mật khẩu ngay và báo ngân hàng khóa tài khoản.\n\n"
    "5. Phản ánh trang, tin nhắn lừa đảo tại chuyên mục An toàn thông tin của Cổng thông tin điện "
    "tử huyện hoặc tới Phòng Văn hóa và Thông tin huyện.",
)


def _citizens_and_advisories(luong_tai: Unit, specialist, leader) -> int:
    """A citizen's report found not to be an incident (left out of the figures), and the
    phishing guide of the portal's information-security section (seed 004), published from
    the security app by the leader."""
    report = services.incident_from_citizen(unit=luong_tai, now=datetime(2019, 8, 26, 20, 15, tzinfo=VN),
        report=services.CitizenReport(
            kind=Incident.Kind.OUTAGE, title="Không vào được Cổng thông tin điện tử huyện",
            description="Tối nay tôi không mở được trang Cổng thông tin huyện để xem lịch tiếp công dân.",
            name="Nguyễn Văn Tám", contact="0912 345 678"))  # fmt: skip
    services.incident_dismiss(user=specialist, incident=report,
                              reason="Cổng hoạt động bình thường trong thời gian phản ánh (nhật ký giám sát); "
                                     "người dân gặp sự cố đường truyền Internet của gia đình.")  # fmt: skip
    title, summary, body = PHISHING_GUIDE
    guide = services.advisory_save(user=specialist, advisory=Advisory(
        unit=luong_tai, kind=Advisory.Kind.GUIDE, title=title, summary=summary, body=body))  # fmt: skip
    services.advisory_publish(user=leader, advisory=guide)
    return 2


def _build(luong_tai: Unit, vinh_tuong: Unit, today_communes: list[Unit]) -> int:
    users = {u.username: u for u in User.objects.filter(username__contains=".")}
    specialist, leader = users["luongtai.chuyenvien"], users["luongtai.lanhdao"]
    systems = {}
    for name, kind, operator, proposed, approved, number, on, since, people in LUONG_TAI_SYSTEMS:
        systems[name] = _system(specialist, luong_tai, name, kind, operator, proposed, approved, number, on,
                                since, people)  # fmt: skip
    for name, kind, on, by, result, findings in LUONG_TAI_CHECKS:
        services.system_check_add(user=specialist, check=SystemCheck(
            system=systems[name], kind=kind, checked_on=on, checked_by=by, result=result, findings=findings))  # fmt: skip
    count = len(systems)
    for title, system, kind, severity, detected, minutes, description in LUONG_TAI_INCIDENTS:
        incident = services.incident_report(user=specialist, incident=Incident(
            unit=luong_tai, system=systems.get(system), title=title, description=description, kind=kind,
            severity=severity, source=Incident.Source.STAFF, detected_at=detected,
            reported_at=detected + timedelta(minutes=15)))  # fmt: skip
        _work_through(incident, specialist, leader, minutes=minutes,
                      cause="Cán bộ mở tệp, đường dẫn không rõ nguồn gốc" if kind != "outage" else "Sự cố cáp quang của nhà mạng",
                      lessons="Tập huấn nhận diện thư, tệp độc hại; sao lưu dữ liệu hằng ngày")  # fmt: skip
        count += 1
    count += _citizens_and_advisories(luong_tai, specialist, leader)
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    _system(admin, vinh_tuong, "Cổng thông tin điện tử huyện Vĩnh Tường", "portal",
            "Văn phòng HĐND và UBND huyện Vĩnh Tường", 2, 2, "845/QĐ-UBND", date(2018, 4, 2), date(2014, 1, 1))  # fmt: skip
    incident_vt = services.incident_report(user=admin, incident=Incident(
        unit=vinh_tuong, title="Trang tin huyện Vĩnh Tường bị chèn liên kết quảng cáo cờ bạc", kind="defacement",
        severity=Incident.Severity.MEDIUM, source=Incident.Source.MONITORING,
        detected_at=datetime(2019, 9, 9, 10, 0, tzinfo=VN), reported_at=datetime(2019, 9, 9, 10, 20, tzinfo=VN)))  # fmt: skip
    _work_through(incident_vt, admin, admin, minutes=40, cause="Phần mở rộng của trang chưa cập nhật bản vá",
                  lessons="Cập nhật bản vá hằng tháng; rà quét mã độc trang tin")  # fmt: skip
    count += 2
    now = timezone.now()
    for commune in today_communes:
        _system(admin, commune, f"Trang thông tin điện tử {commune.name}", "portal",
                "Trung tâm Công nghệ thông tin và Truyền thông tỉnh Bắc Ninh", 2, 2, "310/QĐ-UBND",
                date(2025, 8, 15), date(2025, 7, 1))  # fmt: skip
        count += 1
    trung_chinh = today_communes[0]
    specialist_tc = next((u for name, u in users.items() if name.endswith(".chuyenvien")
                          and u.memberships.filter(unit=trung_chinh).exists()), admin)  # fmt: skip
    fake = services.incident_report(user=specialist_tc, incident=Incident(
        unit=trung_chinh, title=f"Trang mạng xã hội giả mạo UBND {trung_chinh.name} kêu gọi nộp tiền làm hồ sơ",
        description="Người dân phản ánh một trang mạng xã hội lấy tên UBND xã, hướng dẫn nộp lệ phí hồ sơ "
                    "đất đai vào tài khoản cá nhân.",
        kind="phishing", severity=Incident.Severity.HIGH, source=Incident.Source.CITIZEN,
        detected_at=now - timedelta(days=2, hours=3), reported_at=now - timedelta(days=2, hours=2)))  # fmt: skip
    first = fake.steps.first()
    services.incident_step_done(user=specialist_tc, step=first, at=now - timedelta(days=2),
                                note="Đã chụp màn hình trang giả mạo, lưu đường dẫn")  # fmt: skip
    services.advisory_save(user=specialist_tc, advisory=Advisory(
        unit=trung_chinh, kind=Advisory.Kind.WARNING, incident=fake,
        title=f"Cảnh báo trang mạng xã hội giả mạo UBND {trung_chinh.name}",
        summary=f"UBND {trung_chinh.name} không thu bất kỳ khoản phí hồ sơ nào qua tài khoản cá nhân.",
        body="Một trang mạng xã hội lấy tên, ảnh trụ sở UBND xã đang hướng dẫn người dân nộp lệ phí hồ sơ "
             "đất đai vào tài khoản cá nhân. Đây là trang giả mạo.\n\nMọi khoản phí, lệ phí thủ tục hành "
             "chính chỉ nộp tại Bộ phận Một cửa hoặc qua Cổng Dịch vụ công quốc gia. Người dân nhận được tin "
             "nhắn, cuộc gọi của trang này hãy báo cho UBND xã."))  # fmt: skip
    thua = today_communes[1]
    services.incident_from_citizen(unit=thua, now=now - timedelta(hours=5), report=services.CitizenReport(
        kind=Incident.Kind.PHISHING, title="Tin nhắn mạo danh công an xã yêu cầu cập nhật định danh điện tử",
        description="Tôi nhận tin nhắn gửi đường dẫn lạ, yêu cầu cài ứng dụng để cập nhật tài khoản định danh "
                    "điện tử, nếu không sẽ bị khóa.",
        seen_at_url="http://dinhdanh-vneid.example.com", name="Lê Thị Hoa", contact="hoa.le@example.vn"))  # fmt: skip
    return count + 3
