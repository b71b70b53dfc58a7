"""Keep derived data in step: the editorial board follows `org` memberships; content pages
follow their portal when moved."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import post_page_move

from tttt.org.models import Membership

from .models import PATH_STEP, PORTAL_DEPTH, PortalContent, PortalHomePage


@receiver([post_save, post_delete], sender=Membership)
def _membership_changed(sender, instance, **kwargs):
    from .services import board_sync_for_unit

    unit_id = instance.unit_id
    transaction.on_commit(lambda: board_sync_for_unit(unit_id))


@receiver(post_page_move)
def _page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    """A page moved to another portal belongs to that portal's unit, with its subtree."""
    page = instance.specific
    home_path = page.path[: PORTAL_DEPTH * PATH_STEP]
    unit_id = (
        PortalHomePage.objects.filter(path=home_path).values_list("unit_id", flat=True).first()
    )
    for model in PortalContent.__subclasses__():
        model.objects.filter(path__startswith=page.path).update(unit_id=unit_id)
