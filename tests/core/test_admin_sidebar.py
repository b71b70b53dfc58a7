"""The back office's sidebar is cached per person and permission set (core.admin_sidebar):
a change of role shows on the next page, each person sees their own name, and a second page
does not build the menu again."""

import json
import re
from datetime import date, timedelta

from django.urls import reverse

from tttt.org.models import Membership


def sidebar(client) -> str:
    page = client.get("/admin/")
    assert page.status_code == 200
    found = re.search(
        r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', page.content.decode(), re.S
    )
    return json.loads(found.group(1)) and found.group(1)


def test_a_role_given_or_ended_shows_on_the_next_page(client, tree, member):
    specialist = member("trungchinh.chuyenvien", "chuyen-vien", tree.new_trung_chinh)
    client.force_login(specialist)
    intake, statistics = reverse("onestop_intake"), reverse("onestop_statistics")
    first = sidebar(client)
    assert statistics in first and intake not in first

    member("trungchinh.chuyenvien", "can-bo-mot-cua", tree.new_trung_chinh)
    assert intake in sidebar(client)  # a new membership: the menu has the intake at once

    Membership.objects.filter(user=specialist, role__code="can-bo-mot-cua").update(
        valid_to=date.today() - timedelta(days=1)
    )
    assert intake not in sidebar(client)  # ended yesterday: gone again


def test_each_person_sees_their_own_name(client, tree, member):
    one = member("thua.motcua", "can-bo-mot-cua", tree.new_luong_tai)
    other = member("trungchinh.motcua", "can-bo-mot-cua", tree.new_trung_chinh)
    one.first_name, other.first_name = "Nguyễn Thị Hoa", "Trần Văn Minh"
    one.save(), other.save()
    client.force_login(one)
    assert "Nguy\\u1ec5n Th\\u1ecb Hoa" in sidebar(client) or "Nguyễn Thị Hoa" in sidebar(client)
    client.force_login(other)
    shown = sidebar(client)
    assert ("Tr\\u1ea7n V\\u0103n Minh" in shown or "Trần Văn Minh" in shown) and "Hoa" not in shown


def test_a_second_page_does_not_build_the_menu_again(client, tree, member, monkeypatch):
    from wagtail.admin.menu import Menu

    built = []
    render = Menu.render_component
    monkeypatch.setattr(
        Menu, "render_component", lambda self, request: built.append(1) or render(self, request)
    )
    client.force_login(member("trungchinh.motcua", "can-bo-mot-cua", tree.new_trung_chinh))
    first = sidebar(client)
    assert built, "the first page builds the menu"
    built.clear()
    assert sidebar(client) == first
    assert not built, "the second page built the menu again"
