from datetime import date, datetime

import pytest
from django.utils import timezone
from wagtail.models import Site

from tttt.org import roles as R
from tttt.portal import services
from tttt.portal.models import DocumentPage, DocumentType, NewsPage, SectionPage

HOST = "luongtai.localhost"


def aware(*args):
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def portal(tree, superuser, roles):
    """Lương Tài's portal at luongtai.localhost with the sections the law requires."""
    return services.portal_create(user=superuser, unit=tree.luong_tai, today=date(2019, 9, 30))


@pytest.fixture
def section(portal):
    def get(code):
        return SectionPage.objects.get(slug=code, path__startswith=portal.path)

    return get


@pytest.fixture
def publish_news(section):
    """Add and publish a news page in the news section."""

    def create(
        title, *, lead="Tóm tắt.", text="", kind="news", when=None, section_code="tin-tuc", **kw
    ):
        parent = section(section_code)
        page = NewsPage(
            title=title,
            lead=lead,
            kind=kind,
            body=[("paragraph", f"<p>{text}</p>")] if text else [],
            **kw,
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
        if when:
            NewsPage.objects.filter(pk=page.pk).update(
                first_published_at=when, last_published_at=when
            )
            page.refresh_from_db()
        return page

    return create


@pytest.fixture
def publish_document(section):
    def create(
        number,
        summary,
        *,
        doc_type="quyet-dinh",
        issued=date(2019, 3, 1),
        effective=None,
        relations=(),
        **kw,
    ):
        parent = section("van-ban")
        page = DocumentPage(
            title=f"{number}",
            number=number,
            summary=summary,
            doc_type=DocumentType.objects.get(code=doc_type),
            issuer=kw.pop("issuer", "UBND huyện Lương Tài"),
            issued_on=issued,
            effective_on=effective,
            **kw,
        )
        for kind, target in relations:
            page.relations.add(services_relation(kind, target))
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    return create


def services_relation(kind, target):
    from tttt.portal.models import DocumentRelation

    return DocumentRelation(kind=kind, target=target)


@pytest.fixture
def board(member, tree, django_capture_on_commit_callbacks):
    """The editorial board of Lương Tài: a reporter, an editor and an editor-in-chief."""

    def create():
        with django_capture_on_commit_callbacks(execute=True):
            return {
                "reporter": member("lt.phongvien", R.REPORTER, tree.luong_tai),
                "editor": member("lt.bientap", R.EDITOR, tree.luong_tai),
                "chief": member("lt.truongban", R.EDITOR_IN_CHIEF, tree.luong_tai),
            }

    return create


def get(client, url, host=HOST, **kw):
    return client.get(url, HTTP_HOST=host, **kw)


def site_for(portal):
    return Site.objects.get(root_page=portal)
