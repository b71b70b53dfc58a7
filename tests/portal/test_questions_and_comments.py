"""Citizens' questions and readers' comments: nothing shows before staff act on it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import records_behind
from tttt.org import roles as R
from tttt.portal import services
from tttt.portal.models import Comment, Question, QuestionIndexPage

from .conftest import HOST, get

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
QUESTION = {
    "title": "Thủ tục cấp phép điểm trò chơi điện tử",
    "body": "Tôi muốn mở điểm cung cấp dịch vụ trò chơi điện tử công cộng ở thị trấn Thứa thì cần giấy tờ gì?",
    "asker_name": "Nguyễn Văn Bình",
    "asker_email": "binh@example.vn",
    "asker_phone": "0912345678",
}


@pytest.fixture
def qa_page(portal):
    return QuestionIndexPage.objects.get(path__startswith=portal.path)


def test_question_is_due_in_five_working_days_and_hidden_until_answered(client, qa_page):
    monday = datetime(2026, 12, 7, 9, 0, tzinfo=VN)
    question = services.question_submit(
        page=qa_page, data=services.QuestionData(**QUESTION), now=monday
    )
    assert question.due_at == datetime(2026, 12, 14, 9, 0, tzinfo=VN)  # Mon → next Mon
    html = get(client, qa_page.url).content.decode()
    assert QUESTION["title"] not in html


def test_answered_question_is_published_without_contact_details(client, qa_page, member, tree):
    editor = member("lt.bientap", R.EDITOR, tree.luong_tai)
    question = services.question_submit(page=qa_page, data=services.QuestionData(**QUESTION))
    services.question_answer(
        user=editor,
        question=question,
        answer="Hồ sơ gồm đơn đề nghị theo Mẫu số 11…",
        answerer_title="Phòng Văn hóa và Thông tin",
    )
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED and question.answered_by == editor
    html = get(client, qa_page.url).content.decode()
    assert QUESTION["title"] in html and "Mẫu số 11" in html
    assert QUESTION["asker_email"] not in html and QUESTION["asker_phone"] not in html
    # The figures' records, as the former district's leader sees them (answered in 2019).
    Question.objects.filter(pk=question.pk).update(
        answered_at=datetime(2019, 5, 10, 9, tzinfo=VN), due_at=datetime(2019, 5, 17, tzinfo=VN)
    )
    client.force_login(member("lt.lanhdao", R.LEADER, tree.luong_tai))
    for code in ("portal.questions_answered", "portal.questions_answered_in_time"):
        assert records_behind(client, code, tree.luong_tai, "2019")[0] == [question]
    assert records_behind(client, "portal.questions_answered", tree.luong_tai, "2018")[0] == []


def test_answer_needs_text_and_scope(qa_page, member, tree):
    question = services.question_submit(page=qa_page, data=services.QuestionData(**QUESTION))
    editor = member("lt.bientap", R.EDITOR, tree.luong_tai)
    with pytest.raises(ValidationError):
        services.question_answer(user=editor, question=question, answer="   ")
    stranger = member("yt.bientap", R.EDITOR, tree.yen_the)
    with pytest.raises(PermissionDenied):
        services.question_answer(user=stranger, question=question, answer="Trả lời")
    question.refresh_from_db()
    assert question.status == Question.Status.NEW and question.answer == ""


def test_question_form_errors_are_in_vietnamese_and_save_nothing(client, qa_page):
    bad = {**QUESTION, "asker_email": "khong-phai-email", "asker_phone": "12345"}
    response = client.post(f"/cong/hoi-dap/{qa_page.pk}/", bad, HTTP_HOST=HOST)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Số điện thoại gồm 10 chữ số" in html
    assert Question.objects.count() == 0


def test_question_form_honeypot_and_rate_limit(client, qa_page, settings):
    settings.TTTT_PORTAL_POST_RATE = "2/600"
    bot = client.post(
        f"/cong/hoi-dap/{qa_page.pk}/", {**QUESTION, "website": "http://spam"}, HTTP_HOST=HOST
    )
    assert bot.status_code == 302 and Question.objects.count() == 0
    for _ in range(2):
        assert (
            client.post(f"/cong/hoi-dap/{qa_page.pk}/", QUESTION, HTTP_HOST=HOST).status_code == 302
        )
    third = client.post(f"/cong/hoi-dap/{qa_page.pk}/", QUESTION, HTTP_HOST=HOST)
    assert third.status_code == 429 and "quá nhiều lần" in third.content.decode()
    assert Question.objects.count() == 2


COMMENT = {
    "title": "Đường đẹp hơn",
    "sender_name": "Trần Thị Hoa",
    "sender_email": "hoa@example.vn",
    "content": "Con đường mới giúp bà con đi lại thuận tiện.",
    "rating": "5",
}


def test_comment_waits_for_moderation_and_never_shows_email(client, publish_news, member, tree):
    page = publish_news("Hoàn thành tuyến đường liên xã", lead="Tuyến đường dài 3 km.")
    response = client.post(f"/cong/binh-luan/{page.pk}/", COMMENT, HTTP_HOST=HOST)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.unit == tree.luong_tai
    html = get(client, page.url).content.decode()
    assert COMMENT["content"] not in html
    editor = member("lt.bientap", R.EDITOR, tree.luong_tai)
    services.comment_moderate(user=editor, comment=comment, publish=True)
    html = get(client, page.url).content.decode()
    assert COMMENT["content"] in html and "Đánh giá: 5,0/5 (1 lượt)" in html
    assert COMMENT["sender_email"] not in html


def test_rejected_comment_stays_hidden_and_others_cannot_moderate(
    client, publish_news, member, tree
):
    page = publish_news("Hội nghị tổng kết", lead="Tổng kết năm.")
    comment = services.comment_submit(
        page=page, data=services.CommentData(**{**COMMENT, "rating": None})
    )
    stranger = member("yt.bientap", R.EDITOR, tree.yen_the)
    with pytest.raises(PermissionDenied):
        services.comment_moderate(user=stranger, comment=comment, publish=True)
    services.comment_moderate(
        user=member("lt.bientap", R.EDITOR, tree.luong_tai), comment=comment, publish=False
    )
    assert COMMENT["content"] not in get(client, page.url).content.decode()


def test_comment_on_a_page_that_does_not_take_comments_is_refused(client, publish_news):
    page = publish_news("Thông báo lịch tiếp công dân", lead="Lịch tháng 10.", allow_comments=False)
    response = client.post(f"/cong/binh-luan/{page.pk}/", COMMENT, HTTP_HOST=HOST)
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_comment_with_missing_fields_lists_what_to_fix(client, publish_news):
    page = publish_news("Tin có bình luận", lead="Tóm tắt.")
    response = client.post(
        f"/cong/binh-luan/{page.pk}/", {"title": "", "content": ""}, HTTP_HOST=HOST
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("Trường này là bắt buộc.") >= 4  # title, name, e-mail, content
    assert Comment.objects.count() == 0
