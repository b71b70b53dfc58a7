"""The reporting API: catalog, an indicator's value across the reform, a report's whole
life, completeness; refusals in Vietnamese; scope."""

from tttt.org.roles import REPORTING_OFFICER


def test_a_report_through_the_api(client, commune_form, tree, thua_officer, district_officer):
    client.force_login(thua_officer)
    codes = {i["code"] for i in client.get("/api/v1/indicators").json()}
    assert {"onestop.received", "bc.dvc_tich_hop"} <= codes
    bad = client.post("/api/v1/reports", {"form": "bc-quy-xa", "unit": tree.thua.pk, "period": "2019-Q9"},
                      content_type="application/json")  # fmt: skip
    assert bad.status_code == 422 and bad.json()["code"] == "bad_period"
    assert bad.json()["errors"][0]["field"] == "period"
    opened = client.post("/api/v1/reports", {"form": "bc-quy-xa", "unit": tree.thua.pk, "period": "2019-Q3"},
                         content_type="application/json").json()  # fmt: skip
    pk = opened["id"]
    assert opened["due_on"] == "2019-10-15" and opened["status"] == "draft"
    wrong = client.put(f"/api/v1/reports/{pk}", {"figures": {"bc.buu_dien_ke_hoach": "120"}},
                       content_type="application/json")  # fmt: skip
    assert wrong.status_code == 422
    assert [(e["field"], e["code"]) for e in wrong.json()["errors"]] == [
        ("bc.buu_dien_ke_hoach", "bad_value")
    ]
    saved = client.put(f"/api/v1/reports/{pk}", {
        "figures": {"bc.buu_dien_ke_hoach": "61", "bc.dvc_tich_hop": 213},
        "sections": {"Kết quả đạt được": "Tiếp nhận 103 chứng thư số."}}, content_type="application/json")  # fmt: skip
    assert (
        saved.status_code == 200
        and saved.json()["sections"]["Kết quả đạt được"] == "Tiếp nhận 103 chứng thư số."
    )
    assert client.post(f"/api/v1/reports/{pk}/submit").json()["status"] == "submitted"
    assert client.post(f"/api/v1/reports/{pk}/accept").status_code == 403
    client.force_login(district_officer)
    refused = client.post(
        f"/api/v1/reports/{pk}/return", {"reason": ""}, content_type="application/json"
    )
    assert refused.status_code == 422 and "Hãy ghi rõ cần sửa gì" in str(refused.json())
    accepted = client.post(f"/api/v1/reports/{pk}/accept").json()
    assert (
        accepted["status"] == "accepted" and accepted["on_time"] is False
    )  # submitted today, due in 2019
    figures = {f["code"]: f["shown"] for f in accepted["figures"]}
    assert figures["bc.dvc_tich_hop"] == "213" and figures["bc.buu_dien_ke_hoach"] == "61%"
    listed = client.get("/api/v1/reports", {"period": "2019-Q3", "status": "accepted"}).json()
    assert [r["id"] for r in listed["items"]] == [pk]
    wrong_period = client.get("/api/v1/reports", {"period": "2019-Q9"})
    assert (
        wrong_period.status_code == 422
        and "Không hiểu kỳ «2019-Q9»" in wrong_period.json()["detail"]
    )
    done = client.get("/api/v1/report-completeness", {"form": "bc-quy-xa", "unit": tree.luong_tai.pk,
                                                      "period": "2019-Q3"}).json()  # fmt: skip
    assert (done["expected"], done["late"], done["missing"]) == (2, 1, 1)


def test_an_indicator_for_todays_province_in_2019_uses_the_lineage(client, tree, member):
    client.force_login(member("bn.baocao", REPORTING_OFFICER, tree.bac_ninh))
    value = client.get(
        "/api/v1/indicators/org.districts/value", {"unit": tree.bac_ninh.pk, "period": "2019"}
    ).json()
    assert value["value"] == 2 and set(value["units_used"]) == {"Tỉnh Bắc Ninh", "Tỉnh Bắc Giang"}
    assert (
        client.get(
            "/api/v1/indicators/khong.co/value", {"unit": tree.bac_ninh.pk, "period": "2019"}
        ).status_code
        == 404
    )


def test_the_api_keeps_to_the_scope(client, commune_form, tree, thua_officer, member):
    client.force_login(thua_officer)
    pk = client.post("/api/v1/reports", {"form": "bc-quy-xa", "unit": tree.thua.pk, "period": "2019-Q3"},
                     content_type="application/json").json()["id"]  # fmt: skip
    client.force_login(member("bh.baocao", REPORTING_OFFICER, tree.bo_ha))
    assert client.get("/api/v1/reports").json()["items"] == []
    assert client.get(f"/api/v1/reports/{pk}").status_code == 403
    assert (
        client.put(
            f"/api/v1/reports/{pk}", {"figures": {}}, content_type="application/json"
        ).status_code
        == 403
    )
    assert client.post(f"/api/v1/reports/{pk}/submit").status_code == 403
    assert (
        client.get(
            "/api/v1/indicators/org.communes/value", {"unit": tree.luong_tai.pk, "period": "2019"}
        ).status_code
        == 403
    )
    assert client.get("/api/v1/report-completeness", {"form": "bc-quy-xa", "unit": tree.luong_tai.pk,
                                                      "period": "2019-Q3"}).status_code == 403  # fmt: skip
    opened = client.post("/api/v1/reports", {"form": "bc-quy-xa", "unit": tree.thua.pk, "period": "2019-Q4"},
                         content_type="application/json")  # fmt: skip
    assert opened.status_code == 403
