"""Portal HTTP figures for `make bench`: requests/s and p99 for a portal's home page and an
article, straight from gunicorn (2 workers), behind Varnish with the project's VCL
(deploy/varnish/tttt.vcl), and — in the same run — nginx serving the same HTML from a
file; then a publish that must purge the cached home page.

Needs Debian's varnish, nginx and wrk (scripts/bench installs them when it can); without
them the figures say what is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = {"varnishd": "/usr/sbin/varnishd", "nginx": "/usr/sbin/nginx", "wrk": "/usr/bin/wrk"}
DURATION = os.environ.get("TTTT_BENCH_SECONDS", "8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, seconds: float = 20) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port}")


def _fetch(url: str, host: str) -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers={"Host": host})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read(), dict(response.headers)


def _wrk(url: str, host: str) -> dict:
    out = subprocess.run(
        [TOOLS["wrk"], "-t2", "-c16", f"-d{DURATION}s", "--latency", "-H", f"Host: {host}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    p99_ms = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": round(rps),
        "p99_ms": round(p99_ms, 2),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def _redis_url() -> str:
    """Production runs the app with Redis as its cache (DESIGN.md); so does this bench when
    Redis answers (a database of its own, emptied first)."""
    with socket.socket() as s:
        s.settimeout(0.5)
        if s.connect_ex(("127.0.0.1", 6379)) != 0:
            return ""
    import redis

    url = "redis://127.0.0.1:6379/14"
    redis.Redis.from_url(url).flushdb()
    return url


def _build_portal():
    from datetime import date, timedelta

    from django.utils import timezone

    from tttt.org.models import Unit, User
    from tttt.portal import services
    from tttt.portal.models import NewsPage, SectionPage

    admin, _ = User.objects.get_or_create(username="bench.admin", defaults={"is_superuser": True})
    unit = Unit.objects.get(source="vietnam-provinces", kind="province", code="24")  # Bắc Ninh
    home = services.portal_create(user=admin, unit=unit, today=date(2026, 11, 1))
    news = SectionPage.objects.get(path__startswith=home.path, slug="tin-tuc")
    now = timezone.now()
    body = [
        (
            "paragraph",
            "<p>" + "Nội dung chi tiết của bài viết về hoạt động của tỉnh. " * 40 + "</p>",
        )
    ]
    article = None
    for i in range(60):
        article = news.add_child(
            instance=NewsPage(
                title=f"Bắc Ninh đẩy mạnh chuyển đổi số, tin số {i + 1}",
                slug=f"chuyen-doi-so-{i + 1}",
                lead="Tỉnh tổ chức hội nghị sơ kết chuyển đổi số và cải cách hành chính.",
                body=body,
                kind=NewsPage.Kind.ARTICLE if i % 4 == 0 else NewsPage.Kind.NEWS,
                live=True,
                first_published_at=now - timedelta(hours=i),
                last_published_at=now - timedelta(hours=i),
            )
        )
    return home, news, article


def http_figures() -> dict:
    missing = [name for name, path in TOOLS.items() if not Path(path).exists()]
    if missing:
        return {
            "portal_http": f"skipped: {', '.join(missing)} not installed (apt-get install varnish nginx wrk)"
        }
    from django.conf import settings
    from django.db import connection

    from tttt.portal.models import NewsPage
    from tttt.portal.services import portal_hostname

    home, news, article = _build_portal()
    host = portal_hostname(home.unit)
    connection.close()  # the servers below open their own connections
    work = Path(tempfile.mkdtemp(prefix="tttt-http-"))
    work.chmod(0o755)  # varnishd's worker runs as its own user and reads its working dir
    app_port, cache_port, static_port = _free_port(), _free_port(), _free_port()
    redis = _redis_url()
    env = {
        **os.environ,
        **({"REDIS_URL": redis} if redis else {}),
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": ".localhost,127.0.0.1",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
    }
    subprocess.run(
        [str(ROOT / ".venv/bin/tttt"), "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    processes = []
    try:
        processes.append(
            subprocess.Popen(
                [str(ROOT / ".venv/bin/gunicorn"), "tttt.wsgi:application", "-w", "2", "-b", f"127.0.0.1:{app_port}",
                 "--log-level", "warning"],
                env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=(work / "gunicorn.log").open("w"),
            )
        )  # fmt: skip
        vcl = (
            (ROOT / "deploy/varnish/tttt.vcl")
            .read_text()
            .replace('.port = "8000"', f'.port = "{app_port}"')
        )
        (work / "tttt.vcl").write_text(vcl)
        processes.append(
            subprocess.Popen(
                [TOOLS["varnishd"], "-F", "-a", f"127.0.0.1:{cache_port}", "-f", str(work / "tttt.vcl"),
                 "-n", str(work / "varnish"), "-s", "malloc,128m"],
                stdout=subprocess.DEVNULL, stderr=(work / "varnish.log").open("w"),
            )
        )  # fmt: skip
        _wait(app_port)
        try:
            _wait(cache_port)
        except RuntimeError:
            raise RuntimeError((work / "varnish.log").read_text()[-2000:]) from None
        app, cache = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{cache_port}"
        pages = {"home": "/", "article": article.url_path[len(home.url_path) - 1 :]}
        html = {}
        for name, path in pages.items():
            html[name], headers = _fetch(app + path, host)
            assert "public" in headers.get("Cache-Control", ""), headers
        (work / "html").mkdir()
        (work / "html/article.html").write_bytes(html["article"])
        (work / "nginx.conf").write_text(
            f"daemon off; worker_processes 2; pid {work}/nginx.pid; error_log {work}/nginx-error.log;\n"
            "events { worker_connections 1024; }\n"
            f"http {{ access_log off; server {{ listen 127.0.0.1:{static_port}; root {work}/html;"
            " location / { default_type text/html; } } }\n"
        )
        processes.append(
            subprocess.Popen(
                [TOOLS["nginx"], "-c", str(work / "nginx.conf"), "-p", str(work)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
        )
        _wait(static_port)
        result: dict = {}
        for name, path in pages.items():
            uncached = _wrk(app + path, host)
            _fetch(cache + path, host)  # warm
            cached = _wrk(cache + path, host)
            result[name] = {"uncached": uncached, "behind_cache": cached}
        static = _wrk(f"http://127.0.0.1:{static_port}/article.html", "localhost")
        result["static_file_nginx"] = static
        result["article_behind_cache_to_static_ratio"] = round(
            result["article"]["behind_cache"]["rps"] / static["rps"], 2
        )
        result["home_behind_cache_to_static_ratio"] = round(
            result["home"]["behind_cache"]["rps"] / static["rps"], 2
        )
        result["app_cache"] = "redis" if redis else "per-process memory (Redis did not answer)"
        result["aims"] = {
            "behind_cache_to_static_ratio": ">= 0.5",
            "article_uncached_rps": ">= 300",
        }

        # A publish purges the cached home page through Varnish.
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": cache,
            }
        }
        settings.TTTT_PORTAL_PORT = 80
        title = "Tin vừa xuất bản để thử xóa bộ đệm"
        fresh = news.add_child(
            instance=NewsPage(title=title, slug="thu-xoa-bo-dem", lead="Thử.", body=[], live=False)
        )
        fresh.save_revision().publish()
        body, headers = _fetch(cache + "/", host)
        result["purge_on_publish"] = title in body.decode() and headers.get("X-Cache") == "MISS"
        result["workers"] = {
            "gunicorn": 2,
            "wrk": "2 threads, 16 connections",
            "seconds": int(DURATION),
        }
        return {"portal_http": result}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)
