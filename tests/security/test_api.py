"""The security API: a monitoring system reports an incident with its key (it then owes
the notices of the rules in force, like one reported in the back office); the incidents in
scope are listed and read with their notices; another district's are out of reach."""

import pytest
from wagtail.models import APIToken

from tttt.security.models import Incident

pytestmark = pytest.mark.django_db


def test_a_monitoring_system_reports_an_incident_and_reads_it_with_its_notices(
    client, people, tree
):
    _token, key = APIToken.create_token(
        user=people.specialist, name="Hệ thống giám sát an toàn thông tin"
    )
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    body = {"unit": tree.luong_tai.pk, "title": "Phát hiện mã độc trên máy chủ một cửa",
            "kind": "malware", "severity": 3, "detected_at": "2019-10-07T09:00:00+07:00"}  # fmt: skip
    sent = client.post("/api/v1/security/incidents", body, content_type="application/json", **auth)
    assert sent.status_code == 201, sent.content
    found = sent.json()
    assert (found["source"], found["status"], found["unit"]) == (
        "monitoring",
        "open",
        tree.luong_tai.pk,
    )
    assert [n["rule"] for n in found["notices"]] == ["bao-cao-su-co"]
    assert found["notices"][0]["due_at"].startswith("2019-10-12T")  # 5 days after detection
    listed = client.get("/api/v1/security/incidents?state=open", **auth).json()
    assert [i["id"] for i in listed["items"]] == [found["id"]]
    # Every problem of the input at once, nothing written.
    bad = client.post("/api/v1/security/incidents", {**body, "title": "", "detected_at": "2099-01-01T00:00:00"},
                      content_type="application/json", **auth)  # fmt: skip
    assert bad.status_code == 422
    assert {p["field"] for p in bad.json()["errors"]} >= {"detected_at", "title"}
    # Out of scope: another district's unit, another district's key.
    other = client.post("/api/v1/security/incidents", {**body, "unit": tree.yen_the.pk},
                        content_type="application/json", **auth)  # fmt: skip
    assert other.status_code == 403
    _t, their_key = APIToken.create_token(user=people.stranger, name="Yên Thế")
    theirs = {"HTTP_AUTHORIZATION": f"Bearer {their_key}"}
    assert client.get(f"/api/v1/security/incidents/{found['id']}", **theirs).status_code == 403
    assert client.get("/api/v1/security/incidents", **theirs).json()["count"] == 0
    assert Incident.objects.count() == 1
