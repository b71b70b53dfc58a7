"""The editorial board and its workflow; the back office of questions, comments,
compliance and statistics, each limited to the user's portal."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site

from conftest import records_behind
from tttt.core.indicators import get_indicator
from tttt.core.periods import Period
from tttt.org import roles as R
from tttt.org.models import Membership
from tttt.portal import services
from tttt.portal.indicators import NEWS
from tttt.portal.models import NewsPage, Question, QuestionIndexPage, SectionPage

from .conftest import HOST, get
from .test_questions_and_comments import QUESTION

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def login_admin(client, user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


def test_board_follows_memberships(portal, board, tree, django_capture_on_commit_callbacks):
    people = board()
    chiefs = Group.objects.get(name__endswith="Trưởng ban biên tập", name__startswith=portal.title)
    assert list(chiefs.user_set.all()) == [people["chief"]]
    with django_capture_on_commit_callbacks(execute=True):
        Membership.objects.filter(user=people["chief"]).update(valid_to=date(2020, 1, 1))
        Membership.objects.get(
            user=people["chief"]
        ).save()  # ending it through a save triggers the sync
    assert chiefs.user_set.count() == 0


def test_article_goes_reporter_editor_chief_then_live(portal, board, section):
    people = board()
    news = section("tin-tuc")
    page = NewsPage(
        title="Lương Tài ra quân xây dựng nông thôn mới",
        lead="Sáng 5/10…",
        body=[],
        owner=people["reporter"],
    )
    news.add_child(instance=page)
    assert page.permissions_for_user(people["reporter"]).can_edit()
    assert not page.permissions_for_user(people["reporter"]).can_publish()
    assert not page.permissions_for_user(people["editor"]).can_publish()
    assert page.permissions_for_user(people["chief"]).can_publish()

    revision = page.save_revision(user=people["reporter"])
    workflow = page.get_workflow()
    assert workflow is not None and [t.name.split(" (")[0] for t in workflow.tasks] == [
        "Biên tập viên duyệt",
        "Trưởng ban biên tập duyệt",
    ]
    state = workflow.start(page, people["reporter"])
    first = state.current_task_state.task.specific
    assert [a[0] for a in first.get_actions(page, people["reporter"])] == []
    assert "approve" in [a[0] for a in first.get_actions(page, people["editor"])]
    first.on_action(state.current_task_state, people["editor"], "approve")
    state.refresh_from_db()
    second = state.current_task_state.task.specific
    assert [a[0] for a in second.get_actions(page, people["editor"])] == []
    second.on_action(state.current_task_state, people["chief"], "approve")
    page.refresh_from_db()
    assert page.live and revision.pk


def test_editor_sees_only_their_portals_questions(client, portal, member, superuser, tree):
    other = services.portal_create(user=superuser, unit=tree.yen_the, today=date(2019, 9, 30))
    mine = services.question_submit(
        page=QuestionIndexPage.objects.get(path__startswith=portal.path),
        data=services.QuestionData(**QUESTION),
    )
    theirs = services.question_submit(
        page=QuestionIndexPage.objects.get(path__startswith=other.path),
        data=services.QuestionData(**{**QUESTION, "title": "Câu hỏi ở Yên Thế"}),
    )
    editor = member("lt.bientap", R.EDITOR, tree.luong_tai)
    client.force_login(editor)
    listing = client.get("/admin/portal_questions/").content.decode()
    assert QUESTION["title"] in listing and "Câu hỏi ở Yên Thế" not in listing
    assert client.get(f"/admin/portal_questions/edit/{theirs.pk}/").status_code in (302, 403)
    response = client.post(
        f"/admin/portal_questions/edit/{mine.pk}/",
        {
            "answer": "Hồ sơ gồm đơn theo mẫu.",
            "answerer_title": "Phòng VH-TT",
            "decision": "publish",
        },
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == Question.Status.PUBLISHED
    from django.urls import reverse

    assert client.get(reverse("portal_questions:add")).status_code in (302, 403)


def test_compliance_lists_empty_and_stale_categories(client, portal, member, tree, publish_news):
    editor = member("lt.truongban", R.EDITOR_IN_CHIEF, tree.luong_tai)
    client.force_login(editor)
    html = client.get("/admin/cong/tuan-thu/").content.decode()
    assert "Chưa có nội dung" in html and "Tin tức, sự kiện" in html
    from tttt.portal.queries import compliance

    publish_news("Tin hôm nay", lead="Tóm tắt.")
    states = {row.category.code: row.state for row in compliance(portal)}
    assert states["tin-tuc"] == "ok"
    assert states["van-ban"] == "empty"
    old = datetime(2019, 1, 1, tzinfo=VN)
    NewsPage.objects.update(last_published_at=old, first_published_at=old)
    states = {row.category.code: row.state for row in compliance(portal)}
    assert states["tin-tuc"] == "stale"
    # The editor opens the section in the page tree; a leader, who may not edit pages,
    # opens its public page (the tree would refuse him).
    section = SectionPage.objects.get(path__startswith=portal.path, slug="tin-tuc")
    services.board_sync(portal)  # the board's page permissions (a commit hook does it live)
    html = client.get("/admin/cong/tuan-thu/").content.decode()
    assert f'href="/admin/pages/{section.pk}/"' in html
    client.force_login(member("lt.lanhdao", R.LEADER, tree.luong_tai))
    html = client.get("/admin/cong/tuan-thu/").content.decode()
    assert f'href="/admin/pages/{section.pk}/"' not in html and "/tin-tuc/" in html


def test_portal_figures_count_what_was_published_in_the_period(
    portal, publish_news, publish_document, tree, client, member
):
    in_period = datetime(2019, 5, 10, 9, tzinfo=VN)
    publish_news("Tin 1", when=in_period)
    publish_news("Bài 1", kind="article", when=in_period)
    publish_news("Tin năm sau", when=datetime(2020, 2, 1, 9, tzinfo=VN))
    doc = publish_document("15/KH-UBND", "Kế hoạch tuyên truyền", doc_type="ke-hoach")
    assert doc.unit == tree.luong_tai
    period = Period.parse("2019-9M")
    assert get_indicator("portal.news_items").compute([tree.luong_tai], period) == 1
    assert get_indicator("portal.articles").compute([tree.luong_tai], period) == 1
    assert get_indicator("portal.news_items").compute([tree.yen_the], period) == 0
    assert (
        get_indicator("portal.news_items").compute([tree.old_bac_ninh], period) == 1
    )  # the province above
    # A leader, who may not edit pages, opens the pages behind each figure.
    client.force_login(member("lt.lanhdao", R.LEADER, tree.luong_tai))
    rows, page = records_behind(client, "portal.news_items", tree.luong_tai, "2019-9M")
    assert [p.title for p in rows] == ["Tin 1"] and page.context["figure"].unit == tree.luong_tai
    rows, _page = records_behind(client, "portal.articles", tree.luong_tai, "2019")
    assert [p.title for p in rows] == ["Bài 1"]
    type(doc).objects.filter(pk=doc.pk).update(first_published_at=in_period)
    rows, page = records_behind(client, "portal.directive_documents", tree.luong_tai, "2019")
    assert [p.number for p in rows] == ["15/KH-UBND"] and "Kế hoạch" in page.content.decode()
    assert records_behind(client, "portal.legal_documents", tree.luong_tai, "2019")[0] == []
    found = client.get(reverse(NEWS), {"q": "BAI"}).context["page"]
    assert [p.title for p in found] == ["Bài 1"]  # accents and case ignored
    everything = client.get(reverse(NEWS)).context["page"]
    assert [p.title for p in everything] == ["Tin năm sau", "Bài 1", "Tin 1"]  # newest first
    client.force_login(member("yt.lanhdao", R.LEADER, tree.yen_the))  # another district's
    assert not client.get(reverse(NEWS)).context["page"].paginator.count


def test_create_portal_from_the_back_office(client, superuser, tree, roles):
    login_admin(client, superuser)
    response = client.post("/admin/cong/tao/", {"unit_code": "09523", "hostname": "", "title": ""})
    assert response.status_code == 302
    site = Site.objects.get(hostname="trungchinh.localhost")
    assert site.root_page.specific.unit.code == "09523"
    again = client.post("/admin/cong/tao/", {"unit_code": "09523", "hostname": "", "title": ""})
    assert "Đơn vị này đã có cổng thông tin." in again.content.decode()
    missing = client.post("/admin/cong/tao/", {"unit_code": "99999"})
    assert "Không có đơn vị mã 99999" in missing.content.decode()


def test_sitemap_and_feed(client, portal, publish_news, section):
    page = publish_news("Tin có trong sitemap", lead="Tóm tắt sitemap.")
    sitemap = get(client, "/sitemap.xml").content.decode()
    assert f"http://{HOST}{page.url}" in sitemap or page.full_url in sitemap
    feed = get(client, f"/cong/rss/{section('tin-tuc').pk}/")
    assert feed.status_code == 200 and "Tin có trong sitemap" in feed.content.decode()
    assert feed["Content-Type"].startswith("application/rss+xml")


def _queries(client, url, **kw):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **kw).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_do_not_grow_queries_with_rows(client, portal, publish_news, member, tree):
    qa = QuestionIndexPage.objects.get(path__startswith=portal.path)
    for i in range(3):
        publish_news(f"Tin {i}")
        services.question_submit(
            page=qa, data=services.QuestionData(**{**QUESTION, "title": f"Câu hỏi {i}"})
        )
    _queries(client, "/tin-tuc/", HTTP_HOST=HOST)  # fills the site and menu cache
    section_few = _queries(client, "/tin-tuc/", HTTP_HOST=HOST)
    editor = member("lt.bientap", R.EDITOR, tree.luong_tai)
    client.force_login(editor)
    _queries(client, "/admin/portal_questions/")  # fills the scope cache
    admin_few = _queries(client, "/admin/portal_questions/")
    client.logout()
    for i in range(3, 15):
        publish_news(f"Tin {i}")
        services.question_submit(
            page=qa, data=services.QuestionData(**{**QUESTION, "title": f"Câu hỏi {i}"})
        )
    _queries(client, "/tin-tuc/", HTTP_HOST=HOST)  # publishing emptied the menu cache
    assert _queries(client, "/tin-tuc/", HTTP_HOST=HOST) == section_few
    client.force_login(editor)
    _queries(client, "/admin/portal_questions/")
    assert _queries(client, "/admin/portal_questions/") == admin_few


def test_question_export_holds_only_the_editors_portal(client, portal, member, superuser, tree):
    other = services.portal_create(user=superuser, unit=tree.yen_the, today=date(2019, 9, 30))
    services.question_submit(
        page=QuestionIndexPage.objects.get(path__startswith=portal.path),
        data=services.QuestionData(**QUESTION),
    )
    services.question_submit(
        page=QuestionIndexPage.objects.get(path__startswith=other.path),
        data=services.QuestionData(**{**QUESTION, "title": "Câu hỏi ở Yên Thế"}),
    )
    client.force_login(member("lt.bientap", R.EDITOR, tree.luong_tai))
    export = client.get("/admin/portal_questions/?export=csv")
    assert export.status_code == 200
    text = (
        b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    )
    assert QUESTION["title"] in text and "Câu hỏi ở Yên Thế" not in text


def test_refusing_a_published_question_is_explained_on_the_form(client, portal, member, tree):
    editor = member("lt.bientap", R.EDITOR, tree.luong_tai)
    qa = QuestionIndexPage.objects.get(path__startswith=portal.path)
    question = services.question_submit(page=qa, data=services.QuestionData(**QUESTION))
    services.question_answer(user=editor, question=question, answer="Đã trả lời.")
    client.force_login(editor)
    response = client.post(
        f"/admin/portal_questions/edit/{question.pk}/",
        {"answer": "Đã trả lời.", "answerer_title": "", "decision": "reject"},
    )
    assert response.status_code == 200
    assert "Câu hỏi đã đăng; hãy sửa câu trả lời thay vì từ chối." in response.content.decode()
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED


def test_editor_slugs_are_ascii_never_refused_as_taken_and_reporters_create_what_they_write(
    client, portal, board, section
):
    from django.urls import reverse

    people = board()
    news = section("tin-tuc")
    client.force_login(people["reporter"])
    offered = client.get(reverse("wagtailadmin_pages:add_subpage", args=[news.pk]))
    assert offered.status_code in (200, 302)
    if offered.status_code == 200:
        html = offered.content.decode()
        add = lambda kind: reverse("wagtailadmin_pages:add", args=["portal", kind, news.pk])  # noqa: E731
        assert add("newspage") in html and add("sectionpage") not in html
    refused = client.get(reverse("wagtailadmin_pages:add", args=["portal", "sectionpage", news.pk]))
    assert (
        refused.status_code in (302, 403)
        and not SectionPage.objects.filter(
            path__startswith=news.path, depth=news.depth + 1
        ).exists()
    )
    title = "Huyện Lương Tài đón đoàn kiểm tra"
    first = NewsPage(title=title, lead="Sáng 5/10…", body=[])
    news.add_child(instance=first)
    assert first.slug == "huyen-luong-tai-don-doan-kiem-tra"
    url = reverse("wagtailadmin_pages:add", args=["portal", "newspage", news.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not hasattr(v, "pk")}
    data.update(title=title, slug="huyện-lương-tài-đón-đoàn-kiểm-tra", lead="Tin thứ hai",
                kind="news", **{"body-count": "0", "comments-TOTAL_FORMS": "0",
                "comments-INITIAL_FORMS": "0", "comments-MIN_NUM_FORMS": "0",
                "comments-MAX_NUM_FORMS": "1000"})  # fmt: skip
    saved = client.post(url, data)
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    second = NewsPage.objects.get(path__startswith=news.path, lead="Tin thứ hai")
    assert second.slug == "huyen-luong-tai-don-doan-kiem-tra-2"
