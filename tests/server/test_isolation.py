"""THE isolation test: every route and API endpoint of the server, every method, against every
persona (candidate A, candidate B, A's coach, another coach, the admin, another
organisation's admin, signed out), generated from the app's route table, so a route added
later is covered without anyone remembering to.

Each request's path ids are A's rows, and its form or JSON body is filled from the route's
own parameters. A response must never carry the data of someone the persona may not read
(each owner's texts carry a marker), nor anyone's mail password, password hash or token; the
database after the request must differ from before only in rows the persona may change.
After a request that changed anything the database is put back, so every request meets the
same world.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from starlette.testclient import TestClient

from afterword.server import secrets
from afterword.server.tokens import SESSION_COOKIE
from afterword.store.db import engine_for
from afterword.web.app import create_app
from afterword.web.security import CSRF_COOKIE
from tests.server.db_changes import Owners, Snapshot, changes, may_change, merged, snapshot
from tests.server.personas import (
    KEY,
    MARKERS,
    PASSWORD_HASH,
    PERSONAS,
    READS,
    World,
    build,
    mail_password,
)
from tests.server.route_table import Endpoint, endpoints, request_for

# what a GET may touch: when a session or token was last used (no data of anyone's)
GET_TOUCHES = frozenset({"auth_sessions", "api_tokens"})
# GETs known to write, still to be made POSTs or side-effect free (found by this test):
# the compose page stores the note's fresh check report; the outcomes CSV audits its export
KNOWN_GET_WRITES = frozenset({("GET /notes/{note_id}", "notes"),
                              ("GET /admin/outcomes.csv", "audit_log")})
BASE = "http://127.0.0.1:8000"
CSRF = "isolation-test-csrf-token-0123456789"


# -- the world and the app -----------------------------------------------------------------

def files_in(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` but the database's own, with its size and mtime."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()
            and not p.name.startswith(("server.db", "pristine.db"))}


class SqliteCopy:
    """A SQLite database put back by copying its pristine file over it."""

    def __init__(self, folder: Path) -> None:
        self.database, self.pristine = folder / "server.db", folder / "pristine.db"
        self.url = f"sqlite:///{self.database}"

    def keep(self) -> None:
        """Remember the database as it is now."""
        engine_for(self.url).dispose()
        shutil.copyfile(self.database, self.pristine)

    def restore(self) -> None:
        """Put the database back as it was kept."""
        engine_for(self.url).dispose()
        for suffix in ("-wal", "-shm"):
            Path(f"{self.database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.pristine, self.database)


class PostgresTemplate:
    """A PostgreSQL database put back by creating it again from a kept template."""

    def __init__(self, server_url: str) -> None:
        name = f"isolation_{uuid.uuid4().hex[:10]}"
        self.admin_url, self.name, self.kept = server_url, name, f"{name}_kept"
        self.url = server_url.rsplit("/", 1)[0] + f"/{name}"
        self._run(f'CREATE DATABASE "{name}"')

    def _run(self, *statements: str) -> None:
        admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
        admin.dispose()

    def keep(self) -> None:
        """Remember the database as it is now (as a template)."""
        engine_for(self.url).dispose()
        self._run(f'CREATE DATABASE "{self.kept}" TEMPLATE "{self.name}"')

    def restore(self) -> None:
        """Put the database back as it was kept."""
        engine_for(self.url).dispose()
        self._run(f'DROP DATABASE "{self.name}" WITH (FORCE)',
                  f'CREATE DATABASE "{self.name}" TEMPLATE "{self.kept}"')


@dataclass
class Harness:
    """The app, its world, its database (put back after a change), and the endpoints."""

    world: World
    client: TestClient
    database: SqliteCopy | PostgresTemplate
    folder: Path
    before: Snapshot
    endpoints: list[Endpoint]
    files: dict[str, tuple[int, int]] = field(default_factory=dict)

    def written(self) -> list[str]:
        """Files added or changed under the server's folders (config, data, working dir)."""
        now = files_in(self.folder)
        return sorted(name for name, stat in now.items() if self.files.get(name) != stat)

    def restore(self) -> None:
        """Put the database back as it was before any request."""
        self.database.restore()


