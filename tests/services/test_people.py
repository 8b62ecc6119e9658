"""People: one email validation, names as typed, lookups as people type them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from afterword.services import people
from afterword.services.moments import add_moment
from afterword.services.names import parse_name
from afterword.services.people import Ambiguous, PersonChanges
from afterword.store import repo
from afterword.store.repo import Invalid, NotFound
from afterword.store.tables import Application
from afterword.vocab import PersonRole
from tests.services.conftest import EPOCH


@pytest.mark.parametrize(("typed", "name", "honorific", "suffix", "given", "family"), [
    ("Dr. Nia Okoye", "Nia Okoye", "Dr.", None, None, None),
    ("dr nia okoye", "nia okoye", "Dr.", None, None, None),
    ("Doctor Nia Okoye", "Nia Okoye", "Dr.", None, None, None),
    ("James Lee Jr.", "James Lee", None, "Jr.", None, None),
    ("Mr. James Lee, III", "James Lee", "Mr.", "III", None, None),
    ("Prof. Orla Ní Bhriain", "Orla Ní Bhriain", "Prof.", None, "Orla", "Ní Bhriain"),
    ("Ana de la Cruz PhD", "Ana de la Cruz", None, "PhD", "Ana", "de la Cruz"),
    ("O'Brien-Zoë", "O'Brien-Zoë", None, None, None, None),
    ("Dr", "Dr", None, None, None, None),  # a name that is only an honorific stays a name
    ("Vi Ii", "Vi Ii", None, None, None, None),
])
def test_an_honorific_or_suffix_typed_with_the_name_is_parsed_out(
        typed: str, name: str, honorific: str | None, suffix: str | None, given: str | None,
        family: str | None) -> None:
    parsed = parse_name(typed)
    assert (parsed.name, parsed.honorific, parsed.suffix) == (name, honorific, suffix)
    assert (parsed.given_name, parsed.family_name) == (given, family)


def test_it_stores_the_parsed_name_and_honorific(northwind: Application) -> None:
    nia = people.find_person(northwind, "nia")
    assert (nia.name, nia.honorific) == ("Nia Okoye", "Dr.")


@pytest.mark.parametrize("typed", ["nia", "okoye", "Nia Okoye", "NIA OKOYE", "Dr. Okoye",
                                   "nia.okoye@northwind.example", "Dr. Nia Okoye"])
def test_a_person_is_found_by_given_family_or_full_name_or_email(
        northwind: Application, typed: str) -> None:
    assert people.find_person(northwind, typed).name == "Nia Okoye"


def test_lookups_ignore_accents_and_case(session: Session, northwind: Application) -> None:
    people.add_person(session, northwind, name="Prof. Orla Ní Bhriain")
    for typed in ("orla", "ni bhriain", "NÍ BHRIAIN", "Orla Ni Bhriain"):
        assert people.find_person(northwind, typed).name == "Orla Ní Bhriain"


def test_an_ambiguous_lookup_lists_the_candidates_in_one_line(
        session: Session, northwind: Application) -> None:
    people.add_person(session, northwind, name="Priya Shah", email="priya.shah@n.example")
    with pytest.raises(Ambiguous) as caught:
        people.find_person(northwind, "priya")
    message = str(caught.value)
    assert "Priya Raman" in message and "Priya Shah" in message and "\n" not in message
    assert people.find_person(northwind, "priya shah").name == "Priya Shah"


def test_nobody_found_says_who_is_there(northwind: Application) -> None:
    with pytest.raises(NotFound, match="Priya Raman"):
        people.find_person(northwind, "arjun")


def test_it_refuses_an_invalid_email_and_stores_nothing(
        session: Session, northwind: Application) -> None:
    priya = people.find_person(northwind, "priya")
    with pytest.raises(Invalid, match="not an email address") as caught:
        people.update_person(session, priya, PersonChanges(email="not an email",
                                                           title="Head of Analytics"))
    assert "\n" not in str(caught.value)
    assert (priya.email, priya.title) == ("priya.raman@northwind.example", None)
    with pytest.raises(Invalid):
        people.add_person(session, northwind, name="Arjun", email="arjun@@northwind")
    assert [p.name for p in northwind.people if p.name == "Arjun"] == []


def test_an_address_is_normalised_and_a_blank_one_clears_it(
        session: Session, northwind: Application) -> None:
    leo = people.find_person(northwind, "leo")
    people.update_person(session, leo, PersonChanges(email="  Leo.Park@Northwind.Example "))
    assert leo.email == "leo.park@northwind.example"
    people.update_person(session, leo, PersonChanges(email=""))
    assert leo.email is None


def test_every_role_of_the_vocabulary_is_accepted_and_no_other(
        session: Session, northwind: Application) -> None:
    for role in PersonRole:
        added = people.add_person(session, northwind, name=f"Someone {role}", role=role)
        assert added.role == role
    with pytest.raises(Invalid, match="hiring_manager"):
        people.add_person(session, northwind, name="Nobody", role="boss")


def test_merging_moves_moments_and_notes_and_fills_gaps(
        session: Session, northwind: Application) -> None:
    twin = people.add_person(session, northwind, name="P. Raman", title="Head of Analytics")
    add_moment(session, twin, "the dbt migration")
    note = repo.save_note(session, northwind, body="Dear Dr. Raman,", now=EPOCH, person=twin)
    priya = people.find_person(northwind, "priya raman")
    people.merge_people(session, twin, priya)
    assert [m.text for m in priya.moments] == ["the dbt migration"]
    assert priya.title == "Head of Analytics" and note.person_id == priya.id
    assert "P. Raman" not in [p.name for p in repo.get_application(session, northwind.id).people]


def test_merging_someone_into_themselves_is_refused(northwind: Application,
                                                    session: Session) -> None:
    priya = people.find_person(northwind, "priya")
    with pytest.raises(Invalid):
        people.merge_people(session, priya, priya)


def test_removing_a_person_keeps_the_notes_written_to_them(
        session: Session, northwind: Application) -> None:
    priya = people.find_person(northwind, "priya")
    note = repo.save_note(session, northwind, body="Dear Dr. Raman,", now=EPOCH, person=priya)
    people.remove_person(session, priya)
    session.refresh(note)
    assert note.person_id is None
    assert "Priya Raman" not in [p.name for p in repo.get_application(session, northwind.id).people]


@pytest.mark.parametrize("hostile", ["Zoë\r\nBcc: x@evil.example", "<b>Ann</b> Lee",
                                     "A" * 10_000])
def test_hostile_names_are_one_clean_line_or_refused(
        session: Session, northwind: Application, hostile: str) -> None:
    try:
        added = people.add_person(session, northwind, name=hostile)
    except Invalid as exc:
        assert "\n" not in str(exc)
        return
    assert "\n" not in added.name and "\r" not in added.name


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"AFTERWORD_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "PATH": "/usr/bin",
           "AFTERWORD_NOW": "2026-11-20T16:00:00-05:00", "HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "afterword", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


def test_the_cli_refuses_an_invalid_email_with_exit_2_and_stores_nothing(tmp_path: Path) -> None:
    assert _cli(tmp_path, "add", "--company", "Northwind", "--role", "Analyst", "--start",
                "2026-11-20T14:00", "--timezone", "America/New_York", "--interviewer",
                "Priya Raman <priya@northwind.example>").returncode == 0
    refused = _cli(tmp_path, "person", "1", "priya", "--email", "not an email")
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "not an email address" in refused.stderr
    shown = _cli(tmp_path, "show", "1", "--json")
    assert '"priya@northwind.example"' in shown.stdout
    added = _cli(tmp_path, "person", "add", "1", "Dr. Nia Okoye <nia@northwind.example>",
                 "--role", "hiring_manager")
    assert added.returncode == 0, added.stderr
    assert _cli(tmp_path, "moment", "add", "1", "okoye", "the dbt migration").returncode == 0
    assert _cli(tmp_path, "person", "remove", "1", "nia").returncode == 0
    assert "Okoye" not in _cli(tmp_path, "show", "1", "--json").stdout


@pytest.mark.parametrize("command", [["advise", "1"], ["draft", "1", "--format", "json"]])
def test_every_command_that_takes_a_person_finds_them_alike(tmp_path: Path,
                                                            command: list[str]) -> None:
    """`advise --person` and `draft --person` read a name as `person` and `moment` do:
    by family name, accents and case aside; a name that fits two is refused in one line."""
    import json

    from typer.testing import CliRunner

    from afterword.cli.main import app as cli
    from afterword.config import Thresholds
    from afterword.services.applications import create_application
    from afterword.store.db import session_scope

    url = f"sqlite:///{tmp_path / 'people.db'}"
    with session_scope(url) as session:
        create_application(session, now=EPOCH, thresholds=Thresholds(), company="Northwind",
                           role="Analyst", timezone="America/New_York",
                           people=[("Zoë O'Brien-Zoë", "zoe@northwind.example", "interviewer"),
                                   ("Zoë Okafor", "okafor@northwind.example", "interviewer")])
    env = {"AFTERWORD_DATABASE_URL": url, "AFTERWORD_NOW": EPOCH.isoformat()}
    found = CliRunner().invoke(cli, [*command, "--person", "o'brien-zoe"], env=env)
    assert found.exit_code == 0, found.output
    if command[0] == "draft":
        assert [d["name"] for d in json.loads(found.stdout)["drafts"]] == ["Zoë O'Brien-Zoë"]
    both = CliRunner().invoke(cli, [*command, "--person", "zoe"], env=env)
    assert both.exit_code == 2 and "matches 2 people" in both.stderr
    assert both.stderr.count("\n") == 1
