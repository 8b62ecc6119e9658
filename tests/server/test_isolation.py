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

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import UploadFile
from fastapi.params import File, Form
from pydantic import BaseModel
from pydantic_core import PydanticUndefined
from sqlalchemy import select
from starlette.routing import Mount
from starlette.testclient import TestClient

from afterword.server import secrets
from afterword.server.tokens import SESSION_COOKIE
from afterword.store.db import engine_for
from afterword.store.scope import system
from afterword.store.tables import Base
from afterword.web.app import create_app
from afterword.web.security import CSRF_COOKIE
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

BASE = "http://127.0.0.1:8000"
CSRF = "isolation-test-csrf-token-0123456789"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
PROBE = "QXP9Probe"  # what a persona types into every text field
# A path parameter's name -> the world's id of A's row it names; a route whose parameter is
# not here fails the coverage test until it is added (so no route is skipped quietly).
PATH_IDS = {
    "app_id": "app_a", "application_id": "app_a", "note_id": "note_a",
    "person_id": "person_a", "moment_id": "moment_a", "interview_id": "interview_a",
    "review_id": "review_a", "comment_id": "comment_a", "follow_up_id": "follow_up_a",
    "token_id": "token_a", "template_id": "template_north", "user_id": "user_a",
    "link_id": "link_a",
}
PATH_TEXT = {"token": "not-a-real-token-0123456789", "kind": "check_in", "number": "1"}
SPECIAL_FORMS = {"/v2/check": ("username", "apiKey")}


# -- the routes ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Endpoint:
    """One route and method, with what its request needs."""

    method: str
    path: str
    route: Any

    @property
    def name(self) -> str:
        """As the report names it."""
        return f"{self.method} {self.path}"


def _flatten(routes: list[Any]) -> Iterator[Any]:
    for route in routes:
        if hasattr(route, "effective_route_contexts"):  # FastAPI's included routers
            yield from route.effective_route_contexts()
        elif isinstance(route, Mount):
            continue  # /static: files, no data
        else:
            yield route


def endpoints(app: Any) -> list[Endpoint]:
    """Every (method, path) the app answers, from its route table."""
    found = {(m, r.path): r for r in _flatten(list(app.routes))
             for m in (getattr(r, "methods", None) or ()) if m in METHODS}
    return [Endpoint(m, p, r) for (m, p), r in sorted(found.items(), key=lambda i: i[0][::-1])]


# -- filling a request ---------------------------------------------------------------------

def _value(annotation: Any, default: Any, name: str) -> Any:
    text = str(annotation)
    if default is not PydanticUndefined and default not in (None, "", ...):
        return default
    if "bool" in text:
        return True
    if "int" in text or "float" in text:
        return 1
    if "list" in text:
        return [f"{PROBE} {name}"]
    if "date" in text:
        return "2026-11-25"
    return f"{PROBE} {name} <b>O'Brien-Zoë</b>"


def _model_body(model: type[BaseModel]) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if not info.is_required():
            continue
        body[info.alias or name] = _value(info.annotation, None, name)
    return body


@dataclass
class Params:
    """A route's path and body parameters, its dependencies' included."""

    path_params: list[Any] = field(default_factory=list)
    body_params: list[Any] = field(default_factory=list)


def flat_params(dependant: Any, found: Params | None = None) -> Params:
    """Every path and body parameter of `dependant` and of what it depends on."""
    found = found or Params()
    found.path_params += [p for p in dependant.path_params
                          if p.name not in {q.name for q in found.path_params}]
    found.body_params += [p for p in dependant.body_params
                          if p.name not in {q.name for q in found.body_params}]
    for sub in dependant.dependencies:
        flat_params(sub, found)
    return found


