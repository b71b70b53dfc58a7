from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_views
from .admin_views import MENU_HOOK
from .indicators import DOCUMENTS, NEWS
from .models import DocumentPage, NewsPage


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        admin_views.QuestionViewSet(),
        admin_views.CommentViewSet(),
        admin_views.DocumentTypeViewSet(),
        admin_views.RoyaltyRateViewSet(),
        admin_views.RequiredCategoryViewSet(),
    ]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("cong/tuan-thu/", admin_views.compliance_view, name="portal_compliance"),
        path("cong/thong-ke/", admin_views.statistics_view, name="portal_statistics"),
        path("cong/tao/", admin_views.create_view, name="portal_create"),
        path("cong/nhuan-but/", admin_views.royalties_view, name="portal_royalties"),
        path("cong/tin-bai-da-dang/", admin_views.published_view, {"model": NewsPage}, name=NEWS),
        path(
            "cong/van-ban-da-dang/",
            admin_views.published_view,
            {"model": DocumentPage},
            name=DOCUMENTS,
        ),  # fmt: skip
    ]


class PermMenuItem(MenuItem):
    def __init__(self, *args, perm, **kwargs):
        super().__init__(*args, **kwargs)
        self.perm = perm

    def is_shown(self, request):
        return request.user.has_perm(self.perm)


@hooks.register(MENU_HOOK)
def compliance_item():
    return PermMenuItem(_("Tuân thủ Nghị định 42/2022"), reverse("portal_compliance"), icon_name="tasks",
                        order=30, perm="portal.view_portalhomepage")  # fmt: skip


@hooks.register(MENU_HOOK)
def statistics_item():
    return PermMenuItem(_("Thống kê cổng"), reverse("portal_statistics"), icon_name="table", order=40,
                        perm="portal.view_portalhomepage")  # fmt: skip


@hooks.register(MENU_HOOK)
def published_news_item():
    return PermMenuItem(_("Tin, bài đã đăng"), reverse(NEWS), icon_name="doc-full", order=42,
                        perm="portal.view_portalhomepage")  # fmt: skip


@hooks.register(MENU_HOOK)
def published_documents_item():
    return PermMenuItem(_("Văn bản đã đăng"), reverse(DOCUMENTS), icon_name="doc-full-inverse",
                        order=44, perm="portal.view_portalhomepage")  # fmt: skip


@hooks.register(MENU_HOOK)
def royalties_item():
    return PermMenuItem(_("Nhuận bút"), reverse("portal_royalties"), icon_name="pick", order=50,
                        perm="portal.view_royaltygrade")  # fmt: skip


@hooks.register(MENU_HOOK)
def create_item():
    return PermMenuItem(_("Tạo cổng mới"), reverse("portal_create"), icon_name="site", order=70,
                        perm="portal.add_portalhomepage")  # fmt: skip


@hooks.register("register_admin_menu_item")
def portal_menu():
    return SubmenuMenuItem(
        _("Cổng thông tin"), Menu(register_hook_name=MENU_HOOK), icon_name="globe", order=140
    )


@hooks.register("before_create_page")
def only_what_one_may_create(request, parent_page, page_class):
    """A reporter opening the form of a section or a fixed page is refused, with a reason."""
    check = getattr(page_class, "creatable_by", None)
    if check is not None and not check(request.user, parent_page):
        raise PermissionDenied(
            _("Phóng viên, cộng tác viên chỉ tạo tin, bài và văn bản; chuyên mục và trang cố định "
              "do người có quyền xuất bản tạo.")
        )  # fmt: skip
