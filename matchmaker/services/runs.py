"""Schedule runs: solve in the background with live progress, then accept the proposal whole.

A run only reads the event and writes its proposal into the run; the agenda changes when an
organiser accepts it, in one transaction, and only if the event has not changed since the run
started (otherwise the proposal may be stale and a new run is needed).
"""

from __future__ import annotations

import hashlib
import statistics
import threading
import time
from collections import Counter
from dataclasses import asdict, replace

from flask import Flask, current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from matchmaker.extensions import db
from matchmaker.models import (
    Event,
    Exclusion,
    Location,
    Meeting,
    MeetingRequest,
    Participant,
    ScheduleRun,
)
from matchmaker.models.enums import (
    EventFormat,
    ParticipantStatus,
    RequestPriority,
    RequestStatus,
    RunStatus,
)
from matchmaker.models.types import utcnow
from matchmaker.services.liveness import ACTIVE, Heartbeat, fail_stopped_runs
from matchmaker.services.redis_client import redis_client
from matchmaker.services.rounds import RoundsError, check_rounds, solve_event_rounds
from matchmaker.services.scheduling import (
    ApplyResult,
    ProposedMeeting,
    apply_proposal,
    build_instance,
    proposal,
)
from solver.auto import solve_auto
from solver.schema import Config, Progress, Status
from solver.validate import validate


class RunError(ValueError):
    """The run cannot be started or accepted; the message says why."""


def fingerprint(event: Event) -> str:
    """Return a digest that changes whenever anything the agenda depends on changes."""
    e = event.id
    queries = [
        # the set of accepted requests (count and id sum change with any membership change)
        select(func.count(), func.sum(MeetingRequest.id)).where(
            MeetingRequest.event_id == e, MeetingRequest.status == RequestStatus.ACCEPTED
        ),
        # the confirmed participants
        select(func.count(), func.sum(Participant.id)).where(
            Participant.event_id == e, Participant.status == ParticipantStatus.CONFIRMED
        ),
        # any edit of any profile, availability or status
        select(func.max(Participant.updated_at)).where(Participant.event_id == e),
        # the current agenda: new, moved, locked or cancelled meetings
        select(func.count(), func.sum(Meeting.revision), func.max(Meeting.updated_at)).where(
            Meeting.event_id == e
        ),
        select(func.count(), func.max(Exclusion.id)).where(Exclusion.event_id == e),
        select(func.count(), func.max(Location.id)).where(Location.event_id == e),
    ]
    parts = [repr(tuple(db.session.execute(q).one())) for q in queries]
    parts.append(repr((event.meeting_minutes, event.pause_minutes, len(event.sessions))))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def create_run(
    event: Event, *, time_limit: float, organiser_id: int | None, from_round: int | None = None
) -> ScheduleRun:
    """Record a new queued run with its parameters and the event's current fingerprint.

    ``from_round`` (rounds events only, counted from 1) keeps the rounds before it as they are.
    """
    fail_stopped_runs(event)  # a run whose worker died must not block new ones forever
    busy = db.session.scalar(
        select(ScheduleRun.id).where(
            ScheduleRun.event_id == event.id, ScheduleRun.status.in_(ACTIVE)
        )
    )
    if busy is not None:
        raise RunError(_("a run for this event is still going; wait for it to finish"))
    parameters = {"time_limit": time_limit, "workers": 2, "fingerprint": fingerprint(event)}
    if event.format == EventFormat.ROUNDS:
        parameters["from_round"] = from_round or 1
        try:  # refuse a run that cannot work now rather than let it fail in the background
            check_rounds(event, parameters["from_round"])
        except RoundsError as exc:
            raise RunError(str(exc)) from exc
    run = ScheduleRun(
        event_id=event.id, created_by_id=organiser_id, parameters=parameters,
        status=RunStatus.QUEUED,
    )  # fmt: skip
    db.session.add(run)
    db.session.flush()
    return run


