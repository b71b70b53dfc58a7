"""Reminders before a report's due date: e-mails 7 days and 1 day before to the officers of
units that have not submitted; the home-page panel of what one's units owe."""

from datetime import date

import pytest
from django.core.management import call_command

from tttt.core.periods import Period
from tttt.reporting import services
from tttt.reporting.reminders import latest_period, owed, send_reminders


@pytest.mark.parametrize(
    "kind, today, period",
    [("quarter", date(2019, 10, 8), "2019-Q3"), ("quarter", date(2020, 1, 2), "2019-Q4"),
     ("month", date(2020, 1, 2), "2019-12"), ("9m", date(2019, 10, 8), "2019-9M"),
     ("9m", date(2019, 9, 30), "2018-9M"), ("6m", date(2019, 7, 1), "2019-H1"), ("year", date(2020, 1, 5), "2019")],
)  # fmt: skip
def test_the_latest_period_is_the_last_one_ended(kind, today, period):
    assert str(latest_period(kind, today)) == period


def test_officers_of_units_that_have_not_submitted_are_reminded(
    commune_form, tree, thua_officer, member, mailoutbox
):
    from tttt.org.roles import REPORTING_OFFICER

    thua_officer.email = "thua@example.vn"
    thua_officer.save()
    tc = member("tc.baocao", REPORTING_OFFICER, tree.trung_chinh)
    tc.email = "tc@example.vn"
    tc.save()
    report = services.report_open(
        user=tc, form=commune_form, unit=tree.trung_chinh, period=Period.quarter(2019, 3)
    )
    services.report_save(
        user=tc, report=report, figures={"bc.buu_dien_ke_hoach": "61", "bc.dvc_tich_hop": "5"}
    )
    services.report_submit(user=tc, report=report)
    assert send_reminders(date(2019, 10, 7)) == {
        "reports": 0,
        "emails": 0,
    }  # 8 days before: nothing
    result = send_reminders(date(2019, 10, 8))  # 7 days before 15/10
    assert result["emails"] == 1 and [m.to for m in mailoutbox] == [["thua@example.vn"]]
    assert (
        "Thị trấn Thứa chưa nộp «Báo cáo quý công tác TT&TT» Quý III/2019. Hạn nộp: 15/10/2019"
        in mailoutbox[0].body
    )
    call_command("report-reminders", "--today", "2019-10-14")  # 1 day before
    assert len(mailoutbox) == 2
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="yyyy-mm-dd"):
        call_command("report-reminders", "--today", "14/10/2019")


def test_the_panel_lists_what_ones_units_owe(client, commune_form, tree, thua_officer):
    items = owed([tree.thua], date(2019, 10, 20), within=15)
    assert [(o.unit.name, str(o.period), o.days_left(date(2019, 10, 20))) for o in items] == [
        ("Thị trấn Thứa", "2019-Q3", -5)
    ]
    earlier = owed([tree.thua], date(2019, 9, 10), within=15)  # Q3 has not ended: Q2's is overdue
    assert [(str(o.period), o.days_left(date(2019, 9, 10))) for o in earlier] == [("2019-Q2", -57)]
    assert (
        owed([tree.thua], date(2019, 7, 1), within=7) == []
    )  # Q2's is due in 14 days: not yet shown


def test_the_home_page_shows_the_panel(client, commune_form, tree, member):
    from django.utils import timezone

    from tttt.org.roles import REPORTING_OFFICER

    client.force_login(
        member("xtc.baocao", REPORTING_OFFICER, tree.new_trung_chinh, valid_from=date(2025, 7, 1))
    )
    page = client.get("/admin/").content.decode()
    owed_now = owed([tree.new_trung_chinh], timezone.localdate(), within=15)
    assert "Báo cáo định kỳ cần nộp" in page
    assert owed_now and f"{owed_now[0].period.label} — Xã Trung Chính" in page
