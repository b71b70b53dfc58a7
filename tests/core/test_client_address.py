"""Behind Varnish every request comes from 127.0.0.1: the client is the address Varnish
adds to X-Forwarded-For. Rate limits and security events count people, not the proxy, and
a client cannot choose its own address by sending the header itself."""

import pytest
from django.test.utils import override_settings

from tttt.org.models import SecurityEvent

pytestmark = pytest.mark.django_db

LOOKUP = "/api/v1/onestop/lookup"
BODY = {"code": "09523-261201-0001", "phone": "0986123456"}


def lookups(client, n, **headers):
    return [client.post(LOOKUP, BODY, content_type="application/json", **headers).status_code
            for _ in range(n)]  # fmt: skip


@override_settings(TTTT_LOOKUP_RATE="3/600")
def test_each_citizen_behind_the_proxy_has_a_limit_of_their_own(client):
    mai = {"HTTP_X_FORWARDED_FOR": "113.161.4.20", "REMOTE_ADDR": "127.0.0.1"}
    an = {"HTTP_X_FORWARDED_FOR": "14.232.77.9", "REMOTE_ADDR": "127.0.0.1"}
    assert lookups(client, 4, **mai) == [404, 404, 404, 429]
    assert lookups(client, 1, **an) == [404]  # another person is not refused for Mai's tries
    # What the client wrote before the proxy's entry is not believed.
    forged = {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 113.161.4.20", "REMOTE_ADDR": "127.0.0.1"}
    assert lookups(client, 1, **forged) == [429]


@override_settings(TTTT_LOOKUP_RATE="3/600")
def test_a_direct_client_cannot_pick_its_address(client):
    direct = {"REMOTE_ADDR": "203.162.10.8"}
    assert lookups(client, 3, **direct) == [404, 404, 404]
    spoofed = {"HTTP_X_FORWARDED_FOR": "8.8.8.8", "REMOTE_ADDR": "203.162.10.8"}
    assert lookups(client, 1, **spoofed) == [429]


def test_a_failed_sign_in_is_recorded_with_the_citizens_address(client):
    client.post("/admin/login/", {"username": "khong.co", "password": "sai-mat-khau-1"},
                HTTP_X_FORWARDED_FOR="113.161.4.20", REMOTE_ADDR="127.0.0.1")  # fmt: skip
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN_FAILED)
    assert event.ip_address == "113.161.4.20"
