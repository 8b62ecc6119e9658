"""`afterword server init` makes the organisation and its admin, and `afterword server serve`
answers with two web processes sharing one PostgreSQL: a session opened through one process
is good in the other, and the pages need it. Bad input to init is one line, exit 2."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.mail.conftest import free_port

PASSWORD = "correct horse battery staple"
PATIENCE = 120.0  # seconds to start on a loaded 2-core machine


@pytest.fixture
def server_url(postgres_url: str) -> str:
    """A database of this test's own on the throwaway PostgreSQL server."""
    name = f"serve_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return postgres_url.rsplit("/", 1)[0] + f"/{name}"


def _env(url: str, port: int, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AFTERWORD_")}
    env.update({"AFTERWORD_DATABASE_URL": url, "AFTERWORD_BASE_URL": f"http://127.0.0.1:{port}",
                "AFTERWORD_INSECURE_COOKIES": "1", "AFTERWORD_ADMIN_PASSWORD": PASSWORD,
                "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home)})
    return env


def _afterword(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "afterword", *args], env=env, text=True,
                          capture_output=True, timeout=300)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.fixture
def served(server_url: str, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    env = _env(server_url, port, tmp_path)
    init = _afterword("server", "init", "--organisation", "Riverside Careers",
                      "--admin-email", "Ada@Centre.example", "--admin-name", "Ada Admin",
                      env=env)
    assert init.returncode == 0, init.stderr
    assert "ada@centre.example can sign in now" in init.stdout
    process = subprocess.Popen(
        [sys.executable, "-m", "afterword", "server", "serve", "--port", str(port),
         "--workers", "2"], env=env, text=True, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline and process.poll() is None:
        try:
            up = httpx.get(f"{base}/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            up = False
        if up and len(_children(process.pid)) >= 2:
            break
        time.sleep(0.5)
    try:
        yield base, process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            output, _ = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        print(output[-4000:])  # shown when the test failed


def _sign_in(base: str) -> httpx.Cookies:
    with httpx.Client(base_url=base) as client:
        client.get("/sign-in")
        answer = client.post("/sign-in", data={"email": "ada@centre.example",
                                               "password": PASSWORD, "next": "/",
                                               "csrf_token": client.cookies["aw_csrf"]})
        assert answer.status_code == 303, answer.text[:500]
        assert "aw_session" in client.cookies
        return client.cookies


def test_two_web_processes_share_sign_ins_through_postgresql(
        served: tuple[str, subprocess.Popen[str]]) -> None:
    base, process = served
    assert process.poll() is None, "the server stopped"
    workers = _children(process.pid)
    assert len(workers) >= 2  # uvicorn's supervisor and its two web processes
    assert httpx.get(f"{base}/healthz").json() == {"ok": True}
    signed_out = httpx.get(f"{base}/", follow_redirects=False)
    assert signed_out.status_code == 303 and "/sign-in" in signed_out.headers["location"]
    cookies = _sign_in(base)
    for _ in range(12):  # a fresh connection each time: the processes take turns accepting
        page = httpx.get(f"{base}/account", cookies=cookies, follow_redirects=False,
                         headers={"Connection": "close"})
        assert page.status_code == 200 and "ada@centre.example" in page.text
    assert sorted(_children(process.pid)) == sorted(workers)  # none died on the way


def test_init_refuses_bad_input_in_one_line(server_url: str, tmp_path: Path) -> None:
    env = _env(server_url, 8000, tmp_path)
    sqlite = _afterword("server", "init", "--database-url", f"sqlite:///{tmp_path}/x.db",
                        env=env)
    assert sqlite.returncode == 2 and "needs PostgreSQL" in sqlite.stderr
    assert len(sqlite.stderr.strip().splitlines()) == 1
    half = _afterword("server", "init", "--organisation", "Riverside", env=env)
    assert half.returncode == 2 and "go together" in half.stderr
    weak = _afterword("server", "init", "--organisation", "Riverside", "--admin-email",
                      "ada@centre.example", env={**env, "AFTERWORD_ADMIN_PASSWORD": "short"})
    assert weak.returncode == 2 and "at least 12 characters" in weak.stderr
    hostile = _afterword("server", "init", "--organisation", "<b>O'Brien\r\nCentre</b>",
                         "--admin-email", "not an address", env=env)
    assert hostile.returncode == 2 and "is not an email address" in hostile.stderr
    assert len(hostile.stderr.strip().splitlines()) == 1
    missing = _afterword("server", "serve", env={k: v for k, v in env.items()
                                                 if k != "AFTERWORD_DATABASE_URL"})
    assert missing.returncode == 2 and "AFTERWORD_DATABASE_URL" in missing.stderr