def dispatch(run: ScheduleRun) -> threading.Thread | str:
    """Start a committed run: on an RQ worker when Redis is configured, else in a thread.

    When Redis is configured but cannot be reached, the run goes on in a thread of this process
    rather than failing: slower for the web server, but the organiser gets the agenda.
    """
    connection = redis_client()
    if connection is not None:
        from redis.exceptions import RedisError
        from rq import Queue

        limit = float(run.parameters.get("time_limit", 30))
        queue = current_app.config.get("RQ_QUEUE", "matchmaker")
        try:
            job = Queue(queue, connection=connection).enqueue(
                "matchmaker.jobs.run_schedule", run.id, job_timeout=int(limit * 4 + 120)
            )
        except RedisError as exc:
            current_app.logger.warning(
                "Redis unreachable; schedule run %s goes on in this process: %s", run.id, exc
            )
        else:
            run.job_id = job.id
            db.session.commit()
            return job.id
    app = current_app._get_current_object()
    thread = threading.Thread(target=_in_app, args=(app, run.id), daemon=True)
    thread.start()
    return thread


def _in_app(app: Flask, run_id: int) -> None:
    with app.app_context():
        execute_run(run_id)


def execute_run(run_id: int) -> None:
    """Solve a queued run, reporting progress, and store its proposal and figures."""
    now = utcnow()
    claimed = db.session.execute(  # only one process runs it, even if it was queued twice
        update(ScheduleRun)
        .where(ScheduleRun.id == run_id, ScheduleRun.status == RunStatus.QUEUED)
        .values(status=RunStatus.RUNNING, started_at=now, heartbeat_at=now)
    ).rowcount
    db.session.commit()
    if not claimed:
        return
    with Heartbeat(db.engine, run_id, current_app.config["RUN_HEARTBEAT_SECONDS"]):
        _execute(db.session.get(ScheduleRun, run_id))


def _still_running(run: ScheduleRun) -> bool:
    """Lock the run and tell whether it is still ours to finish (not given up as stopped)."""
    db.session.refresh(run, with_for_update=True)
    if run.status == RunStatus.RUNNING:
        return True
    current_app.logger.warning("run %s was given up while it ran; result dropped", run.id)
    db.session.rollback()
    return False


def _execute(run: ScheduleRun) -> None:
    run_id = run.id
    engine = db.engine  # the solver reports from its own threads, outside the app context
    limit = float(run.parameters.get("time_limit", 30))
    last = [0.0]

    def store(seconds: float, objective: float, bound: float, scheduled: int | None) -> None:
        if time.monotonic() - last[0] < 1.0:
            return
        last[0] = time.monotonic()
        with engine.begin() as connection:
            connection.execute(
                update(ScheduleRun)
                .where(ScheduleRun.id == run_id, ScheduleRun.status == RunStatus.RUNNING)
                .values(
                    heartbeat_at=utcnow(),
                    progress=min(0.99, seconds / limit),
                    objective=objective,
                    bound=bound,
                    scheduled=scheduled,
                )  # fmt: skip
            )

    def report(p: Progress) -> None:
        store(p.seconds, p.objective, p.bound, p.scheduled)

    try:
        event = db.session.get(Event, run.event_id)
        if event.format == EventFormat.ROUNDS:
            _execute_rounds(run, event, limit, store)
            return
        instance, mapping = build_instance(event)
        config = Config(
            time_limit=limit,
            workers=int(run.parameters.get("workers", 2)),
            # once an agenda exists people plan around it: keep meetings rather than close gaps
            prefer_stability=bool(instance.previous),
        )
        solution = solve_auto(instance, replace(config, progress=report))
        checked = validate(instance, solution.assignments)
        if not _still_running(run):
            return
        run.finished_at, run.progress = utcnow(), 1.0
        run.objective, run.bound, run.scheduled = checked.weight, solution.bound, checked.scheduled
        rows = proposal(instance, mapping, solution)
        run.statistics = _summary(event, instance, mapping, rows, checked, solution)
        if not checked.feasible or solution.status in (Status.INFEASIBLE, Status.UNKNOWN):
            run.status = RunStatus.FAILED
            reasons = checked.violations[:5] or solution.explanation or ("no schedule found",)
            run.error = "; ".join(reasons)
        else:
            run.status = RunStatus.SUCCEEDED
            run.result = {"meetings": [asdict(r) for r in rows]}
        db.session.commit()
    except Exception as exc:  # the run fails visibly; the agenda is untouched either way
        db.session.rollback()
        failed = db.session.get(ScheduleRun, run_id)
        failed.status, failed.finished_at = RunStatus.FAILED, utcnow()
        failed.error = f"{type(exc).__name__}: {exc}"[:2000]
        db.session.commit()
        current_app.logger.exception("schedule run %s failed", run_id)


