"""Load on the production stack, for `make bench`: `tttt stack` (gunicorn, worker, Varnish)
on the full demo in a PostgreSQL database of its own, loaded on loopback by locust for a
bounded time with a bounded number of users (bench/locustfile.py: citizens and officers),
then 100 API intakes at once on one commune.

Prints JSON: requests/s, p50/p95/p99 and errors for each mix; the online submissions
(codes distinct, none lost or duplicated: every code the citizens were given is one
dossier, and the dossiers added are exactly those); the simultaneous intakes (all
accepted, codes distinct, none lost). The anchor: as many users asking only for /healthz
(bench/locustfile.py, Floor), with each mix's p50 beside its p50. The load generator
shares the machine's cores with the stack, so the figures are a floor for a dedicated
server.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
USERS = int(os.environ.get("BENCH_LOAD_USERS", 40))
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", 60))
FLOOR_SECONDS = int(os.environ.get("BENCH_LOAD_FLOOR_SECONDS", 20))
INTAKES = 100
REDIS_DB = 15


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(histogram: dict[int, int], share: float) -> float:
    total = sum(histogram.values())
    if not total:
        return 0.0
    seen = 0
    for ms in sorted(histogram):
        seen += histogram[ms]
        if seen >= share * total:
            return float(ms)
    return float(max(histogram))


def summarise(stats: list[dict], prefix: str, seconds: float) -> dict:
    mine = [s for s in stats if s["name"].startswith(prefix)]
    histogram: dict[int, int] = {}
    for entry in mine:
        for ms, n in entry["response_times"].items():
            histogram[int(float(ms))] = histogram.get(int(float(ms)), 0) + n
    requests = sum(s["num_requests"] for s in mine)
    return {
        "requests": requests,
        "requests_per_s": round(requests / seconds, 1),
        "errors": sum(s["num_failures"] for s in mine),
        "errors_by_request": {s["name"]: s["num_failures"] for s in mine if s["num_failures"]},
        "p50_ms": percentile(histogram, 0.50),
        "p95_ms": percentile(histogram, 0.95),
        "p99_ms": percentile(histogram, 0.99),
        "slowest_p95": sorted(
            ({"name": s["name"], "p95_ms": percentile(
                {int(float(k)): v for k, v in s["response_times"].items()}, 0.95)} for s in mine),
            key=lambda x: -x["p95_ms"])[:3],
    }  # fmt: skip


def run_locust(front: str, env: dict, users: list[str], seconds: int) -> list[dict]:
    """locust's statistics of `users` (classes of bench/locustfile.py) loading `front`."""
    locust = subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(REPO / "bench" / "locustfile.py"), "--headless",
         "-u", str(USERS), "-r", str(max(1, USERS // 10)), "-t", f"{seconds}s", "--host", front,
         "--only-summary", "--json", "--stop-timeout", "10", "--loglevel", "WARNING", *users],
        env=env, capture_output=True, text=True, timeout=seconds + 120,
    )  # fmt: skip
    return json.loads(locust.stdout[locust.stdout.index("[") :])


def _ratio(anchor: float, figure: float) -> float | None:
    return round(anchor / figure, 3) if figure else None


def demo_facts() -> dict:
    """What the load needs from the demo: a commune, its online procedures, dossiers to
    look up, officers, and an API key of the commune's clerk."""
    import django

    django.setup()
    from wagtail.models import APIToken

    from tttt.demo.builder import DEMO_PASSWORD
    from tttt.onestop.models import Dossier, Procedure
    from tttt.org.models import Membership, User

    clerk = User.objects.get(username="xatrungchinh.motcua")
    commune = Membership.objects.filter(user=clerk).select_related("unit").first().unit
    procedures = list(
        Procedure.objects.filter(units=commune).exclude(online_service="none")
        .values_list("pk", "code")[:5]
    )  # fmt: skip
    lookups = list(Dossier.objects.exclude(phone="").values_list("code", "phone")[:200])
    officers = [u for u in ("xatrungchinh.motcua", "xatrungchinh.chuyenvien", "xatrungchinh.lanhdao",
                            "luongtai.lanhdao", "bacninh.lanhdao") if User.objects.filter(username=u).exists()]  # fmt: skip
    _token, key = APIToken.create_token(user=clerk, name="Đo tải")
    return {"commune": commune.pk, "procedures": procedures, "lookups": lookups,
            "officers": officers, "password": DEMO_PASSWORD, "key": key,
            "portals": ["luongtai.localhost", "vinhtuong.localhost"]}  # fmt: skip


def dossier_codes(since_pk: int) -> list[str]:
    from tttt.onestop.models import Dossier

    return list(Dossier.objects.filter(pk__gt=since_pk).values_list("code", flat=True))


