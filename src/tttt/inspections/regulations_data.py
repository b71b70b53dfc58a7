"""The rules TTTT ships (DOMAIN.md §4). Each says where it was checked; a rule whose text
could not be checked says so in `source`. Administrators edit them in the back office."""

from datetime import date, time

M = 1_000_000
D = "DOMAIN.md §4"
GAME, INTERNET, KARAOKE = "game", "internet", "karaoke"


def fines(
    basis: str, person: tuple[float, float], organisation: tuple[float, float], chair_max=5 * M
) -> dict:
    """A fine range in millions of đồng, with the commune chairman's limit."""
    return dict(
        fine_basis=basis,
        fine_min_person=int(person[0] * M),
        fine_max_person=int(person[1] * M),
        fine_min_org=int(organisation[0] * M),
        fine_max_org=int(organisation[1] * M),
        commune_chair_max=chair_max,
    )


# Decree 15/2020 Art. 35(3): organisations 5–10 million, individuals half (TL/b5187065077ce641.md).
ND15 = fines("Nghị định 15/2020/NĐ-CP Điều 35 khoản 3 (từ 15/4/2020)", (2.5, 5), (5, 10))
# Decree 174/2026 Art. 100 (from 1/7/2026): 10–15 million; secondary source (OCR copy).
ND174 = fines("Nghị định 174/2026/NĐ-CP Điều 100 (chưa kiểm chứng)", (5, 7.5), (10, 15))
# Decree 38/2021 Art. 15(6): individuals 15–20 million, organisations double (TL/70cac2fcb610ecb3.md).
ND38 = fines("Nghị định 38/2021/NĐ-CP Điều 15 khoản 6", (15, 20), (30, 40))

# Rules with no fine range in this catalogue say why, and what the inspection team does.
PCCC = (
    "Vi phạm về phòng cháy, chữa cháy bị xử phạt theo pháp luật về phòng cháy, chữa cháy, "
    "thuộc thẩm quyền của lực lượng Công an, không theo khung phạt của lĩnh vực này. Đoàn "
    "kiểm tra ghi nhận vi phạm trong biên bản, yêu cầu cơ sở khắc phục ngay và chuyển biên "
    "bản cho Công an xã để xử lý theo thẩm quyền."
)
NO_RANGE_UNVERIFIED = (
    "Khung phạt cho hành vi này chưa được kiểm chứng với văn bản gốc nên chưa có trong danh "
    "mục. Đoàn kiểm tra ghi nhận vi phạm trong biên bản, yêu cầu cơ sở khắc phục trong thời "
    "hạn và kiểm tra lại; nếu cơ sở không khắc phục, báo cáo lãnh đạo để xử lý (kể cả thu hồi "
    "giấy chứng nhận). Quản trị viên bổ sung khung phạt khi đã kiểm chứng."
)
EXPIRED_103 = (
    "Quy định theo Nghị định 103/2009/NĐ-CP, hết hiệu lực từ 01/9/2019; khung phạt khi đó "
    "(Nghị định 158/2013/NĐ-CP) chưa được kiểm chứng nên không nhập. Vi phạm của thời kỳ này "
    "chỉ được ghi nhận và nhắc nhở cơ sở khắc phục."
)

# The amendment goes in the source, not the basis: an inspection of 2019 cites the decree as
# it stood then, not a text of 2024.
AMENDED_148 = "Nghị định 54/2019/NĐ-CP được sửa đổi bởi Nghị định 148/2024/NĐ-CP"

SIM = "sim"
TT04 = "Thông tư 04/2012/TT-BTTTT"
TT04_SOURCE = (
    "Nguồn thứ cấp (tin về Thông tư 04/2012/TT-BTTTT, hiệu lực 01/6/2012); chưa đối chiếu văn "
    "bản gốc, điều khoản và ngày hết áp dụng chưa kiểm chứng"
)
ND49 = "Nghị định 25/2011/NĐ-CP (sửa đổi bởi Nghị định 49/2017/NĐ-CP)"
ND49_SOURCE = "Chưa kiểm chứng văn bản gốc; thời kỳ áp dụng theo ngày ký Nghị định 49/2017/NĐ-CP"
ND163 = "Nghị định 163/2024/NĐ-CP"
ND163_SOURCE = (
    "Kiểm chứng qua DX/vien-thong-buu-chinh/thong-tu-08-2026-tt-bkhoa-hoc-cong-nghe-xac-thuc-"
    "thue-bao.md (Điều 4 dẫn Điều 16 khoản 1, 2); ngày hiệu lực 01/01/2025 theo nguồn thứ cấp"
)
CONTRACT = (
    "Điểm đăng ký thông tin thuê bao có hợp đồng ủy quyền (đại lý) với doanh nghiệp viễn thông"
)
ADDRESS = "Điểm đăng ký thông tin thuê bao có địa chỉ xác định, không bán, đăng ký lưu động"
OTHERS = "Không bán SIM đã kích hoạt sẵn hoặc đã đăng ký thông tin thuê bao của người khác"
THEMES = {"hop-dong": CONTRACT, "dia-diem": ADDRESS, "sim-nguoi-khac": OTHERS}