def request_for(endpoint: Endpoint, world: World, persona: str) -> dict[str, Any]:
    """The path and the keyword arguments of TestClient.request for `persona`."""
    dependant = getattr(endpoint.route, "dependant", None)  # /openapi.json: a plain route
    flat = flat_params(dependant) if dependant is not None else Params()
    path = endpoint.path
    for param in flat.path_params:
        key = PATH_IDS.get(param.name)
        if key is not None:
            value = str(world.ids.get(key) or world.users.get(key.removeprefix("user_")))
        elif param.name in PATH_TEXT:
            value = PATH_TEXT[param.name]
        else:
            raise LookupError(f"{endpoint.name}: no value for the path parameter "
                              f"{param.name!r} (add it to PATH_IDS)")
        path = path.replace("{" + param.name + "}", value).replace(
            "{" + param.name + ":path}", value)
    kwargs: dict[str, Any] = {}
    form: dict[str, Any] = {}
    files: dict[str, Any] = {}
    for param in flat.body_params:
        info = param.field_info
        annotation = getattr(info, "annotation", None)
        if isinstance(info, File) or annotation is UploadFile:
            files[param.alias] = ("probe.json", json.dumps(
                {"format": "afterword-backup", "version": 1, "applications": []}).encode(),
                "application/json")
        elif isinstance(info, Form):
            form[param.alias] = _value(annotation, info.default, param.alias)
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            kwargs["json"] = _model_body(annotation)
        else:
            kwargs.setdefault("json", {})[param.alias] = _value(annotation, info.default,
                                                                param.alias)
    special = SPECIAL_FORMS.get(endpoint.path)
    if special and persona in world.tokens:
        form[special[0]] = _email(world, persona)
        form[special[1]] = world.tokens[persona]
    if endpoint.path == "/v2/check":
        form["text"] = f"Dear Priya, thank you for the {PROBE} chat."
        form["language"] = "en-US"
    if endpoint.method != "GET" and not (form or files or "json" in kwargs):
        form["probe"] = PROBE  # a handler that reads the form itself gets one
    if form:
        kwargs["data"] = form
    if files:
        kwargs["files"] = files
    return {"path": path, **kwargs}


def _email(world: World, persona: str) -> str:
    with world.maker()() as session:
        system(session, "the persona's address")
        from afterword.store.accounts import User

        return session.get_one(User, world.users[persona]).email


# -- the database before and after ---------------------------------------------------------

Snapshot = dict[str, dict[Any, dict[str, Any]]]


def snapshot(world: World) -> Snapshot:
    """Every row of every table, by primary key."""
    tables: Snapshot = {}
    with engine_for(world.url).connect() as connection:
        for table in Base.metadata.sorted_tables:
            keys = [c.name for c in table.primary_key.columns]
            tables[table.name] = {
                tuple(row[k] for k in keys): dict(row)
                for row in (r._mapping for r in connection.execute(select(table)))}
    return tables


@dataclass
class Owners:
    """Who owns what in a snapshot: the rules of what a persona may change."""

    snap: Snapshot
    app_owner: dict[int, int | None] = field(default_factory=dict)
    person_app: dict[int, int] = field(default_factory=dict)
    note_app: dict[int, int] = field(default_factory=dict)
    review_note: dict[int, int] = field(default_factory=dict)
    user_org: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.app_owner = {k[0]: r["owner_id"] for k, r in self.snap["applications"].items()}
        self.person_app = {k[0]: r["application_id"] for k, r in self.snap["people"].items()}
        self.note_app = {k[0]: r["application_id"] for k, r in self.snap["notes"].items()}
        self.review_note = {k[0]: r["note_id"] for k, r in self.snap["review_requests"].items()}
        self.user_org = {k[0]: r["organisation_id"] for k, r in self.snap["users"].items()}

    def of_note(self, note_id: int | None) -> int | None:
        """The account a note belongs to."""
        app = self.note_app.get(note_id) if note_id is not None else None
        return self.app_owner.get(app) if app is not None else None

    def owner(self, table: str, row: dict[str, Any]) -> int | None:
        """The account an application-bound row belongs to (None: not application-bound)."""
        if table == "applications":
            return row["owner_id"]
        if table == "moments":
            return self.app_owner.get(self.person_app.get(row["person_id"], -1))
        if table == "review_requests":
            return self.of_note(row["note_id"])
        if table == "review_comments":
            return self.of_note(self.review_note.get(row["review_id"]))
        if "application_id" in row:
            return self.app_owner.get(row["application_id"])
        if table == "due_work" and row.get("note_id") is not None:
            return self.of_note(row["note_id"])
        return None


