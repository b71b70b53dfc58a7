"""Online listening in a browser: the worker has read the sample sources for Lương Tài; a
spike of negative posts about land dossiers raises the alert the district leader set; the
leader sees it on the home page, opens the posts behind it and turns one into a task for the
commune, whose page names the post it came from."""

import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tttt.assignments.models import Task
from tttt.listening import services
from tttt.listening.models import Source
from tttt.org.roles import LEADER
from tttt.reporting import services as reporting
from tttt.reporting.models import AlertRule

from .test_documents_and_meetings import sign_in

pytestmark = pytest.mark.e2e
SAMPLES = __import__("pathlib").Path(services.__file__).with_name("samples")


def test_a_negative_spike_raises_an_alert_the_leader_turns_into_a_task(transactional_db, shipped_data, live_server,
                                                                        browser, shot, tree, member):  # fmt: skip
    from importlib import import_module

    from django.apps import apps

    import_module("tttt.listening.migrations.0002_lexicon").load(apps, None)
    leader = member("lt.lanhdao", LEADER, tree.luong_tai)
    services.watchlist_refresh(user=leader, unit=tree.luong_tai)
    source = services.source_save(
        user=leader, source=Source(unit=tree.luong_tai, name="Mạng xã hội", kind="upload")
    )
    for name in ("mang-xa-hoi.json", "mang-xa-hoi.csv"):
        services.upload_ingest(
            user=leader,
            source=source,
            upload=SimpleUploadedFile(name, (SAMPLES / name).read_bytes()),
        )
    rule = reporting.alert_rule_save(user=leader, rule=AlertRule(
        unit=tree.luong_tai, code="listening.negative_against_usual", comparison="above", threshold=200, span="week"))  # fmt: skip
    assert (
        reporting.evaluate_alerts(today=date(2019, 9, 29), rules=[rule])["opened"] == 1
    )  # the worker's round that day

    page = sign_in(browser, live_server, "lt.lanhdao")
    alert = page.locator("li", has_text="Tin tiêu cực so với mức thường ngày")
    assert "Huyện Lương Tài" in alert.inner_text()
    alert.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/admin/theo-doi-tin/tin/\?"))
    assert "Tin tiêu cực" in page.locator("main").inner_text()
    rows = page.locator("main table tbody tr")
    assert rows.count() == 6
    page.get_by_role("link", name=re.compile("hách dịch")).click()
    page.wait_for_url(re.compile(r"/admin/theo-doi-tin/tin/inspect/\d+/"))
    assert page.locator("[data-testid=mention-sentiment]").inner_text() == "Tiêu cực"
    form = page.locator("[data-testid=task-form]")
    form.locator("#id_title").fill("Xác minh phản ánh cán bộ địa chính xã Trung Chính")
    form.locator("#id_assignee").select_option(str(tree.trung_chinh.pk))
    form.locator("#id_deadline").fill((date.today() + timedelta(days=5)).isoformat())
    form.locator("button").click()
    page.wait_for_load_state()
    assert "Xã Trung Chính" in page.locator("[data-testid=mention-task]").inner_text()
    shot(page, "listening-mention-task")
    task = Task.objects.get()
    assert (
        task.source == Task.Source.LISTENING
        and task.source_reference == "https://mxh.example.vn/posts/1007"
    )
    page.goto(f"{live_server.url}/admin/theo-doi-tin/tuan/")
    assert (
        "tuần từ 23/09/2019 đến 29/09/2019"
        in page.locator("[data-testid=listening-week]").inner_text()
    )
    shot(page, "listening-week")