def _execute_rounds(run: ScheduleRun, event: Event, limit: float, store) -> None:  # noqa: ANN001
    outcome = solve_event_rounds(
        event,
        from_round=int(run.parameters.get("from_round", 1)),
        time_limit=limit,
        workers=int(run.parameters.get("workers", 2)),
        progress=lambda p: store(p.seconds, p.total, p.bound, None),
    )
    if not _still_running(run):
        return
    run.finished_at, run.progress = utcnow(), 1.0
    run.objective, run.bound, run.scheduled = outcome.total, outcome.bound, len(outcome.rows)
    run.statistics = outcome.statistics
    if outcome.errors:
        run.status = RunStatus.FAILED
        run.error = "; ".join(outcome.errors[:5])
    else:
        run.status = RunStatus.SUCCEEDED
        run.result = {"meetings": [asdict(r) for r in outcome.rows]}
    db.session.commit()


def _summary(event, instance, mapping, rows, checked, solution) -> dict:  # noqa: ANN001
    counts = Counter(p for r in rows for p in (r.a, r.b))
    per_person = [counts.get(pid, 0) for pid in mapping.participant_ids]
    placed = {frozenset((r.a, r.b)) for r in rows}
    unmet = []
    for request in db.session.scalars(
        select(MeetingRequest).where(
            MeetingRequest.event_id == event.id,
            MeetingRequest.status == RequestStatus.ACCEPTED,
            MeetingRequest.priority == RequestPriority.MUST,
        )
    ):
        pair = frozenset((request.sender_id, request.receiver_id))
        if pair not in placed:
            unmet.append({"a": request.sender_id, "b": request.receiver_id,
                          "reason": _unmet_reason(instance, mapping, pair, counts)})  # fmt: skip
    return {
        "status": str(solution.status),
        "candidates": len(instance.meetings),
        "placed": len(rows),
        "weight": checked.weight,
        "bound": solution.bound,
        "breaks": checked.breaks,
        "participants": len(per_person),
        "meetings_min": min(per_person, default=0),
        "meetings_median": statistics.median(per_person) if per_person else 0,
        "meetings_max": max(per_person, default=0),
        "without_meetings": sum(1 for c in per_person if c == 0),
        "unmet_must": unmet,
        "seconds": round(solution.seconds, 1),
        # how the agenda was found: "repair" keeps the previous agenda and fills freed places
        "method": solution.statistics.get("solver", "optimiser"),
        "repair_weight": solution.statistics.get("repair_weight"),
    }


def _unmet_reason(instance, mapping, pair, counts) -> str:  # noqa: ANN001
    index = {pid: i for i, pid in enumerate(mapping.participant_ids)}
    if not pair <= index.keys():
        return "not_confirmed"
    a, b = (index[p] for p in sorted(pair))
    free = set(range(instance.slots)) - instance.forbidden.get(a, set())
    if not free - instance.forbidden.get(b, set()):
        return "no_common_slot"
    for p, i in ((sorted(pair)[0], a), (sorted(pair)[1], b)):
        limit = instance.max_meetings.get(i)
        if limit is not None and counts.get(p, 0) >= limit:
            return "meeting_limit"
    return "crowded_out"


def accept_run(run: ScheduleRun) -> ApplyResult:
    """Write a finished run's proposal as the agenda; refuse it if the event has changed."""
    if run.status != RunStatus.SUCCEEDED or not run.result:
        raise RunError(_("only a finished run that was not accepted yet can be accepted"))
    event = db.session.get(Event, run.event_id)
    if fingerprint(event) != run.parameters.get("fingerprint"):
        raise RunError(_("the event has changed since this run started; start a new run"))
    rows = [ProposedMeeting(**row) for row in run.result["meetings"]]
    result = apply_proposal(event, rows, run_id=run.id)
    run.status = RunStatus.ACCEPTED
    db.session.flush()
    return result
