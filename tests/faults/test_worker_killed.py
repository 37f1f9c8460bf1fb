"""A schedule run's RQ worker is killed mid-run: the run is given up as failed with a clear
reason, the published agenda stays as it was, and a new run on a fresh worker completes.

Real ``rq worker`` processes on a queue of the test's own, PostgreSQL (TEST_DATABASE_URL) and
Redis (REDIS_URL); killed with SIGKILL, as the kernel's OOM killer or a lost machine does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import Event, Meeting, ScheduleRun
from matchmaker.models.enums import EventStatus, RunStatus
from matchmaker.services.demo import seed_demo
from matchmaker.services.events import set_phase
from matchmaker.services.liveness import WORKER_STOPPED
from matchmaker.services.runs import accept_run, create_run, execute_run
from tests.conftest import REDIS_URL, SKIP_REDIS, FreshContextClient
from tests.views.helpers import organise, post_form, wait_for_run

pytestmark = [pytest.mark.faults, pytest.mark.postgres, pytest.mark.redis]

HEARTBEAT = 0.5  # seconds between a running run's signs of life, in the worker
PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def queue() -> Iterator[str]:
    if not REDIS_URL:
        pytest.skip(SKIP_REDIS)
    name = f"faults-{uuid.uuid4().hex[:12]}"
    yield name
    from redis import Redis

    connection = Redis.from_url(REDIS_URL)
    # only this test's own keys: its queue, registries, jobs and workers
    for key in connection.scan_iter(f"rq:*{name}*"):
        connection.delete(key)
    for worker in connection.smembers("rq:workers"):
        if name.encode() in worker:
            connection.srem("rq:workers", worker)


@pytest.fixture
def published(pg_url: str, queue: str) -> Iterator[Flask]:
    """An app on the queue, and the demo event with an accepted, published agenda."""
    app = create_app(
        {
            "ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": pg_url, "REDIS_URL": REDIS_URL,
            "RQ_QUEUE": queue, "RUN_HEARTBEAT_SECONDS": HEARTBEAT,
        }
    )  # fmt: skip
    app.test_client_class = FreshContextClient
    with app.app_context():
        db.create_all()
        seed_demo(participants=40, seed=5)
        event = db.session.scalar(select(Event))
        first = create_run(event, time_limit=3, organiser_id=None)
        db.session.commit()
        execute_run(first.id)  # in this process: the agenda exists before any worker runs
        accept_run(db.session.get(ScheduleRun, first.id))
        set_phase(event, EventStatus.PUBLISHED)
        db.session.commit()
        yield app
        db.session.remove()
        jobs = db.session.scalars(select(ScheduleRun.job_id).where(ScheduleRun.job_id.is_not(None)))
        _forget_jobs(list(jobs))
        db.session.remove()
        db.engine.dispose()


def _forget_jobs(job_ids: list[str]) -> None:
    from redis import Redis

    connection = Redis.from_url(REDIS_URL)
    for job_id in job_ids:  # failed jobs would otherwise stay in Redis for a year
        connection.delete(f"rq:job:{job_id}", f"rq:results:{job_id}")


class Worker:
    """A real ``rq worker`` process with the web app's environment."""

    def __init__(self, queue: str, pg_url: str, log: Path) -> None:
        env = dict(os.environ)
        env.update(
            MATCHMAKER_ENV="testing", DATABASE_URL=pg_url, REDIS_URL=REDIS_URL,
            RUN_HEARTBEAT_SECONDS=str(HEARTBEAT),
        )  # fmt: skip
        self.log = log.open("ab")
        rq = Path(sys.executable).with_name("rq")
        name = f"{queue}-{uuid.uuid4().hex[:6]}"
        self.process = subprocess.Popen(
            [str(rq), "worker", queue, "--url", REDIS_URL, "--name", name],
            cwd=PROJECT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def children(self) -> list[int]:
        pid = self.process.pid
        path = Path(f"/proc/{pid}/task/{pid}/children")
        return [int(c) for c in path.read_text().split()] if path.exists() else []

    def horse(self) -> int:
        """Return the pid of the work-horse, the child that runs the job."""
        (pid,) = self.children()
        return pid

    def stop(self) -> None:
        """Kill the worker and its work-horse (which runs in a process group of its own)."""
        if self.process.poll() is None:
            for child in self.children():
                os.kill(child, signal.SIGKILL)
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(30)
        self.log.close()


@pytest.fixture
def start_worker(queue: str, pg_url: str, tmp_path: Path) -> Iterator[Callable[[], Worker]]:
    if not Path("/proc/self/task").is_dir():
        pytest.skip("finding a worker's work-horse needs Linux /proc")
    started: list[Worker] = []

    def start() -> Worker:
        started.append(Worker(queue, pg_url, tmp_path / "worker.log"))
        return started[-1]

    yield start
    for worker in started:
        worker.stop()


def agenda() -> list[tuple]:
    db.session.expire_all()
    return sorted(db.session.execute(
        select(Meeting.uid, Meeting.starts_at, Meeting.location_id, Meeting.status)
    ).all())  # fmt: skip


def start_run(client, seconds: int) -> tuple[int, str]:
    """Start a run on the runs page; return its id and its progress URL."""
    page = "/organiser/events/demo/runs"
    response = post_form(client, page, page, time_limit=str(seconds))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    run_id = int(response.headers["Location"].rsplit("/", 1)[1])
    return run_id, f"/organiser/events/demo/runs/{run_id}.json"


def wait_until_running(client, url: str, worker: Worker, seconds: float = 120) -> dict:
    """Wait until the run is running with progress stored (it is mid-solve)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = client.get(url).get_json()
        if state["status"] == "running" and state["progress"] > 0:
            return state
        assert state["status"] in ("queued", "running"), state
        assert worker.process.poll() is None, "the worker exited early; see worker.log"
        time.sleep(0.2)
    raise AssertionError(f"the run did not start: {state}")


def assert_given_up(app: Flask, client, run_id: int, url: str) -> None:
    """The run shows as failed because its worker stopped, in English and in German."""
    state = wait_for_run(client, url, seconds=120)
    assert state["status"] == "failed"
    assert state["error"].startswith("The worker running it stopped")
    page = client.get(f"/organiser/events/demo/runs/{run_id}", headers={"Accept-Language": "de"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Die Berechnung ist fehlgeschlagen; die Agenda wurde nicht verändert." in html
    assert "Der Worker, der sie ausführte, wurde beendet (oder ist abgestürzt)" in html


def test_worker_killed_with_its_horse_mid_run_is_given_up_by_its_heartbeat(
    published: Flask, pg_url: str, start_worker
):
    published.config["RUN_STALE_SECONDS"] = 5  # ten heartbeats
    client = published.test_client()
    organise(client, db.session.scalar(select(Event)))
    before = agenda()
    worker = start_worker()
    run_id, url = start_run(client, seconds=600)
    wait_until_running(client, url, worker)
    horse = worker.horse()
    os.kill(worker.process.pid, signal.SIGKILL)  # the machine goes: worker and work-horse
    os.kill(horse, signal.SIGKILL)
    worker.process.wait(30)

    assert_given_up(published, client, run_id, url)
    db.session.expire_all()
    assert db.session.get(ScheduleRun, run_id).status == RunStatus.RUNNING  # pages only show it
    assert agenda() == before

    start_worker()  # a fresh worker; starting a run records the old one as failed
    second_id, second_url = start_run(client, seconds=5)
    db.session.expire_all()
    old = db.session.get(ScheduleRun, run_id)
    assert (old.status, old.error) == (RunStatus.FAILED, WORKER_STOPPED)
    assert wait_for_run(client, second_url, seconds=180)["status"] == "succeeded"
    assert db.session.get(ScheduleRun, second_id).job_id is not None  # it ran on the worker
    assert agenda() == before  # a proposal, not accepted: the published agenda stands


def test_work_horse_killed_mid_run_is_given_up_by_its_failed_job(
    published: Flask, pg_url: str, start_worker
):
    published.config["RUN_STALE_SECONDS"] = 3600  # the heartbeat would not notice in time
    client = published.test_client()
    organise(client, db.session.scalar(select(Event)))
    before = agenda()
    worker = start_worker()
    run_id, url = start_run(client, seconds=600)
    wait_until_running(client, url, worker)
    os.kill(worker.horse(), signal.SIGKILL)  # the job's process only; the worker lives on

    assert_given_up(published, client, run_id, url)
    assert agenda() == before
    second_id, second_url = start_run(client, seconds=5)  # on the same, surviving worker
    assert wait_for_run(client, second_url, seconds=180)["status"] == "succeeded"
    db.session.expire_all()
    assert db.session.get(ScheduleRun, run_id).error == WORKER_STOPPED
    assert worker.process.poll() is None
    assert agenda() == before