def _sim(code, title, basis, source, start, end=None, article=""):
    """A yes/no rule for SIM sellers; no fine range was verified for any of them."""
    return dict(code=code, title=title, legal_basis=basis, article=article, source=source,
                valid_from=start, valid_to=end, types=[SIM], check_kind="yes_no",
                no_fine_note=NO_RANGE_UNVERIFIED)  # fmt: skip


SIM_RULES = [
    *(_sim(f"tt04-{k}", t, TT04, TT04_SOURCE, date(2012, 6, 1), date(2017, 4, 23)) for k, t in THEMES.items()),
    *(_sim(f"nd49-{k}", t, ND49, ND49_SOURCE, date(2017, 4, 24), date(2024, 12, 31), "Điều 15")
      for k, t in THEMES.items()),
    _sim("nd163-hop-dong", CONTRACT, ND163, ND163_SOURCE, date(2025, 1, 1), article="Điều 16 khoản 2"),
    _sim("nd163-dia-diem", ADDRESS, ND163, ND163_SOURCE, date(2025, 1, 1), article="Điều 16 khoản 2"),
    _sim("nd163-sim-nguoi-khac", OTHERS, ND163,
         "Chưa kiểm chứng điều khoản cấm trong Luật Viễn thông 2023 và Nghị định 163/2024/NĐ-CP", date(2025, 1, 1)),
    _sim("tt08-xac-thuc", "Xác thực 04 trường thông tin và ảnh khuôn mặt người đăng ký tại điểm",
         "Thông tư 08/2026/TT-BKHCN", "Kiểm chứng qua DX/vien-thong-buu-chinh/thong-tu-08-2026-tt-bkhoa-hoc-"
         "cong-nghe-xac-thuc-thue-bao.md (hiệu lực 15/4/2026)", date(2026, 4, 15), article="Điều 4, 5"),
]  # fmt: skip

