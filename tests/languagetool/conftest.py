"""A real afterword server (uvicorn, started here) over a database with two interviews."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from tests.web.browser import Server, start_server

NOW = "2026-11-21T09:30:00-05:00"  # the morning after the Northwind interview
NOTE = """Dear Dr. Raman,

Thank you for meeting with me yesterday about the Senior Data Analyst role at Northwind \
Analytics. Hearing how your team is moving the sales dashboards to dbt was the highlight of \
the afternoon, and I would enjoy helping with the testing side of that work.

You mentioned a decision by December 4, so I will check in on December 7 if I have not \
heard from you before then.

Best regards,
Sam Ortiz
"""


def seed(url: str) -> None:
    """Two active applications: Northwind (yesterday, Dr. Priya Raman and Arjun Mehta) and
    an older one at Contoso (Ms. Siobhán Ní Bhriain)."""
    from afterword.store import repo
    from afterword.store.db import session_scope

    older = datetime.fromisoformat("2026-11-02T10:00:00-05:00")
    recent = datetime.fromisoformat("2026-11-20T14:00:00-05:00")
    with session_scope(url) as session:
        contoso = repo.add_application(session, company="Contoso", role="Data Engineer",
                                       now=older)
        repo.add_interview(session, contoso, start=older,
                           end=datetime.fromisoformat("2026-11-02T11:00:00-05:00"))
        repo.add_person(session, contoso, name="Siobhán Ní Bhriain", honorific="Ms.",
                        email="siobhan@contoso.example")
        northwind = repo.add_application(session, company="Northwind Analytics",
                                         role="Senior Data Analyst", aliases=["Northwind"],
                                         now=recent)
        repo.add_interview(session, northwind, start=recent,
                           end=datetime.fromisoformat("2026-11-20T15:30:00-05:00"))
        raman = repo.add_person(session, northwind, name="Priya Raman", honorific="Dr.",
                                email="priya.raman@northwind.example")
        repo.add_moment(session, raman, "moving the sales dashboards to dbt")
        repo.add_person(session, northwind, name="Arjun Mehta", honorific="Mr.",
                        email="arjun.mehta@northwind.example")
        northwind.expected_reply_by = datetime.fromisoformat("2026-12-04").date()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`afterword`'s web app on a free loopback port, as `afterword serve` runs it."""
    root: Path = tmp_path_factory.mktemp("lt")
    seed(f"sqlite:///{root / 'web.db'}")
    env = {"AFTERWORD_NOW": NOW, "AFTERWORD_USER_NAME": "Sam Ortiz",
           "AFTERWORD_USER_EMAIL": "sam.ortiz@example.org"}
    for running in start_server(root, env):
        # The first check waits for Harper's lint threads to build (a few seconds).
        httpx.post(f"{running.url}/v2/check", data={"language": "en-US", "text": "Hi."},
                   timeout=180).raise_for_status()
        yield running
