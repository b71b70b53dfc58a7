"""The load of `bench/load_bench.py`, for locust: citizens and officers on the served demo.

Citizens (through Varnish, each with an address of their own in X-Forwarded-For, as
Varnish would add it): portal home pages, the unit and business searches, dossier lookups,
online submissions (form, then post; each code kept). Officers (signed in): the dossier
list, a dossier's page, an action on it (showing the applicant's personal data, which is
logged), the one-stop statistics. Request names start with "citizen:" or "officer:". The
anchor, run on its own afterwards: as many users asking only for /healthz (through Varnish,
passed to the application), "floor:" — what any request costs on this stack and machine.
Configuration comes from BENCH_* variables set by load_bench.py.
"""

import json
import os
import random
import re

from locust import HttpUser, between, events, task

PORTALS = os.environ.get("BENCH_PORTALS", "").split(",")
COMMUNE = os.environ.get("BENCH_COMMUNE", "")
PROCEDURES = os.environ.get("BENCH_PROCEDURES", "").split(",")
LOOKUPS = json.loads(os.environ.get("BENCH_LOOKUPS", "[]"))
OFFICERS = json.loads(os.environ.get("BENCH_OFFICERS", "[]"))
PASSWORD = os.environ.get("BENCH_PASSWORD", "")
CODES_FILE = os.environ.get("BENCH_CODES", "")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CODE = re.compile(r"\b[0-9A-Z.]+-\d{6}-\d{4}\b")
SUBMITTED: list[str] = []
FAILED_SUBMISSIONS: list[str] = []


def someone() -> dict:
    """A citizen's own address, as Varnish adds it: each visit is another person (the
    public forms' rate limits count per person)."""
    a, b, c = random.randint(160, 191), random.randint(0, 255), random.randint(1, 254)
    return {"X-Forwarded-For": f"113.{a}.{b}.{c}"}


class Citizen(HttpUser):
    weight = 3
    wait_time = between(0.5, 2)

    def on_start(self):
        self.client.headers.update(someone())

    @task(6)
    def portal_home(self):
        host = random.choice(PORTALS)
        self.client.get("/", headers={"Host": host}, name="citizen: cổng thông tin")

    @task(2)
    def unit_search(self):
        q = random.choice(["trung chinh", "luong tai", "vinh tuong", "bac ninh", "phu hoa"])
        self.client.get("/don-vi/", params={"q": q}, name="citizen: tra cứu đơn vị")

    @task(2)
    def business_search(self):
        q = random.choice(["karaoke", "internet", "in", "game"])
        self.client.get("/co-so-kinh-doanh/", params={"q": q}, name="citizen: cơ sở kinh doanh")

    @task(3)
    def lookup(self):
        self.client.headers.update(someone())
        form = self.client.get("/tra-cuu-ho-so/", name="citizen: tra cứu hồ sơ (mẫu)")
        code, phone = random.choice(LOOKUPS)
        token = TOKEN.search(form.text)
        with self.client.post("/tra-cuu-ho-so/", name="citizen: tra cứu hồ sơ",
                              data={"csrfmiddlewaretoken": token[1] if token else "",
                                    "ma": code, "dien_thoai": phone},
                              catch_response=True) as answer:  # fmt: skip
            if code not in answer.text:
                answer.failure("the dossier was not found")

    @task(1)
    def submit(self):
        self.client.headers.update(someone())
        url = f"/nop-ho-so/?don_vi={COMMUNE}&thu_tuc={random.choice(PROCEDURES)}"
        form = self.client.get(url, name="citizen: nộp trực tuyến (mẫu)")
        token = TOKEN.search(form.text)
        n = random.randint(100000, 999999)
        with self.client.post(url, name="citizen: nộp trực tuyến", catch_response=True, data={
            "csrfmiddlewaretoken": token[1] if token else "", "applicant_kind": "person",
            "applicant_name": f"Nguyễn Thị Thử {n}", "citizen_id": f"027190{n}",
            "phone": f"0912{n}", "website": "",
        }) as answer:  # fmt: skip
            found = CODE.search(answer.text) if answer.status_code == 200 else None
            if found:
                SUBMITTED.append(found[0])
            else:
                FAILED_SUBMISSIONS.append(str(answer.status_code))
                answer.failure("no dossier code in the answer")


class Officer(HttpUser):
    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        username = random.choice(OFFICERS)
        form = self.client.get("/admin/login/", name="officer: đăng nhập (mẫu)")
        self.client.post("/admin/login/", name="officer: đăng nhập", data={
            "csrfmiddlewaretoken": TOKEN.search(form.text)[1], "username": username,
            "password": PASSWORD})  # fmt: skip
        self.dossiers = []

    @task(4)
    def dossier_list(self):
        page = self.client.get("/admin/dossiers/", name="officer: danh sách hồ sơ")
        self.dossiers = re.findall(r"/admin/dossiers/inspect/(\d+)/", page.text) or self.dossiers

    @task(3)
    def dossier_page(self):
        if self.dossiers:
            self.client.get(f"/admin/dossiers/inspect/{random.choice(self.dossiers)}/",
                            name="officer: trang hồ sơ")  # fmt: skip

    @task(1)
    def dossier_action(self):
        if not self.dossiers:
            return
        url = f"/admin/dossiers/inspect/{random.choice(self.dossiers)}/"
        page = self.client.get(url, name="officer: trang hồ sơ")
        token = TOKEN.search(page.text)
        if token:
            self.client.post(url, data={"csrfmiddlewaretoken": token[1], "action": "reveal"},
                             name="officer: xem đầy đủ thông tin người nộp")  # fmt: skip

    @task(1)
    def statistics(self):
        self.client.get("/admin/mot-cua/thong-ke/", name="officer: thống kê một cửa")


@events.quitting.add_listener
def _keep_codes(environment, **kwargs):
    if CODES_FILE:
        with open(CODES_FILE, "w") as f:
            json.dump({"submitted": SUBMITTED, "failed": FAILED_SUBMISSIONS}, f)


class Floor(HttpUser):
    """The anchor: the same number of users, the same pauses, the cheapest request."""

    wait_time = between(0.5, 2)

    @task
    def health(self):
        self.client.get("/healthz", name="floor: /healthz")
