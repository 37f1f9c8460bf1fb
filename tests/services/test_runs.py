"""Schedule runs: background execution (thread or RQ), proposal, atomic and fresh acceptance."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Event, Meeting, MeetingRequest, ScheduleRun
from matchmaker.models.enums import RequestStatus, RunStatus
from matchmaker.models.types import utcnow
from matchmaker.services import runs
from matchmaker.services.demo import seed_demo
from matchmaker.services.liveness import WORKER_STOPPED, RunState, run_state
from matchmaker.services.runs import RunError, accept_run, create_run, dispatch, execute_run


@pytest.fixture
def demo(app):
    seed_demo(participants=40, seed=5)
    db.session.commit()
    return db.session.scalar(select(Event))


def meetings() -> int:
    return db.session.scalar(select(func.count()).select_from(Meeting))


def finished(run_id: int) -> ScheduleRun:
    db.session.expire_all()
    return db.session.get(ScheduleRun, run_id)


def test_run_in_process_then_accept_writes_the_agenda(app, demo):
    app.config["REDIS_URL"] = None
    run = create_run(demo, time_limit=3, organiser_id=None)
    db.session.commit()
    thread = dispatch(run)
    thread.join(timeout=60)
    run = finished(run.id)
    assert run.status == RunStatus.SUCCEEDED and run.progress == 1.0
    assert meetings() == 0  # nothing changes before the organiser accepts
    proposed = len(run.result["meetings"])
    assert proposed == run.statistics["placed"] == run.scheduled > 0
    applied = accept_run(run)
    db.session.commit()
    assert (applied.created, meetings(), run.status) == (proposed, proposed, RunStatus.ACCEPTED)
    with pytest.raises(RunError, match="only a finished run"):
        accept_run(run)


@pytest.mark.redis
def test_run_on_an_rq_worker_through_redis(app, demo, redis_url, database_url, monkeypatch):
    from redis import Redis
    from rq import Queue, SimpleWorker

    queue = f"test-{uuid.uuid4().hex}"
    app.config.update(REDIS_URL=redis_url, RQ_QUEUE=queue)
    # the worker builds its own app from the environment, as a real worker process does
    monkeypatch.setenv("MATCHMAKER_ENV", "testing")
    monkeypatch.setenv("DATABASE_URL", database_url)
    run = create_run(demo, time_limit=3, organiser_id=None)
    db.session.commit()
    job_id = dispatch(run)
    assert finished(run.id).job_id == job_id
    connection = Redis.from_url(redis_url)
    SimpleWorker([Queue(queue, connection=connection)], connection=connection).work(burst=True)
    run = finished(run.id)
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert len(run.result["meetings"]) == run.scheduled > 0


def test_accept_refuses_a_stale_proposal(app, demo):
    run = create_run(demo, time_limit=3, organiser_id=None)
    db.session.commit()
    execute_run(run.id)
    request = db.session.scalar(
        select(MeetingRequest).where(MeetingRequest.status == RequestStatus.PENDING)
    )
    request.status = RequestStatus.ACCEPTED  # the event changes after the run started
    request.responded_at = request.created_at
    db.session.commit()
    with pytest.raises(RunError, match="has changed since this run started"):
        accept_run(finished(run.id))
    assert meetings() == 0


def test_failed_run_leaves_the_agenda_untouched(app, demo, monkeypatch):
    first = create_run(demo, time_limit=3, organiser_id=None)
    db.session.commit()
    execute_run(first.id)
    accept_run(finished(first.id))
    db.session.commit()
    before = sorted(db.session.execute(select(Meeting.uid, Meeting.starts_at)).all())

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003
        raise RuntimeError("worker lost its solver")

    monkeypatch.setattr(runs, "solve_auto", broken)
    second = create_run(demo, time_limit=3, organiser_id=None)
    db.session.commit()
    execute_run(second.id)
    second = finished(second.id)
    assert second.status == RunStatus.FAILED
    assert second.error == "RuntimeError: worker lost its solver"
    assert sorted(db.session.execute(select(Meeting.uid, Meeting.starts_at)).all()) == before


def test_only_one_run_at_a_time(app, demo):
    create_run(demo, time_limit=3, organiser_id=None)
    db.session.commit()
    with pytest.raises(RunError, match="still going"):
        create_run(demo, time_limit=3, organiser_id=None)


def test_run_whose_process_died_shows_failed_and_no_longer_blocks_a_new_one(app, demo):
    run = create_run(demo, time_limit=3, organiser_id=None)
    # as if a web process started it in a thread and was then restarted: no sign of life
    run.status, run.started_at = RunStatus.RUNNING, utcnow() - timedelta(seconds=61)
    run.created_at = run.heartbeat_at = run.started_at
    db.session.commit()
    assert run_state(run) == RunState(RunStatus.FAILED, WORKER_STOPPED)
    assert run.status == RunStatus.RUNNING  # reading a page changes nothing
    second = create_run(demo, time_limit=3, organiser_id=None)
    db.session.commit()
    assert (finished(run.id).status, finished(run.id).error) == (RunStatus.FAILED, WORKER_STOPPED)
    assert finished(second.id).status == RunStatus.QUEUED


def test_run_with_a_recent_heartbeat_still_blocks_a_new_one(app, demo):
    run = create_run(demo, time_limit=3, organiser_id=None)
    run.status, run.started_at = RunStatus.RUNNING, utcnow() - timedelta(minutes=10)
    run.created_at = run.started_at
    run.heartbeat_at = utcnow() - timedelta(seconds=30)
    db.session.commit()
    assert run_state(run) == RunState(RunStatus.RUNNING, "")
    with pytest.raises(RunError, match="still going"):
        create_run(demo, time_limit=3, organiser_id=None)


def test_run_given_up_while_it_solved_keeps_no_result(app, demo, monkeypatch):
    from sqlalchemy import update

    solve = runs.solve_auto

    def given_up_meanwhile(*args, **kwargs):  # noqa: ANN002, ANN003
        with db.engine.begin() as connection:  # another process gives the run up
            connection.execute(
                update(ScheduleRun).values(status=RunStatus.FAILED, error=WORKER_STOPPED)
            )
        return solve(*args, **kwargs)

    monkeypatch.setattr(runs, "solve_auto", given_up_meanwhile)
    run = create_run(demo, time_limit=3, organiser_id=None)
    db.session.commit()
    execute_run(run.id)
    run = finished(run.id)
    assert (run.status, run.error, run.result) == (RunStatus.FAILED, WORKER_STOPPED, None)


def test_run_summary_reports_unmet_must_meet_requests_with_reasons(app, demo):
    run = create_run(demo, time_limit=3, organiser_id=None)
    db.session.commit()
    execute_run(run.id)
    stats = finished(run.id).statistics
    assert stats["placed"] + len(stats["unmet_must"]) <= stats["candidates"] + len(
        stats["unmet_must"]
    )
    assert {u["reason"] for u in stats["unmet_must"]} <= {
        "not_confirmed", "no_common_slot", "meeting_limit", "crowded_out",
    }  # fmt: skip
    assert stats["meetings_min"] <= stats["meetings_median"] <= stats["meetings_max"]


def test_resolve_after_a_cancellation_moves_no_other_meeting(app, demo):
    from matchmaker.models.enums import ParticipantStatus
    from matchmaker.services.roster import set_status

    first = create_run(demo, time_limit=3, organiser_id=None)
    db.session.commit()
    execute_run(first.id)
    accept_run(finished(first.id))
    db.session.commit()
    busiest = max(
        {m.participant_a_id for m in db.session.scalars(select(Meeting))},
        key=lambda p: db.session.scalar(
            select(func.count()).where(
                (Meeting.participant_a_id == p) | (Meeting.participant_b_id == p)
            )
        ),
    )
    set_status(demo, busiest, ParticipantStatus.CANCELLED)
    db.session.commit()
    second = create_run(demo, time_limit=3, organiser_id=None)
    db.session.commit()
    execute_run(second.id)
    second = finished(second.id)
    applied = accept_run(second)
    assert applied.cancelled == 0  # their meetings were cancelled with them
    if second.statistics["method"] == "repair":
        assert applied.moved == 0  # everyone else keeps time and table
    else:  # only an agenda with more weight may move meetings
        assert second.statistics["weight"] > second.statistics["repair_weight"]
