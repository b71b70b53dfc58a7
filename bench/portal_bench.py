"""Portal HTTP figures for `make bench`: requests/s and p99 for a portal's home page and an
article, straight from gunicorn (2 workers) beside a plain Wagtail site's home and article
(`plain_wagtail`, gunicorn with 2 workers too), and behind Varnish with the project's VCL
(deploy/varnish/tttt.vcl) beside nginx serving the same bytes from a file and from its own
cache, all in the same run, each with its ratio to its anchor; then a publish that must
purge the cached home.

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

import plain_wagtail

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


def _fetch(url: str, host: str, gzip: bool = False) -> tuple[bytes, dict]:
    """The body as sent (urllib does not decompress) and the headers."""
    headers = {"Host": host, **({"Accept-Encoding": "gzip"} if gzip else {})}
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read(), dict(response.headers)


def _wrk(url: str, host: str) -> dict:
    """Requests/s and p99 of `url`, asked for as a browser does (accepting gzip)."""
    out = subprocess.run(
        [
            TOOLS["wrk"],
            "-t2",
            "-c16",
            f"-d{DURATION}s",
            "--latency",
            "-H",
            f"Host: {host}",
            "-H",
            "Accept-Encoding: gzip",
            url,
        ],
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


SKIPPED_HEADERS = {
    "date",
    "content-length",
    "content-type",
    "server",
    "connection",
    "transfer-encoding",
    # Varnish's own: nginx has none of them
    "x-varnish",
    "age",
    "via",
    "x-cache",
    "accept-ranges",
}


def _add_headers(headers: dict) -> str:
    lines = []
    for name, value in headers.items():
        if name.lower() not in SKIPPED_HEADERS:
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'add_header {name} "{escaped}" always;')
    return " ".join(lines)


def _plain_database(work: Path) -> str:
    """The plain site's database: on the same engine as the portal's."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return f"sqlite:///{work}/plain.sqlite3"
    import psycopg

    url = os.environ["DATABASE_URL"]
    base, name = url.rsplit("/", 1)
    plain = f"{name}_plain"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{plain}"')
        c.execute(f'CREATE DATABASE "{plain}"')
    _PLAIN_DATABASES.append((base, plain))
    return f"{base}/{plain}"


_PLAIN_DATABASES: list[tuple[str, str]] = []


def _drop_plain_databases() -> None:
    import psycopg

    for base, name in _PLAIN_DATABASES:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _PLAIN_DATABASES.clear()


