"""The product speaks Vietnamese whatever the browser's language: a browser set to English
gets Wagtail's chrome in Vietnamese and numbers written 10.847; a person who chose English
in their account gets English."""

import pytest

from tttt.org.roles import CLERK

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_an_english_browser_still_gets_vietnamese(client, tree, member):
    client.force_login(member("tc.motcua", CLERK, tree.new_trung_chinh))
    page = client.get("/admin/", **ENGLISH_BROWSER).content.decode()
    assert '<html lang="vi"' in page
    assert "Tìm kiếm" in page and ">Search<" not in page
    public = client.get("/don-vi/?q=trung+chinh", **ENGLISH_BROWSER).content.decode()
    assert '<html lang="vi"' in public


def test_a_person_who_chose_english_gets_english(client, tree, member):
    person = member("tc.motcua", CLERK, tree.new_trung_chinh)
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(person).__class__.objects.filter(user=person).update(
        preferred_language="en"
    )
    client.force_login(person)
    assert '<html lang="en"' in client.get("/admin/").content.decode()
