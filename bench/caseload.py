"""Benchmark of a coach's caseload (not timed in tests).

A centre of one coach with N candidates (three applications each, an interview, an
interviewer and two notes per application) on SQLite. The figure is the median time of one
`services.caseload.caseload` call for the coach, next to a baseline run in the same process
on the same rows: each candidate's own Today agenda (`services.agenda.agenda_for` in their
scope), one after the other. The ratio says what the caseload costs over what the
candidates' own pages already cost; a query per row, or a plan computed twice, shows as a
jump.

Usage: python bench/caseload.py [--candidates 20] [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy.orm import Session, sessionmaker
from tests.server.centre import NOW, Centre, add_application, add_note

from afterword.config import Settings
from afterword.server.scopes import scope_for
from afterword.services import agenda, caseload
from afterword.store.accounts import Organisation, User
from afterword.store.db import engine_for
from afterword.store.scope import bind, system
from afterword.vocab import AccountRole, NoteState


def median_ms(call: Callable[[], object], runs: int) -> float:
    """The median wall time of `call`, in milliseconds, after one warm-up call."""
    call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def centre(url: str, candidates: int) -> tuple[Centre, int, list[int]]:
    """One coach and `candidates` candidates with three applications each."""
    built = Centre(sessionmaker(bind=engine_for(url), expire_on_commit=False), url)
    with built.system() as session:
        org = Organisation(name="Bench Centre", house_style={}, relay={}, created_at=NOW)
        session.add(org)
        session.flush()
        coach = User(organisation_id=org.id, email="coach@bench.example", name="Coach",
                     role=AccountRole.COACH, settings={}, created_at=NOW, updated_at=NOW)
        session.add(coach)
        session.flush()
        ids = []
        for n in range(candidates):
            user = User(organisation_id=org.id, email=f"c{n}@bench.example", name=f"C {n}",
                        role=AccountRole.CANDIDATE, coach_id=coach.id, settings={},
                        created_at=NOW, updated_at=NOW)
            session.add(user)
            session.flush()
            ids.append(user.id)
            for k, hours in enumerate((20, 24 * 12, 24 * 40)):
                app = add_application(session, user.id, f"Company {n}-{k}",
                                      ended=NOW - timedelta(hours=hours))
                add_note(session, app, "Dear Ms. Raman, thank you.", errors=k % 2)
                if hours > 24:
                    add_note(session, app, "Dear Ms. Raman, thanks.", status=NoteState.SENT,
                             sent_at=NOW - timedelta(hours=hours - 5))
    return built, coach.id, ids


def main() -> None:
    """Print the caseload's median time, the baseline's, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=20)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    settings = Settings(holidays_country="US")
    with tempfile.TemporaryDirectory() as root:
        built, coach_id, ids = centre(f"sqlite:///{Path(root) / 'bench.db'}", args.candidates)

        def as_(user_id: int) -> tuple[Session, User]:
            session = built.maker()
            system(session, "bench: sign in")
            user = session.get_one(User, user_id)
            bind(session, scope_for(session, user))
            return session, user

        def the_caseload() -> object:
            session, coach = as_(coach_id)
            with session:
                return caseload.caseload(session, settings, NOW, viewer=coach)

        def their_todays() -> object:
            out = []
            for user_id in ids:
                session, _user = as_(user_id)
                with session:
                    out.append(agenda.agenda_for(session, settings, NOW))
            return out

        session, coach = as_(coach_id)
        with session:
            assert len(caseload.caseload(session, settings, NOW, viewer=coach)) == \
                args.candidates
        mine = median_ms(the_caseload, args.runs)
        base = median_ms(their_todays, args.runs)
    print(f"caseload of {args.candidates} candidates x 3 applications: {mine:.1f} ms "
          f"(median of {args.runs})")
    print(f"baseline, each candidate's own Today in turn: {base:.1f} ms")
    print(f"ratio caseload / baseline: {mine / base:.2f}")


if __name__ == "__main__":
    main()
