"""Reporting demo: the seed reports reproduced from the records the other builders made.

- Seed 004: Lương Tài's report for the first 9 months of 2019 (figures computed from the
  dossiers, portal pages, certificates, inspections and radio log; the post office's 61% of
  plan, 100% of party cells with a daily paper and 213 integrated services entered by hand),
  submitted on 10/10/2019 and accepted by the province.
- Seed 002: Long An's quarterly report for Q1/2013 (61% on time, 26 of 175 postal points
  suspended, four undergrounding routes extended), and its districts' quarterly reports:
  most on time, some late, some missing.
- Seed 000: the town council's 2014 supervision visit to Cửa Lò, its recommendations as
  tasks of the town's culture and information office.
- Seed 003: Nghệ An's emulation cluster I in 2015: 5 of 7 units excellent, Vinh and Cửa Lò
  "xuất sắc tiêu biểu"; Vinh leads the cluster in 2015, Cửa Lò in 2016 with Hưng Nguyên
  as deputy.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from tttt.core.periods import Period
from tttt.org.models import Unit, User
from tttt.reporting import services
from tttt.reporting.models import (
    Cluster,
    ClusterMember,
    Criterion,
    FormIndicator,
    FormSection,
    ManualIndicator,
    Report,
    ReportForm,
    SupervisionVisit,
)

SECTIONS = [
    ("Kết quả đạt được", "Số liệu và kết quả nổi bật trong kỳ"),
    ("Tồn tại, hạn chế và nguyên nhân", ""),
    ("Nhiệm vụ trọng tâm kỳ tới", ""),
    ("Kiến nghị, đề xuất", "Với UBND tỉnh, Sở và các cơ quan liên quan"),
]

MANUAL = [
    ("bc.buu_dien_ke_hoach", "Bưu điện hoàn thành % kế hoạch năm", "percent", "ratio", ""),
    ("bc.chi_bo_bao_doc", "Tỷ lệ chi bộ có báo đọc trong ngày", "percent", "ratio", ""),
    (
        "bc.dvc_tich_hop",
        "Dịch vụ hành chính công tích hợp vào phần mềm một cửa",
        "count",
        "sum",
        "",
    ),
    (
        "bc.dvc_muc_do_3_4",
        "Trong đó: dịch vụ công trực tuyến mức độ 3, 4",
        "count",
        "sum",
        "bc.dvc_tich_hop",
    ),
]

DISTRICT_9M = [
    ("Bưu chính, báo chí", ["bc.buu_dien_ke_hoach", "bc.chi_bo_bao_doc"]),
    ("Dịch vụ văn hóa thông tin", ["establishments.certificates_temporary", "inspections.establishments_inspected",
                                   "inspections.establishments_penalised"]),
    ("Ứng dụng công nghệ thông tin", ["infra.certificates_received", "bc.dvc_tich_hop", "bc.dvc_muc_do_3_4"]),
    ("Cổng thông tin điện tử", ["portal.news_items", "portal.articles", "portal.images",
                                "portal.directive_documents"]),
    ("Một cửa điện tử", ["onestop.received", "onestop.resolved_in_time", "onestop.received_in_time_rate"]),
    ("Đài truyền thanh", ["infra.radio_news_programmes", "infra.radio_items_used", "infra.radio_relays",
                          "infra.radio_tv_clips", "infra.radio_tv_features", "infra.radio_posted_online"]),
    ("An toàn thông tin", ["security.incidents", "security.serious_incidents", "security.notices_on_time_share"]),
    ("Báo chí, xuất bản", ["press.issues", "press.issues_answered", "press.statements", "press.conferences",
                           "inspections.recall_checks", "inspections.recall_copies"]),
]  # fmt: skip

PROVINCE_QUARTER = [
    ("Một cửa điện tử", ["onestop.received", "onestop.resolved", "onestop.on_time_rate"]),
    ("Bưu chính, viễn thông", ["infra.postal_points", "infra.postal_points_suspended",
                               "infra.undergrounding_overdue", "infra.bts_operating"]),
    ("Kiểm tra, xử lý vi phạm (Internet, trò chơi, SIM, xuất bản…)", ["inspections.done", "inspections.penalties"]),
    ("Quản lý thuê bao di động trả trước", ["establishments.operating_sim", "inspections.sim_inspected",
                                           "inspections.sim_with_violations"]),
]  # fmt: skip

DISTRICT_QUARTER = [
    ("Một cửa điện tử", ["onestop.received", "onestop.resolved", "onestop.on_time_rate"]),
    ("Bưu chính", ["infra.postal_points", "infra.postal_points_suspended"]),
]

LUONG_TAI_TEXT = [
    "Bưu điện huyện hoàn thành 61% kế hoạch năm 2019; 100% chi bộ có báo đọc trong ngày. Cấp Giấy chứng "
    "nhận tạm thời cho 02 cơ sở kinh doanh trò chơi điện tử công cộng; kiểm tra 25 điểm, xử phạt 5 điểm vi "
    "phạm. Tiếp nhận 103 chứng thư số chuyên dùng cho các cơ quan, đơn vị. Cổng TTĐT thành phần huyện đưa "
    "197 tin, 65 bài, 576 hình ảnh, 151 văn bản chỉ đạo điều hành; tích hợp 213 dịch vụ hành chính công; "
    "tiếp nhận 10.847 hồ sơ qua hệ thống một cửa điện tử, trong đó 10.494 hồ sơ đúng và trước hạn (96,75%).\n"
    "Đài truyền thanh huyện sản xuất và phát sóng gần 300 chương trình thời sự, sử dụng trên 3.400 tin, bài, "
    "4 chương trình tiếp âm trực tiếp, trên 300 clip truyền hình, 40 chuyên mục truyền hình và đăng tải 260 "
    "chương trình thời sự trên website.",
    "Việc triển khai, sử dụng các ứng dụng dùng chung của tỉnh còn hạn chế; công tác quản lý sim rác còn "
    "nhiều khó khăn; đại bộ phận người dân còn hạn chế về kỹ năng ứng dụng công nghệ thông tin nên hiệu quả "
    "sử dụng dịch vụ công mức độ 3 còn thấp, số lượng hồ sơ giao dịch ít.",
    "Đẩy mạnh tuyên truyền nâng cao nhận thức của cán bộ, công chức, người dân và doanh nghiệp về lợi ích của "
    "ứng dụng CNTT, nhất là dịch vụ công trực tuyến; ứng dụng truyền thông đa phương tiện vào hoạt động báo "
    "chí, truyền thông.",
    "Đề nghị Sở TT&TT cung cấp tài khoản ứng dụng «Phân tích dữ liệu mạng xã hội đảm bảo an toàn thông tin» "
    "để UBND huyện nắm bắt thông tin, dư luận xã hội trên môi trường mạng.",
]

LONG_AN_TEXT = [
    "Dự án ứng dụng CNTT thực hiện cơ chế một cửa, một cửa liên thông giai đoạn 2 đã hoàn thành bàn giao, "
    "nghiệm thu tại 04 huyện, thành phố: Tân An, Cần Đước, Bến Lức, Mộc Hóa. Tỷ lệ hồ sơ giải quyết đúng hạn "
    "của cả tỉnh là 61%; Châu Thành, Đức Hòa, Mộc Hóa, Cần Giuộc trên 80%.",
    "Việc ngầm hóa 03 tuyến đường ở thành phố Tân An và 01 tuyến đường ở huyện Bến Lức đã được gia hạn đến "
    "tháng 6/2013 nhưng trong quý I các doanh nghiệp chưa triển khai. Có 26/175 điểm bưu điện văn hóa xã tạm "
    "ngưng hoạt động do không có nhân viên phục vụ. Quản lý thuê bao di động trả trước chưa được quan tâm "
    "đúng mức.",
    "Tiếp tục sử dụng thư điện tử của tỉnh trong gửi, nhận văn bản; quản lý Internet và trò chơi trực tuyến; "
    "triển khai Thông tư 04/2012/TT-BTTTT; chỉnh trang cáp viễn thông treo giai đoạn 1; tăng cường kiểm tra, "
    "xử lý vi phạm.",
    "",
]

CUA_LO_RECOMMENDATIONS = [
    ("Tuyên truyền, phổ biến các Nghị định mới của Chính phủ về lĩnh vực thông tin và truyền thông; tham mưu "
     "UBND thị xã ban hành kịp thời văn bản thực hiện.", date(2014, 12, 31), date(2014, 12, 20)),
    ("Nâng cao chất lượng hoạt động của Cổng thông tin điện tử thị xã: cập nhật kịp thời, chú trọng tin bài "
     "phản ánh sát thực tiễn và có tính định hướng.", date(2015, 3, 31), date(2015, 3, 25)),
    ("Tăng cường công tác bảo đảm an toàn, an ninh mạng.", date(2015, 6, 30), None),
    ("Tham mưu UBND thị xã về việc sử dụng hòm thư điện tử công vụ trong giải quyết công việc.",
     date(2015, 3, 31), date(2015, 4, 15)),
]  # fmt: skip

# Seed 003: hand-given points per criterion (the BTS criterion is computed); totals
# Vinh 97, Cửa Lò 96, Diễn Châu 93, Nghi Lộc 91, Yên Thành 90, Hưng Nguyên 86, Nam Đàn 84.
CLUSTER_POINTS = {
    "Thành phố Vinh": (20, 19, 19, 19),
    "Thị xã Cửa Lò": (19, 19, 19, 19),
    "Huyện Diễn Châu": (19, 18, 18, 18),
    "Huyện Nghi Lộc": (18, 18, 18, 17),
    "Huyện Yên Thành": (18, 18, 17, 17),
    "Huyện Hưng Nguyên": (17, 17, 16, 16),
    "Huyện Nam Đàn": (16, 16, 16, 16),
}
CRITERIA = [
    ("Phát triển hạ tầng viễn thông (trạm BTS mới trong năm)", "infra.bts_new", 40),
    ("Quản lý báo chí, xuất bản, thông tin cơ sở", "", None),
    ("Quản lý dịch vụ Internet, trò chơi điện tử công cộng", "", None),
    ("Chất lượng Cổng/Trang thông tin điện tử", "", None),
    ("Ứng dụng CNTT trong cải cách hành chính", "", None),
]


def _form(code, name, level, kind, groups):
    form = ReportForm.objects.create(code=code, name=name, level=level, period_kind=kind, due_days=15,
                                     legal_basis="Chế độ báo cáo thống kê ngành TT&TT (chưa kiểm chứng số hiệu)")  # fmt: skip
    position = 0
    for group, codes in groups:
        for code_ in codes:
            position += 1
            FormIndicator.objects.create(form=form, position=position, code=code_, group=group)
    for i, (title, guidance) in enumerate(SECTIONS, start=1):
        FormSection.objects.create(form=form, position=i, title=title, guidance=guidance)
    return form


def _at(day: date, hour=9) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _submit(report, user, day, *, accept_by=None, accepted_on=None):
    services.report_submit(user=user, report=report)
    Report.objects.filter(pk=report.pk).update(first_submitted_at=_at(day), submitted_at=_at(day))
    if accept_by is not None:
        services.report_accept(user=accept_by, report=report)
        Report.objects.filter(pk=report.pk).update(accepted_at=_at(accepted_on or day, 15))


def build_reporting(write, *, luong_tai: Unit, long_an: Unit, cua_lo: Unit, cluster: list[Unit]):
    write("Báo cáo định kỳ, đoàn giám sát, thi đua…")
    admin = User.objects.get(username="admin")
    for code, name, measure, aggregation, whole in MANUAL:
        ManualIndicator.objects.create(code=code, name=name, measure=measure, aggregation=aggregation,
                                       whole_code=whole)  # fmt: skip
    district_9m = _form("bc-9t-huyen", "Báo cáo công tác quản lý nhà nước về thông tin và truyền thông",
                        "district", "9m", DISTRICT_9M)  # fmt: skip
    province_q = _form("bc-quy-tinh", "Báo cáo quý công tác thông tin và truyền thông", "province",
                       "quarter", PROVINCE_QUARTER)  # fmt: skip
    district_q = _form("bc-quy-huyen", "Báo cáo quý công tác thông tin và truyền thông cấp huyện",
                       "district", "quarter", DISTRICT_QUARTER)  # fmt: skip

    # Seed 004: Lương Tài, 9 months of 2019.
    officer = User.objects.get(username="luongtai.baocao")
    report = services.report_open(
        user=officer, form=district_9m, unit=luong_tai, period=Period.first_nine_months(2019)
    )
    services.report_save(
        user=officer, report=report,
        figures={"bc.buu_dien_ke_hoach": "61", "bc.chi_bo_bao_doc": "100", "bc.dvc_tich_hop": "213",
                 "bc.dvc_muc_do_3_4": "46"},
        texts=dict(enumerate(LUONG_TAI_TEXT, start=1)),
        number="186/BC-UBND", place="Lương Tài", signed_on=date(2019, 10, 10),
        signer_title="KT. Chủ tịch\nPhó Chủ tịch", signer_name="Trần Xuân Nhiên",
        recipients="Sở Thông tin và Truyền thông tỉnh Bắc Ninh;\nThường trực Huyện ủy, HĐND huyện;\nLưu: VT, VHTT.",
    )  # fmt: skip
    _submit(report, officer, date(2019, 10, 10), accept_by=admin, accepted_on=date(2019, 10, 14))

    # Seed 002: Long An, Q1/2013, and its districts' quarterly reports.
    q1 = Period.quarter(2013, 1)
    officer = User.objects.get(username="longan.baocao")
    report = services.report_open(user=officer, form=province_q, unit=long_an, period=q1)
    services.report_save(user=officer, report=report, texts=dict(enumerate(LONG_AN_TEXT, start=1)),
                         number="45/BC-STTTT", place="Long An", signed_on=date(2013, 4, 12),
                         signer_title="KT. Giám đốc\nPhó Giám đốc", signer_name="Nguyễn Hòa Nhã",
                         recipients="Bộ Thông tin và Truyền thông;\nUBND tỉnh;\nLưu: VT, BCXB.")  # fmt: skip
    _submit(report, officer, date(2013, 4, 12))
    districts = list(long_an.children.filter(kind=Unit.Kind.DISTRICT).order_by("code"))
    for i, district in enumerate(districts):
        if i % 7 == 6:  # two districts never sent theirs
            continue
        report = services.report_open(user=admin, form=district_q, unit=district, period=q1)
        services.report_save(user=admin, report=report, texts={1: f"{district.name}: kết quả quý I/2013."},
                             place=district.short_name or district.name, signed_on=date(2013, 4, 8))  # fmt: skip
        late = i % 5 == 4
        _submit(report, admin, date(2013, 4, 18) if late else date(2013, 4, 10 + i % 5),
                accept_by=admin, accepted_on=date(2013, 4, 20))  # fmt: skip

    # Seed 000: the town council's supervision visit, 2014.
    office = Unit.objects.get(
        parent=cua_lo, kind=Unit.Kind.OFFICE, name="Phòng Văn hóa và Thông tin"
    )
    visit = services.visit_save(user=admin, visit=SupervisionVisit(
        unit=cua_lo, kind=SupervisionVisit.Kind.SUPERVISION, body="Thường trực HĐND thị xã Cửa Lò",
        decision="Quyết định thành lập đoàn giám sát của Thường trực HĐND thị xã (năm 2014)",
        leader="Đoàn Quang Tài – Phó Bí thư thường trực, Chủ tịch HĐND thị xã",
        members="Đại diện các Ban HĐND thị xã; đại biểu HĐND thị xã",
        subject="Công tác quản lý nhà nước về văn hóa, thông tin của Phòng Văn hóa và Thông tin",
        visited_on=date(2014, 10, 15), period_start=date(2014, 1, 1), period_end=date(2014, 9, 30),
        findings="Trên địa bàn có 28 cơ sở kinh doanh dịch vụ Internet và 22 cơ sở karaoke; đội kiểm tra liên "
                 "ngành đã kiểm tra, rà soát các cơ sở. Ban biên tập Cổng TTĐT 20 thành viên do Phó Chủ tịch "
                 "UBND thị xã làm trưởng ban. Hệ thống thư công vụ triển khai tới tất cả cơ quan: 55% cán bộ "
                 "sử dụng thành thạo, 45% sử dụng thường xuyên.",
        shortcomings="Một số cơ sở karaoke chưa thực hiện đúng giờ đóng, mở cửa; trong phòng không bảo đảm "
                     "ánh sáng theo quy định.",
    ))  # fmt: skip
    from tttt.assignments.services import task_complete

    for text, deadline, done in CUA_LO_RECOMMENDATIONS:
        rec = services.recommendation_add(
            user=admin, visit=visit, text=text, assignee=office, deadline=deadline
        )
        if done:
            task_complete(
                user=admin, task=rec.task, on=done, result="Đã thực hiện, có báo cáo kết quả."
            )

    # Seed 003: emulation cluster I of Nghệ An, 2015.
    nghe_an = cluster[0].parent
    group = Cluster.objects.create(organiser=nghe_an, name="Cụm thi đua I (TT&TT cấp huyện)")
    ClusterMember.objects.bulk_create(ClusterMember(cluster=group, unit=u) for u in cluster)
    criteria = [
        Criterion.objects.create(
            cluster=group, position=i, name=name, weight=20, indicator_code=code, target=target
        )  # fmt: skip
        for i, (name, code, target) in enumerate(CRITERIA, start=1)
    ]
    by_name = {u.name: u for u in cluster}
    services.scores_compute(user=admin, cluster=group, year=2015)
    for name, points in CLUSTER_POINTS.items():
        for criterion, p in zip(criteria[1:], points, strict=True):
            services.score_give(
                user=admin, criterion=criterion, year=2015, unit=by_name[name], points=p
            )
    services.distinctions_set(user=admin, cluster=group, year=2015,
                              units=[by_name["Thành phố Vinh"], by_name["Thị xã Cửa Lò"]])  # fmt: skip
    services.cluster_year_set(
        user=admin, cluster=group, year=2015, leader=by_name["Thành phố Vinh"], deputy=None
    )
    services.cluster_year_set(user=admin, cluster=group, year=2016, leader=by_name["Thị xã Cửa Lò"],
                              deputy=by_name["Huyện Hưng Nguyên"])  # fmt: skip
    build_alerts(write)
    build_dti(write)


# Leaders' alert thresholds (Cảnh báo số liệu): (leader, unit, indicator, comparison,
# threshold, span). Each is checked as it is saved, on today's records.
ALERTS = [
    ("xatrungchinh.lanhdao", "Xã Trung Chính", "onestop.pending_overdue", "above", "0", "quarter"),
    ("xaluongtai.lanhdao", "Xã Lương Tài", "onestop.on_time_rate", "below", "90", "year"),
    ("bacninh.lanhdao", "Tỉnh Bắc Ninh", "onestop.pending_overdue", "above", "5", "month"),
    ("luongtai.lanhdao", "Huyện Lương Tài", "assignments.overdue", "above", "0", "year"),
    (
        "xaluongtai.lanhdao",
        "Xã Lương Tài",
        "listening.negative_against_usual",
        "above",
        "200",
        "week",
    ),
]


def build_alerts(write):
    from decimal import Decimal

    from tttt.org.models import Membership
    from tttt.reporting.models import Alert, AlertRule

    for username, unit_name, code, comparison, threshold, span in ALERTS:
        user = User.objects.get(username=username)
        unit = Membership.objects.get(user=user, unit__name=unit_name).unit
        services.alert_rule_save(user=user, rule=AlertRule(unit=unit, code=code, comparison=comparison,
                                                           threshold=Decimal(threshold), span=span))  # fmt: skip
    write(
        f"Ngưỡng cảnh báo: {len(ALERTS)}; đang cảnh báo: {Alert.objects.filter(closed_at__isnull=True).count()}."
    )


# A sample of the digital transformation index (DTI) for provinces and for communes: a
# selection of criteria in the index's pillars, computed from TTTT's records where they
# exist and entered where not; an administrator keeps the full official list and points.
# (code, pillar, name, max points, target, indicator or "", combine)
DTI_PROVINCE = [
    ("nen_tang.ke_hoach", "Nền tảng chung", "Ban hành kế hoạch chuyển đổi số năm (có = 1)", 10, 1, "", "average"),
    ("nen_tang.bts_5g", "Nền tảng chung", "Trạm BTS có 5G (cuối năm)", 20, 100, "infra.bts_5g", "sum"),
    ("chinh_quyen.dung_han", "Chính quyền số", "Tỷ lệ hồ sơ giải quyết đúng hạn (%)", 40, 100,
     "onestop.on_time_rate", "average"),
    ("chinh_quyen.truc_tuyen", "Chính quyền số", "Tỷ lệ hồ sơ nộp trực tuyến (%)", 40, 80,
     "onestop.online_share", "average"),
    ("chinh_quyen.so_hoa", "Chính quyền số", "Tỷ lệ hồ sơ được số hóa (%)", 20, 100,
     "onestop.digitised_share", "average"),
    ("kinh_te.doanh_nghiep_so", "Kinh tế số", "Doanh nghiệp công nghệ số đang hoạt động", 30, 500, "", "sum"),
    ("xa_hoi.cap_quang", "Xã hội số", "Tỷ lệ hộ gia đình có cáp quang (%)", 30, 100, "", "average"),
]  # fmt: skip
DTI_COMMUNE = [
    ("chinh_quyen.dung_han", "Chính quyền số", "Tỷ lệ hồ sơ giải quyết đúng hạn (%)", 40, 100,
     "onestop.on_time_rate", "average"),
    ("chinh_quyen.truc_tuyen", "Chính quyền số", "Tỷ lệ hồ sơ nộp trực tuyến (%)", 40, 80,
     "onestop.online_share", "average"),
    ("chinh_quyen.hai_long", "Chính quyền số", "Tỷ lệ người dân hài lòng (%)", 20, 100,
     "onestop.satisfaction", "average"),
    ("xa_hoi.to_cong_nghe", "Xã hội số", "Có tổ công nghệ số cộng đồng hoạt động (có = 1)", 10, 1, "", "average"),
    ("xa_hoi.cap_quang", "Xã hội số", "Tỷ lệ hộ gia đình có cáp quang (%)", 30, 100, "", "average"),
]  # fmt: skip
# Entered values: (set, unit name, its last day or None for today's, year, {code: value}).
DTI_VALUES = [
    ("province", "Tỉnh Bắc Ninh", False, 2024, {"nen_tang.ke_hoach": 1, "kinh_te.doanh_nghiep_so": 320,
                                                  "xa_hoi.cap_quang": 92}),
    ("province", "Tỉnh Bắc Giang", False, 2024, {"nen_tang.ke_hoach": 1, "kinh_te.doanh_nghiep_so": 180,
                                                   "xa_hoi.cap_quang": 84}),
    ("commune", "Xã Trung Chính", True, 2025, {"xa_hoi.to_cong_nghe": 1, "xa_hoi.cap_quang": 78}),
    ("commune", "Xã Lương Tài", True, 2025, {"xa_hoi.to_cong_nghe": 1, "xa_hoi.cap_quang": 81.5}),
]  # fmt: skip


def build_dti(write):
    """The sample DTI sets and entries, written as an administrator through the services."""
    from tttt.reporting.models import DtiCriterion, DtiSet, DtiValue

    basis = (
        "Quyết định 922/QĐ-BTTTT năm 2022 của Bộ Thông tin và Truyền thông (trích một số tiêu chí)"
    )
    admin = User.objects.get(username="admin")
    sets = {}
    for level, name, rows in (("province", "Chỉ số chuyển đổi số cấp tỉnh (DTI)", DTI_PROVINCE),
                              ("commune", "Chỉ số chuyển đổi số cấp xã (DTI)", DTI_COMMUNE)):  # fmt: skip
        dti_set = DtiSet(name=name, level=level, legal_basis=basis, year_from=2022)
        dti_set.criteria = [
            DtiCriterion(position=i, code=code, pillar=pillar, name=title, max_points=points, target=target,
                         indicator=indicator, combine=combine)
            for i, (code, pillar, title, points, target, indicator, combine) in enumerate(rows)
        ]  # fmt: skip
        sets[level] = services.dti_set_save(user=admin, dti_set=dti_set)
    for level, unit_name, current, year, values in DTI_VALUES:
        if current:  # today's commune of Bắc Ninh
            unit = Unit.objects.get(
                name=unit_name, kind=level, valid_to__isnull=True, parent__name="Tỉnh Bắc Ninh"
            )
        else:  # a province before the 2025 reform
            unit = Unit.objects.get(name=unit_name, kind=level, valid_to__isnull=False)
        criteria = {c.code: c for c in sets[level].criteria.all()}
        typed = {criteria[code]: str(value).replace(".", ",") for code, value in values.items()}
        services.dti_values_save(user=admin, dti_set=sets[level], unit=unit, year=year, typed=typed)
    write(f"Chỉ số chuyển đổi số (DTI): 2 bộ chỉ số, {DtiValue.objects.count()} số liệu nhập.")
