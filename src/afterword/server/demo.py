"""`make server-demo` (`afterword server demo`): a career centre anyone can open in one
command. A throwaway PostgreSQL cluster in a temporary folder (removed on exit), the schema,
and a demo centre seeded through the services: an admin, two coaches and twelve candidates,
each with applications, interviews, the people met, what was discussed and thank-you notes
drafted and checked by afterword (a few sent, one with a slip for the caseload to flag).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.store.accounts import User

DEMO_PASSWORD = "thank-you-notes-2026"  # every demo account's (printed at start)


class DemoError(RuntimeError):
    """The demo cannot start here (no PostgreSQL installed); the message says why."""


@dataclass(frozen=True)
class Login:
    """One demo account to sign in as."""

    role: str
    name: str
    email: str


def _pg_bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if found is None:
        raise DemoError(f"PostgreSQL's {name} is not installed (Debian: apt install "
                        "postgresql)")
    return found


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """A PostgreSQL server of its own on a free loopback port, gone afterwards: its URL."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    folder = Path(tempfile.mkdtemp(prefix="afterword-demo-"))
    data, prefix = folder / "data", []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(folder, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    try:
        subprocess.run([*prefix, initdb, "-D", str(data), "-A", "trust", "-U", "afterword"],
                       check=True, capture_output=True, timeout=120)
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-w", "-l", str(folder / "log"),
                        "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1",
                        "start"], check=True, capture_output=True, timeout=120)
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise DemoError(f"PostgreSQL did not start: {exc.stderr.decode(errors='replace')}"
                        ) from None
    try:
        yield f"postgresql+psycopg://afterword@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "fast", "stop"],
                       check=False, capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


# -- the centre ----------------------------------------------------------------------------

COACHES = ("Maya Okafor", "Daniel Brennan")
CANDIDATES = ("Sam Ortiz", "Priyanka Shah", "Lee O'Brien-Zoë", "Jonas Weber", "Aisha Bello",
              "Tomás García", "Grace Liu", "Noah Fischer", "Chloé Martin", "Ravi Menon",
              "Hannah Cole", "Kwame Mensah")
# (company, role, industry, interviewer, title, recruiter, two things discussed)
EMPLOYERS = (
    ("Northwind Analytics", "Senior Data Analyst", "technology", "Priya Raman",
     "Head of Analytics", "Leo Park",
     ("moving the sales dashboards to dbt", "the team's Friday demo sessions")),
    ("Halden & Pryce", "Associate Consultant", "consulting", "Margaret Whitaker",
     "Engagement Manager", "Omar Haddad",
     ("the retail pricing case", "how new associates are staffed in their first year")),
    ("Cedar Health", "Product Analyst", "healthcare", "Ben Adeyemi", "Director of Product",
     "Sofia Rossi", ("the patient-intake redesign", "measuring wait times per clinic")),
    ("Bluegate Capital", "Investment Analyst", "finance", "Elena Petrova",
     "Vice President", "Marcus Lee",
     ("the renewable infrastructure fund", "the model review every Monday")),
    ("City of Riverton", "Policy Analyst", "government", "Alan Whitford",
     "Deputy Director", "Jess Moreno",
     ("the transit ridership survey", "publishing the housing data openly")),
    ("Lumen Learning", "UX Researcher", "education", "Keiko Tanaka", "Research Lead",
     "Dev Patel", ("the study on how students use flashcards", "their diary-study method")),
)


def _email(name: str, domain: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return ".".join("".join(c for c in part if c.isalnum()).lower()
                    for part in plain.split()) + f"@{domain}"


def _account(session: Session, org_id: int, name: str, email: str, role: str, now: datetime,
             password_hash: str, *, coach: int | None = None, cohort: str = "") -> User:
    user = User(organisation_id=org_id, email=email, name=name, role=role, coach_id=coach,
                cohort=cohort, password_hash=password_hash, created_at=now, updated_at=now,
                settings={"user_name": name, "user_email": email})
    session.add(user)
    session.flush()
    return user


def seed(url: str, *, now: datetime, password: str = DEMO_PASSWORD) -> list[Login]:
    """The demo centre (an admin, two coaches, twelve candidates and their work)."""
    from afterword.server.settings import settings_for
    from afterword.services import accounts
    from afterword.store.accounts import Organisation
    from afterword.store.db import session_scope
    from afterword.store.scope import system
    from afterword.vocab import AccountRole

    with session_scope(url) as session:
        admin = accounts.create_organisation(
            session, name="Riverside University Career Centre",
            admin_email="admin@careers.riverside.example", admin_name="Ada Lindqvist",
            password=password, now=now)
        system(session, "demo: the centre's people")
        org = session.get_one(Organisation, admin.organisation_id)
        hashed = admin.password_hash or accounts.hash_password(password)
        logins = [Login("admin", admin.name, admin.email)]
        coaches = [_account(session, org.id, name, _email(name, "careers.riverside.example"),
                            AccountRole.COACH, now, hashed) for name in COACHES]
        logins += [Login("coach", c.name, c.email) for c in coaches]
        for number, name in enumerate(CANDIDATES):
            coach = coaches[number % len(coaches)]
            user = _account(session, org.id, name, _email(name, "students.riverside.example"),
                            AccountRole.CANDIDATE, now, hashed, coach=coach.id,
                            cohort=f"Class of {2026 + number % 2}")
            logins.append(Login("candidate", name, user.email))
            settings = settings_for(user, org, Settings())
            for offset in range(1 + number % 2):
                _application(session, user, settings, number + offset * 5, now)
    return logins


def _application(session: Session, user: User, settings: Settings, number: int,
                 now: datetime) -> None:
    """One application of `user`: an interview some days ago, its people, drafted notes."""
    from afterword.services import notes as states
    from afterword.services.applications import InterviewInput, create_application
    from afterword.services.drafting import draft_for_record
    from afterword.services.moments import add_moment
    from afterword.services.tracker import check_saved

    company, role, industry, who, title, recruiter, moments = EMPLOYERS[number % len(EMPLOYERS)]
    domain = company.split()[0].lower().replace("&", "") + ".example"
    days_ago = (0, 1, 2, 4, 9, 16)[number % 6]
    start = (now - timedelta(days=days_ago)).replace(hour=14, minute=0, second=0,
                                                     microsecond=0)
    if start > now - timedelta(hours=2):
        start -= timedelta(days=1)
    app = create_application(
        session, now=now, thresholds=settings.thresholds, company=company, role=role,
        industry=industry, timezone="America/New_York",
        expected_reply_by=(start + timedelta(days=14)).date(),
        interview=InterviewInput(start=start, end=start + timedelta(hours=1), timezone="UTC"),
        people=[(who, _email(who, domain), "interviewer"),
                (recruiter, _email(recruiter, domain), "recruiter")])
    app.owner_id = user.id
    interviewer = next(p for p in app.people if p.name == who)
    interviewer.title = title
    for moment in moments:
        add_moment(session, interviewer, moment)
    session.flush()
    drafted = draft_for_record(session, app, settings, now=now)
    for item in drafted:
        note = item.note
        if number % 4 == 1:  # a slip the check catches (AW103): the caseload shows it
            greeting, _, rest = note.body.partition("\n")
            note.body = "Dear Hiring Manager,\n" + rest if greeting.startswith("Dear") \
                else note.body
            check_saved(session, note, settings, now=now)
        elif days_ago >= 4 and number % 3 == 0:  # sent in good time, days ago
            states.move(session, note.id, states.SENT, sources=(note.status,),
                        sent_at=start + timedelta(hours=19))
