"""Shared fixtures: a realistic interview and a clean note that fits it."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# CI runs the property tests with a fixed seed so a run is reproducible; locally every run
# explores new examples (failures print the blob to reproduce them).
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.register_profile("dev", print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")

ROOT = Path(__file__).resolve().parents[1]
# The labelled corpora live in the project, so a clone on its own collects and runs everything.
DEV_CORPUS = ROOT / "tests" / "corpus" / "dev.jsonl"
EXTRA_CORPUS = ROOT / "tests" / "corpus" / "extra.jsonl"

BASE_CONTEXT: dict[str, Any] = json.loads(
    (ROOT / "src" / "afterword" / "examples" / "interview.json").read_text(encoding="utf-8")
)
BASE_CONTEXT["to"] = ["priya.raman@northwind.example"]
BASE_CONTEXT["subject"] = "Thank you for yesterday's conversation"

BASE_NOTE = """Dear Dr. Raman,

Thank you for meeting with me yesterday about the Senior Data Analyst role. Hearing how your team is moving the sales dashboards to dbt was the highlight of the afternoon, and I would enjoy helping with the testing side of that work. Your Friday demo sessions also sound like a generous way to share work early.

You mentioned a decision by December 4, so I will check in on December 7 if I have not heard from you before then.

Best regards,
Sam Ortiz
"""


def context(**changes: Any) -> dict[str, Any]:
    """The base context with top-level keys replaced (None removes a key)."""
    ctx = copy.deepcopy(BASE_CONTEXT)
    for key, value in changes.items():
        if value is None:
            ctx.pop(key, None)
        else:
            ctx[key] = value
    return ctx


def load_cases(path: Path) -> list[dict[str, Any]]:
    """The labelled cases of a JSONL corpus file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.fixture
def base_context() -> dict[str, Any]:
    """A fresh copy of the base context."""
    return context()


def _pg_bin(name: str) -> str:
    import glob
    import shutil

    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                                                   reverse=True)), None)
    if found is None:
        raise FileNotFoundError(name)
    return found


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real, throwaway PostgreSQL server on a free loopback port (started by the test)."""
    import os
    import shutil
    import socket
    import subprocess

    try:
        initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    except FileNotFoundError:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL is not installed (make test installs it)")
        pytest.skip("PostgreSQL is not installed")
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="afterword-pg-"))  # the server's user must reach it
    data = folder / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        shutil.chown(folder, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    run = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run([*prefix, initdb, "-D", str(data), "-A", "trust", "-U", "afterword"], **run)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run([*prefix, pg_ctl, "-D", str(data), "-o", options, "-w", "-l",
                    str(folder / "log"), "start"], **run)
    try:
        yield f"postgresql+psycopg://afterword@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                       check=False, capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
