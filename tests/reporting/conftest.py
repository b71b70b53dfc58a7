from datetime import date

import pytest

from tttt.org.roles import REPORTING_OFFICER
from tttt.reporting.models import FormIndicator, FormSection, ManualIndicator, ReportForm

Q3_2019 = ("2019-Q3", date(2019, 7, 1), date(2019, 9, 30))


@pytest.fixture
def manual(db):
    """Two manual indicators of seed 004: a percentage and a count with a whole."""
    plan = ManualIndicator.objects.create(
        code="bc.buu_dien_ke_hoach", name="Bưu điện hoàn thành % kế hoạch năm", measure="percent",
        aggregation="ratio")  # fmt: skip
    services = ManualIndicator.objects.create(
        code="bc.dvc_tich_hop", name="Dịch vụ hành chính công tích hợp", measure="count"
    )
    services_online = ManualIndicator.objects.create(
        code="bc.dvc_truc_tuyen", name="Trong đó: dịch vụ công trực tuyến", measure="count",
        whole_code="bc.dvc_tich_hop")  # fmt: skip
    return plan, services, services_online


@pytest.fixture
def commune_form(manual):
    """A quarterly commune-level form: one computed and three manual indicators, two sections."""
    form = ReportForm.objects.create(code="bc-quy-xa", name="Báo cáo quý công tác TT&TT",
                                     level="commune", period_kind="quarter", due_days=15)  # fmt: skip
    for i, code in enumerate(["org.offices", "bc.buu_dien_ke_hoach", "bc.dvc_tich_hop",
                              "bc.dvc_truc_tuyen"]):  # fmt: skip
        FormIndicator.objects.create(
            form=form, position=i, code=code, required=code != "bc.dvc_truc_tuyen"
        )
    FormSection.objects.create(form=form, position=1, title="Kết quả đạt được")
    FormSection.objects.create(form=form, position=2, title="Tồn tại, hạn chế và nguyên nhân")
    return form


@pytest.fixture
def district_form(db):
    form = ReportForm.objects.create(code="bc-quy-huyen", name="Báo cáo quý cấp huyện",
                                     level="district", period_kind="quarter", due_days=15)  # fmt: skip
    FormIndicator.objects.create(form=form, position=0, code="org.communes")
    return form


@pytest.fixture
def thua_officer(tree, member):
    return member("thua.baocao", REPORTING_OFFICER, tree.thua)


@pytest.fixture
def district_officer(tree, member):
    """The reporting officer of the former district Lương Tài: receives its communes' reports."""
    return member("lt.baocao", REPORTING_OFFICER, tree.luong_tai)