def http_figures() -> dict:
    missing = [name for name, path in TOOLS.items() if not Path(path).exists()]
    if missing:
        return {
            "portal_http": f"skipped: {', '.join(missing)} not installed (apt-get install varnish nginx wrk)"
        }
    from django.db import connection

    from tttt.core.stack import varnishd_parameters
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
                 "-n", str(work / "varnish"), "-s", "malloc,128m", *varnishd_parameters()],
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
        html, sent, size = {}, {}, {}
        for name, path in pages.items():
            page, headers = _fetch(app + path, host)
            assert "public" in headers.get("Cache-Control", ""), headers
            # What a browser receives from Varnish: the page as compressed once at fetch.
            html[name], sent[name] = _fetch(cache + path, host, gzip=True)
            assert sent[name].get("Content-Encoding") == "gzip", sent[name]
            size[name] = {"page_bytes": len(page), "sent_bytes": len(html[name])}
        (work / "html").mkdir()
        for name, body in html.items():
            (work / f"html/{name}.html").write_bytes(body)
        # nginx answers with the same body and the same headers as Varnish (less Varnish's
        # own), so the two serve the same bytes.
        locations = "".join(
            f" location = /{name}.html {{ default_type text/html; {_add_headers(sent[name])} }}"
            for name in pages
        )
        # A second anchor, what any cache costs here: nginx's own cache (proxy_cache) of
        # those same bytes, fetched from that file server.
        nginx_cache_port = _free_port()
        (work / "nginx.conf").write_text(
            f"daemon off; worker_processes 2; pid {work}/nginx.pid; error_log {work}/nginx-error.log;\n"
            "events { worker_connections 1024; }\n"
            f"http {{ access_log off; server_tokens off; server {{ listen 127.0.0.1:{static_port};"
            f" root {work}/html;{locations} }}\n"
            f" proxy_cache_path {work}/nginx-cache keys_zone=pages:10m use_temp_path=off;\n"
            f" server {{ listen 127.0.0.1:{nginx_cache_port}; location / {{"
            f" proxy_pass http://127.0.0.1:{static_port}; proxy_cache pages; }} }} }}\n"
        )
        processes.append(
            subprocess.Popen(
                [TOOLS["nginx"], "-c", str(work / "nginx.conf"), "-p", str(work)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
        )
        _wait(static_port)
        plain_port = _free_port()
        plain = plain_wagtail.build(work / "plain", _plain_database(work))
        processes.append(plain_wagtail.serve(work / "plain", plain["env"], plain_port,
                                             (work / "plain.log").open("w")))  # fmt: skip
        _wait(plain_port)
        plain_app = f"http://127.0.0.1:{plain_port}"
        result: dict = {}
        for name, path in pages.items():
            _fetch(plain_app + plain[name], "localhost")  # warm, as the portal was
            anchor = _wrk(plain_app + plain[name], "localhost")
            uncached = _wrk(app + path, host)
            cached = _wrk(cache + path, host)  # warmed by the fetch above
            static = _wrk(f"http://127.0.0.1:{static_port}/{name}.html", "localhost")
            nginx_cache = f"http://127.0.0.1:{nginx_cache_port}/{name}.html"
            _fetch(nginx_cache, "localhost", gzip=True)  # warm
            other_cache = _wrk(nginx_cache, "localhost")
            result[name] = {
                **size[name],
                "uncached": uncached,
                "anchor_plain_wagtail": anchor,
                "uncached_to_plain_wagtail_ratio": round(uncached["rps"] / anchor["rps"], 2),
                "behind_cache": cached,
                "anchor_nginx_same_html": static,
                "behind_cache_to_nginx_ratio": round(cached["rps"] / static["rps"], 2),
                "anchor_nginx_cache_same_html": other_cache,
                "behind_cache_to_nginx_cache_ratio": round(cached["rps"] / other_cache["rps"], 2),
                "nginx_cache_to_nginx_ratio": round(other_cache["rps"] / static["rps"], 2),
            }
        result["app_cache"] = "redis" if redis else "per-process memory (Redis did not answer)"
        result["aims"] = {
            "home_uncached_to_plain_wagtail_ratio": ">= 2",
            "behind_cache_to_nginx_ratio": ">= 0.9",
        }

        # A publish purges the cached home page through Varnish: published by a process
        # configured as the stack's (the same Redis, TTTT_CACHE_PURGE_URL), its queued
        # purge run by a worker as beside the stack.
        title = "Tin vừa xuất bản để thử xóa bộ đệm"
        publish = (
            "from tttt.portal.models import NewsPage, SectionPage\n"
            f"news = SectionPage.objects.get(pk={news.pk})\n"
            f"page = news.add_child(instance=NewsPage(title={title!r}, slug='thu-xoa-bo-dem',"
            " lead='Thử.', body=[], live=False))\n"
            "page.save_revision().publish()\n"
        )
        stack_env = {**env, "TTTT_CACHE_PURGE_URL": cache, "TTTT_PORTAL_PORT": "80"}
        tttt = str(ROOT / ".venv/bin/tttt")
        subprocess.run([tttt, "shell", "-c", publish], env=stack_env, cwd=ROOT, check=True,
                       capture_output=True)  # fmt: skip
        subprocess.run([tttt, "db_worker", "--batch", "--no-startup-delay"], env=stack_env,
                       cwd=ROOT, check=True, capture_output=True)  # fmt: skip
        body, headers = _fetch(cache + "/", host)
        result["purge_on_publish"] = title in body.decode() and headers.get("X-Cache") == "MISS"
        result["workers"] = {
            "gunicorn": 2,
            "wrk": "2 threads, 16 connections, accepting gzip as browsers do",
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
        _drop_plain_databases()
