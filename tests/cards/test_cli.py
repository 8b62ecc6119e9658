"""`afterword print` and `afterword mailed` on a temporary SQLite database."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from afterword.cli import paper
from afterword.cli.main import app
from afterword.store import repo
from afterword.store.db import session_scope
from afterword.store.tables import Note
from tests.cards.conftest import Poppler, assert_inside_margins

if "print" not in {command.name for command in app.registered_commands}:
    paper.register(app)

NOW = "2026-11-20T16:00:00-05:00"
END = datetime(2026, 11, 20, 15, 30, tzinfo=ZoneInfo("America/New_York"))
BODY = ("Dear Ms. Ní Bhriain,\n\nThank you for the conversation about the associate role and "
        "for the tour of the Merrion Square office.\n\nWith best wishes,\nAyşe Yılmaz")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)
    return {"AFTERWORD_DATABASE_URL": f"sqlite:///{tmp_path / 'afterword.db'}",
            "AFTERWORD_NOW": NOW, "AFTERWORD_USER_NAME": "Ayşe Yılmaz", "NO_COLOR": "1",
            "COLUMNS": "200", "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data")}


def _note(url: str, *, address: str | None, drop_off: bool = False) -> int:
    with session_scope(url) as session:
        application = repo.add_application(
            session, company="Ó Briain & Partners", role="Associate", now=END, industry="law",
            timezone="America/New_York", expected_reply_by=date(2026, 12, 11))
        application.drop_off = drop_off
        repo.add_interview(session, application, start=END - timedelta(hours=1), end=END,
                           timezone="America/New_York")
        person = repo.add_person(session, application, name="Siobhán Ní Bhriain",
                                 email="siobhan@obriain.example", mailing_address=address)
        note = repo.save_note(session, application, person=person, body=BODY, now=END,
                              medium="handwritten")
        return note.id


def _stored(url: str, note_id: int) -> Note:
    with session_scope(url) as session:
        return repo.get_note(session, note_id)


def test_print_writes_the_card_envelope_and_checklist(env: dict[str, str], tmp_path: Path,
                                                      poppler: Poppler) -> None:
    note_id = _note(env["AFTERWORD_DATABASE_URL"],
                    address="Ó Briain & Partners\n1 Merrion Square\nDublin 2, D02 X285")
    result = CliRunner().invoke(app, ["print", str(note_id), "-o", "card.pdf", "--envelope",
                                      "dl", "--return-address", r"9 Elm Road\nCambridge, MA"],
                                env=env)
    assert result.exit_code == 0, result.output
    assert "post it by Monday, November 23" in result.output
    pdf = (tmp_path / "card.pdf").read_bytes()
    for number, raster in enumerate(poppler.rasters(pdf), start=1):
        assert_inside_margins(raster, f"page {number}")
    text = " ".join(unicodedata.normalize("NFC", poppler.text(pdf)).split())
    for expected in ("Copy by hand — post by Monday, November 23", "A2 folded card",
                     "Dear Ms. Ní Bhriain,", "Ayşe Yılmaz", "Siobhán Ní Bhriain",
                     "1 Merrion Square", "Dublin 2, D02 X285", "9 Elm Road", "Cambridge, MA",
                     "Post by Monday, November 23", "Have the interviewer's full mailing",
                     "Use clean, professional stationery"):
        assert expected in text, expected
    assert _stored(env["AFTERWORD_DATABASE_URL"], note_id).status == "draft"


def test_print_a_flat_a6_card_for_a_drop_off(env: dict[str, str], tmp_path: Path,
                                             poppler: Poppler) -> None:
    note_id = _note(env["AFTERWORD_DATABASE_URL"], address=None, drop_off=True)
    result = CliRunner().invoke(app, ["print", str(note_id), "--output", "a6.pdf", "--card",
                                      "a6", "--flat", "--envelope", "#10"], env=env)
    assert result.exit_code == 0, result.output
    text = " ".join(poppler.text((tmp_path / "a6.pdf").read_bytes()).split())
    assert "A6 flat card · front" in text and "By hand — reception" in text
    assert "leave the card at reception" in text


def test_bad_options_and_unknown_notes_are_one_line_errors(env: dict[str, str]) -> None:
    note_id = _note(env["AFTERWORD_DATABASE_URL"], address=None)
    runner = CliRunner()
    for args, message in ((["print", str(note_id), "--card", "b5"], "--card is one of"),
                          (["print", str(note_id), "--envelope", "c4"], "--envelope is one of"),
                          (["print", "99"], "no note 99"), (["mailed", "99"], "no note 99")):
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_mailed_records_the_status_and_the_time_once(env: dict[str, str]) -> None:
    url = env["AFTERWORD_DATABASE_URL"]
    note_id = _note(url, address="1 Merrion Square")
    result = CliRunner().invoke(app, ["mailed", str(note_id)], env=env)
    assert result.exit_code == 0, result.output
    note = _stored(url, note_id)
    assert note.status == "mailed"
    assert note.sent_at == datetime.fromisoformat(NOW)
    later = {**env, "AFTERWORD_NOW": "2026-11-23T09:00:00-05:00"}
    again = CliRunner().invoke(app, ["mailed", str(note_id)], env=later)
    assert again.exit_code == 0 and "already recorded as mailed" in again.output
    assert _stored(url, note_id).sent_at == datetime.fromisoformat(NOW)
