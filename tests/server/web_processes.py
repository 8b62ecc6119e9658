"""Server mode's web processes for the multi-process tests: `afterword server serve` with
several uvicorn workers on a free loopback port, up and answering before the test goes on."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


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
    """`afterword server serve` with `workers` processes on `port` (stopped afterwards)."""
    command = [sys.executable, "-m", "afterword", "server", "serve", "--port", str(port),
               "--workers", str(workers)]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
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
    """Every process has started (a kept-alive browser connection stays with the process
    that accepted it) and the server answers."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        if web.process.poll() is not None:
            raise RuntimeError("the web processes stopped:\n" + web.output()[-3000:])
        if web.output().count("Application startup complete") >= workers:
            try:
                if httpx.get(web.url + "/healthz", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
        time.sleep(0.3)
    raise RuntimeError(f"the web processes were not up in {patience:g} s:\n"
                       + web.output()[-3000:])
