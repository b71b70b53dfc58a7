"""The editor's form for every portal page: slugs without diacritics, never refused as taken."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from tttt.core.text import ascii_slug


def available_slug(slug: str, parent: Page | None, page: Page | None) -> str:
    """`slug`, or `slug-2`, `slug-3`… the first that no sibling under `parent` holds."""
    if parent is None:
        return slug
    candidate, n = slug, 1
    while not Page._slug_is_available(candidate, parent, page):
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


class PortalPageForm(WagtailAdminPageForm):
    def clean(self):
        slug = ascii_slug(self.data.get("slug") or self.data.get("title") or "")
        if "slug" in self.fields and slug:
            if "slug" in self.errors:  # e.g. a slug typed with diacritics: fold it instead
                del self.errors["slug"]
            parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
            self.cleaned_data["slug"] = available_slug(slug, parent, self.instance)
        return super().clean()
