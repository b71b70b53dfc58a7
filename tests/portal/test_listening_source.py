"""What citizens write on the unit's portal (comments, questions) is read by online
listening as a source of its own: each post once, linked to the unit, moderated or not."""

import pytest

from tttt.listening import services as listening
from tttt.listening.models import Mention, Source
from tttt.org import roles as R
from tttt.portal import services
from tttt.portal.models import QuestionIndexPage

pytestmark = pytest.mark.django_db


def test_the_portal_source_reads_each_comment_and_question_once(
    portal, publish_news, member, tree, settings
):
    settings.TTTT_PORTAL_POST_RATE = "100/60"
    page = publish_news("Hoàn thành tuyến đường liên xã", lead="Tuyến đường dài 3 km.")
    services.comment_submit(page=page, data=services.CommentData(
        title="Đường xuống cấp", sender_name="Trần Văn Nam", sender_email="nam@example.vn",
        content="Đoạn qua thôn Phú Thọ đã xuống cấp, ổ gà nguy hiểm."))  # fmt: skip
    qa = QuestionIndexPage.objects.get(path__startswith=portal.path)
    services.question_submit(page=qa, data=services.QuestionData(
        title="Hồ sơ đất đai chậm", body="Hồ sơ cấp giấy chứng nhận của tôi quá hạn chưa trả.",
        asker_name="Lê Văn Hải", asker_email="hai@example.vn"))  # fmt: skip
    specialist = member("lt.cntt", R.SPECIALIST, tree.luong_tai)
    source = listening.source_save(user=specialist, source=Source(
        unit=tree.luong_tai, name="Bình luận, câu hỏi trên cổng", kind=Source.Kind.PORTAL))  # fmt: skip
    assert listening.sources_fetch()["new"] == 2  # the worker reads portal sources too
    mentions = Mention.objects.filter(source=source).order_by("published_at")
    assert [m.title for m in mentions] == ["Đường xuống cấp", "Hồ sơ đất đai chậm"]
    assert {m.unit for m in mentions} == {tree.luong_tai}
    assert mentions[0].url.endswith(f"#binh-luan-{page.reader_comments.get().pk}")
    again = listening.source_fetch(source=source)
    assert again["new"] == 0 and Mention.objects.filter(source=source).count() == 2
