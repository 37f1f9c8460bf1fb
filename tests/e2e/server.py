"""Run the app as in production: ``flask db upgrade``, then ``gunicorn wsgi:app`` with two
workers on a free local port, with a random ``SECRET_KEY`` and no Redis (schedule runs then
happen in a thread of the worker that starts them)."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# the server's settings must not leak in from the shell the tests run in
FOREIGN_SETTINGS = ("DATABASE_URL", "REDIS_URL", "RQ_QUEUE", "MAIL_", "PUBLIC_URL", "SECRET_KEY")
SERVER_PROBLEMS = ("Traceback (most recent call last)", "[ERROR]", "[CRITICAL]")


@dataclass
class Server:
    url: str
    database_url: str
    log: Path
    checked: int = 0  # how much of the log has been looked at

    def new_problems(self) -> list[str]:
        """Return the log written since the last call if it reports an error, else []."""
        with self.log.open(encoding="utf-8", errors="replace") as file:
            file.seek(self.checked)
            text = file.read()
            self.checked = file.tell()
        return text.splitlines() if any(mark in text for mark in SERVER_PROBLEMS) else []


def server_env(database_url: str, url: str) -> dict[str, str]:
    """Return the environment of a production-like server on ``database_url``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(FOREIGN_SETTINGS)}
    env.update(
        MATCHMAKER_ENV="production",
        SECRET_KEY=secrets.token_hex(32),
        DATABASE_URL=database_url,
        PUBLIC_URL=url,
        PYTHONUNBUFFERED="1",
    )
    return env


def migrate(database_url: str) -> None:
    """Create the schema as an operator does: ``flask --app wsgi db upgrade``."""
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=PROJECT_ROOT, env=server_env(database_url, "http://127.0.0.1"),
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, f"flask db upgrade failed:\n{done.stderr}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_healthy(process: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url}/healthz within 60 s:\n{log.read_text()}")


@contextmanager
def serve(database_url: str, log: Path) -> Iterator[Server]:
    """Run ``gunicorn wsgi:app`` with two workers on a free local port until the block ends."""
    url = f"http://127.0.0.1:{_free_port()}"
    command = [
        sys.executable, "-m", "gunicorn", "wsgi:app", "--bind", url.removeprefix("http://"),
        "--workers", "2", "--graceful-timeout", "5", "--chdir", str(PROJECT_ROOT),
        "--no-control-socket",  # one per home directory: parallel test servers would share it
    ]  # fmt: skip
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=server_env(database_url, url),
            stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_until_healthy(process, url, log)
        yield Server(url=url, database_url=database_url, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
