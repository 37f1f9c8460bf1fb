"""Whether a schedule run can still finish: heartbeats from the process running it, and the
state of its RQ job.

A worker killed mid-run (out of memory, a deploy, a lost machine) leaves its run "running" for
ever. The run's process writes a heartbeat every ``RUN_HEARTBEAT_SECONDS``; a run silent for
longer than ``RUN_STALE_SECONDS`` (and at least three heartbeats), or whose RQ job failed,
stopped or vanished, has lost its worker. Pages show such a run as failed; the write paths
(starting a run) record it, so the event is never blocked by a run that cannot end.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from matchmaker.extensions import db
from matchmaker.models import Event, ScheduleRun
from matchmaker.models.enums import RunStatus
from matchmaker.models.types import utcnow
from matchmaker.services.redis_client import redis_client

ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)
# the error of a run whose worker stopped (killed, crashed, restarted); translated on its page
WORKER_STOPPED = "worker_stopped"


class Heartbeat:
    """Record a running run's sign of life from a thread until stopped (use with ``with``)."""

    def __init__(self, engine: Engine, run_id: int, interval: float) -> None:
        self.engine, self.run_id, self.interval = engine, run_id, interval
        self.logger = current_app.logger  # the thread runs outside the app context
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, daemon=True, name=f"run-{run_id}")

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(self.interval + 5)

    def _beat(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                with self.engine.begin() as connection:
                    connection.execute(
                        update(ScheduleRun)
                        .where(ScheduleRun.id == self.run_id,
                               ScheduleRun.status == RunStatus.RUNNING)
                        .values(heartbeat_at=utcnow())
                    )  # fmt: skip
            except SQLAlchemyError as exc:  # the database is away: try again next beat
                self.logger.warning("run %s: heartbeat not stored: %s", self.run_id, exc)


@dataclass(frozen=True)
class RunState:
    """A run's status and error as pages show them."""

    status: RunStatus
    error: str


def stale_after() -> timedelta:
    """Return how long a run may stay silent before its worker counts as gone."""
    config = current_app.config
    return timedelta(seconds=max(config["RUN_STALE_SECONDS"], 3 * config["RUN_HEARTBEAT_SECONDS"]))


def _job(run: ScheduleRun) -> tuple[str | None, datetime | None]:
    """Return the RQ job's status ("missing" when gone) and start, or (None, None) when unknown."""
    connection = redis_client()
    if not run.job_id or connection is None:
        return None, None
    from redis.exceptions import RedisError
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    try:
        job = Job.fetch(run.job_id, connection=connection)
        status = job.get_status(refresh=False)
    except NoSuchJobError:
        return "missing", None
    except RedisError as exc:  # Redis is away: judge by the heartbeat alone
        current_app.logger.warning("run %s: job state unknown: %s", run.id, exc)
        return None, None
    started = job.started_at
    if started is not None and started.tzinfo is None:  # RQ before 2.0 kept naive UTC
        started = started.replace(tzinfo=UTC)
    return (status.value if status else "missing"), started


def worker_stopped(run: ScheduleRun) -> bool:
    """Tell whether a queued or running run has lost the process that was to finish it."""
    if run.status not in ACTIVE:
        return False
    job_status, job_started = _job(run)
    if job_status in ("missing", "failed", "stopped", "canceled", "finished"):
        return True  # the job ended (a killed work-horse fails it) and the run never did
    if job_status in ("queued", "scheduled", "deferred"):
        return False  # waiting for a free worker is not a stop
    if run.status == RunStatus.QUEUED and run.job_id and job_status is None:
        return False  # on a queue we cannot see: it may still be waiting
    signs = [run.heartbeat_at, run.started_at, run.created_at, job_started]
    return utcnow() - max(s for s in signs if s is not None) > stale_after()


def run_state(run: ScheduleRun) -> RunState:
    """Return the status and error to show: a run that lost its worker shows as failed."""
    if worker_stopped(run):
        return RunState(RunStatus.FAILED, WORKER_STOPPED)
    return RunState(run.status, run.error)


def fail_stopped_runs(event: Event) -> int:
    """Mark the event's runs that lost their worker as failed; return how many."""
    failed = 0
    for run in db.session.scalars(
        select(ScheduleRun).where(ScheduleRun.event_id == event.id, ScheduleRun.status.in_(ACTIVE))
    ):
        if worker_stopped(run):
            # only if it is still active: a run that just finished keeps its result
            failed += db.session.execute(
                update(ScheduleRun)
                .where(ScheduleRun.id == run.id, ScheduleRun.status.in_(ACTIVE))
                .values(status=RunStatus.FAILED, error=WORKER_STOPPED, finished_at=utcnow())
            ).rowcount
            current_app.logger.warning("run %s lost its worker; marked failed", run.id)
    db.session.flush()
    return failed
