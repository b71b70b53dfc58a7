"""Demo registers and meetings: Lương Tài's incoming and outgoing registers of the first
nine months of 2019 ("thực hiện tốt hệ thống quản lý văn bản và điều hành, văn bản điện tử",
seed 004), almost all electronic and signed, with handling tasks mostly on time; its
paperless meetings (seed 001 names them among the district's e-government work), one
concluded through the services with its notice and tasks; today's Xã Trung Chính with a
few documents waiting and a meeting convened; a test CA the demo trusts, and a signing
certificate for the district's leader (PIN in the README).

The files of the 2019 registers are one real signed PDF per issuer (signing takes a
second; thousands of them would make the demo slow): their signatures verify."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tttt.assignments.models import Task
from tttt.core.calendar import get_calendar
from tttt.core.sequences import advance_to, next_value
from tttt.core.text import fold
from tttt.documents import layout, services, signing
from tttt.documents.models import Direction, Document, DocumentEvent, DocumentKind, Register
from tttt.documents.testca import TestCA
from tttt.meetings import services as meetings
from tttt.meetings.models import Meeting
from tttt.org.models import Unit, User

from .builder import _office

DEMO_PIN = "123456"
INCOMING = 1260  # about 140 a month in the first nine months of 2019
OUTGOING = 540
ISSUERS = [
    ("UBND tỉnh Bắc Ninh", "UBND", 0.22),
    ("Sở Thông tin và Truyền thông tỉnh Bắc Ninh", "STTTT-BCVT", 0.18),
    ("Sở Nội vụ tỉnh Bắc Ninh", "SNV-CCVC", 0.12),
    ("Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Ninh", "SVHTTDL-QLVH", 0.1),
    ("Huyện ủy Lương Tài", "HU", 0.2),
    ("Công an tỉnh Bắc Ninh", "CAT-PV05", 0.08),
    ("Bưu điện huyện Lương Tài", "BĐLT", 0.1),
]
EXCERPTS_IN = [
    "V/v triển khai Kế hoạch chuyển đổi số tỉnh Bắc Ninh năm {y}",
    "V/v báo cáo kết quả giải quyết thủ tục hành chính tháng {m}/{y}",
    "V/v tăng cường bảo đảm an toàn thông tin mạng",
    "V/v sử dụng chứng thư số chuyên dùng trong trao đổi văn bản điện tử",
    "V/v kiểm tra hoạt động kinh doanh dịch vụ trò chơi điện tử công cộng",
    "V/v tuyên truyền kỷ niệm các ngày lễ lớn tháng {m}/{y}",
    "V/v đôn đốc cập nhật thông tin lên Cổng thông tin điện tử thành phần",
    "V/v thực hiện Chỉ thị về tăng cường kỷ luật, kỷ cương hành chính",
    "Giấy mời dự hội nghị tập huấn ứng dụng công nghệ thông tin",
    "V/v rà soát hạ tầng viễn thông thụ động trên địa bàn",
]
OUTGOING_KINDS = [("Công văn", 0.55), ("Kế hoạch", 0.1), ("Thông báo", 0.1), ("Quyết định", 0.1),
                  ("Báo cáo", 0.1), ("Giấy mời", 0.05)]  # fmt: skip
EXCERPTS_OUT = {
    "Công văn": ["đôn đốc các xã, thị trấn báo cáo kết quả giải quyết hồ sơ tháng {m}/{y}",
                 "triển khai sử dụng chứng thư số chuyên dùng tại các cơ quan, đơn vị",
                 "tăng cường quản lý điểm kinh doanh dịch vụ Internet, trò chơi điện tử"],
    "Kế hoạch": ["Kế hoạch ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước năm {y}",
                 "Kế hoạch kiểm tra hoạt động kinh doanh dịch vụ văn hóa quý {q}/{y}"],
    "Thông báo": ["Kết luận của Chủ tịch UBND huyện tại cuộc họp giao ban tháng {m}/{y}"],
    "Quyết định": ["Quyết định thành lập Đoàn kiểm tra liên ngành văn hóa - xã hội năm {y}"],
    "Báo cáo": ["Báo cáo kết quả công tác thông tin và truyền thông tháng {m}/{y}"],
    "Giấy mời": ["Giấy mời dự họp giao ban công tác chuyển đổi số tháng {m}/{y}"],
}  # fmt: skip


def _moment(day: date, rng) -> datetime:
    return timezone.make_aware(
        datetime.combine(day, time(rng.randrange(7, 17), rng.randrange(0, 60)))
    )


def _sample_pdf(ca: TestCA, issuer: str, text: str) -> tuple[bytes, dict, str]:
    """A document of `issuer` signed by its leader's certificate, and what verification says."""
    name = f"Lãnh đạo {issuer}"[:64]
    person = ca.issue(name, issuer)
    sheet = layout.Sheet(above="", body=issuer, number="Số: (văn bản mẫu)", place_date="Bắc Ninh, năm 2019",
                         kind="", excerpt=text, text=f"{text}. Văn bản điện tử mẫu của dữ liệu trình diễn TTTT.",
                         recipients=["- Như trên;", "- Lưu: VT."], signer_title="LÃNH ĐẠO",
                         signer_name=f"Lãnh đạo {issuer}")  # fmt: skip
    pdf, box, page = layout.render(sheet)
    signed = signing.sign_pdf(pdf, pkcs12=person.pkcs12(DEMO_PIN), passphrase=DEMO_PIN, signer_name=name,
                              reason="Ban hành", location="Bắc Ninh", box=box, page=page)  # fmt: skip
    verdict = signing.verify_pdf(signed, roots=[ca.root_der])
    return signed, verdict.as_json(), str(verdict.outcome)


