"""Specification of afterword.services.invites: which application an invite belongs to, who
is recorded, and what is asked rather than decided."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from afterword.calendar.invite import InviteError
from afterword.services.invites import Imported, answer, import_invite_bytes
from afterword.store import repo
from afterword.store.db import session_scope

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=ZoneInfo("America/New_York"))
OWN = frozenset({"sam.ortiz@gmail.com"})


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    with session_scope(f"sqlite:///{tmp_path / 'a.db'}") as s:
        yield s


def load(session: Session, name: str, own: frozenset[str] = OWN) -> list[Imported]:
    return import_invite_bytes(session, (FIXTURES / name).read_bytes(), own_emails=own, now=NOW)


def people(session: Session, app_id: int) -> list[tuple[str, str | None, str]]:
    return [(p.name, p.email, p.role) for p in repo.get_application(session, app_id).people]


def test_an_ats_invite_records_the_interviewers_its_description_lists(session: Session) -> None:
    [done] = load(session, "greenhouse_interviewers.ics")
    app = repo.get_application(session, done.application_id or 0)
    assert (app.company, app.role) == ("Northwind Analytics", "Senior Data Analyst")
    assert people(session, app.id) == [("Priya Raman", None, "interviewer"),
                                       ("Marcus Bell", None, "interviewer"),
                                       ("Jordan Lee", None, "coordinator")]
    assert [p.title for p in app.people][:2] == ["Head of Analytics", "Senior Data Engineer"]


def test_an_update_with_the_same_uid_moves_the_interview_and_adds_the_new_interviewer(
        session: Session) -> None:
    [first] = load(session, "greenhouse_interviewers.ics")
    [moved] = load(session, "greenhouse_update.ics")
    assert (moved.outcome, moved.application_id) == ("updated", first.application_id)
    app = repo.get_application(session, first.application_id or 0)
    assert len(app.interviews) == 1 and app.interviews[0].start.hour == 14
    assert [p.name for p in app.people] == ["Priya Raman", "Marcus Bell", "Jordan Lee",
                                            "Alex Moreau"]


def test_a_second_round_with_someone_already_on_it_joins_the_application(
        session: Session) -> None:
    [one] = load(session, "globex_round1.ics")
    [two] = load(session, "globex_round2.ics")
    assert two.application_id == one.application_id
    app = repo.get_application(session, one.application_id or 0)
    assert [i.round for i in app.interviews] == [1, 2]
    assert [p.email for p in app.people] == ["chris.nolan@globex.com", "fatima.zahra@globex.com"]


def test_the_same_company_with_nobody_in_common_is_a_new_application(session: Session) -> None:
    [one] = load(session, "globex_round1.ics")
    [other] = load(session, "globex_other_team.ics")
    assert other.application_id != one.application_id
    assert people(session, other.application_id or 0) == [
        ("Priya Raman", "p.raman@globex-marketing.com", "interviewer")]


def test_a_same_named_person_with_another_address_is_asked_about_not_added(
        session: Session) -> None:
    [one] = load(session, "globex_round1.ics")
    app = repo.get_application(session, one.application_id or 0)
    repo.add_person(session, app, name="Fatima Zahra", email="fatima@old-address.example")
    [two] = load(session, "globex_round2.ics")
    assert two.application_id == one.application_id
    [question] = two.questions
    assert (question.kind, question.email, question.other_email) == (
        "same_name", "fatima.zahra@globex.com", "fatima@old-address.example")
    assert "the same person?" in question.text
    assert [p.name for p in app.people].count("Fatima Zahra") == 1
    answer(session, question, yes=False)  # "no: another person"
    session.expire(app)
    assert [p.email for p in app.people if p.name == "Fatima Zahra"] == [
        "fatima@old-address.example", "fatima.zahra@globex.com"]


def test_an_attendee_who_seems_to_be_the_user_is_asked_about_never_stored(
        session: Session) -> None:
    [done] = load(session, "school_address_candidate.ics")
    [question] = done.questions
    assert (question.kind, question.email) == ("is_you", "sortiz3@state.edu")
    assert question.text == "Is Sam Ortiz <sortiz3@state.edu> you?"
    assert people(session, done.application_id or 0) == [
        ("Hannah Brooks", "hannah.brooks@woodgrovebank.com", "interviewer")]
    answer(session, question, yes=True)
    assert len(people(session, done.application_id or 0)) == 1


def test_the_users_own_addresses_are_never_people(session: Session) -> None:
    for name in sorted(p.name for p in FIXTURES.glob("*.ics")):
        for done in load(session, name, frozenset({"SamOrtiz+x@gmail.com",
                                                   "sam.ortiz@outlook.com"})):
            if done.application_id:
                assert not any("ortiz" in (e or "") for _, e, _ in people(
                    session, done.application_id)), name


def test_a_cut_off_invite_stores_nothing(session: Session) -> None:
    data = (FIXTURES / "goodtime_agenda.ics").read_bytes()
    with pytest.raises(InviteError, match="cut off"):
        import_invite_bytes(session, data[: len(data) * 2 // 3], own_emails=OWN, now=NOW)
    assert repo.list_applications(session) == []


def test_two_attendees_of_one_name_and_two_addresses_are_asked_about(session: Session) -> None:
    data = b"\r\n".join([
        b"BEGIN:VCALENDAR", b"VERSION:2.0", b"BEGIN:VEVENT", b"UID:twins@example.test",
        b"DTSTART:20261215T150000Z", b"SUMMARY:Interview - Globex",
        b"ATTENDEE;CN=Priya Raman:mailto:priya.raman@globex.example",
        b'ATTENDEE;CN="Raman, Priya":mailto:praman@globex-labs.example',
        b"ATTENDEE;CN=Sam Ortiz:mailto:sam.ortiz@gmail.com", b"END:VEVENT", b"END:VCALENDAR",
        b""])
    [done] = import_invite_bytes(session, data, own_emails=OWN, now=NOW)
    assert people(session, done.application_id or 0) == [
        ("Priya Raman", "priya.raman@globex.example", "interviewer")]
    assert [(q.kind, q.email) for q in done.questions] == [
        ("same_name", "praman@globex-labs.example")]


def test_an_honorific_in_the_description_is_parsed_out_of_the_name(session: Session) -> None:
    [done] = load(session, "workday_description_only.ics")
    [nia] = repo.get_application(session, done.application_id or 0).people
    assert (nia.name, nia.honorific, nia.email, nia.title) == (
        "Nia Okoye", "Dr.", "nia.okoye@contoso-pharma.com", "Director of Clinical Data")


def test_an_invite_in_utc_is_placed_in_the_users_zone(session: Session,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/Chicago")  # DTSTART:20241204T190000Z, no zone named
    [done] = load(session, "zoom.ics")
    app = repo.get_application(session, done.application_id or 0)
    interview = app.interviews[0]
    assert (app.timezone, interview.timezone) == ("America/Chicago", "America/Chicago")
    assert interview.start.astimezone(ZoneInfo("America/Chicago")).hour == 13  # same instant
    assert "13:00 (America/Chicago)" in done.summary