def _environment(patch: pytest.MonkeyPatch, folder: Path) -> None:
    patch.setenv(secrets.KEYS_ENV, KEY)
    patch.setenv("AFTERWORD_BASE_URL", BASE)
    patch.setenv("AFTERWORD_INSECURE_COOKIES", "1")
    patch.setenv("AFTERWORD_SMTP_HOST", "127.0.0.1")  # the server's own: port 1, nothing there
    patch.setenv("AFTERWORD_SMTP_PORT", "1")
    patch.setenv("XDG_CONFIG_HOME", str(folder / "config"))  # nobody's own afterword.toml
    patch.setenv("XDG_DATA_HOME", str(folder / "data"))
    for name in ("AFTERWORD_ALLOWED_HOSTS", "AFTERWORD_DATABASE_URL", "AFTERWORD_USER_EMAIL"):
        patch.delenv(name, raising=False)
    patch.chdir(folder)  # no afterword.toml of the checkout is read


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def harness(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    folder = tmp_path_factory.mktemp("isolation")
    database: SqliteCopy | PostgresTemplate = (
        PostgresTemplate(request.getfixturevalue("postgres_url"))
        if request.param == "postgresql" else SqliteCopy(folder))
    patch = pytest.MonkeyPatch()
    _environment(patch, folder)
    world = build(database.url)
    app = create_app(database.url, server=True)
    database.keep()
    before = snapshot(world)
    with TestClient(app, base_url=BASE, raise_server_exceptions=False,
                    follow_redirects=False) as client:
        harness = Harness(world, client, database, folder, before, endpoints(app))
        harness.files = files_in(folder)
        yield harness
    engine_for(database.url).dispose()
    patch.undo()


def _forbidden(world: World, persona: str, before: Snapshot) -> list[str]:
    """Texts `persona` must never see in a response: others' data, any mail password (in the
    clear or sealed: not even an admin sees them), hashes, keys, others' cookies and tokens."""
    hidden = [MARKERS[k] for k in MARKERS if k not in READS[persona]]
    hidden += [mail_password(k) for k in MARKERS] + [f"IMAPpw-{k}" for k in MARKERS]
    hidden += [row["mail_secrets"][:40] for row in before["users"].values()
               if row["mail_secrets"]]
    hidden += [PASSWORD_HASH, KEY]
    hidden += [t for p, t in world.cookies.items() if p != persona]
    hidden += [t for p, t in world.tokens.items() if p != persona]
    return hidden


def _send(harness: Harness, endpoint: Endpoint, persona: str) -> Any:
    world = harness.world
    spec = request_for(endpoint, world, persona)
    headers = {"x-csrf-token": CSRF}
    cookies = {CSRF_COOKIE: CSRF}
    if persona != "anon" and not endpoint.path.startswith("/v2/"):  # v2: username + apiKey
        if endpoint.path.startswith("/api/"):
            headers["authorization"] = f"Bearer {world.tokens[persona]}"
        else:
            cookies[SESSION_COOKIE] = world.cookies[persona]
    harness.client.cookies.clear()
    for name, value in cookies.items():
        harness.client.cookies.set(name, value)
    path = spec.pop("path")
    return harness.client.request(endpoint.method, path, headers=headers, **spec)


def _reads(world: World, persona: str) -> set[int]:
    return {world.users[k] for k in READS[persona]}


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_persona_reads_or_changes_anything_outside_its_scope(harness: Harness,
                                                                persona: str) -> None:
    world = harness.world
    me = world.users.get(persona)
    reads = _reads(world, persona)
    forbidden = _forbidden(world, persona, harness.before)
    problems: list[str] = []
    tried = set()
    for endpoint in harness.endpoints:
        response = _send(harness, endpoint, persona)
        tried.add(endpoint.name)
        body = response.content.decode("utf-8", "replace")
        shown = body + " ".join(f"{k}: {v}" for k, v in response.headers.items())
        for secret in forbidden:
            if secret in shown:
                problems.append(f"{endpoint.name} ({response.status_code}) showed "
                                f"{secret[:24]!r}")
        if response.status_code >= 500:
            problems.append(f"{endpoint.name} failed with {response.status_code}")
        for name in harness.written():  # the server's config is no persona's to change
            problems.append(f"{endpoint.name} ({response.status_code}) wrote the file {name}")
            (harness.folder / name).unlink()
        after = snapshot(world)
        if after == harness.before:
            continue
        owners = Owners(merged(harness.before, after))  # rows just added have owners too
        for table, row, added in changes(harness.before, after):
            if endpoint.method == "GET" and table not in GET_TOUCHES and (
                    endpoint.name, table) not in KNOWN_GET_WRITES:
                problems.append(f"{endpoint.name} ({response.status_code}) is a GET that "
                                f"changed {table} row {row.get('id')}")
            if not may_change(owners, persona, me, reads, table, row, added=added):
                problems.append(f"{endpoint.name} ({response.status_code}) changed {table} "
                                f"row {row.get('id')}")
        harness.restore()
    assert not problems, f"{persona}:\n" + "\n".join(sorted(set(problems)))
    assert tried == {e.name for e in harness.endpoints}


def test_every_route_was_tried_by_every_persona(harness: Harness) -> None:
    assert len(harness.endpoints) > 40  # the whole app, not an empty table
    names = {e.name for e in harness.endpoints}
    for expected in ("GET /account/export", "POST /account/delete", "GET /settings/mail",
                     "GET /admin/audit", "POST /v2/check", "GET /api/applications"):
        assert expected in names
    for endpoint in harness.endpoints:  # each can be asked for, by everyone
        for persona in PERSONAS:
            assert request_for(endpoint, harness.world, persona)["path"].startswith("/")


def test_a_signed_out_visitor_is_sent_to_sign_in(harness: Harness) -> None:
    public = {"/sign-in", "/sign-out", "/invite/{token}", "/reset", "/reset/{token}",
              "/healthz", "/v2/languages", "/v2/check", "/calendar/{token}.ics"}
    for endpoint in harness.endpoints:
        if endpoint.path in public:
            continue
        response = _send(harness, endpoint, "anon")
        if endpoint.path.startswith(("/api/", "/v2/")):
            assert response.status_code == 401, endpoint.name
        else:
            assert response.status_code in (303, 401), endpoint.name
            if response.status_code == 303:
                assert response.headers["location"].startswith("/sign-in"), endpoint.name
        if snapshot(harness.world) != harness.before:
            harness.restore()
