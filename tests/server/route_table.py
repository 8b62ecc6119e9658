"""The app's route table as the isolation test walks it: every (method, path), and a
request for each filled from the route's own parameters (path ids are candidate A's rows;
text fields carry a probe marker; a route that reads its form itself gets one field)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from fastapi import UploadFile
from fastapi.params import File, Form
from pydantic import BaseModel
from pydantic_core import PydanticUndefined
from starlette.routing import Mount

from afterword.store.scope import system
from tests.server.personas import World

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


def _path(endpoint: Endpoint, params: Params, world: World) -> str:
    """The route's path with A's rows (or a stand-in text) for its parameters."""
    path = endpoint.path
    for param in params.path_params:
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
    return path


def _body(params: Params) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(form fields, files, other keyword arguments such as `json`) from the body params."""
    form: dict[str, Any] = {}
    files: dict[str, Any] = {}
    kwargs: dict[str, Any] = {}
    for param in params.body_params:
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
    return form, files, kwargs


def request_for(endpoint: Endpoint, world: World, persona: str) -> dict[str, Any]:
    """The path and the keyword arguments of TestClient.request for `persona`."""
    dependant = getattr(endpoint.route, "dependant", None)  # /openapi.json: a plain route
    params = flat_params(dependant) if dependant is not None else Params()
    path = _path(endpoint, params, world)
    form, files, kwargs = _body(params)
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