def may_change(owners: Owners, persona: str, me: int | None, reads: set[int], table: str,
               row: dict[str, Any], *, added: bool) -> bool:
    """Whether `persona` (account `me`, reading the accounts `reads`) may add, change or
    delete `row` of `table`."""
    if table == "login_attempts":
        return True  # anyone may try to sign in
    if table == "audit_log":
        return added and row["actor_id"] in (me, None)
    if me is None:
        return False
    org = owners.user_org.get(me)
    admin = persona in ("admin", "other_admin")
    by_user = {"auth_sessions": "user_id", "api_tokens": "user_id", "one_time_links": "user_id"}
    if table in by_user:
        return row[by_user[table]] == me or (
            admin and table == "one_time_links" and owners.user_org.get(row["user_id"]) == org)
    if table == "users":
        return row["id"] == me or (admin and row["organisation_id"] == org)
    if table == "organisations":
        return admin and row["id"] == org
    if table == "shared_templates":
        return persona not in ("a", "b") and row["organisation_id"] == org
    if table == "due_work" and row.get("note_id") is None:
        return row.get("user_id") == me or (admin and owners.user_org.get(row["user_id"]) == org)
    if table == "review_comments":
        return owners.owner(table, row) == me or (
            row.get("author_id") == me and owners.owner(table, row) in reads)
    if table == "review_requests":
        return owners.owner(table, row) == me or (
            row.get("coach_id") == me and owners.owner(table, row) in reads)
    owner = owners.owner(table, row)
    return owner is not None and owner == me


def merged(before: Snapshot, after: Snapshot) -> Snapshot:
    """Every row of either snapshot (the newer version where both have it)."""
    return {t: {**before.get(t, {}), **after.get(t, {})} for t in {*before, *after}}


def changes(before: Snapshot, after: Snapshot) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(table, row, added?) for each row added, changed or removed."""
    for table, rows in after.items():
        old = before.get(table, {})
        for key, row in rows.items():
            if key not in old:
                yield table, row, True
            elif old[key] != row:
                yield table, old[key], False
                yield table, row, False
        for key, row in old.items():
            if key not in rows:
                yield table, row, False


# -- the world and the app -----------------------------------------------------------------

def files_in(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` but the database's own, with its size and mtime."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file() and not p.name.startswith("server.db")}


@dataclass
class Harness:
    """The app, its world, the pristine database and the endpoints."""

    world: World
    client: TestClient
    pristine: Path
    database: Path
    before: Snapshot
    endpoints: list[Endpoint]
    files: dict[str, tuple[int, int]] = field(default_factory=dict)

    def written(self) -> list[str]:
        """Files added or changed under the server's folders (config, data, working dir)."""
        now = files_in(self.pristine.parent)
        return sorted(name for name, stat in now.items() if self.files.get(name) != stat)

    def restore(self) -> None:
        """Put the database back as it was before any request."""
        engine_for(self.world.url).dispose()
        for suffix in ("-wal", "-shm"):
            Path(f"{self.database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self.pristine, self.database)


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    folder = tmp_path_factory.mktemp("isolation")
    database = folder / "server.db"
    patch = pytest.MonkeyPatch()
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
    url = f"sqlite:///{database}"
    world = build(url)
    app = create_app(url, server=True)
    engine_for(url).dispose()
    pristine = folder / "pristine.db"
    shutil.copyfile(database, pristine)
    before = snapshot(world)
    with TestClient(app, base_url=BASE, raise_server_exceptions=False,
                    follow_redirects=False) as client:
        harness = Harness(world, client, pristine, database, before, endpoints(app))
        harness.files = files_in(folder)
        yield harness
    patch.undo()


def _forbidden(world: World, persona: str) -> list[str]:
    """Texts `persona` must never see in a response."""
    hidden = [MARKERS[k] for k in MARKERS if k not in READS[persona]]
    hidden += [mail_password(k) for k in MARKERS] + [f"IMAPpw-{k}" for k in MARKERS]
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
    forbidden = _forbidden(world, persona)
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
            (harness.pristine.parent / name).unlink()
        after = snapshot(world)
        if after == harness.before:
            continue
        owners = Owners(merged(harness.before, after))  # rows just added have owners too
        for table, row, added in changes(harness.before, after):
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
