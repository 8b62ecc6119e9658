"""Who may talk to /v2/: browser extensions and local programs, never web pages."""

from __future__ import annotations

import httpx
import pytest

from tests.web.browser import Server

EXTENSIONS = ["chrome-extension://oldceeleldhonbafppcapldpdifcinji",
              "moz-extension://9b3e1f52-6a7d-4d0e-8f3c-2f0f1b6b8a11",
              "safari-web-extension://3F2504E0-4F89-11D3-9A0C-0305E82C3301"]
PAGES = ["https://evil.example", "http://localhost:8000.evil.example", "null",
         "chrome-extension-evil://x", "https://mail.google.com"]


@pytest.mark.parametrize("origin", EXTENSIONS)
def test_an_extension_gets_cors_on_the_preflight_and_the_post(server: Server,
                                                              origin: str) -> None:
    preflight = httpx.options(f"{server.url}/v2/check", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == origin
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
    answer = httpx.post(f"{server.url}/v2/check", headers={"Origin": origin},
                        data={"language": "en-US", "text": "Hi Priya,"})
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == origin


@pytest.mark.parametrize("origin", PAGES)
def test_a_web_page_is_refused_before_any_check(server: Server, origin: str) -> None:
    answer = httpx.post(f"{server.url}/v2/check", headers={"Origin": origin},
                        data={"language": "en-US", "text": "Dear Dr. Raman,"})
    assert answer.status_code == 403
    assert "access-control-allow-origin" not in answer.headers
    assert "Raman" not in answer.text
    preflight = httpx.options(f"{server.url}/v2/check", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_the_rest_of_the_app_sends_no_cors_headers(server: Server) -> None:
    answer = httpx.get(f"{server.url}/", headers={"Origin": EXTENSIONS[0]})
    assert "access-control-allow-origin" not in answer.headers


def test_a_post_needs_no_csrf_token_here_but_still_does_on_the_json_api(server: Server) -> None:
    assert httpx.post(f"{server.url}/v2/check",
                      data={"language": "en-US", "text": "Hi."}).status_code == 200
    assert httpx.post(f"{server.url}/api/check", json={"note": "Hi."}).status_code == 403


def test_a_foreign_host_header_is_refused(server: Server) -> None:
    answer = httpx.post(f"{server.url}/v2/check", headers={"Host": "evil.example"},
                        data={"language": "en-US", "text": "Hi."})
    assert answer.status_code == 400


def test_an_oversized_request_is_a_413_with_a_message(server: Server) -> None:
    answer = httpx.post(f"{server.url}/v2/check",
                        data={"language": "en-US", "text": "word " * 250_000})
    assert answer.status_code == 413
    assert answer.text.startswith("Error: ") and "bytes" in answer.text
