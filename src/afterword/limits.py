"""The limits every entry point enforces, in one place, with one-line messages naming them.

Dates: an interview, a reply date or a send time outside 1970–2100 is a typo or an attack
(year 9999 overflows every date sum later on). People: an invite or an application with
thousands of people is not an interview. Structures: a context or backup nested deeper than
a person writes, or whose YAML aliases expand to more nodes than a person types, is refused
before anything walks it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import Any, TypeVar

EARLIEST_YEAR = 1970
LATEST_YEAR = 2100
MAX_PEOPLE_PER_INVITE = 100  # an invite's first 100 people are kept
MAX_PEOPLE_PER_APPLICATION = 500
MAX_PEOPLE = {"invite": MAX_PEOPLE_PER_INVITE, "application": MAX_PEOPLE_PER_APPLICATION}
MAX_INVITE_BYTES = 1_000_000  # one uploaded .ics file; a real invite is a few kB
MAX_INVITES_PER_UPLOAD = 50  # files picked at once in the web's invite form
MAX_DEPTH = 32
MAX_NODES = 200_000

# Server mode's accounts: how long links and sessions live, and how sign-in is rate-limited
# (attempts counted in `login_attempts`, so every web process shares the count).
MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 1_000  # argon2 hashes anything, but a megabyte "password" is an attack
SESSION_SECONDS = 14 * 24 * 3600  # a sign-in lasts two weeks
SESSION_TOUCH_SECONDS = 3600  # last_seen_at is refreshed at most hourly (not on every page)
INVITE_SECONDS = 7 * 24 * 3600
RESET_SECONDS = 3600
LOGIN_WINDOW_SECONDS = 15 * 60
MAX_FAILED_PER_EMAIL = 5  # failed sign-ins per address per window, known account or not
MAX_FAILED_PER_IP = 30  # failed sign-ins per client address per window, any account
LOCKOUT_AFTER = 10  # consecutive failures lock the account ...
LOCKOUT_SECONDS = 30 * 60  # ... for this long (a reset by email unlocks it at once)
MAX_RESETS_PER_EMAIL = 3  # reset mails per address per hour
MAX_API_TOKENS = 20  # per account

# Server mode's coaching texts: a review request's message, a coach's comment, a shared
# template (its name and body), a cohort's name. Longer is a paste, not a remark.
MAX_REVIEW_MESSAGE_CHARS = 2_000
MAX_COMMENT_CHARS = 4_000
MAX_TEMPLATE_NAME_CHARS = 200
MAX_TEMPLATE_CHARS = 20_000
MAX_COHORT_CHARS = 100
MAX_ACCOUNT_NAME_CHARS = 300

D = TypeVar("D", date, datetime)


class LimitError(ValueError):
    """A value beyond one of afterword's limits; the message names the limit."""


def date_problem(value: date | datetime, what: str) -> str | None:
    """Why `value` is outside the years afterword accepts, or None when it is fine."""
    if EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        return None
    return (f"{what} ({value.isoformat()}) is outside the years {EARLIEST_YEAR}–{LATEST_YEAR} "
            "afterword accepts (limit: dates)")


def check_date(value: D, what: str) -> D:
    """`value` itself, or LimitError when its year is outside EARLIEST_YEAR–LATEST_YEAR."""
    problem = date_problem(value, what)
    if problem:
        raise LimitError(problem)
    return value


def people_problem(count: int, holder: str) -> str | None:
    """Why `count` people are too many for one `holder` ("invite" or "application"), or None."""
    limit = MAX_PEOPLE[holder]
    if count <= limit:
        return None
    return (f"the {holder} has {count:,} people; the limit is {limit:,} "
            f"(limit: people per {holder})")


def check_structure(data: Any, what: str) -> None:
    """LimitError when `data` nests deeper than MAX_DEPTH, expands past MAX_NODES values
    (YAML aliases count every time they are used) or contains itself."""
    _size(data, 1, {}, set(), what)


def _values_of(value: Any) -> Any:
    """The children of a parsed value, or None for a scalar."""
    if isinstance(value, dict):
        return value.values()
    if isinstance(value, list | tuple):
        return value
    return None


def _size(value: Any, depth: int, memo: dict[int, int], path: set[int], what: str,
          children_of: Callable[[Any], Any] = _values_of) -> int:
    """How many values `value` stands for (a shared child counts each time it is used),
    refusing too deep, too large or self-containing structures."""
    children = children_of(value)
    if children is None:
        return 1
    if depth > MAX_DEPTH:
        raise LimitError(_too_deep(what))
    key = id(value)
    if key in memo:
        return memo[key]
    if key in path:
        raise LimitError(f"{what} contains itself (a YAML alias loop)")
    path.add(key)
    total = 1
    for child in children:
        total += _size(child, depth + 1, memo, path, what, children_of)
        if total > MAX_NODES:
            raise LimitError(f"{what} expands to more than {MAX_NODES:,} values "
                             "(limit: alias expansion)")
    path.discard(key)
    memo[key] = total
    return total


def load_yaml(text: str, what: str) -> Any:
    """YAML (safe tags only) measured on its node graph before anything is built from it."""
    loader = _depth_limited_loader()(text)
    loader.afterword_what = what
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _size(node, 1, {}, set(), what, _nodes_of)
        return loader.construct_document(node)
    except RecursionError:
        raise LimitError(_too_deep(what)) from None
    finally:
        loader.dispose()


def _too_deep(what: str) -> str:
    return f"{what} is nested more than {MAX_DEPTH} levels deep (limit: nesting depth)"


@lru_cache(maxsize=1)
def _depth_limited_loader() -> Any:
    import yaml

    class Loader(yaml.SafeLoader):
        """A safe loader that stops composing past MAX_DEPTH (PyYAML recurses per level)."""

        afterword_depth = 0
        afterword_what = "the document"

        def compose_node(self, parent: Any, index: Any) -> Any:
            self.afterword_depth += 1
            try:
                if self.afterword_depth > MAX_DEPTH + 1:
                    raise LimitError(_too_deep(self.afterword_what))
                return super().compose_node(parent, index)
            finally:
                self.afterword_depth -= 1

    return Loader


def _nodes_of(node: Any) -> Any:
    """The children of a YAML node (a mapping's keys and values), or None for a scalar."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return None
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return [part for pair in node.value for part in pair]


def load_json(text: str | bytes, what: str) -> Any:
    """JSON, refusing nesting past MAX_DEPTH (the parser itself would hit RecursionError)."""
    import json

    try:
        data = json.loads(text)
    except RecursionError:
        raise LimitError(_too_deep(what)) from None
    check_structure(data, what)
    return data
