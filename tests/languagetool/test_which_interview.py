"""Which interview a text is about: the greeting, the company and the people in it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from afterword.config import Settings
from afterword.services import which_interview
from afterword.store import repo
from afterword.store.db import session_scope

NOW = datetime.fromisoformat("2026-11-21T09:30:00-05:00")


def make(url: str, *apps: tuple[str, str, str, int]) -> None:
    """Applications (company, role, interviewer, days ago), each with an interview."""
    with session_scope(url) as session:
        for company, role, person, days in apps:
            when = NOW - timedelta(days=days)
            app = repo.add_application(session, company=company, role=role, now=when)
            repo.add_interview(session, app, start=when, end=when + timedelta(hours=1))
            repo.add_person(session, app, name=person, honorific="Dr.")


def guess(url: str, text: str) -> which_interview.Guess:
    which_interview._directories.clear()
    with session_scope(url) as session:
        return which_interview.guess(session, text, Settings(), now=NOW)


def test_the_greeting_picks_the_application_and_the_addressee(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    make(url, ("Contoso", "Data Engineer", "Lena Park", 20),
         ("Northwind Analytics", "Senior Data Analyst", "Priya Raman", 1))
    found = guess(url, "Dear Dr. Park,\n\nThank you for the Data Engineer interview.")
    assert found.context is not None and found.context["company"] == "Contoso"
    assert found.context["recipient"] == "Lena Park"
    assert "Lena Park" in found.summary and "Contoso" in found.summary
    assert found.context["other_companies"] == ["Northwind Analytics"]


def test_a_misspelled_greeting_still_finds_the_interviewer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    make(url, ("Northwind Analytics", "Senior Data Analyst", "Priya Raman", 1))
    found = guess(url, "Dear Dr. Ramen,\n\nThank you.")
    assert found.context is not None and found.context["recipient"] == "Priya Raman"


def test_the_same_name_at_two_employers_is_not_a_guess(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    make(url, ("Contoso", "Data Engineer", "Sam Lee", 20), ("Globex", "Analyst", "Sam Lee", 1))
    found = guess(url, "Dear Dr. Lee,\n\nThank you for your time.")
    assert found.context is None
    assert "could not tell" in found.summary
    assert {"Contoso", "Globex", "Sam Lee"} <= set(found.known_names)


def test_the_company_named_settles_the_same_name_at_two_employers(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    make(url, ("Contoso", "Data Engineer", "Sam Lee", 20), ("Globex", "Analyst", "Sam Lee", 1))
    found = guess(url, "Dear Dr. Lee,\n\nThank you for the afternoon at Contoso.")
    assert found.context is not None and found.context["company"] == "Contoso"


def test_a_second_round_at_the_same_employer_goes_to_the_most_recent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    make(url, ("Globex", "Analyst", "Sam Lee", 30), ("Globex", "Senior Analyst", "Sam Lee", 2))
    found = guess(url, "Dear Dr. Lee,\n\nThank you.")
    assert found.context is not None and found.context["role"] == "Senior Analyst"


def test_no_greeting_and_no_company_is_no_interview(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    make(url, ("Globex", "Analyst", "Sam Lee", 2))
    found = guess(url, "Hi team,\n\nSee you Monday.")
    assert found.context is None and "found no interview" in found.summary