RULES = [
    # Decree 72/2013 (as amended by Decree 27/2018): game points until Decree 147/2024.
    dict(code="nd72-khoang-cach-truong-hoc", title="Điểm trò chơi cách cổng trường tiểu học, THCS, THPT từ 200 m trở lên",
         legal_basis="Nghị định 72/2013/NĐ-CP (sửa đổi bởi Nghị định 27/2018/NĐ-CP)", article="Điều 35",
         source=f"{D}: kiểm chứng qua DX/buu-chinh-vien-thong/cong-nghe-thong-tin.md",
         valid_from=date(2013, 9, 1), valid_to=date(2024, 12, 24), types=[GAME],
         check_kind="minimum", minimum=200, minimum_unit="m",
         **ND15),
    dict(code="nd72-dien-tich-do-thi-i", title="Diện tích phòng máy tối thiểu 50 m² (đô thị loại đặc biệt, loại I)",
         legal_basis="Nghị định 72/2013/NĐ-CP (sửa đổi bởi Nghị định 27/2018/NĐ-CP)", article="Điều 35",
         source=f"{D}: kiểm chứng qua DX/buu-chinh-vien-thong/cong-nghe-thong-tin.md",
         valid_from=date(2013, 9, 1), valid_to=date(2024, 12, 24), types=[GAME],
         check_kind="minimum", minimum=50, minimum_unit="m²",
         **ND15),
    dict(code="nd72-dien-tich-do-thi-ii-iii", title="Diện tích phòng máy tối thiểu 40 m² (đô thị loại II, III)",
         legal_basis="Nghị định 72/2013/NĐ-CP (sửa đổi bởi Nghị định 27/2018/NĐ-CP)", article="Điều 35",
         source=f"{D}: kiểm chứng qua DX/buu-chinh-vien-thong/cong-nghe-thong-tin.md",
         valid_from=date(2013, 9, 1), valid_to=date(2024, 12, 24), types=[GAME],
         check_kind="minimum", minimum=40, minimum_unit="m²",
         **ND15),
    dict(code="nd72-dien-tich-noi-khac", title="Diện tích phòng máy tối thiểu 30 m² (đô thị loại IV, V và nơi khác)",
         legal_basis="Nghị định 72/2013/NĐ-CP (sửa đổi bởi Nghị định 27/2018/NĐ-CP)", article="Điều 35",
         source=f"{D}: kiểm chứng qua DX/buu-chinh-vien-thong/cong-nghe-thong-tin.md",
         valid_from=date(2013, 9, 1), valid_to=date(2024, 12, 24), types=[GAME],
         check_kind="minimum", minimum=30, minimum_unit="m²",
         **ND15),
    # Decree 147/2024: game points from 25/12/2024.
    dict(code="nd147-gio-hoat-dong", title="Không hoạt động từ 22 giờ đến 8 giờ sáng hôm sau",
         legal_basis="Nghị định 147/2024/NĐ-CP", article="Điều 68",
         source=f"{D}: kiểm chứng qua VC/9f401f5 nd-147-2024-nd-cp (ngày hiệu lực 25/12/2024 theo nguồn thứ cấp)",
         valid_from=date(2024, 12, 25), valid_to=date(2026, 6, 30), types=[GAME],
         check_kind="window", window_start=time(22, 0), window_end=time(8, 0),
         **ND15),
    dict(code="nd147-gio-hoat-dong-nd174", title="Không hoạt động từ 22 giờ đến 8 giờ sáng hôm sau",
         legal_basis="Nghị định 147/2024/NĐ-CP", article="Điều 68",
         source=f"{D}: khung phạt theo Nghị định 174/2026/NĐ-CP Điều 100 — nguồn thứ cấp (bản OCR), chưa kiểm chứng văn bản gốc",
         valid_from=date(2026, 7, 1), types=[GAME],
         check_kind="window", window_start=time(22, 0), window_end=time(8, 0),
         **ND174),
    dict(code="nd147-bien-hieu", title="Có biển hiệu ghi tên, địa chỉ, số điện thoại, số đăng ký kinh doanh",
         legal_basis="Nghị định 147/2024/NĐ-CP", article="Điều 62",
         source=f"{D}: kiểm chứng qua VC/9f401f5 nd-147-2024-nd-cp",
         valid_from=date(2024, 12, 25), types=[GAME, INTERNET], check_kind="yes_no", no_fine_note=NO_RANGE_UNVERIFIED),
    dict(code="nd147-pccc", title="Có phương tiện và nội quy phòng cháy, chữa cháy",
         legal_basis="Nghị định 147/2024/NĐ-CP", article="Điều 62",
         source=f"{D}: kiểm chứng qua VC/9f401f5 nd-147-2024-nd-cp",
         valid_from=date(2024, 12, 25), types=[GAME, INTERNET], check_kind="yes_no", no_fine_note=PCCC),
    dict(code="nd147-giay-chung-nhan", title="Có Giấy chứng nhận đủ điều kiện còn hiệu lực (3 năm, gia hạn một lần tối đa 2 năm)",
         legal_basis="Nghị định 147/2024/NĐ-CP", article="Điều 63, 66",
         source=f"{D}: kiểm chứng qua VC/9f401f5 nd-147-2024-nd-cp",
         valid_from=date(2024, 12, 25), types=[GAME], check_kind="yes_no",
         **ND174),
    # Karaoke: Decree 54/2019 as amended by Decree 148/2024.
    dict(code="nd54-dien-tich-phong", title="Phòng hát có diện tích từ 20 m² trở lên, không kể công trình phụ",
         legal_basis="Nghị định 54/2019/NĐ-CP", article="Điều 4",
         source=f"{D}: kiểm chứng qua TL/9aeb199f5e0aa225.md; {AMENDED_148}",
         valid_from=date(2019, 9, 1), types=[KARAOKE], check_kind="minimum", minimum=20, minimum_unit="m²",
         **ND38),
    dict(code="nd54-khoa-cua", title="Không đặt chốt cửa bên trong, không đặt thiết bị báo động (trừ báo cháy)",
         legal_basis="Nghị định 54/2019/NĐ-CP", article="Điều 4",
         source=f"{D}: kiểm chứng qua TL/9aeb199f5e0aa225.md; {AMENDED_148}",
         valid_from=date(2019, 9, 1), types=[KARAOKE], check_kind="yes_no",
         **ND38),
    dict(code="nd54-gio-hoat-dong", title="Không hoạt động từ 0 giờ đến 8 giờ sáng",
         legal_basis="Nghị định 54/2019/NĐ-CP", article="Điều 7 khoản 2",
         source=f"{D}: kiểm chứng qua TL/ddce6953fed1e561.md; khung phạt chưa kiểm chứng",
         valid_from=date(2019, 9, 1), types=[KARAOKE], check_kind="window", window_start=time(0, 0), window_end=time(8, 0), no_fine_note=NO_RANGE_UNVERIFIED),
    # Karaoke before 2019 (the 2014 demo): Decree 103/2009.
    dict(code="nd103-anh-sang", title="Phòng karaoke bảo đảm ánh sáng theo quy định",
         legal_basis="Nghị định 103/2009/NĐ-CP (Quy chế hoạt động văn hóa và kinh doanh dịch vụ văn hóa công cộng)",
         article="Điều 30, 32",
         source="Chưa kiểm chứng được văn bản gốc; nội dung theo bài gốc 000 (phòng không đảm bảo ánh sáng)",
         valid_from=date(2010, 1, 1), valid_to=date(2019, 8, 31), types=[KARAOKE], check_kind="yes_no", no_fine_note=EXPIRED_103),
    dict(code="nd103-gio-hoat-dong", title="Không hoạt động sau 12 giờ đêm đến 8 giờ sáng",
         legal_basis="Nghị định 103/2009/NĐ-CP", article="Điều 32",
         source="Chưa kiểm chứng được văn bản gốc; nội dung theo bài gốc 000 (không đúng giờ đóng mở cửa)",
         valid_from=date(2010, 1, 1), valid_to=date(2019, 8, 31), types=[KARAOKE],
         check_kind="window", window_start=time(0, 0), window_end=time(8, 0), no_fine_note=EXPIRED_103),
]  # fmt: skip


