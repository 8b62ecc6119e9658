"""Whatever a backup or a context holds, the answer is success or one line, never a crash."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from tests.hostile.conftest import FILES

GOOD: dict[str, Any] = json.loads((FILES / "backup.json").read_text(encoding="utf-8"))
NOTE = "Dear Priya,\n\nThank you for the conversation.\n\nBest regards,\nSam\n"
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False) | st.text(max_size=30)
    | st.sampled_from(["2026-11-20T10:00:00", "9999-01-01T00:00:00+00:00", "2026-11-20",
                       "\u200b", "1", "draft", "interviewer", ""]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


PATHS = [p for p in _paths(GOOD) if p]


@st.composite
def hostile_backups(draw: st.DrawFn) -> Any:
    document = copy.deepcopy(GOOD)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(PATHS))
        target: Any = document
        try:
            for part in path[:-1]:
                target = target[part]
            if draw(st.booleans()) or not isinstance(target, dict):
                target[path[-1]] = draw(json_values)
            else:
                target.pop(path[-1], None)
        except (KeyError, IndexError, TypeError):
            continue
    return document


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    from afterword.store.db import engine_for

    url = f"sqlite:///{tmp_path_factory.mktemp('prop') / 'p.db'}"
    with Session(engine_for(url)) as made:
        yield made


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=hostile_backups())
def test_any_backup_restores_or_is_refused_in_one_line(session: Session, document: Any) -> None:
    from afterword.services.importing import ImportFailed, Source, import_sources

    source = Source("b.json", json.dumps(document).encode(), kind="backup")
    try:
        done = import_sources(session, [source], own_emails=frozenset(),
                              now=__import__("datetime").datetime.now(
                                  __import__("datetime").UTC))
        assert done[0].restored == len(document["applications"])
        from afterword.store.backup import export_all

        export_all(session)  # what was stored can be read back
    except ImportFailed as exc:
        assert "\n" not in str(exc) and str(exc).startswith("b.json: ")
    finally:
        session.rollback()


contexts = st.dictionaries(
    st.sampled_from(["kind", "medium", "candidate", "company", "company_aliases", "role",
                     "interview", "interviewers", "recipient", "to", "cc", "scheduler",
                     "expected_reply_by", "send_at", "other_companies", "previous_notes",
                     "subject", "drop_off", "dialect", "x-unknown"]),
    json_values, max_size=6)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(context=contexts)
def test_any_context_is_checked_or_refused_in_one_line(context: dict[str, Any]) -> None:
    from afterword.config import Settings
    from afterword.model import ContextError
    from afterword.services.checking import check

    try:
        report = check(NOTE, context, settings=Settings(proofreading=False))
        assert isinstance(report.to_dict()["findings"], list)
    except ContextError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200) | st.builds(lambda n: "a: " + "[" * n + "]" * n,
                                               st.integers(min_value=0, max_value=3000)))
def test_any_context_text_loads_or_is_bad_input_in_one_line(text: str) -> None:
    from afterword.services.inputs import InputError, load_mapping

    try:
        assert isinstance(load_mapping(text, source="ctx.yaml"), dict)
    except InputError as exc:
        assert "\n" not in str(exc)
