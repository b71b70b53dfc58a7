"""The portal in a browser: an article through the editorial workflow to the public page,
a citizen's question answered and published, a comment moderated, a search without
diacritics, and basic WCAG 2.1 AA checks (one h1, labels, contrast, keyboard)."""

import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tttt.org.roles import EDITOR, EDITOR_IN_CHIEF, REPORTER
from tttt.portal import services
from tttt.portal.models import Comment, NewsPage, Question, SectionPage

from .conftest import javascript_english
from .test_dossier_life import login

pytestmark = pytest.mark.e2e


@pytest.fixture
def portal(shipped_data, live_server, settings, tree, superuser, member):
    """Lương Tài's portal at luongtai.localhost:<live server port>, with its board."""
    settings.TTTT_PORTAL_PORT = urlsplit(live_server.url).port
    member("lt.phongvien", REPORTER, tree.luong_tai)
    member("lt.bientap", EDITOR, tree.luong_tai)
    member("lt.truongban", EDITOR_IN_CHIEF, tree.luong_tai)
    home = services.portal_create(user=superuser, unit=tree.luong_tai, today=date(2019, 9, 30))
    home.base = f"http://luongtai.localhost:{settings.TTTT_PORTAL_PORT}"
    return home


def public(browser):
    return browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()


def approve(page, live_server, news_page):
    page.goto(f"{live_server.url}/admin/pages/{news_page.pk}/edit/")
    page.locator("footer .w-dropdown__toggle").click()
    page.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    expect(page.locator(".messages")).to_contain_text("Đã cập nhật trang")


def test_article_goes_through_the_workflow_to_the_public_page(portal, live_server, browser, shot):
    news = SectionPage.objects.get(path__startswith=portal.path, slug="tin-tuc")
    reporter = login(browser, live_server, "lt.phongvien")
    reporter.goto(f"{live_server.url}/admin/pages/add/portal/newspage/{news.pk}/")
    reporter.locator("#id_title").fill("Lương Tài ra quân làm đường giao thông nông thôn")
    reporter.locator("#id_lead").fill("Sáng 5/10, các xã đồng loạt ra quân làm đường.")
    reporter.locator("button.c-sf-add-button").click()
    reporter.get_by_role("option", name="Đoạn văn").click()
    editor = reporter.locator(".DraftEditor-root [contenteditable=true]").first
    editor.click()
    editor.press_sequentially("Hơn 2.000 người dân đã tham gia làm 12 km đường.")
    # Draftail writes its hidden input a moment after typing (debounced).
    expect(reporter.locator("input[name='body-0-value']")).to_have_value(
        re.compile("2.000 người dân")
    )
    shot(reporter, "portal-reporter-writes")
    assert javascript_english(reporter) == []  # the editor's own words are Vietnamese
    reporter.locator("footer .w-dropdown__toggle").click()
    reporter.locator("button[name=action-submit]").click()
    expect(reporter.locator(".messages")).to_contain_text("gửi duyệt trang")
    page = NewsPage.objects.get()
    assert not page.live
    assert "2.000" in page.get_latest_revision().content["body"]

    approve(login(browser, live_server, "lt.bientap"), live_server, page)
    page.refresh_from_db()
    assert not page.live  # the editor-in-chief still has to approve
    chief = login(browser, live_server, "lt.truongban")
    approve(chief, live_server, page)
    shot(chief, "portal-chief-approved")
    page.refresh_from_db()
    assert page.live and page.unit_id == portal.unit_id

    reader = public(browser)
    reader.goto(f"{portal.base}/tin-tuc/")
    reader.get_by_role("link", name="Lương Tài ra quân làm đường giao thông nông thôn").click()
    expect(reader.locator("h1")).to_have_text("Lương Tài ra quân làm đường giao thông nông thôn")
    expect(reader.locator("article")).to_contain_text("Hơn 2.000 người dân")
    shot(reader, "portal-article-public")


def test_citizens_question_is_answered_and_published(portal, live_server, browser, shot):
    citizen = public(browser)
    citizen.goto(f"{portal.base}/hoi-dap/")
    citizen.get_by_label("Tiêu đề câu hỏi").fill("Giờ hoạt động của quán karaoke")
    citizen.get_by_label("Nội dung câu hỏi").fill(
        "Quán karaoke gần nhà tôi mở đến 1 giờ sáng. Quy định thế nào?"
    )
    citizen.get_by_label("Họ và tên").fill("Trần Văn Bình")
    citizen.get_by_label("Thư điện tử").fill("khong-hop-le")
    citizen.get_by_role("button", name="Gửi câu hỏi").click()
    expect(citizen.locator(".public-form")).to_contain_text("Thư điện tử")
    assert Question.objects.count() == 0
    citizen.get_by_label("Thư điện tử").fill("binh@example.vn")
    citizen.get_by_role("button", name="Gửi câu hỏi").click()
    expect(citizen.get_by_role("status")).to_contain_text("Câu hỏi đã được gửi")
    question = Question.objects.get()

    editor = login(browser, live_server, "lt.bientap")
    editor.goto(f"{live_server.url}/admin/portal_questions/")
    editor.get_by_role("link", name="Giờ hoạt động của quán karaoke").click()
    editor.locator("#id_answer").fill(
        "Cơ sở karaoke không được hoạt động từ 0 giờ đến 8 giờ sáng (Nghị định 54/2019/NĐ-CP)."
    )
    editor.locator("#id_answerer_title").fill("Phòng Văn hóa và Thông tin")
    editor.get_by_label("Trả lời và đăng công khai").check()
    editor.locator("button.action-save, button[type=submit].button").first.click()
    editor.wait_for_load_state("networkidle")
    shot(editor, "portal-question-answered")
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED

    citizen.goto(f"{portal.base}/hoi-dap/")
    expect(citizen.locator(f"#cau-hoi-{question.pk}")).to_contain_text("từ 0 giờ đến 8 giờ sáng")
    assert "binh@example.vn" not in citizen.content()
    shot(citizen, "portal-question-published")


