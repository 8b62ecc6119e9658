"""A real server and a real browser: uvicorn in a subprocess, Debian's Chromium headless."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parent / "artifacts"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def need_chromium() -> None:
    """Skip without Chromium or Playwright — except under CI=true, where that is a failure."""
    missing = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "playwright is not installed (pip install -e '.[test]')"
    if missing is None and not Path(CHROMIUM).exists():
        missing = f"Chromium is not at {CHROMIUM} (apt-get install -y chromium)"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(missing)
        pytest.skip(missing)


@dataclass
class Server:
    """A running `afterword` web app."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path


SERVE = ("import sys, uvicorn; from afterword.web import create_app; port = int(sys.argv[2]); "
         "uvicorn.run(create_app(sys.argv[1], port=port), host='127.0.0.1', port=port, "
         "log_level='warning')")


def start_server(root: Path, env: dict[str, str]) -> Iterator[Server]:
    """uvicorn on a free loopback port over a fresh SQLite database (stopped afterwards)."""
    port = free_port()
    log = root / "server.log"
    full = {**os.environ, "XDG_CONFIG_HOME": str(root / "config"),
            "XDG_DATA_HOME": str(root / "data"), **env}
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-c", SERVE, f"sqlite:///{root / 'web.db'}",
                                    str(port)], stdout=sink, stderr=subprocess.STDOUT, env=full,
                                   cwd=root)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if process.poll() is not None:
                pytest.fail("the server did not start: " + log.read_text(errors="replace"))
            time.sleep(0.1)
    try:
        yield Server(f"http://127.0.0.1:{port}", process, log)
    finally:
        process.terminate()
        process.wait(timeout=15)


def launch(playwright: Any) -> Any:
    """Chromium, headless, with nothing phoning home."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def shot(page: Any, name: str, *, full: bool = True) -> None:
    """A screenshot under tests/web/artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)
