"""Twenty people issue from one outgoing register at once (PostgreSQL: SQLite serialises
writers): every document gets its own number, with no gap, even when two fail to sign."""

import pytest
from django.db import connection

from conftest import in_threads
from tttt.documents import services
from tttt.documents.models import Document

from .conftest import PIN

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="races need PostgreSQL"),
]


def test_twenty_concurrent_issuers_get_their_numbers_without_a_gap(
    people, registers, kinds, ca, tree
):
    credential = services.credential_add(
        user=people.leader, unit=tree.luong_tai, pkcs12=ca.leader.pkcs12(PIN), pin=PIN
    )
    docs = []
    for i in range(20):
        doc = services.outgoing_draft(user=people.specialist, document=Document(
            register=registers.outgoing, kind=kinds["Công văn"], excerpt=f"Đôn đốc báo cáo số {i}",
            body="Đề nghị các xã báo cáo.", signer_title="KT. CHỦ TỊCH", signer_name="Nguyễn Văn Lãnh Đạo"))  # fmt: skip
        services.outgoing_submit(user=people.specialist, document=doc)
        docs.append(services.outgoing_approve(user=people.leader, document=doc))
    wrong_pin = {3, 11}  # these two fail to sign: their numbers must go to others

    def work(i):
        return services.outgoing_issue(user=people.leader, document=docs[i], credential=credential,
                                       pin="000000" if i in wrong_pin else PIN).registry_number  # fmt: skip

    numbers, errors = in_threads(20, work)
    assert [i for i, e in enumerate(errors) if e is not None] == sorted(wrong_pin)
    issued = sorted(n for n in numbers if n is not None)
    assert issued == list(range(1, 19))  # 18 signed: 1 to 18, none skipped, none twice
    symbols = Document.objects.filter(status="issued").values_list("number_symbol", flat=True)
    assert sorted(symbols) == sorted(f"{n}/UBND" for n in range(1, 19))
