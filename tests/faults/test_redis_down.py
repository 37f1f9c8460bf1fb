"""Redis cannot be reached: logins are still throttled (in memory) and schedule runs still run
(in the web process, with a note), never a server error.

A closed local port plays the missing Redis, so these run everywhere; the one that lets a real
Redis (REDIS_URL) go away mid-way plays it with a proxy.
"""

from __future__ import annotations

import logging
import uuid

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, ScheduleRun
from matchmaker.models.enums import RunStatus
from matchmaker.services.demo import seed_demo
from tests.faults.proxy import RestartableProxy, closed_port
from tests.views.helpers import login, organise, post_form, wait_for_run

pytestmark = pytest.mark.faults

RUNS = "/organiser/events/demo/runs"


@pytest.fixture
def demo(app):
    seed_demo(participants=40, seed=5)
    db.session.commit()
    return db.session.scalar(select(Event))


def redis_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno == logging.WARNING and "Redis unreachable" in r.getMessage()]  # fmt: skip


def test_login_throttle_counts_in_memory_when_redis_is_down(
    app, client, demo, caplog: pytest.LogCaptureFixture
):
    organise(app.test_client(), demo)  # org@cluster.example
    app.config["REDIS_URL"] = f"redis://127.0.0.1:{closed_port()}/0"
    for _ in range(5):
        assert login(client, "org@cluster.example", "wrong").status_code == 401
    throttled = login(client, "org@cluster.example")
    assert throttled.status_code == 429
    assert "Too many failed attempts" in throttled.get_data(as_text=True)
    assert redis_warnings(caplog)


def test_successful_login_while_redis_is_down(app, client, demo):
    app.config["REDIS_URL"] = f"redis://127.0.0.1:{closed_port()}/0"
    organise(client, demo)
    assert client.get("/organiser/").status_code == 200


def test_run_started_while_redis_is_down_goes_on_in_the_web_process_with_a_note(
    app, client, demo, caplog: pytest.LogCaptureFixture
):
    app.config["REDIS_URL"] = f"redis://127.0.0.1:{closed_port()}/0"
    organise(client, demo)
    response = post_form(client, RUNS, RUNS, time_limit="5")
    assert response.status_code == 302
    page = client.get(response.headers["Location"], headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "The background queue cannot be reached" in page.get_data(as_text=True)
    state = wait_for_run(client, response.headers["Location"] + ".json")
    assert state["status"] == "succeeded"
    run = db.session.scalar(select(ScheduleRun))
    assert run.job_id is None
    assert any("goes on in this process" in w for w in redis_warnings(caplog))


@pytest.mark.redis
def test_redis_going_away_with_a_run_on_its_queue_gives_no_server_error(
    app, client, demo, redis_url: str
):
    from redis import Redis
    from sqlalchemy.engine import make_url

    url = make_url(redis_url.replace("redis://", "postgresql://", 1))  # host and port parsing
    proxy = RestartableProxy((url.host or "127.0.0.1", url.port or 6379))
    proxy.start()
    queue = f"faults-{uuid.uuid4().hex[:12]}"
    app.config.update(REDIS_URL=f"redis://127.0.0.1:{proxy.port}/{url.database or 0}",
                      RQ_QUEUE=queue)  # fmt: skip
    organise(client, demo)
    try:
        started = post_form(client, RUNS, RUNS, time_limit="5")  # queued: no worker listens
        run = db.session.scalar(select(ScheduleRun))
        assert run.job_id and run.status == RunStatus.QUEUED
        proxy.stop()  # Redis goes away
        page = client.get(started.headers["Location"], headers={"Accept-Language": "en"})
        assert page.status_code == 200 and "Waiting to start" in page.get_data(as_text=True)
        assert client.get(started.headers["Location"] + ".json").get_json()["status"] == "queued"
        # the queued run may still be taken once Redis is back: a new one waits for it
        again = post_form(client, RUNS, RUNS, time_limit="5")
        assert again.status_code == 200
        assert "still going" in again.get_data(as_text=True)
        assert login(app.test_client(), "org@cluster.example", "wrong").status_code == 401
    finally:
        proxy.stop()
        connection = Redis.from_url(redis_url)
        for key in connection.scan_iter(f"rq:*{queue}*"):
            connection.delete(key)
        for job_id in db.session.scalars(select(ScheduleRun.job_id)):
            connection.delete(f"rq:job:{job_id}")
