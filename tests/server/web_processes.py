"""Server mode's web processes for the multi-process tests: uvicorn with several workers
on a free loopback port, each building the app in server mode from the environment.

`factory` is the app as each uvicorn worker builds it (`--factory`): server mode over
AFTERWORD_DATABASE_URL, answering as 127.0.0.1 on JOURNEY_PORT.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from fastapi import FastAPI

ROOT = Path(__file__).resolve().parents[2]


def factory() -> FastAPI:
    """The app in server mode, as a uvicorn worker builds it."""
    from afterword.web import create_app

    return create_app(os.environ["AFTERWORD_DATABASE_URL"],
                      port=int(os.environ["JOURNEY_PORT"]), server=True)


@dataclass
class Web:
    """Running web processes: their address and their supervisor."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        """What the processes printed so far."""
        return self.log.read_text(errors="replace")


@contextmanager
def web_processes(env: dict[str, str], port: int, log: Path, *,
                  workers: int = 2) -> Iterator[Web]:
    """`workers` uvicorn processes on `port`, up and answering (stopped afterwards)."""
    command = [sys.executable, "-m", "uvicorn", "--factory",
               "tests.server.web_processes:factory", "--host", "127.0.0.1", "--port",
               str(port), "--workers", str(workers), "--log-level", "info"]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, env={**env, "JOURNEY_PORT": str(port)},
                                   cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
    web = Web(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_up(web, workers)
        yield web
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def _wait_until_up(web: Web, workers: int, patience: float = 180.0) -> None:
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        if web.process.poll() is not None:
            raise RuntimeError("the web processes stopped:\n" + web.output()[-3000:])
        if web.output().count("Application startup complete") >= workers:
            try:
                if httpx.get(web.url + "/healthz", timeout=5).status_code < 500:
                    return
            except httpx.HTTPError:
                pass
        time.sleep(0.3)
    raise RuntimeError(f"the web processes were not up in {patience:g} s:\n"
                       + web.output()[-3000:])