def _store(name: str, content: bytes) -> str:
    """A file in the registers' storage, shared by the demo documents that name it."""
    field = Document._meta.get_field("file")
    return field.storage.save(f"documents/2019/{name}", ContentFile(content))


def build_documents(write, *, luong_tai: Unit, today_commune: Unit) -> int:
    if Register.objects.filter(unit=luong_tai).exists():
        return 0
    write("Sổ văn bản đến, đi và cuộc họp của huyện Lương Tài 2019…")
    with transaction.atomic():  # all of it or nothing: a rerun starts clean
        return _build(luong_tai, today_commune)


def _build(luong_tai: Unit, today_commune: Unit) -> int:
    rng = random.Random(2019_10)
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    ca = TestCA(name="CA thử nghiệm TTTT (dữ liệu trình diễn)", org="TTTT")
    services.trusted_root_add(user=admin, name="CA thử nghiệm TTTT (dữ liệu trình diễn)", certificate=ca.root_der,
                              note="Chỉ dùng cho dữ liệu trình diễn; hãy thêm chứng thư gốc của Ban Cơ yếu Chính phủ.")  # fmt: skip
    users = {u.username: u for u in User.objects.filter(username__startswith="luongtai.")}
    leader, clerk, specialist = (
        users["luongtai.lanhdao"],
        users["luongtai.motcua"],
        users["luongtai.chuyenvien"],
    )
    services.credential_add(user=leader, unit=luong_tai, pin=DEMO_PIN,
                            pkcs12=ca.issue("Nguyễn Văn Hùng", "UBND huyện Lương Tài").pkcs12(DEMO_PIN))  # fmt: skip
    kinds = {k.name: k for k in DocumentKind.objects.all()}
    T = Unit.TypeWord
    office_vp = _office(luong_tai, "Văn phòng HĐND và UBND huyện", T.VAN_PHONG, luong_tai.valid_to)
    office_vh = _office(luong_tai, "Phòng Văn hóa và Thông tin", T.PHONG, luong_tai.valid_to)
    handlers = [
        office_vp,
        office_vh,
        *luong_tai.children.filter(kind=Unit.Kind.COMMUNE).order_by("code")[:6],
    ]
    incoming = Register.objects.create(
        unit=luong_tai, direction=Direction.INCOMING, name="Sổ văn bản đến"
    )
    outgoing = Register.objects.create(
        unit=luong_tai, direction=Direction.OUTGOING, name="Sổ văn bản đi", symbol="UBND"
    )
    samples = {name: _sample_pdf(ca, name, f"Văn bản của {name}") for name, _s, _w in ISSUERS}
    stored = {name: _store(f"mau-{fold(name).replace(' ', '-')[:40]}.pdf", content)
              for name, (content, _report, _outcome) in samples.items()}  # fmt: skip
    cal = get_calendar()
    days = [date(2019, 1, 2) + timedelta(days=i) for i in range(272)]
    days = [d for d in days if cal.is_working_day(d)]
    docs, tasks = [], {}
    for n in range(1, INCOMING + 1):
        day = days[min(len(days) - 1, (n - 1) * len(days) // INCOMING)]
        issuer, symbol, _w = rng.choices(ISSUERS, weights=[w for *_x, w in ISSUERS])[0]
        received = _moment(day, rng)
        paper = rng.random() < 0.04
        excerpt = rng.choice(EXCERPTS_IN).format(y=2019, m=day.month)
        doc = Document(unit=luong_tai, register=incoming, direction=Direction.INCOMING, year=2019, registry_number=n,
                       status=Document.Status.RECEIVED, kind=kinds["Giấy mời" if excerpt.startswith("Giấy mời") else "Công văn"],
                       number_symbol=f"{rng.randrange(100, 3000)}/{symbol}", issuer=issuer,
                       issued_on=day - timedelta(days=rng.randrange(0, 3)), received_at=received, excerpt=excerpt,
                       urgency=rng.choices(["normal", "urgent"], [0.9, 0.1])[0],
                       medium=Document.Medium.SCANNED if paper else Document.Medium.ELECTRONIC,
                       created_by=clerk, created_at=received)  # fmt: skip
        if not paper:
            _content, report, outcome = samples[issuer]
            doc.file.name, doc.signature, doc.signature_report = stored[issuer], outcome, report
        doc.search_text = fold(" ".join([doc.number_symbol, issuer, excerpt]))
        if rng.random() < 0.35:  # those that ask something of the district are assigned
            deadline = cal.add_working_days(received, rng.choice([5, 7, 10])).date()
            late = rng.random() < 0.07
            done = (
                deadline + timedelta(days=rng.randrange(1, 6))
                if late
                else deadline - timedelta(days=rng.randrange(0, 4))
            )
            done = max(done, day)
            tasks[n] = Task(unit=luong_tai, assignee=rng.choice(handlers), source=Task.Source.DOCUMENT,
                            source_reference=f"Văn bản đến số {n}, {doc.number_symbol} của {issuer}"[:300],
                            title=f"Xử lý văn bản: {excerpt}"[:300], assigned_by_name="Chủ tịch UBND huyện",
                            assigned_on=day, deadline=deadline, status=Task.Status.DONE, completed_on=done,
                            result="Đã tham mưu, xử lý theo yêu cầu của văn bản.", is_public=False, created_by=leader)  # fmt: skip
            doc.status = Document.Status.ASSIGNED
        elif day < date(2019, 9, 27):  # read and filed; the last days' are still waiting
            doc.status = Document.Status.FILED
        docs.append(doc)
    with transaction.atomic():
        Task.objects.bulk_create(tasks.values())
        for doc in docs:
            if doc.registry_number in tasks:
                doc.task = tasks[doc.registry_number]
        Document.objects.bulk_create(docs)
        next_value(f"documents:{incoming.pk}:2019")
        advance_to(f"documents:{incoming.pk}:2019", INCOMING)
        events = []
        for doc in docs:
            events.append(DocumentEvent(document=doc, action="received", at=doc.received_at, actor=clerk,
                                        actor_name=clerk.get_full_name(), params={"number": doc.registry_number}))  # fmt: skip
            if doc.signature:
                events.append(DocumentEvent(document=doc, action="verified", at=doc.received_at, actor=clerk,
                                            actor_name=clerk.get_full_name(), params={"outcome": doc.signature}))  # fmt: skip
            if doc.status == Document.Status.FILED:
                events.append(DocumentEvent(document=doc, action="filed", at=doc.received_at + timedelta(hours=3),
                                            actor=leader, actor_name=leader.get_full_name()))  # fmt: skip
            if doc.task_id:
                events.append(DocumentEvent(document=doc, action="assigned", at=doc.received_at + timedelta(hours=2),
                                            actor=leader, actor_name=leader.get_full_name(),
                                            params={"assignee": doc.task.assignee.name}))  # fmt: skip
        DocumentEvent.objects.bulk_create(events)

    # Outgoing: numbered in order through the nine months; 93% signed digitally.
    sample_out, report_out, outcome_out = _sample_pdf(
        ca, "UBND huyện Lương Tài", "Văn bản đi của UBND huyện Lương Tài"
    )
    sample_out_name = _store("mau-van-ban-di-luong-tai.pdf", sample_out)
    out_docs = []
    for n in range(1, OUTGOING + 1):
        day = days[min(len(days) - 1, (n - 1) * len(days) // OUTGOING)]
        name = rng.choices(
            [k for k, _w in OUTGOING_KINDS], weights=[w for _k, w in OUTGOING_KINDS]
        )[0]
        kind = kinds[name]
        excerpt = rng.choice(EXCERPTS_OUT[name]).format(
            y=2019, m=day.month, q=(day.month - 1) // 3 + 1
        )
        signed = rng.random() < 0.93
        doc = Document(unit=luong_tai, register=outgoing, direction=Direction.OUTGOING, year=2019, registry_number=n,
                       status=Document.Status.ISSUED, kind=kind,
                       number_symbol=f"{n}/{kind.abbreviation}-UBND" if kind.abbreviation else f"{n}/UBND",
                       issuer=services.issuer_name(luong_tai), issued_on=day, excerpt=excerpt, signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
                       signer_name="Nguyễn Văn Hùng", recipients="- Các xã, thị trấn;\n- Lưu: VT.",
                       medium=Document.Medium.ELECTRONIC if signed else Document.Medium.PAPER, is_signed=signed,
                       created_by=specialist, created_at=_moment(day, rng))  # fmt: skip
        if signed:
            doc.file.name, doc.signature, doc.signature_report = (
                sample_out_name,
                outcome_out,
                report_out,
            )
        doc.search_text = fold(" ".join([doc.number_symbol, doc.issuer, excerpt, doc.signer_name]))
        out_docs.append(doc)
    with transaction.atomic():
        Document.objects.bulk_create(out_docs)
        next_value(f"documents:{outgoing.pk}:2019")
        advance_to(f"documents:{outgoing.pk}:2019", OUTGOING)
        DocumentEvent.objects.bulk_create(
            [DocumentEvent(document=d, action="issued", at=d.created_at, actor=leader, actor_name=leader.get_full_name(),
                           params={"number": d.registry_number, "number_symbol": d.number_symbol}) for d in out_docs]
        )  # fmt: skip

    # The drafts in progress at the end of September, through the services.
    for excerpt, step in [("Kế hoạch tuyên truyền chuyển đổi số quý IV/2019", "draft"),
                          ("Báo cáo kết quả công tác thông tin và truyền thông 9 tháng năm 2019", "submitted"),
                          ("Thông báo lịch tiếp công dân quý IV/2019", "approved")]:  # fmt: skip
        kind = next((k for name, k in kinds.items() if excerpt.startswith(name)), kinds["Công văn"])
        draft = services.outgoing_draft(user=specialist, document=Document(
            register=outgoing, kind=kind, excerpt=excerpt, year=2019,
            body=f"Căn cứ tình hình thực tế, UBND huyện Lương Tài ban hành {excerpt[0].lower()}{excerpt[1:]}.\n"
                 "Các cơ quan, đơn vị căn cứ nội dung trên triển khai thực hiện.",
            recipients="- Các cơ quan, đơn vị;\n- Các xã, thị trấn;\n- Lưu: VT.", signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            signer_name="Nguyễn Văn Hùng", publish_on_portal=kind.published_by_default))  # fmt: skip
        if step in ("submitted", "approved"):
            services.outgoing_submit(user=specialist, document=draft)
        if step == "approved":
            services.outgoing_approve(user=leader, document=draft)

    # Meetings: two a month, most without paper; September's is concluded with its notice.
    meeting_days = [d for d in days if d.weekday() == 0][::2]
    rows = []
    for i, day in enumerate(meeting_days):
        rows.append(Meeting(unit=luong_tai, title=f"Giao ban công tác chỉ đạo, điều hành tháng {day.month}/2019 (lần {i % 2 + 1})",
                            chair_title="Chủ tịch UBND huyện", chair_name="Nguyễn Văn Hùng",
                            starts_at=timezone.make_aware(datetime.combine(day, time(8, 0))), place="Phòng họp UBND huyện",
                            is_paperless=day.month >= 4 or rng.random() < 0.5, status=Meeting.Status.PLANNED,
                            created_by=leader))  # fmt: skip
    Meeting.objects.bulk_create(rows[:-1])
    last = rows[-1]
    meeting = meetings.meeting_create(
        user=leader, meeting=Meeting(unit=luong_tai, title="Triển khai chuyển đổi số và họp không giấy tờ trên địa bàn huyện",
                                     chair_title="Chủ tịch UBND huyện", chair_name="Nguyễn Văn Hùng",
                                     starts_at=last.starts_at, place="Phòng họp trực tuyến UBND huyện", is_paperless=True),
        invitees=[("Trần Thị Hoa", "Trưởng phòng Văn hóa và Thông tin"), ("Lê Văn Nam", "Chánh Văn phòng HĐND và UBND huyện"),
                  ("Phạm Thị Lan", "Chủ tịch UBND xã Trung Chính")],
        items=[("Kết quả chuyển đổi số 9 tháng năm 2019", "Phòng Văn hóa và Thông tin"),
               ("Sử dụng chứng thư số chuyên dùng và họp không giấy tờ", "Văn phòng HĐND và UBND huyện")],
    )  # fmt: skip
    first, second = meeting.items.all()
    plan_doc = (
        Document.objects.filter(register=outgoing, kind=kinds["Kế hoạch"])
        .order_by("-issued_on")
        .first()
    )
    meetings.paper_add(
        user=specialist,
        meeting=meeting,
        item=first,
        title="Kế hoạch của UBND huyện",
        document=plan_doc,
    )
    meetings.attendance_record(
        user=specialist, meeting=meeting, present=set(meeting.invitees.values_list("pk", flat=True))
    )
    meet_day = timezone.localdate(meeting.starts_at)
    meetings.item_conclude(user=leader, item=first, conclusion="Cơ bản hoàn thành kế hoạch; còn chậm cập nhật số liệu.",
                           actions=[("Cập nhật số liệu chuyển đổi số của các xã", office_vh, meet_day + timedelta(days=30))])  # fmt: skip
    meetings.item_conclude(user=leader, item=second, conclusion="Từ quý IV/2019, họp giao ban không dùng tài liệu giấy.",
                           actions=[("Cài đặt chứng thư số cho lãnh đạo các phòng, ban", office_vp, meet_day + timedelta(days=45))])  # fmt: skip
    meetings.meeting_conclude(user=leader, meeting=meeting, register=outgoing, signer_title="TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG",
                              signer_name="Lê Văn Nam", recipients="- Các thành phần dự họp;\n- Lưu: VT.",
                              on=meet_day + timedelta(days=1))  # fmt: skip
    from tttt.assignments import services as assignments

    for action in meeting.items.all().prefetch_related("actions__task"):
        for a in action.actions.all():
            assignments.task_complete(user=leader, task=a.task, on=a.deadline - timedelta(days=3),
                                      result="Đã hoàn thành theo kết luận.")  # fmt: skip

    _today(today_commune, rng, admin)
    return INCOMING + OUTGOING


def _today(commune: Unit, rng, admin) -> None:
    """Today's commune: its registers, three documents received this week and one
    meeting convened (the two-tier era's users see the module at work)."""
    leader = User.objects.filter(
        memberships__unit=commune, memberships__role__code="lanh-dao"
    ).first()
    clerk = (
        User.objects.filter(
            memberships__unit=commune, memberships__role__code="can-bo-mot-cua"
        ).first()
        or admin
    )
    incoming = Register.objects.create(
        unit=commune, direction=Direction.INCOMING, name="Sổ văn bản đến"
    )
    Register.objects.create(
        unit=commune, direction=Direction.OUTGOING, name="Sổ văn bản đi", symbol="UBND"
    )
    kinds = {k.name: k for k in DocumentKind.objects.all()}
    now = timezone.now()
    for i, (issuer, number, excerpt) in enumerate([
        ("UBND tỉnh Bắc Ninh", "2150/UBND-KGVX", "V/v triển khai nền tảng số dùng chung cấp xã"),
        ("Sở Khoa học và Công nghệ tỉnh Bắc Ninh", "845/SKHCN-CĐS", "V/v báo cáo chỉ số chuyển đổi số cấp xã năm 2026"),
        ("Công an tỉnh Bắc Ninh", "1320/CAT-PA05", "V/v cảnh báo thủ đoạn lừa đảo qua mạng"),
    ]):  # fmt: skip
        services.incoming_receive(user=clerk, document=Document(
            register=incoming, kind=kinds["Công văn"], number_symbol=number, issuer=issuer,
            issued_on=timezone.localdate(now) - timedelta(days=3), received_at=now - timedelta(hours=5 * (3 - i)),  # in the order they came
            excerpt=excerpt, medium=Document.Medium.PAPER))  # fmt: skip
    if leader is not None:
        meetings.meeting_create(
            user=leader, meeting=Meeting(unit=commune, title="Triển khai nền tảng số dùng chung cấp xã",
                                         chair_title="Chủ tịch UBND xã", chair_name="Phạm Thị Lan",
                                         starts_at=now + timedelta(days=2), place="Hội trường UBND xã"),
            invitees=[("Nguyễn Văn Minh", "Phó Chủ tịch UBND xã"), ("Đỗ Thị Thu", "Công chức Văn hóa - Xã hội")],
            items=[("Kế hoạch triển khai nền tảng số dùng chung", "Công chức Văn hóa - Xã hội")],
        )  # fmt: skip
