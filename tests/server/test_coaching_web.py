"""The coaching and centre pages in server mode (in-process, SQLite): a candidate asks for a
review from the compose page, the coach finds it on the caseload and the queue, comments on
some words, the candidate sees the comment beside the note, resolves it and closes the
review; the admin invites, assigns, sets the house style, keeps templates and exports the
outcomes. Each page answers only to the roles it is for."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from afterword.services import accounts
from afterword.store.accounts import (
    Organisation,
    ReviewComment,
    ReviewRequest,
    SharedTemplate,
    User,
)
from afterword.store.tables import DueWork
from afterword.vocab import ReviewState
from afterword.web.app import create_app
from tests.server.accounts_helpers import quick_argon2
from tests.server.centre import NOW, Centre, add_application, add_note, build

BASE = "http://127.0.0.1:8000"
PASSWORD = "a sensible passphrase"
BODY = ("Dear Ms. Raman,\n\nThank you for the conversation about the dashboards yesterday."
        "\n\nBest regards,\nAna")


class Browser(TestClient):
    """A TestClient that signs in and sends the CSRF token with each form, as pages do."""

    def submit(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        if not self.cookies.get("aw_csrf"):
            self.get("/static/app.css")
        token = str(self.cookies.get("aw_csrf"))
        return self.post(url, data={"csrf_token": token, **(data or {})},
                         follow_redirects=False, **kwargs)

    def as_(self, key: str) -> Browser:
        answer = self.submit("/sign-in", {"email": f"{key}@centre.example",
                                          "password": PASSWORD, "next": "/"})
        assert answer.status_code == 303, answer.text
        return self


@pytest.fixture
def centre(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Centre]:
    """The centre with passwords, and a draft by Ana to Priya Raman."""
    quick_argon2(monkeypatch)
    for key in ("AFTERWORD_ALLOWED_HOSTS", "AFTERWORD_BASE_URL", "AFTERWORD_DATABASE_URL",
                "AFTERWORD_USER_NAME", "AFTERWORD_USER_EMAIL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("AFTERWORD_NOW", NOW.isoformat())
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'web.db'}"
    built = build(url)
    with built.system() as session:
        for user in session.scalars(select(User)):
            user.password_hash = accounts.hash_password(PASSWORD)
        session.get_one(User, built.ids["ben"]).name = "<script>alert('ben')</script>"
        app = add_application(session, built.ids["ana"], "Northwind Analytics",
                              ended=NOW - timedelta(hours=20))
        built.ids["app"] = app.id
        built.ids["note"] = add_note(session, app, BODY).id
    yield built


def _web(centre: Centre) -> Browser:
    return Browser(create_app(centre.url, server=True), base_url=BASE)


def _ask(centre: Centre) -> int:
    web = _web(centre).as_("ana")
    page = web.get(f"/notes/{centre.ids['note']}")
    assert page.status_code == 200 and 'id="ask-review"' in page.text
    answer = web.submit(f"/notes/{centre.ids['note']}/review",
                        {"message": "Is the middle too thin?"})
    assert answer.status_code == 303
    with centre.system() as session:
        return session.scalars(select(ReviewRequest.id)).one()


def test_the_review_round_trip_through_the_pages(centre: Centre) -> None:
    review_id = _ask(centre)
    coach = _web(centre).as_("casey")
    caseload = coach.get("/caseload")
    assert caseload.status_code == 200
    names = re.findall(r'<h2 class="agenda-title">([^<]+)</h2>', caseload.text)
    assert names[0] == "Ana O&#39;Brien-Zoë"  # her window closes in hours
    assert "Asked for a review" in caseload.text
    assert "&lt;script&gt;alert(&#39;ben&#39;)&lt;/script&gt;" in caseload.text
    assert "<script>alert" not in caseload.text
    queue = coach.get("/reviews")
    assert f'href="/reviews/{review_id}"' in queue.text and "Is the middle too thin?" in queue.text
    page = coach.get(f"/reviews/{review_id}")
    assert page.status_code == 200 and "the dashboards" in page.text and "Timeline" in page.text
    answer = coach.submit(f"/reviews/{review_id}/comments",
                          {"about": "the dashboards", "body": "Name the dbt move instead."})
    assert answer.status_code == 303
    assert '<mark class="quoted"' in coach.get(f"/reviews/{review_id}").text
    refused = coach.submit(f"/reviews/{review_id}/comments",
                           {"about": "not in the note", "body": "x"})
    assert refused.status_code == 400 and "not in the note" in refused.text

    ana = _web(centre).as_("ana")
    compose = ana.get(f"/notes/{centre.ids['note']}")
    assert "Name the dbt move instead." in compose.text
    assert '<mark class="quoted">the dashboards</mark>' in compose.text
    with centre.system() as session:
        comment_id = session.scalars(select(ReviewComment.id)).first()
    assert ana.submit(f"/review-comments/{comment_id}/resolve").status_code == 303
    assert ana.submit(f"/reviews/{review_id}/close").status_code == 303
    with centre.system() as session:
        assert session.get_one(ReviewComment, comment_id).resolved
        assert session.get_one(ReviewRequest, review_id).state == ReviewState.CLOSED


def test_reviews_answer_only_to_the_people_in_them(centre: Centre) -> None:
    review_id = _ask(centre)
    assert _web(centre).as_("dana").get(f"/reviews/{review_id}").status_code == 404
    assert _web(centre).as_("omar").get(f"/reviews/{review_id}").status_code == 404
    ben = _web(centre).as_("ben")
    assert ben.get(f"/reviews/{review_id}").status_code == 403
    assert ben.submit(f"/reviews/{review_id}/comments", {"body": "hi"}).status_code == 404
    assert ben.submit(f"/notes/{centre.ids['note']}/review").status_code == 404
    coach = _web(centre).as_("casey")
    assert coach.submit(f"/reviews/{review_id}/close").status_code == 403
    assert coach.submit(f"/notes/{centre.ids['note']}/review").status_code == 403
    signed_out = _web(centre)
    assert signed_out.get("/caseload", follow_redirects=False).status_code == 303
    with centre.system() as session:
        assert session.scalars(select(ReviewComment)).all() == []


def test_each_centre_page_is_for_its_roles(centre: Centre) -> None:
    pages = ["/caseload", "/admin/people", "/admin/style", "/admin/templates",
             "/admin/outcomes", "/admin/outcomes.csv"]
    expected = {"admin": [200] * 6, "casey": [200, 403, 403, 200, 403, 403],
                "ana": [403, 403, 403, 403, 403, 403]}
    for who, codes in expected.items():
        web = _web(centre).as_(who)
        assert [web.get(p).status_code for p in pages] == codes, who


def test_the_admin_invites_and_assigns_from_the_people_page(centre: Centre) -> None:
    admin = _web(centre).as_("admin")
    page = admin.get("/admin/people")
    assert "Casey Coach" in page.text and "Zoe Elsewhere" not in page.text
    answer = admin.submit("/admin/people", {"email": "New.Student@Example.org",
                                            "name": "Nia O'Neil", "role": "candidate",
                                            "coach": str(centre.ids["dana"]),
                                            "cohort": "2027"})
    assert answer.status_code == 303
    with centre.system() as session:
        made = session.scalars(select(User).where(User.email == "new.student@example.org")).one()
        assert (made.coach_id, made.cohort, made.password_hash) == (centre.ids["dana"], "2027",
                                                                    None)
        mail = session.scalars(select(DueWork).where(DueWork.user_id == made.id)).one()
        assert mail.kind == "account_mail" and "/invite/" in accounts.open_account_mail(mail.payload)[2]
    moved = admin.submit(f"/admin/people/{centre.ids['ben']}",
                         {"role": "candidate", "coach": str(centre.ids["dana"]),
                          "cohort": "2028", "state": "active"})
    assert moved.status_code == 303
    bad = admin.submit(f"/admin/people/{centre.ids['ben']}", {"coach": str(centre.ids["ana"])})
    assert bad.status_code == 400 and "not one of the centre&#39;s coaches" in bad.text
    with centre.system() as session:
        ben = session.get_one(User, centre.ids["ben"])
        assert (ben.coach_id, ben.cohort) == (centre.ids["dana"], "2028")


def test_the_house_style_form_keeps_what_was_typed_when_refused(centre: Centre) -> None:
    admin = _web(centre).as_("admin")
    bad = admin.submit("/admin/style", {"email_words_warning": "5", "dialect": "british"})
    assert bad.status_code == 400 and "email_words_warning" in bad.text
    assert 'value="5"' in bad.text
    good = admin.submit("/admin/style", {"email_words_warning": "160", "dialect": "british"})
    assert good.status_code == 200 and "Saved" in good.text
    with centre.system() as session:
        style = session.get_one(Organisation, centre.ids["org"]).house_style
        assert style == {"thresholds": {"email_words_warning": 160}, "dialect": "british"}


def test_templates_and_the_outcomes_csv(centre: Centre) -> None:
    coach = _web(centre).as_("casey")
    made = coach.submit("/admin/templates", {
        "name": "Short and warm", "kind": "thank_you",
        "body": "{{ greeting }},\n\n{{ opening }}\n\n{{ closing }},\n{{ signer }}\n"})
    assert made.status_code == 303
    assert "Short and warm" in coach.get("/admin/templates").text
    broken = coach.submit("/admin/templates", {"name": "Bad", "kind": "thank_you",
                                               "body": "{{ nope }}"})
    assert broken.status_code == 400 and "undefined" in broken.text
    admin = _web(centre).as_("admin")
    answer = admin.get("/admin/outcomes.csv", params={"cohort": "2027"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    (row,) = list(csv.DictReader(io.StringIO(answer.text)))
    assert (row["candidate"], row["company"]) == ("Ana O'Brien-Zoë", "Northwind Analytics")
    bad = admin.get("/admin/outcomes.csv", params={"start": "soon"})
    assert bad.status_code == 400 and "like 2026-11-20" in bad.text


def test_a_candidate_drafts_with_the_centres_shared_template(centre: Centre) -> None:
    coach = _web(centre).as_("casey")
    coach.submit("/admin/templates", {
        "name": "Hillside classic", "kind": "thank_you",
        "body": "{{ greeting }},\n\n{{ opening }}\n\nHillside wishes you a good week.\n\n"
                "{{ closing }},\n{{ signer }}\n"})
    with centre.system() as session:
        fresh = add_application(session, centre.ids["ana"], "Globex",
                                ended=NOW - timedelta(hours=4), interviewer="Arjun Mehta")
        other = add_application(session, centre.ids["ana"], "Initech",
                                ended=NOW - timedelta(hours=4), interviewer="Nia Okoye")
        ids = [(fresh.id, fresh.people[0].id), (other.id, other.people[0].id)]
        template_id = session.scalars(select(SharedTemplate.id)).one()
    ana = _web(centre).as_("ana")
    start = ana.get(f"/applications/{ids[0][0]}/compose")
    assert "Arranged as" in start.text and "Hillside classic (your centre)" in start.text
    made = ana.submit(f"/applications/{ids[0][0]}/drafts",
                      {"person": str(ids[0][1]), "template": str(template_id)})
    assert made.status_code == 303
    assert "Hillside wishes you a good week." in ana.get(made.headers["location"]).text
    plain = ana.submit(f"/applications/{ids[1][0]}/drafts",
                       {"person": str(ids[1][1]), "template": ""})
    assert plain.status_code == 303
    assert "Hillside wishes" not in ana.get(plain.headers["location"]).text
    outsider = _web(centre).as_("zoe")
    assert outsider.submit(f"/applications/{ids[0][0]}/drafts",
                           {"person": str(ids[0][1]), "template": str(template_id)}
                           ).status_code == 404


def test_staff_start_on_the_caseload(centre: Centre) -> None:
    for who in ("casey", "admin"):
        home = _web(centre).as_(who).get("/", follow_redirects=False)
        assert (home.status_code, home.headers["location"]) == (303, "/caseload")
    assert _web(centre).as_("ana").get("/", follow_redirects=False).status_code == 200


def test_a_coach_reads_a_candidates_note_with_its_checks_and_timeline(centre: Centre) -> None:
    url = f"/caseload/notes/{centre.ids['note']}"
    page = _web(centre).as_("casey").get(url)
    assert page.status_code == 200
    assert "the dashboards" in page.text and "no review asked" in page.text
    assert "Thank-you due" in page.text  # the timeline's first step
    assert "Your comment" not in page.text  # nothing to comment on until asked
    assert _web(centre).as_("dana").get(url).status_code == 404
    assert _web(centre).as_("omar").get(url).status_code == 404
    assert _web(centre).as_("ana").get(url).status_code == 403
    # the note's own address reads the same for them (they never write in it)
    same = _web(centre).as_("casey").get(f"/notes/{centre.ids['note']}")
    assert same.status_code == 200 and "no review asked" in same.text
    assert 'id="body"' not in same.text  # no editor
    assert _web(centre).as_("dana").get(f"/notes/{centre.ids['note']}").status_code == 404
    assert 'id="body"' in _web(centre).as_("ana").get(f"/notes/{centre.ids['note']}").text


def test_without_a_coach_the_compose_page_says_why_there_is_no_review_button(
        centre: Centre) -> None:
    with centre.system() as session:
        session.get_one(User, centre.ids["ana"]).coach_id = None
    page = _web(centre).as_("ana").get(f"/notes/{centre.ids['note']}")
    assert 'id="ask-review"' not in page.text
    assert "no coach is assigned to you yet" in page.text
