"""The registers' API: an exchange system sends a signed document with its key and fetches
documents and files within its scope; outside the scope is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db


def test_an_exchange_system_sends_and_fetches_documents(
    client, people, registers, trusted, signed_by
):
    from wagtail.models import APIToken

    _token, key = APIToken.create_token(user=people.clerk, name="Trục liên thông văn bản tỉnh")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    body = {"register_id": registers.incoming.pk, "kind": "Công văn", "number_symbol": "1234/SKHCN-BCVT",
            "issuer": "Sở Khoa học và Công nghệ tỉnh Bắc Ninh", "issued_on": "2019-10-01",
            "received_at": "2019-10-03T09:30:00+07:00", "excerpt": "V/v chuyển đổi số cấp xã",
            "file": SimpleUploadedFile("1234.pdf", signed_by("sender"), content_type="application/pdf")}  # fmt: skip
    sent = client.post("/api/v1/incoming-documents", body, **auth)
    assert sent.status_code == 201, sent.content
    doc = sent.json()
    assert (doc["registry_number"], doc["signature"], doc["handling"]) == (1, "valid", "received")
    assert doc["signature_report"]["signatures"][0]["signer"] == "Nguyễn Thị Gửi"
    listed = client.get("/api/v1/documents?direction=in&q=chuyen doi so", **auth).json()
    assert [d["id"] for d in listed["items"]] == [doc["id"]]
    file = client.get(f"/api/v1/documents/{doc['id']}/file", **auth)
    assert file.status_code == 200 and b"".join(file.streaming_content).startswith(b"%PDF")
    bad = client.post("/api/v1/incoming-documents", {**body, "kind": "Không có", "excerpt": "",
                                                      "file": SimpleUploadedFile("a.pdf", b"khong phai pdf")}, **auth)  # fmt: skip
    assert bad.status_code == 422
    assert {p["code"] for p in bad.json()["errors"]} >= {"unknown_reference"}
    # another district's register and documents are out of reach
    other = client.post("/api/v1/incoming-documents", {**body, "register_id": registers.other.pk,
                                                        "file": SimpleUploadedFile("b.pdf", signed_by("sender"))}, **auth)  # fmt: skip
    assert other.status_code == 403
    _t, their_key = APIToken.create_token(user=people.stranger, name="Yên Thế")
    theirs = {"HTTP_AUTHORIZATION": f"Bearer {their_key}"}
    assert client.get(f"/api/v1/documents/{doc['id']}", **theirs).status_code == 403
    assert client.get(f"/api/v1/documents/{doc['id']}/file", **theirs).status_code == 403
    assert client.get("/api/v1/documents", **theirs).json()["count"] == 0
