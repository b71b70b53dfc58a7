"""The production stack, as `make prod` runs it: `tttt stack` on this machine's PostgreSQL
and Redis (a database and a Redis database of its own), gunicorn, the worker and Varnish
in front, on the full demo. A citizen goes through Varnish to a portal page (cached the
second time), submits a dossier online and looks it up; an officer of that commune signs
in through Varnish and acts on the dossier; operators reach /readyz and /metrics on the
application's port only; a district leader walks the operations centre in Chromium on the
demo. Then the stack stops on SIGTERM, every process with it.

PostgreSQL only: the stack refuses SQLite (one file cannot serve several processes)."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import requests
from django.db import connection

import migrated_db
from conftest import redis_answers
from tttt.demo.builder import DEMO_PASSWORD

# The session's database is set up (with the demo, on the whole-demo leg) before the stack
# copies it; the stack's processes use their own database.
pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]
REDIS_DB = 14
COMMUNE = "Xã Trung Chính"
CLERK = "xatrungchinh.motcua"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _admin_url(name: str) -> str:
    d = connection.settings_dict
    return f"postgres://{d['USER']}@{d['HOST']}:{d['PORT']}/{name}"


@pytest.fixture(scope="module")
def stack(tmp_path_factory, django_db_setup):
    if connection.vendor != "postgresql":
        pytest.skip("the production stack runs on PostgreSQL (this leg is SQLite)")
    if not (shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists()):
        pytest.skip("varnishd is not installed (scripts/ensure-varnish)")
    if not redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    name = f"tttt_stack_{os.getpid()}"
    server = _admin_url("postgres")
    with psycopg.connect(server, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # A copy of the session's demo when it has one (migrated_db.with_demo): `tttt stack`
        # then finds users and does not load the demo a second time. Else from the suite's
        # migrated copy: it finds every migration applied and loads the demo, as on a
        # fresh server.
        engine = connection.settings_dict["ENGINE"]
        template = (migrated_db.demo_database(connection) if migrated_db.DEMO_LOGINS
                    else f"tttt_migrated_{migrated_db.schema_key(engine)}")  # fmt: skip
        exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
        c.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if exists else ""))
    var = tmp_path_factory.mktemp("stack-var")
    if migrated_db.DEMO_LOGINS:  # and the files the demo wrote beside its rows
        migrated_db.copy_files(migrated_db.demo_folder(connection), var)
    port, app_port = free_port(), free_port()
    env = {**os.environ, "DATABASE_URL": _admin_url(name), "TTTT_VAR_DIR": str(var),
           "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}", "TTTT_HTTPS": "0",
           "DJANGO_SETTINGS_MODULE": "tttt.settings",
           # Kept between runs: the stack compresses the static files again only when
           # they changed (as on a restart of the same release).
           "TTTT_STATIC_ROOT": str(REPO / ".pytest_cache" / "stack-static")}  # fmt: skip
    env.pop("DEBUG", None)
    log = (var / "stack.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tttt", "stack", "--port", str(port), "--app-port", str(app_port),
         "--workers", "2"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while "TTTT đang chạy" not in (var / "stack.log").read_text():
            assert process.poll() is None, (var / "stack.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the stack did not start in 5 minutes"
            time.sleep(0.5)
        yield {"front": f"http://127.0.0.1:{port}", "app": f"http://127.0.0.1:{app_port}",
               "port": port, "process": process, "log": var / "stack.log"}  # fmt: skip
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
        with psycopg.connect(server, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        import redis

        redis.Redis(db=REDIS_DB).flushdb()


def test_a_citizen_and_an_officer_through_varnish(stack):
    front = stack["front"]
    citizen = requests.Session()
    portal = {"Host": f"luongtai.localhost:{stack['port']}"}
    first = citizen.get(f"{front}/", headers=portal, timeout=30)
    again = citizen.get(f"{front}/", headers=portal, timeout=30)
    assert first.status_code == again.status_code == 200
    assert "Lương Tài" in first.text
    assert again.headers["X-Cache"] == "HIT"  # the second reader is served by Varnish
    # compressed once when fetched; a client that does not accept gzip gets the same page
    assert again.headers["Content-Encoding"] == "gzip"
    assert int(again.headers["Content-Length"]) < len(again.content) / 3
    plain = citizen.get(f"{front}/", headers={**portal, "Accept-Encoding": "identity"}, timeout=30)
    assert "Content-Encoding" not in plain.headers and plain.text == again.text

    listing = citizen.get(f"{front}/nop-ho-so/", params={"q": "trung chinh"}, timeout=30)
    commune = re.search(r"don_vi=(\d+)", listing.text).group(1)
    procedures = citizen.get(f"{front}/nop-ho-so/", params={"don_vi": commune}, timeout=30)
    procedure = re.search(r"thu_tuc=(\d+)", procedures.text).group(1)
    form_url = f"{front}/nop-ho-so/?don_vi={commune}&thu_tuc={procedure}"
    form = citizen.get(form_url, timeout=30)
    assert "X-Cache" in form.headers and form.headers["X-Cache"] == "MISS"  # never cached
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    sent = citizen.post(form_url, data={
        "csrfmiddlewaretoken": token, "don_vi": commune, "thu_tuc": procedure,
        "applicant_kind": "person", "applicant_name": "Trần Thị Mai",
        "citizen_id": "027190004321", "phone": "0986123456", "website": "",
    }, timeout=30)  # fmt: skip
    assert sent.status_code == 200, sent.text[:500]
    code = re.search(r"\b[0-9A-Z.]+-\d{6}-\d{4}\b", sent.text).group(0)

    lookup_page = citizen.get(f"{front}/tra-cuu-ho-so/", timeout=30)
    lookup_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', lookup_page.text)[1]
    found = citizen.post(f"{front}/tra-cuu-ho-so/", data={
        "csrfmiddlewaretoken": lookup_token, "ma": code, "dien_thoai": "0986123456"}, timeout=30)  # fmt: skip
    assert found.status_code == 200 and code in found.text

    officer = requests.Session()
    login = officer.get(f"{front}/admin/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    home = officer.post(f"{front}/admin/login/", data={
        "csrfmiddlewaretoken": token, "username": CLERK, "password": DEMO_PASSWORD}, timeout=30)  # fmt: skip
    assert home.url.rstrip("/").endswith("/admin"), home.url
    listing = officer.get(f"{front}/admin/dossiers/", params={"q": code}, timeout=30)
    dossier = re.search(r"/admin/dossiers/inspect/(\d+)/", listing.text).group(1)
    page = officer.get(f"{front}/admin/dossiers/inspect/{dossier}/", timeout=30)
    assert code in page.text and page.headers["X-Cache"] == "MISS"
    version = re.search(r'name="version" value="(\d+)"', page.text).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    acted = officer.post(f"{front}/admin/dossiers/inspect/{dossier}/", data={
        "csrfmiddlewaretoken": token, "action": "request_supplement", "version": version,
        "reason": "Bổ sung bản sao căn cước"}, timeout=30)  # fmt: skip
    assert acted.status_code == 200
    assert "Đã thực hiện" in acted.text, acted.text[:2000]

    again = citizen.post(f"{front}/tra-cuu-ho-so/", data={
        "csrfmiddlewaretoken": lookup_token, "ma": code, "dien_thoai": "0986123456"}, timeout=30)  # fmt: skip
    assert "bổ sung" in again.text.lower()  # the citizen sees what the officer did


def test_operators_reach_readiness_and_metrics_on_the_application_only(stack):
    ready = requests.get(f"{stack['app']}/readyz", params={"format": "json"}, timeout=30)
    assert ready.status_code == 200, ready.text
    assert set(ready.json().values()) == {"OK"}
    assert requests.get(f"{stack['front']}/readyz", timeout=30).status_code == 404
    assert requests.get(f"{stack['front']}/metrics", timeout=30).status_code == 404
    metrics = requests.get(f"{stack['app']}/metrics", timeout=30).text
    assert re.search(r"^tttt_workers 1\.0$", metrics, re.M)
    served = [float(v) for v in re.findall(
        r'^django_http_requests_total_by_method_total\{method="GET"\} (\S+)$', metrics, re.M)]  # fmt: skip
    assert served and served[0] > 5  # gathered across the gunicorn processes


def test_a_district_leader_in_a_browser_on_the_demo(stack, tmp_path):
    """The issue's walk on the full demo, through Varnish, in Chromium: Lương Tài's leader
    reads the overview (9 months of 2019 in the seed), follows the late dossiers of Xã Trung
    Chính down to their list, sets an alert on the district's territory today that fires on
    the demo's overdue dossiers, and opens the portal's public figures; desktop, then phone."""
    from playwright.sync_api import expect, sync_playwright

    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian's chromium is not installed (make test installs it when it can)")
    front, shots = (
        stack["front"],
        Path(os.environ.get("TTTT_SCREENSHOTS", REPO / "var" / "screenshots")),
    )
    shots.mkdir(parents=True, exist_ok=True)
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"]  # fmt: skip
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=args)
        page = browser.new_page(locale="vi-VN", viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        expect.set_options(timeout=30_000)
        page.goto(f"{front}/admin/login/")
        page.fill("#id_username", "luongtai.lanhdao")
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{front}/admin/")

        page.goto(f"{front}/admin/bao-cao/tong-quan/?period=2019-9M")
        received = page.locator('[data-code="onestop.received"] .value')
        expect(received).to_have_text("10.847")  # seed 004
        expect(page.locator('[data-code="onestop.on_time_rate"] .value')).to_have_text("96,75%")
        page.screenshot(path=str(shots / "demo-overview-desktop.png"), full_page=True)

        page.goto(
            f"{front}/admin/bao-cao/bang-so-lieu/?chi_tieu=onestop.resolved_late&period=2019-Q3"
        )
        row = page.get_by_test_id("across-units").locator("tr", has_text="Xã Trung Chính")
        late = int(row.locator("td").nth(2).inner_text().replace(".", ""))
        row.locator("td").nth(2).get_by_role("link").click()
        expect(page.get_by_test_id("figure-records")).to_be_visible()
        rows = page.locator("tbody tr:has(a[href*='/admin/dossiers/inspect/'])")
        assert 0 < late <= 50  # one page of the list
        expect(rows).to_have_count(late)
        page.screenshot(path=str(shots / "demo-late-dossiers-desktop.png"), full_page=True)

        page.goto(f"{front}/admin/bao-cao/canh-bao/new/?chi_tieu=onestop.pending_overdue")
        page.get_by_label("Ngưỡng").fill("0")
        page.get_by_label("Kỳ theo dõi").select_option("quarter")
        page.get_by_role("button", name="Tạo").click()
        expect(page.locator("main")).to_contain_text("Đang cảnh báo")
        page.goto(f"{front}/admin/")
        expect(page.get_by_test_id("alerts-panel")).to_contain_text("Huyện Lương Tài")

        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{front}/admin/bao-cao/tong-quan/?period=2019-9M")
        assert page.evaluate("document.documentElement.scrollWidth") <= 391
        page.screenshot(path=str(shots / "demo-overview-phone.png"), full_page=True)
        portal = browser.new_page(locale="vi-VN", viewport={"width": 390, "height": 844})
        portal.set_default_timeout(60_000)
        portal.goto(f"http://luongtai.localhost:{stack['port']}/so-lieu/?period=2019-9M")
        expect(portal.locator('[data-code="onestop.received"]')).to_have_text("10.847")
        expect(portal.locator('[data-code="onestop.resolved_in_time"]')).to_have_text("10.494")
        portal.screenshot(path=str(shots / "demo-public-figures-phone.png"), full_page=True)
        browser.close()


def test_the_stack_stops_on_sigterm_with_every_process(stack):
    process = stack["process"]
    children = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True)
    pids = [int(p) for p in children.stdout.split()]
    assert len(pids) == 3  # web, worker, varnish
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=90) == 0
    time.sleep(1)
    alive = [p for p in pids if Path(f"/proc/{p}").exists()]
    assert alive == []
