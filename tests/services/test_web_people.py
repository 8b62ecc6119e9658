"""The web's people forms call the same services as the CLI: same checks, same results."""

from __future__ import annotations

import html
import json

from tests.web.conftest import Client, client, db_url, example, row_counts, web_env

__all__ = ["client", "db_url", "example", "web_env"]  # the fixtures, used by name


def _people(client: Client, app_id: int) -> list[dict[str, object]]:
    detail = client.api("GET", f"/api/applications/{app_id}")
    assert detail.status_code == 200
    return list(json.loads(detail.text)["people"])


def test_the_form_refuses_an_invalid_email_beside_the_field_and_stores_nothing(
        client: Client, example: int, db_url: str) -> None:
    person = _people(client, example)[0]
    before = row_counts(db_url)
    refused = client.submit(f"/people/{person['id']}", {"name": "Priya Raman",
                                                        "email": "not an email",
                                                        "role": "interviewer"})
    assert refused.status_code == 400
    page = html.unescape(refused.text)
    assert "is not an email address" in page and 'aria-invalid="true"' in refused.text
    assert _people(client, example)[0]["email"] == person["email"]
    assert row_counts(db_url) == before


def test_a_person_added_with_an_honorific_is_stored_without_it(client: Client,
                                                               example: int) -> None:
    done = client.submit(f"/applications/{example}/people",
                         {"name": "Dr. Nia Okoye", "email": "Nia.Okoye@Northwind.Example",
                          "role": "hiring_manager"}, follow_redirects=False)
    assert done.status_code == 303
    nia = next(p for p in _people(client, example) if p["name"] == "Nia Okoye")
    assert (nia["honorific"], nia["email"], nia["role"]) == (
        "Dr.", "nia.okoye@northwind.example", "hiring_manager")


def test_remove_and_merge_are_posts_with_csrf(client: Client, example: int) -> None:
    first, second = _people(client, example)[:2]
    assert client.post(f"/people/{first['id']}/delete").status_code == 403  # no token
    merged = client.submit(f"/people/{first['id']}/merge", {"into": str(second["id"])},
                           follow_redirects=False)
    assert merged.status_code == 303
    names = [p["name"] for p in _people(client, example)]
    assert first["name"] not in names and second["name"] in names
    assert client.submit(f"/people/{second['id']}/delete",
                         follow_redirects=False).status_code == 303
    assert second["name"] not in [p["name"] for p in _people(client, example)]