def last_dossier() -> int:
    from tttt.onestop.models import Dossier

    return Dossier.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def simultaneous_intakes(front: str, facts: dict) -> dict:
    import requests

    procedure_code = facts["procedures"][0][1]
    barrier = threading.Barrier(INTAKES)
    answers: list[tuple[int, str]] = []
    lock = threading.Lock()

    def intake(i: int):
        body = {"procedure": procedure_code, "unit": facts["commune"], "channel": "counter",
                "applicant": {"applicant_name": f"Trần Văn Đồng Thời {i}", "phone": f"09880{i:05d}",
                              "citizen_id": f"0270900{i:05d}"}}  # fmt: skip
        barrier.wait()
        r = requests.post(f"{front}/api/v1/onestop/dossiers", json=body, timeout=120,
                          headers={"Authorization": f"Bearer {facts['key']}"})  # fmt: skip
        with lock:
            answers.append((r.status_code, r.json().get("code", "") if r.ok else r.text[:200]))

    before = last_dossier()
    started = time.perf_counter()
    threads = [threading.Thread(target=intake, args=(i,)) for i in range(INTAKES)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    codes = [c for status, c in answers if status == 201]
    stored = dossier_codes(before)
    return {
        "sent": INTAKES,
        "accepted": len(codes),
        "statuses": sorted({status for status, _ in answers}),
        "codes_distinct": len(set(codes)),
        "stored": len(stored),
        "lost": len(set(codes) - set(stored)),
        "seconds": round(seconds, 2),
    }


def main() -> dict:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return {"load": {"skipped": "the production stack needs PostgreSQL"}}
    if not (shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists()):
        return {"load": {"skipped": "varnishd is not installed (scripts/ensure-varnish)"}}
    os.environ["DJANGO_SETTINGS_MODULE"] = "tttt.settings"
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:6379/{REDIS_DB}"
    os.environ["TTTT_HTTPS"] = "0"
    os.environ.pop("DEBUG", None)
    port, app_port = free_port(), free_port()
    work = Path(tempfile.mkdtemp())
    log = (work / "stack.log").open("w")
    stack = subprocess.Popen([sys.executable, "-m", "tttt", "stack", "--port", str(port),
                              "--app-port", str(app_port)],
                             stdout=log, stderr=subprocess.STDOUT, cwd=REPO)  # fmt: skip
    try:
        deadline = time.monotonic() + 400
        while "TTTT đang chạy" not in (work / "stack.log").read_text():
            if stack.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((work / "stack.log").read_text()[-2000:])
            time.sleep(0.5)
        facts = demo_facts()
        before = last_dossier()
        front = f"http://127.0.0.1:{port}"
        env = {**os.environ, "BENCH_PORTALS": ",".join(f"{p}:{port}" for p in facts["portals"]),
               "BENCH_COMMUNE": str(facts["commune"]),
               "BENCH_PROCEDURES": ",".join(str(pk) for pk, _ in facts["procedures"]),
               "BENCH_LOOKUPS": json.dumps(facts["lookups"]), "BENCH_OFFICERS": json.dumps(facts["officers"]),
               "BENCH_PASSWORD": facts["password"], "BENCH_CODES": str(work / "codes.json")}  # fmt: skip
        stats = run_locust(front, env, ["Citizen", "Officer"], SECONDS)
        kept = json.loads((work / "codes.json").read_text())
        stored = dossier_codes(before)
        submitted = kept["submitted"]
        intakes = simultaneous_intakes(front, facts)
        floor = summarise(run_locust(front, env, ["Floor"], FLOOR_SECONDS), "floor:", FLOOR_SECONDS)
        citizens = summarise(stats, "citizen:", SECONDS)
        officers = summarise(stats, "officer:", SECONDS)
        return {"load": {
            "users": USERS, "seconds": SECONDS, "cores": os.cpu_count(),
            "requests_per_s": round(sum(s["num_requests"] for s in stats) / SECONDS, 1),
            "citizens": citizens,
            "officers": officers,
            "anchor_same_users_healthz_only": floor,
            "citizens_p50_to_healthz_p50_ratio": _ratio(floor["p50_ms"], citizens["p50_ms"]),
            "officers_p50_to_healthz_p50_ratio": _ratio(floor["p50_ms"], officers["p50_ms"]),
            "submissions": {"answered_with_code": len(submitted), "failed": len(kept["failed"]),
                            "codes_distinct": len(set(submitted)), "dossiers_added": len(stored),
                            "lost": len(set(submitted) - set(stored)),
                            "not_given_to_anyone": len(set(stored) - set(submitted)),
                            "duplicated": len(stored) - len(set(stored))},
            "simultaneous_api_intakes": intakes,
        }}  # fmt: skip
    finally:
        stack.send_signal(signal.SIGTERM)
        try:
            stack.wait(timeout=90)
        except subprocess.TimeoutExpired:
            stack.kill()
        log.close()
        import redis

        redis.Redis(db=REDIS_DB).flushdb()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
