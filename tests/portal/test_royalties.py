"""Royalties: the editor-in-chief grades within the rate's range; the monthly statement
per contributor; XLSX; nobody else grades."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tttt.org import roles as R
from tttt.portal import services
from tttt.portal.models import PortalHomePage, RoyaltyGrade, RoyaltyRate
from tttt.portal.queries import royalty_month

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
SEPT = datetime(2019, 9, 10, 9, tzinfo=VN)


@pytest.fixture
def graded_portal(portal):
    PortalHomePage.objects.filter(pk=portal.pk).update(
        point_value=149_000
    )  # 10% of the 2019 base salary
    portal.refresh_from_db()
    return portal


def rate(code):
    return RoyaltyRate.objects.get(code=code)


def test_grade_in_range_gives_the_amount_and_the_statement(graded_portal, board, publish_news):
    people = board()
    a = publish_news("Tin A", when=SEPT, byline="Tin: Nguyên Hồng")
    b = publish_news("Bài B", kind="article", when=SEPT, byline="Bài: Thu Hà")
    c = publish_news("Tin C", when=SEPT, byline="Tin: Nguyên Hồng")
    chief = people["chief"]
    grade = services.royalty_grade(user=chief, page=a, rate=rate("tin-thoi-su"), coefficient="2,5")
    assert grade.amount == 372_500 and grade.contributor_name == "Tin: Nguyên Hồng"
    services.royalty_grade(user=chief, page=b, rate=rate("bai-phan-anh"), coefficient="12")
    services.royalty_grade(user=chief, page=c, rate=rate("tin-thoi-su"), coefficient="3")
    services.royalty_grade(user=chief, page=c, rate=rate("tin-thoi-su"), coefficient="4")  # regrade
    data = royalty_month(graded_portal, SEPT.date().replace(day=1))
    rows = {r["contributor_name"]: (r["items"], r["amount"]) for r in data["statement"]}
    assert rows == {"Tin: Nguyên Hồng": (2, 372_500 + 596_000), "Bài: Thu Hà": (1, 1_788_000)}
    assert data["totals"]["amount"] == 372_500 + 596_000 + 1_788_000
    assert RoyaltyGrade.objects.count() == 3


def test_grading_refuses_bad_input_and_other_people(
    graded_portal, board, publish_news, member, tree
):
    people = board()
    page = publish_news("Tin D", when=SEPT)
    chief = people["chief"]
    with pytest.raises(ValidationError, match="từ 1 đến 10"):
        services.royalty_grade(user=chief, page=page, rate=rate("tin-thoi-su"), coefficient="11")
    with pytest.raises(ValidationError, match="không dùng cho"):
        services.royalty_grade(user=chief, page=page, rate=rate("bai-phan-anh"), coefficient="10")
    with pytest.raises(ValidationError, match="là một số"):
        services.royalty_grade(user=chief, page=page, rate=rate("tin-thoi-su"), coefficient="hai")
    with pytest.raises(PermissionDenied):
        services.royalty_grade(
            user=people["editor"], page=page, rate=rate("tin-thoi-su"), coefficient="2"
        )
    other_chief = member("yt.truongban", R.EDITOR_IN_CHIEF, tree.yen_the)
    with pytest.raises(PermissionDenied):
        services.royalty_grade(
            user=other_chief, page=page, rate=rate("tin-thoi-su"), coefficient="2"
        )
    assert RoyaltyGrade.objects.count() == 0


def test_no_point_value_is_a_clear_error(portal, board, publish_news):
    people = board()
    page = publish_news("Tin E", when=SEPT)
    with pytest.raises(ValidationError, match="giá trị một hệ số"):
        services.royalty_grade(
            user=people["chief"], page=page, rate=rate("tin-thoi-su"), coefficient="2"
        )


def test_royalty_page_grades_and_exports(client, graded_portal, board, publish_news):
    from openpyxl import load_workbook

    people = board()
    page = publish_news("Tin F", when=SEPT, byline="Tin: Minh Hương")
    client.force_login(people["chief"])
    url = f"/admin/cong/nhuan-but/?cong={graded_portal.pk}&thang=2019-09"
    assert "Tin F" in client.get(url).content.decode()
    response = client.post(
        url, {"page": page.pk, "rate": rate("tin-thoi-su").pk, "coefficient": "20"}
    )
    assert response.status_code == 302 and RoyaltyGrade.objects.count() == 0
    client.post(url, {"page": page.pk, "rate": rate("tin-thoi-su").pk, "coefficient": "2"})
    assert RoyaltyGrade.objects.get().amount == 298_000
    book = load_workbook(io.BytesIO(client.get(url + "&xuat=xlsx").content))
    rows = list(book.active.values)
    assert rows[1] == ("Tin: Minh Hương", 1, 2.0, 298_000)
    client.force_login(people["reporter"])
    assert client.post(
        url, {"page": page.pk, "rate": rate("tin-thoi-su").pk, "coefficient": "3"}
    ).status_code in (302, 403)
    assert RoyaltyGrade.objects.get().coefficient == 2
