"""The Vietnamese catalogue for Django's and Wagtail's strings compiles and keeps every
placeholder: a translation that drops or renames one fails at run time, on a page."""

import re

from babel.messages.pofile import read_po

from tttt.core.messages import LOCALE

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def test_every_translation_keeps_its_placeholders_and_the_catalogue_compiles():
    with (LOCALE / "vi" / "LC_MESSAGES" / "django.po").open("rb") as source:
        catalog = read_po(source, locale="vi")
    seen = set()
    assert len(catalog) > 300
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
