"""CSRF on every state-changing route, the CSP and friends, autoescaping, 404s, hosts."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import Client

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
POSTS = ["/example", "/applications", "/applications/import", "/applications/1/edit",
         "/applications/1/status", "/applications/1/people", "/people/1", "/people/1/moments",
         "/moments/1/delete", "/notes/1", "/notes/1/fix", "/notes/1/redraft", "/notes/1/send",
         "/notes/1/reconcile", "/notes/1/mailbox", "/calendar/renew", "/settings", "/backup"]
XSS = "<script>alert(1)</script>"


@pytest.mark.parametrize("url", POSTS)
def test_a_post_without_the_token_is_refused(client: Client, example: int, url: str) -> None:
    client.get(f"/applications/{example}/compose")
    assert client.post(url, data={"status": "offer"}).status_code == 403
    assert client.post(url, data={"csrf_token": "x" * 43}).status_code == 403


def test_api_writes_need_the_header(client: Client) -> None:
    body = {"company": "Globex"}
    assert client.post("/api/applications", json=body).status_code == 403
    assert client.post("/api/check", json={"note": "Hi"}).status_code == 403
    assert client.api("POST", "/api/applications", json=body).status_code == 201


def test_forms_carry_the_visitors_token(client: Client, example: int) -> None:
    page = client.get(f"/applications/{example}")
    tokens = set(re.findall(r'name="csrf_token" value="([^"]*)"', page.text))
    assert tokens == {client.cookies.get("aw_csrf")}
    assert 'samesite=strict' in client.get("/", cookies={}).headers.get(
        "set-cookie", "samesite=strict").lower()


@pytest.mark.parametrize("url", ["/", "/applications", "/static/app.css", "/api/today",
                                 "/no/such/page", "/openapi.json"])
def test_every_response_has_the_csp(client: Client, url: str) -> None:
    got = client.get(url)
    assert got.headers["content-security-policy"] == CSP
    assert got.headers["x-content-type-options"] == "nosniff"


def test_pages_have_no_inline_script_or_style_and_no_remote_assets(client: Client,
                                                                   example: int) -> None:
    note = client.get(f"/applications/{example}/compose")
    for page in (client.get("/"), client.get(f"/applications/{example}"), note,
                 client.get("/settings")):
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", page.text)
        assert "style=" not in page.text and "<style" not in page.text
        assert not re.search(r'(src|href)="(https?:)?//', page.text)


def test_names_are_shown_as_text(client: Client, example: int) -> None:
    client.submit(f"/applications/{example}/edit", {"company": XSS, "role": XSS,
                                                    "timezone": "UTC"})
    person = client.get(f"/api/applications/{example}").json()["people"][0]
    client.submit(f"/people/{person['id']}", {"name": XSS, "role": "interviewer",
                                              "title": XSS})
    client.submit(f"/people/{person['id']}/moments", {"text": XSS})
    for url in (f"/applications/{example}", "/applications", "/",
                f"/applications/{example}/compose"):
        page = client.get(url).text
        assert XSS not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url


def test_unknown_things_are_404(client: Client, example: int) -> None:
    for url in ("/applications/999", "/notes/999", "/notes/999/note.eml",
                "/notes/999/card.pdf", "/api/applications/999", "/api/notes/999", "/nothing"):
        got = client.get(url)
        assert got.status_code == 404, url
    assert client.submit("/people/999", {"name": "x"}).status_code == 404
    assert client.submit("/moments/999/delete").status_code == 404
    assert client.get("/api/notes/999").json()["detail"].startswith("no note 999")
    assert "Not found" in client.get("/applications/999").text


def test_other_hosts_are_refused(client: Client) -> None:
    # DNS rebinding: a page on evil.example that resolves to 127.0.0.1 gets nothing
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_no_swagger_from_a_cdn(client: Client) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").json()["paths"]["/api/check"]
