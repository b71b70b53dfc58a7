"""The Vietnamese catalogue for Django's and Wagtail's strings compiles and keeps every
placeholder: a translation that drops or renames one fails at run time, on a page."""

import json
import re
from pathlib import Path

import pytest
import wagtail
from babel.messages.pofile import read_po

from tttt.core.messages import LOCALE

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


@pytest.mark.parametrize("domain, least", [("django", 300), ("djangojs", 60)])
def test_every_translation_keeps_its_placeholders_and_the_catalogue_compiles(domain, least):
    with (LOCALE / "vi" / "LC_MESSAGES" / f"{domain}.po").open("rb") as source:
        catalog = read_po(source, locale="vi")
    seen = set()
    assert len(catalog) > least
    for message in catalog:
        if not message.id:
            continue
        key = (message.context, message.id if isinstance(message.id, str) else message.id[0])
        assert key not in seen, f"twice in the catalogue: {key}"
        seen.add(key)
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(strings), f"untranslated: {ids[0]!r}"
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            assert sorted(PLACEHOLDER.findall(text)) == wanted, (ids[0], text)


def test_every_string_wagtails_javascript_shows_is_vietnamese(rf):
    """The sidebar, the editor and the comments draw their words in the browser, from the
    JavaScript catalogue: each of Wagtail's English ids has Vietnamese there (Wagtail's own
    or ours), so the list grows with Wagtail."""
    from django.utils import translation
    from django.utils.translation import trans_real
    from wagtail.admin.views.i18n import js_catalog

    english = Path(wagtail.__file__).parent / "admin/locale/en/LC_MESSAGES/djangojs.po"
    with english.open("rb") as source:
        ids = [m.id if isinstance(m.id, str) else m.id[0] for m in read_po(source) if m.id]
    catalogue = trans_real.DjangoTranslation("vi", domain="djangojs")
    same = [i for i in ids if catalogue.gettext(i) == i and not i.startswith("%(time_zone")]
    assert same == [], same
    with translation.override("vi"):  # what Wagtail's /admin/jsi18n/ serves a Vietnamese user
        served = js_catalog(rf.get("/admin/jsi18n/")).content.decode()
    assert all(json.dumps(words)[1:-1] in served for words in ("Trình đơn chính", "Tìm kiếm"))
