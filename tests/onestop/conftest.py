from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tttt.onestop import services
from tttt.onestop.models import Channel, Procedure, ProcedureDocument, ProcedureField
from tttt.org.roles import CLERK, LEADER, SPECIALIST

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY_9AM = datetime(2026, 12, 7, 9, 0, tzinfo=VN)  # an ordinary working Monday
APPLICANT = {
    "applicant_name": "Nguyễn Văn An",
    "citizen_id": "027090001234",
    "phone": "0912345678",
    "address": "Thôn Ngọc Quan, xã Trung Chính",
}


def at(day, hour=9, minute=0):
    return datetime(2026, 12, day, hour, minute, tzinfo=VN)


@pytest.fixture
def procedure(tree):
    field = ProcedureField.objects.create(code="VHCS", name="Văn hóa cơ sở")
    proc = Procedure.objects.create(
        code="1.001809",
        name="Cấp Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng",
        field=field,
        level=Procedure.Level.COMMUNE,
        duration=3,
        fee=200_000,
        online_service=Procedure.OnlineService.FULL,
        legal_basis="Nghị định 147/2024/NĐ-CP",
    )
    proc.units.add(tree.new_trung_chinh, tree.new_bo_ha)
    ProcedureDocument.objects.create(
        procedure=proc, order=1, name="Đơn đề nghị cấp Giấy chứng nhận (Mẫu số 11)"
    )
    return proc


@dataclass
class Staff:
    clerk: object
    specialist: object
    leader: object
    other_clerk: object


@pytest.fixture
def staff(tree, member):
    return Staff(
        clerk=member("tc.motcua", CLERK, tree.new_trung_chinh),
        specialist=member("tc.chuyenvien", SPECIALIST, tree.new_trung_chinh),
        leader=member("tc.lanhdao", LEADER, tree.new_trung_chinh),
        other_clerk=member("bh.motcua", CLERK, tree.new_bo_ha),
    )


@pytest.fixture
def receive(tree, procedure, staff):
    def go(now=MONDAY_9AM, user=None, unit=None, channel=Channel.COUNTER, **applicant):
        return services.receive_dossier(
            user=user or staff.clerk,
            procedure=procedure,
            unit=unit or tree.new_trung_chinh,
            channel=channel,
            applicant={**APPLICANT, **applicant},
            now=now,
        )

    return go
