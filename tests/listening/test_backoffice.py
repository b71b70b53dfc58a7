"""Listening in the back office: the week's picture links each figure to its mentions; the
mentions list keeps its query count; a mention's page turns it into a task; an export is
uploaded from the source's page (a bad one names its rows); other units' mentions stay out."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tttt.listening.models import Mention

from .conftest import SAMPLES

pytestmark = pytest.mark.django_db


def test_the_week_opens_on_the_latest_week_with_mentions_and_links_its_figures(
    client, people, tree, read
):
    client.force_login(people.leader)
    page = client.get(reverse("listening_week"))
    picture = page.context["picture"]
    assert picture["start"] == date(2019, 9, 23) and picture["totals"]["total"] == 7
    assert picture["totals"]["negative"] == 6 and picture["before"]["negative"] == 1
    assert dict(picture["topics"]).get("hồ sơ", 0) >= 3
    listed = client.get(f"{page.context['link']}&cam_xuc=negative")
    assert len(listed.context["object_list"]) == 6
    body = page.content.decode()
    assert "Tiêu cực" in body and "tuần từ 23/09/2019 đến 29/09/2019" in body


def test_the_mentions_list_keeps_its_query_count(client, people, tree, read):
    client.force_login(people.leader)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("listening_mentions:index")).status_code == 200
        return len(ctx.captured_queries)

    count()
    few = count()
    Mention.objects.filter(pk__in=list(Mention.objects.values_list("pk", flat=True)[:3])).delete()
    assert count() == few


def test_a_leader_assigns_a_mention_from_its_page(client, people, tree, read):
    mention = Mention.objects.get(url="https://mxh.example.vn/posts/1005")
    url = reverse("listening_mentions:inspect", args=[mention.pk])
    client.force_login(people.leader)
    page = client.post(
        url, {"action": "task", "title": "", "assignee": tree.trung_chinh.pk, "deadline": ""}
    )
    assert page.status_code == 200 and set(page.context["task_form"].errors) == {
        "title",
        "deadline",
    }
    client.post(url, {"action": "task", "title": "Trả lời người dân về hồ sơ đất đai",
                      "assignee": tree.trung_chinh.pk, "deadline": str(date.today() + timedelta(days=5))})  # fmt: skip
    mention.refresh_from_db()
    assert mention.task.title == "Trả lời người dân về hồ sơ đất đai"
    client.force_login(people.stranger)
    assert client.get(url).status_code in (302, 403)
    assert mention not in client.get(reverse("listening_mentions:index")).context["object_list"]


def test_an_export_is_uploaded_from_the_source_page(client, people, tree, read):
    client.force_login(people.specialist)
    url = reverse("listening_sources:inspect", args=[read.pk])
    bad = SimpleUploadedFile("x.csv", "thoi_gian,noi_dung\nhôm qua,\n".encode())
    page = client.post(url, {"action": "upload", "upload": bad}, follow=True)
    assert [str(m).split(":")[0] for m in page.context["messages"]] == ["Dòng 2", "Dòng 2"]
    again = SimpleUploadedFile("mang-xa-hoi.csv", (SAMPLES / "mang-xa-hoi.csv").read_bytes())
    page = client.post(url, {"action": "upload", "upload": again}, follow=True)
    assert "0 tin mới, 4 tin đã có" in str(list(page.context["messages"])[0])
