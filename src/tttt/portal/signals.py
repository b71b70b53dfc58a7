"""Keep derived data in step: the editorial board follows `org` memberships; content pages
follow their portal when moved; the HTTP cache forgets what changed."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from tttt.assignments.models import Task
from tttt.documents.signals import document_issued
from tttt.listening.signals import correction_requested, portal_posts_wanted
from tttt.org.models import Membership
from tttt.security.signals import advisory_published, advisory_withdrawn

from .cache import forget_view_restrictions, purge_later, purge_targets
from .middleware import forget_pages, forget_sites
from .models import (
    PATH_STEP,
    PORTAL_DEPTH,
    Comment,
    NewsPage,
    PortalContent,
    PortalHomePage,
    Question,
)
from .queries import forget_chrome, forget_comments, forget_related


@receiver([post_save, post_delete], sender=PageViewRestriction)
def _restrictions_changed(sender, **kwargs):
    forget_view_restrictions()


@receiver([post_save, post_delete])
def _page_changed(sender, instance, **kwargs):
    """Any saved or deleted page: the pages remembered per path are forgotten (a move updates
    its descendants in bulk, so it is caught below)."""
    if isinstance(instance, Page):
        forget_pages()
        transaction.on_commit(forget_pages)  # and what another reader cached before the commit


@receiver([post_save, post_delete], sender=Site)
def _sites_changed(sender, **kwargs):
    forget_sites()


@receiver([post_save, post_delete], sender=Membership)
def _membership_changed(sender, instance, **kwargs):
    from .services import board_sync_for_unit

    unit_id = instance.unit_id
    transaction.on_commit(lambda: board_sync_for_unit(unit_id))


@receiver(post_page_move)
def _page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    """A page moved to another portal belongs to that portal's unit, with its subtree."""
    forget_pages()
    page = instance.specific
    home_path = page.path[: PORTAL_DEPTH * PATH_STEP]
    unit_id = (
        PortalHomePage.objects.filter(path=home_path).values_list("unit_id", flat=True).first()
    )
    for model in apps.get_models():  # every concrete page type, however deep
        if issubclass(model, PortalContent):
            model.objects.filter(path__startswith=page.path).update(unit_id=unit_id)
    forget_chrome(page)
    forget_related(url_path_before)
    forget_related(url_path_after)


@receiver([page_published, page_unpublished])
def _purge_lists(sender, instance, **kwargs):
    """A published or withdrawn portal page leaves every list that shows it."""
    if isinstance(instance.specific, (PortalContent, PortalHomePage)):
        forget_chrome(instance)
        if isinstance(instance.specific, PortalHomePage):
            forget_sites()
        forget_related(instance.url_path)
        purge_later(purge_targets(instance))


@receiver(post_delete, sender=NewsPage)
def _news_deleted(sender, instance, **kwargs):
    forget_related(instance.url_path)
    forget_comments(instance.pk)


@receiver(post_delete, sender=Comment)
def _comment_deleted(sender, instance, **kwargs):
    forget_comments(instance.page_id)


@receiver(post_save, sender=Comment)
def _purge_commented(sender, instance, **kwargs):
    if instance.status != Comment.Status.PENDING:
        forget_comments(instance.page_id)
        purge_later([instance.page.get_full_url()])


@receiver(post_save, sender=Question)
def _purge_questions(sender, instance, **kwargs):
    if instance.status == Question.Status.PUBLISHED:
        purge_later([instance.page.get_full_url()])


@receiver([post_save, post_delete], sender=Task)
def _purge_follow_up(sender, instance, **kwargs):
    """The follow-up sections of the assigning unit's portal and of the portals above it."""
    from .models import TaskFollowUpPage

    path = instance.unit.path
    prefixes = [path[: i + 1] for i, ch in enumerate(path) if ch == "/" and i > 0]
    pages = TaskFollowUpPage.objects.live().filter(unit__path__in=prefixes)
    purge_later([p.get_full_url() for p in pages])


@receiver(document_issued)
def _document_issued(sender, document, user, **kwargs):
    """An outgoing document marked for the portal appears on its unit's portal, created
    from the register (never retyped)."""
    from .services import document_page_from_register

    document_page_from_register(document=document, user=user)


@receiver(correction_requested)
def _correction_requested(sender, mention, user, **kwargs):
    """A leader asks for official information answering a mention: a draft news item on the
    unit's portal, for the editorial board (its edit URL is the answer)."""
    from .services import correction_draft

    return correction_draft(mention=mention, user=user)


@receiver(portal_posts_wanted)
def _portal_posts_wanted(sender, unit, since, **kwargs):
    """Online listening reads what citizens wrote on the unit's portal."""
    from .services import portal_posts

    return portal_posts(unit=unit, since=since)


@receiver(advisory_published)
def _advisory_published(sender, advisory, user, **kwargs):
    """A security advisory approved by the leader appears in the portal's "An toàn thông
    tin" section (its public URL is the answer)."""
    from .services import advisory_page

    return advisory_page(advisory=advisory, user=user)


@receiver(advisory_withdrawn)
def _advisory_withdrawn(sender, advisory, user, **kwargs):
    from .services import advisory_unpublish

    advisory_unpublish(advisory=advisory, user=user)
