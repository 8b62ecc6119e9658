"""Jinja2 templates for drafts: shipped ones, overridable by the user, rendered sandboxed.

The shipped templates live in `afterword/templates/drafts/`. Callers pass overrides as
plain text (name -> source); reading them from disk is the caller's job, so the
composing core stays free of I/O beyond reading its own package data.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import DictLoader, StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

TEMPLATE_NAMES = (
    "thank_you.txt.j2", "check_in.txt.j2", "request_email.txt.j2",
    "after_rejection.txt.j2", "panel_thank_you.txt.j2", "subject.txt.j2", "card.txt.j2",
)


class TemplateProblem(ValueError):
    """A user template does not render: the message names it and says why."""


@lru_cache(maxsize=1)
def shipped_templates() -> dict[str, str]:
    """The templates shipped with the package, name -> source."""
    folder = resources.files("afterword").joinpath("templates", "drafts")
    return {name: folder.joinpath(name).read_text(encoding="utf-8") for name in TEMPLATE_NAMES}


@lru_cache(maxsize=32)
def _environment(overrides: tuple[tuple[str, str], ...]) -> ImmutableSandboxedEnvironment:
    sources = {**shipped_templates(), **dict(overrides)}
    return ImmutableSandboxedEnvironment(
        loader=DictLoader(sources),
        autoescape=False,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )


def render(name: str, variables: Mapping[str, Any],
           overrides: Mapping[str, str] | None = None) -> str:
    """Render template `name` with `variables`; TemplateProblem when it cannot."""
    env = _environment(tuple(sorted((overrides or {}).items())))
    try:
        return env.get_template(name).render(**variables)
    except TemplateError as exc:
        raise TemplateProblem(f"template {name}: {exc}") from None