def load(Regulation, BusinessType, rows=None) -> int:
    """Create the shipped rules (`rows`, by default RULES) that are missing."""
    types = {t.code: t for t in BusinessType.objects.all()}
    fields = {f.name for f in Regulation._meta.get_fields()}  # an older migration's model
    made = 0
    for row in RULES if rows is None else rows:
        data = {k: v for k, v in row.items() if k in fields or k == "types"}
        codes = data.pop("types")
        rule, created = Regulation.objects.get_or_create(code=data["code"], defaults=data)
        if created:
            rule.business_types.set([types[c] for c in codes if c in types])
            made += 1
    return made


GENERIC_NOTE = (
    "Quy định này chưa có đủ khung phạt trong danh mục. Đoàn kiểm tra ghi nhận vi phạm trong "
    "biên bản và yêu cầu cơ sở khắc phục; quản trị viên bổ sung khung phạt kèm căn cứ."
)


def explain_missing_fines(Regulation) -> int:
    """Give every rule without full fine ranges its note: the shipped rules their own, any
    other the generic one (for the constraint that a rule has ranges or a note)."""
    shipped = {row["code"]: row.get("no_fine_note", "") for row in RULES}
    done = 0
    for rule in Regulation.objects.filter(no_fine_note=""):
        if None in (
            rule.fine_min_person,
            rule.fine_max_person,
            rule.fine_min_org,
            rule.fine_max_org,
        ):
            rule.no_fine_note = shipped.get(rule.code) or GENERIC_NOTE
            rule.save(update_fields=["no_fine_note"])
            done += 1
    return done


def cite_as_in_force(Regulation) -> int:
    """Shipped rules whose basis named a later amendment cite the decree alone (migration 0004)."""
    shipped = {row["code"]: row for row in RULES}
    done = 0
    for rule in Regulation.objects.filter(legal_basis__contains="sửa đổi bởi Nghị định 148/2024"):
        if rule.code in shipped:
            rule.legal_basis, rule.source = (
                shipped[rule.code]["legal_basis"],
                shipped[rule.code]["source"],
            )
            rule.save(update_fields=["legal_basis", "source"])
            done += 1
    return done
