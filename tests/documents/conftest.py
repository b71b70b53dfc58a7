"""A test certification authority, registers of Lương Tài, and the people who use them."""

from types import SimpleNamespace

import pytest
from fpdf import FPDF

from tttt.documents import services
from tttt.documents.models import Direction, DocumentKind, Register
from tttt.documents.testca import TestCA
from tttt.org import roles as R

PIN = "246810"


@pytest.fixture(scope="session")
def ca():
    """A root, a signer in Bắc Ninh's department, an expired signer and a revoked one."""
    ca = TestCA(name="CA thử nghiệm chuyên dùng", org="Ban Cơ yếu (thử nghiệm)")
    revoked = ca.issue("Lê Văn Thu Hồi", "UBND tỉnh Bắc Ninh")
    ca.revoke(revoked)
    return SimpleNamespace(
        ca=ca,
        sender=ca.issue("Nguyễn Thị Gửi", "Sở Khoa học và Công nghệ tỉnh Bắc Ninh"),
        leader=ca.issue("Nguyễn Văn Lãnh Đạo", "UBND huyện Lương Tài"),
        expired=ca.issue("Trần Văn Hết Hạn", "UBND tỉnh Bắc Ninh", days_before=900, days_after=-3),
        revoked=revoked,
    )


def pdf_of(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_font("serif", "", "src/tttt/core/fonts/DejaVuSerif.ttf")
    pdf.set_font("serif", size=13)
    pdf.add_page()
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


@pytest.fixture(scope="session")
def signed_by(ca):
    """A PDF signed by one of the CA's signers (cached: signing takes a second)."""
    from tttt.documents import signing

    made = {}

    def sign(who: str, text: str = "Công văn số 1234/SKHCN-BCVT về chuyển đổi số cấp xã") -> bytes:
        if (who, text) not in made:
            issued = getattr(ca, who)
            made[who, text] = signing.sign_pdf(
                pdf_of(text), pkcs12=issued.pkcs12("x"), passphrase="x", signer_name=who,
                reason="Ban hành", location="Bắc Ninh", box=(300, 60, 560, 130),
            )  # fmt: skip
        return made[who, text]

    return sign


@pytest.fixture
def trusted(ca, superuser):
    return services.trusted_root_add(
        user=superuser, name="CA thử nghiệm chuyên dùng", certificate=ca.ca.root_der,
        crl=ca.ca.crl_der(),
    )  # fmt: skip


@pytest.fixture
def registers(tree):
    lt = tree.luong_tai
    return SimpleNamespace(
        incoming=Register.objects.create(unit=lt, direction=Direction.INCOMING, name="Sổ văn bản đến"),
        outgoing=Register.objects.create(unit=lt, direction=Direction.OUTGOING, name="Sổ văn bản đi", symbol="UBND"),
        other=Register.objects.create(unit=tree.yen_the, direction=Direction.INCOMING, name="Sổ văn bản đến"),
    )  # fmt: skip


@pytest.fixture
def kinds(db):
    """The kinds the migration ships (loaded again where a test's database was flushed)."""
    if not DocumentKind.objects.exists():
        from importlib import import_module

        from django.apps import apps

        import_module("tttt.documents.migrations.0002_document_kinds").add(apps, None)
    return {k.name: k for k in DocumentKind.objects.all()}


@pytest.fixture
def people(member, tree):
    return SimpleNamespace(
        clerk=member("lt.vanthu", R.CLERK, tree.luong_tai),
        specialist=member("lt.chuyenvien", R.SPECIALIST, tree.luong_tai),
        leader=member("lt.lanhdao", R.LEADER, tree.luong_tai),
        stranger=member("yt.vanthu", R.CLERK, tree.yen_the),
    )
