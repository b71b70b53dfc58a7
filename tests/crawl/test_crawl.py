"""The full demo reproduces the seeds, and every page works for every role, in Vietnamese.

One test builds the whole demo (real unit ids in the thousands, both eras) inside its
transaction, checks the seed articles' figures against it (demo/seed_figures.py), then
crawls: anonymously on the main site and on each demo portal, and signed
in as one demo account of every role, from the back office's menu and home page. It fails
on any server error, debug page, unrendered template syntax, dead link, link to another
host or port, number localized inside a URL or form value, or English UI string; and it
writes the slowest pages with their query counts to `crawl-slowest.txt` in the var folder.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Site

from demo.seed_figures import seed_figures
from tttt.demo.builder import build_demo
from tttt.org.models import User

from .crawler import Crawl, report

PUBLIC_START = [
    "/",
    "/admin/login/",
    "/admin/password_reset/",
    "/don-vi/?q=trung+chinh",
    "/nop-ho-so/",
    "/nop-ho-so/?q=trung+chinh",
    "/tra-cuu-ho-so/",
    "/co-so-kinh-doanh/",
    "/co-so-kinh-doanh/?q=karaoke",
]
SLOWEST = Path(os.environ.get("TTTT_CRAWL_REPORT", Path(settings.VAR_DIR) / "crawl-slowest.txt"))


@pytest.fixture
def demo(db):
    return build_demo()


def signed_in(user: User) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    if user.is_superuser or user.memberships.filter(role__is_administrator=True).exists():
        device = TOTPDevice.objects.create(user=user, name="crawl", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def one_account_per_role(logins):
    """The first demo account of each role, and today's commune and province leaders."""
    chosen = {}
    for login in logins:
        chosen.setdefault(login.role, login.username)
    return [*chosen.values(), "xatrungchinh.lanhdao", "bacninh.lanhdao"]


def test_the_demo_reproduces_the_seeds_and_every_page_works_for_every_role(demo):
    seed_figures()
    crawls, downloads = [], set()
    for site in Site.objects.order_by("-is_default_site", "hostname"):
        host = site.hostname if site.port == 80 else f"{site.hostname}:{site.port}"
        start = ["/", "/tim-kiem/?q=lương+tài"] + (PUBLIC_START if site.is_default_site else [])
        crawls.append(
            Crawl(
                Client(raise_request_exception=False), f"khách @ {host}", host, start, max_pages=90
            ).run()
        )
    for username in one_account_per_role(demo):
        user = User.objects.get(username=username)
        crawls.append(
            Crawl(signed_in(user), username, "localhost", ["/admin/"], downloads=downloads).run()
        )
    visits = [v for c in crawls for v in c.visits]
    report(visits, SLOWEST)
    problems = [p for c in crawls for p in c.problems]
    assert len(visits) > 500, "the crawl reached too few pages"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(sorted(set(problems)))
