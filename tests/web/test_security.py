"""CSRF on every state-changing route, the CSP and friends, autoescaping, 404s, hosts."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import Client, first_note

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
POSTS = ["/example", "/applications", "/applications/1/drafts", "/today/dismiss", "/today/close/1", "/applications/import", "/applications/1/edit",
         "/applications/1/status", "/applications/1/people", "/people/1", "/people/1/moments",
         "/moments/1/delete", "/notes/1", "/notes/1/fix", "/notes/1/redraft", "/notes/1/send",
         "/notes/1/reconcile", "/notes/1/mailbox", "/calendar/renew", "/settings", "/backup"]
XSS = "<script>alert(1)</script>"


@pytest.mark.parametrize("url", POSTS)
def test_a_post_without_the_token_is_refused(client: Client, example: int, url: str) -> None:
    first_note(client, example)
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
    note = client.get(f"/notes/{first_note(client, example)}")
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
    note = first_note(client, example)
    for url in (f"/applications/{example}", "/applications", "/", f"/notes/{note}"):
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


@pytest.mark.parametrize("host", ["evil.example", "testserver", "127.0.0.1", "localhost",
                                  "127.0.0.1:9999", "localhost:80", "0.0.0.0:8000",
                                  "192.168.1.2:8000", "127.0.0.1:8000.evil.example", ""])
def test_other_hosts_are_refused(client: Client, host: str) -> None:
    # DNS rebinding: a page on evil.example that resolves to 127.0.0.1 gets nothing
    got = client.get("/", headers={"host": host})
    assert got.status_code == 400 and "host" in got.text.lower()


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000",
                                  "LOCALHOST:8000"])
def test_the_bound_names_with_the_port_are_served(client: Client, host: str) -> None:
    assert client.get("/", headers={"host": host}).status_code == 200


def test_port_80_is_also_served_without_the_port(db_url: str) -> None:
    from afterword.web import create_app

    with Client(create_app(db_url, port=80), base_url="http://localhost") as other:
        assert other.get("/").status_code == 200
        assert other.get("/", headers={"host": "localhost:80"}).status_code == 200
        assert other.get("/", headers={"host": "localhost:8000"}).status_code == 400


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org", "[::]"])
def test_binding_beyond_loopback_is_refused_without_server_mode(web_env: object,
                                                                host: str) -> None:
    from typer.testing import CliRunner

    from afterword.cli.main import app
    from afterword.web import create_app
    from afterword.web.security import BindRefused

    with pytest.raises(BindRefused, match="refusing to listen"):
        create_app("sqlite://", host=host)
    done = CliRunner().invoke(app, ["serve", "--host", host, "--port", "1"])
    assert done.exit_code != 0
    lines = [line for line in done.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "refusing to listen on" in lines[0] and "Traceback" not in (
        done.output)


def test_no_swagger_from_a_cdn(client: Client) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").json()["paths"]["/api/check"]
