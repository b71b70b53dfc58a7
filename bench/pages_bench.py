"""Page speed for `make bench`: the full demo, visited as the crawl in `make test` visits it
(signed in as one demo account of every role, from the menu and the home page), with
server time and query count per page; the 20 slowest pages are listed. The anchor is
Wagtail's own list of users, fetched the same way in the same run.

The crawl's own code (tests/crawl/crawler.py) does the visiting, so the pages measured are
the pages the suite checks. Times are in-process (Django's test client, no network). It
runs in a database of its own (scripts/bench): the other benchmarks' rows would change the
demo's figures.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"


def slowest_pages() -> dict:
    sys.path.insert(0, str(TESTS))
    from django.conf import settings
    from django.test import override_settings

    from crawl.crawler import Crawl, one_account_per_role, signed_in, slowest
    from tttt.demo.builder import build_demo
    from tttt.org.models import User

    logins = build_demo()
    pages, problems, downloads = [], [], set()
    # The test client speaks plain HTTP, and static files are not collected here.
    storages = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip
    with override_settings(SECURE_SSL_REDIRECT=False, STORAGES=storages):
        for username in one_account_per_role(logins):
            user = User.objects.get(username=username)
            crawl = Crawl(signed_in(user), username, "localhost", ["/admin/"], downloads=downloads)
            crawl.run()
            pages += crawl.visits
            problems += crawl.problems
        anchor = _wagtail_own_page()
    times = sorted(v.ms for v in pages)
    return {
        "pages_visited": len(pages),
        "page_ms_median": round(statistics.median(times), 1),
        "anchor_wagtail_users_list_ms_median": round(anchor, 1),
        "page_median_to_wagtail_users_list_ratio": round(anchor / statistics.median(times), 2),
        "page_ms_p90": round(times[int(len(times) * 0.9)], 1),
        "pages_over_1s": sum(t > 1000 for t in times),
        "page_problems": len(problems),
        "slowest_pages": [
            {"ms": round(v.ms), "queries": v.queries, "who": v.who, "url": v.url}
            for v in slowest(pages)
        ],
    }


def _wagtail_own_page() -> float:
    """The anchor (ms, median of 20): Wagtail's own list of users, with the same admin chrome
    and the same test client, for the demo's superuser."""
    from crawl.crawler import signed_in
    from tttt.org.models import User

    client = signed_in(User.objects.get(username="admin"))
    times = []
    for _ in range(21):
        started = time.perf_counter()
        response = client.get("/admin/users/", HTTP_HOST="localhost")
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times[1:])


def main():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tttt.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    print(json.dumps(slowest_pages(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
