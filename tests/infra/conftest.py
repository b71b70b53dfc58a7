from datetime import date

import pytest

from tttt.infra import services
from tttt.infra.models import BtsStation, Operator
from tttt.org.roles import SPECIALIST


@pytest.fixture
def officer(tree, member):
    """A specialist of today's commune Trung Chính."""
    return member("tc.vhxh", SPECIALIST, tree.new_trung_chinh)


@pytest.fixture
def other_officer(tree, member):
    """A specialist of today's commune Bố Hạ."""
    return member("bh.vhxh", SPECIALIST, tree.new_bo_ha)


@pytest.fixture
def station(officer, tree):
    def make(code="BNH0001", unit=None, commissioned=date(2024, 6, 1), user=None, **kw):
        s = BtsStation(
            operator=Operator.objects.get(code=kw.pop("operator", "viettel")),
            code=code,
            address="Thôn Phú Thọ",
            unit=unit or tree.new_trung_chinh,
            has_4g=True,
            commissioned_on=commissioned,
            latitude=kw.pop("latitude", "21.0312"),
            longitude=kw.pop("longitude", "106.2341"),
            **kw,
        )
        return services.record_save(user=user or officer, record=s)

    return make
