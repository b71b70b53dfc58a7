import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOTS = Path(
    os.environ.get("TTTT_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots")
)

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it when it can)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def shipped_data(transactional_db):
    """The rows data migrations ship (business types, rules, slip forms): a browser test's
    database is flushed between tests, so load them again."""
    from importlib import import_module

    from django.apps import apps

    import_module("tttt.establishments.migrations.0002_business_types").load(apps, None)
    import_module("tttt.infra.migrations.0002_operators").add(apps, None)
    import_module("tttt.infra.migrations.0003_operator_kinds").kinds(apps, None)
    from tttt.inspections.models import Regulation
    from tttt.inspections.regulations_data import load
    from tttt.onestop.slip_defaults import ensure_default_slips

    load(Regulation, apps.get_model("establishments", "BusinessType"))
    ensure_default_slips()
    import_module("tttt.portal.migrations.0002_required_categories_document_types").load(apps, None)
    import_module("tttt.documents.migrations.0002_document_kinds").add(apps, None)
    import_module("tttt.security.migrations.0002_rules").seed(apps, None)
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="vi")
    if not Page.objects.exists():  # Wagtail's tree roots, made by its migrations
        Page.add_root(title="Root", slug="root")
    if not Collection.objects.exists():
        Collection.add_root(name="Root")


def javascript_english(page) -> list[str]:
    """Wagtail's JavaScript strings (its `djangojs` English ids) that the page shows as a
    line of text, a label, a title or a placeholder: strings the crawl cannot see, as
    the browser draws them."""
    import wagtail
    from babel.messages.pofile import read_po

    english = Path(wagtail.__file__).parent / "admin/locale/en/LC_MESSAGES/djangojs.po"
    with english.open("rb") as source:
        ids = {m.id for m in read_po(source) if isinstance(m.id, str) and len(m.id) > 3}
    shown = page.evaluate(
        """() => [
            ...document.body.innerText.split('\\n'),
            ...[...document.querySelectorAll('[aria-label],[title],[placeholder]')].flatMap(
                e => ['aria-label', 'title', 'placeholder'].map(a => e.getAttribute(a) || '')),
        ].map(s => s.trim()).filter(Boolean)"""
    )
    return sorted({text for text in shown if text in ids})
