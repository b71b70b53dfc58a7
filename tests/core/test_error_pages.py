"""A page that does not exist answers in Vietnamese, with the way back (DEBUG off)."""


def test_a_missing_page_is_explained_in_vietnamese(client, db):
    page = client.get("/khong-co-trang-nay/")
    html = page.content.decode()
    assert page.status_code == 404
    assert "Không tìm thấy trang" in html and "/khong-co-trang-nay/" in html
    assert "Not Found" not in html and 'href="/tra-cuu-ho-so/"' in html
