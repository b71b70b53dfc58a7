"""The printable forms shipped with TTTT, loaded into `SlipTemplate` by a data migration.

The texts follow the content of the forms in Circular 03/2025/TT-VPCP (Appendix I) for
dossiers received from 01/7/2025 and of Circular 01/2018/TT-VPCP for older ones; they are
our wording of each form's required content, not a facsimile. Administrators edit them
in the back office (Một cửa → Mẫu phiếu) and add new versions with their validity dates.
"""

from datetime import date

CURRENT_FROM = date(2025, 7, 1)  # Decree 118/2025/NĐ-CP takes effect
LEGACY_FROM = date(2018, 8, 21)  # Decree 61/2018/NĐ-CP takes effect
CURRENT_BASIS = "Nghị định 118/2025/NĐ-CP; Thông tư 03/2025/TT-VPCP, Phụ lục I"
LEGACY_BASIS = "Nghị định 61/2018/NĐ-CP; Thông tư 01/2018/TT-VPCP"

_RECEIPT = """{{ unit }} đã tiếp nhận hồ sơ của: {{ dossier.applicant_name }}
Địa chỉ: {{ dossier.address|default:"…" }}
Số điện thoại: {{ dossier.phone }}{% if dossier.email %}    Thư điện tử: {{ dossier.email }}{% endif %}
Nội dung yêu cầu giải quyết: {{ procedure }}
1. Thành phần hồ sơ nộp gồm:
{% for item in items %}   {{ forloop.counter }}. {{ item.name }} ({{ item.originals }} bản chính, {{ item.copies }} bản sao)
{% empty %}   (theo danh mục thành phần hồ sơ của thủ tục)
{% endfor %}2. Số lượng hồ sơ: 01 bộ.
3. Thời gian giải quyết hồ sơ theo quy định: {{ dossier.procedure.duration_label }}.
4. Thời gian nhận hồ sơ: {{ received }}.
5. Thời gian trả kết quả giải quyết hồ sơ: {{ due }}.
6. Đăng ký nhận kết quả tại: {{ unit }}.
Vào Sổ theo dõi hồ sơ, Quyển số: …… Số thứ tự: {{ dossier.code }}
Tra cứu tình trạng hồ sơ bằng mã hồ sơ và số điện thoại tại: {{ lookup_url }}"""

_SUPPLEMENT = """{{ unit }} tiếp nhận hồ sơ của {{ dossier.applicant_name }}, mã hồ sơ {{ dossier.code }},
nội dung yêu cầu giải quyết: {{ procedure }}.
Sau khi xem xét, hồ sơ chưa đầy đủ, chưa hợp lệ. Đề nghị bổ sung, hoàn thiện các nội dung sau:
{{ reason }}
Lý do: để đủ điều kiện giải quyết theo quy định.
Thời gian chờ bổ sung không tính vào thời hạn giải quyết hồ sơ.
Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, xin liên hệ bộ phận một cửa để được hướng dẫn."""

_REFUSAL = """{{ unit }} tiếp nhận hồ sơ của {{ dossier.applicant_name }},
nội dung yêu cầu giải quyết: {{ procedure }}.
Căn cứ quy định hiện hành, cơ quan từ chối tiếp nhận hồ sơ với lý do:
{{ reason }}
Xin thông báo để ông/bà được biết và thực hiện."""

_APOLOGY = """{{ unit }} tiếp nhận hồ sơ của {{ dossier.applicant_name }}, mã hồ sơ {{ dossier.code }},
nội dung yêu cầu giải quyết: {{ procedure }}.
Thời gian hẹn trả kết quả: {{ original_due }}.
Tuy nhiên đến nay, cơ quan chưa trả kết quả giải quyết hồ sơ đúng hạn như đã hẹn. Lý do:
{{ reason }}
Sự chậm trễ này đã gây phiền hà cho ông/bà. Cơ quan xin lỗi và xin hẹn lại thời gian trả kết quả vào: {{ due }}.
Rất mong nhận được sự thông cảm của ông/bà."""

_STOP = """{{ unit }} tiếp nhận hồ sơ của {{ dossier.applicant_name }}, mã hồ sơ {{ dossier.code }},
nội dung yêu cầu giải quyết: {{ procedure }}.
Cơ quan thông báo dừng giải quyết hồ sơ. Lý do:
{{ reason }}
Xin thông báo để ông/bà được biết."""

_CONTROL = """Mã hồ sơ: {{ dossier.code }}    Người nộp: {{ dossier.applicant_name }}
Thủ tục: {{ procedure }}
Tiếp nhận: {{ received }}    Hẹn trả: {{ due }}
Quá trình giải quyết (cơ quan, người thực hiện, thời điểm, kết quả):"""

_REGISTER = """Sổ theo dõi hồ sơ của {{ unit }}: mã hồ sơ, thủ tục, người nộp, ngày nhận,
ngày hẹn trả, ngày có kết quả, ngày trả, ghi chú."""

FORMS = [
    ("01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", _RECEIPT),
    ("02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", _SUPPLEMENT),
    ("03", "PHIẾU TỪ CHỐI TIẾP NHẬN HỒ SƠ", _REFUSAL),
    ("04", "VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", _APOLOGY),
    ("05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", _STOP),
    ("06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", _CONTROL),
    ("07", "SỔ THEO DÕI HỒ SƠ", _REGISTER),
]
# Circular 01/2018 numbered the same slips 01–06 (its 04 was the apology) and had no 07.
LEGACY_FORMS = [f for f in FORMS if f[0] != "07"]


def default_rows():
    rows = []
    for code, title, body in LEGACY_FORMS:
        rows.append(
            dict(form=code, title=title, body=body, basis=LEGACY_BASIS,
                 valid_from=LEGACY_FROM, valid_to=date(2025, 6, 30))
        )  # fmt: skip
    for code, title, body in FORMS:
        rows.append(
            dict(form=code, title=title, body=body, basis=CURRENT_BASIS,
                 valid_from=CURRENT_FROM, valid_to=None)
        )  # fmt: skip
    return rows


def ensure_default_slips(model=None) -> int:
    """Load the shipped forms that are missing (used by the data migration and tests)."""
    if model is None:
        from .models import SlipTemplate as model
    created = 0
    for row in default_rows():
        _obj, made = model.objects.get_or_create(
            form=row["form"], valid_from=row["valid_from"], defaults=row
        )
        created += made
    return created
