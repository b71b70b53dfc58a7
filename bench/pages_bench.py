"""Page speed for `make bench`: the full demo, visited as the crawl in `make test` visits it
(signed in as one demo account of every role, from the menu and the home page), with
server time and query count per page; the 20 slowest pages are listed.

The crawl's own code (tests/crawl/crawler.py) does the visiting, so the pages measured are
the pages the suite checks. Times are in-process (Django's test client, no network). It
runs in a database of its own (scripts/bench): the other benchmarks' rows would change the
demo's figures.
"""

import json
import os
import statistics
import sys
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
    times = sorted(v.ms for v in pages)
    return {
        "pages_visited": len(pages),
        "page_ms_median": round(statistics.median(times), 1),
        "page_ms_p90": round(times[int(len(times) * 0.9)], 1),
        "pages_over_1s": sum(t > 1000 for t in times),
        "page_problems": len(problems),
        "slowest_pages": [
            {"ms": round(v.ms), "queries": v.queries, "who": v.who, "url": v.url}
            for v in slowest(pages)
        ],
    }


def main():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tttt.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    print(json.dumps(slowest_pages(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