def test_comment_is_moderated_before_it_shows(portal, live_server, browser, shot):
    news = SectionPage.objects.get(path__startswith=portal.path, slug="tin-tuc")
    page = NewsPage(
        title="Khánh thành nhà văn hóa thôn", lead="Nhà văn hóa mới khang trang.", body=[]
    )
    news.add_child(instance=page)
    page.save_revision().publish()
    reader = public(browser)
    reader.goto(f"{portal.base}{page.url_path.removeprefix(portal.url_path[:-1])}")
    reader.get_by_label("Tiêu đề").fill("Rất vui")
    reader.get_by_label("Người gửi").fill("Nguyễn Thị Hoa")
    reader.get_by_label("Thư điện tử").fill("hoa@example.vn")
    reader.get_by_label("Nội dung bình luận").fill("Bà con có chỗ sinh hoạt chung khang trang.")
    reader.get_by_label("Đánh giá bài viết").select_option("5")
    reader.get_by_role("button", name="Gửi ý kiến").click()
    expect(reader.get_by_role("status")).to_contain_text("sau khi ban biên tập duyệt")
    expect(reader.locator("#binh-luan")).not_to_contain_text("Bà con có chỗ sinh hoạt chung")

    editor = login(browser, live_server, "lt.bientap")
    editor.goto(f"{live_server.url}/admin/portal_comments/")
    editor.get_by_role("link", name="Rất vui").click()
    editor.get_by_label("Đăng", exact=True).check()
    editor.locator("button[type=submit].button").first.click()
    editor.wait_for_load_state("networkidle")
    assert Comment.objects.get().status == Comment.Status.PUBLISHED

    reader.reload()
    expect(reader.locator("#binh-luan")).to_contain_text("Bà con có chỗ sinh hoạt chung")
    assert "hoa@example.vn" not in reader.locator("main").inner_text()
    shot(reader, "portal-comment-published")


def _luminance(css: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", css)[:3])
    channel = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2]


def contrast(page, selector: str, background: str | None = None) -> float:
    element = page.locator(selector).first
    fg = element.evaluate("e => getComputedStyle(e).color")
    bg = background or element.evaluate(
        "e => { while (e) { const c = getComputedStyle(e).backgroundColor;"
        " if (c !== 'rgba(0, 0, 0, 0)') return c; e = e.parentElement; } return 'rgb(255, 255, 255)'; }"
    )
    a, b = sorted([_luminance(fg), _luminance(bg)], reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_search_without_diacritics_and_accessibility(portal, live_server, browser, shot):
    news = SectionPage.objects.get(path__startswith=portal.path, slug="tin-tuc")
    page = NewsPage(
        title="Hà Nội tổ chức hội nghị chuyển đổi số",
        lead="Đoàn công tác huyện dự hội nghị.",
        body=[],
    )
    news.add_child(instance=page)
    page.save_revision().publish()
    reader = public(browser)
    reader.goto(f"{portal.base}/")
    # Keyboard: the first Tab reaches the skip link, which leads to the main content.
    reader.keyboard.press("Tab")
    expect(reader.locator("a.skip")).to_be_focused()
    reader.get_by_label("Tìm kiếm trên cổng").fill("ha noi chuyen doi so")
    reader.keyboard.press("Enter")
    expect(reader.locator("ol.results li").first).to_contain_text(
        "Hà Nội tổ chức hội nghị chuyển đổi số"
    )
    shot(reader, "portal-search")

    for url in [
        "/",
        "/tin-tuc/",
        "/hoi-dap/",
        "/van-ban/",
        "/tim-kiem/?q=ha+noi",
        "/thu-tuc-hanh-chinh/",
    ]:
        reader.goto(f"{portal.base}{url}")
        assert reader.locator("h1").count() == 1, url
        assert reader.locator("html").get_attribute("lang") == "vi"
        for field in reader.locator(
            "main input:not([type=hidden]), main select, main textarea"
        ).all():
            field_id = field.get_attribute("id")
            assert field_id and reader.locator(f"label[for='{field_id}']").count() == 1, (
                url,
                field_id,
            )
        for img in reader.locator("img").all():
            assert img.get_attribute("alt") is not None, url
    reader.goto(f"{portal.base}/tin-tuc/")
    assert contrast(reader, ".portal-name") >= 4.5
    assert contrast(reader, ".portal-menu a") >= 4.5
    assert contrast(reader, "main a") >= 4.5
    assert contrast(reader, ".site-footer p") >= 4.5
    reader.goto(f"{portal.base}/tin-tuc/{page.slug}/")
    assert contrast(reader, ".muted") >= 4.5
