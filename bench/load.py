"""Load test of the participant side on a production-like server: ``python -m bench.load``.

Creates a fresh PostgreSQL database, migrates it, seeds one open event (the demo generator:
sessions, slots, tables and confirmed participants to request), starts gunicorn, and lets
``--clients`` simulated participants register (a share of them twice at once with the same
e-mail address), open their personal page, browse the catalogue and send meeting requests (a
share twice at once), while an organiser confirms new registrations. Reports throughput,
latency percentiles per action, errors, refusals, and checks that every acknowledged write is
stored exactly once. Exit status 1 on any 5xx, connection failure, loss or duplicate.

Gunicorn runs gthread workers: each of the ``--workers`` processes serves ``--threads``
requests at once, so a worker waiting on PostgreSQL does not hold up the others, and idle
keep-alive connections of hundreds of clients cost no thread.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg
from psycopg import sql

from bench.load_check import Check, check
from bench.load_clients import Crowd, Journal, Settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/matchmaker_load"
SLUG = "load"
PROTECTED = {"postgres", "template0", "template1"}
# a participant's way through the site, then the organiser's
ACTIONS = (
    "register_form", "register", "personal_page", "people_page", "profile_page",
    "send_request", "requests_page", "organiser_login", "roster_page", "confirm",
)  # fmt: skip


def database_urls(url: str) -> tuple[str, str, str]:
    """Return (the test database's URL, the server's maintenance URL, the database name)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "matchmaker_load"
    if name in PROTECTED:
        raise SystemExit(f"refusing to drop and re-create the database {name!r}")
    return (
        urlunsplit(parts._replace(path=f"/{name}")),
        urlunsplit(parts._replace(path="/postgres")),
        name,
    )


def recreate_database(admin_url: str, name: str, *, drop_only: bool = False) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if not drop_only:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def server_environment(database_url: str) -> dict[str, str]:
    """The production-like environment: no SMTP (mail stays in the outbox), no shared Redis."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAIL_", "REDIS_"))}
    env.update(
        MATCHMAKER_ENV="production",
        SECRET_KEY=secrets.token_hex(32),
        DATABASE_URL=database_url,
        MATCHMAKER_RATE_LIMITS="off",  # the load comes from one address, as no real crowd does
    )
    return env


def seed(database_url: str, participants: int) -> tuple[str, str]:
    """Seed the open event through the services; return the organiser's e-mail and password."""
    from matchmaker import create_app
    from matchmaker.extensions import db
    from matchmaker.models import Event
    from matchmaker.services.demo import DEMO_PASSWORD, seed_demo

    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        result = seed_demo(slug=SLUG, participants=participants, seed=2026)
        event = db.session.scalar(db.select(Event).where(Event.slug == SLUG))
        event.registration_deadline = event.request_deadline = None  # open whatever the date
        db.session.commit()
        db.engine.dispose()
    return result.organiser_email, DEMO_PASSWORD


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int, threads: int, log: Path) -> Iterator:
    command = [
        sys.executable, "-m", "gunicorn", "--worker-class", "gthread",
        "--workers", str(workers), "--threads", str(threads),
        "--bind", f"127.0.0.1:{port}", "--keep-alive", "5", "--timeout", "120",
        "wsgi:app",
    ]  # fmt: skip
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/e/{SLUG}/register").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.3)
            yield server
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted ``values``."""
    return round(values[max(0, math.ceil(q * len(values)) - 1)], 1) if values else 0.0


def summarise(journal: Journal) -> dict:
    elapsed = journal.finished - journal.started
    by_action: dict[str, list] = defaultdict(list)
    for call in journal.calls:
        by_action[call.action].append(call)
    order = {name: n for n, name in enumerate(ACTIONS)}
    by_action = dict(sorted(by_action.items(), key=lambda item: order.get(item[0], len(order))))
    by_action["all"] = journal.calls

    def stats(calls: list) -> dict:
        times = sorted(c.ms for c in calls)
        return {
            "count": len(calls),
            "p50_ms": percentile(times, 0.50),
            "p95_ms": percentile(times, 0.95),
            "p99_ms": percentile(times, 0.99),
            "5xx": sum(1 for c in calls if c.status is not None and c.status >= 500),
            "connection_failures": sum(1 for c in calls if c.status is None),
            "4xx": sum(1 for c in calls if c.status is not None and 400 <= c.status < 500),
        }

    statuses = Counter(str(c.status) if c.status else "connection" for c in journal.calls)
    writes: dict[str, Counter] = defaultdict(Counter)
    refusals: Counter = Counter()
    for write in journal.writes:
        writes[write.kind][write.outcome] += 1
        writes[write.kind]["raced" if write.raced else "single"] += 1
        if write.outcome == "rejected":
            refusals[f"{write.kind}: {write.detail}"] += 1
    return {
        "requests": len(journal.calls),
        "seconds": round(elapsed, 1),
        "throughput_rps": round(len(journal.calls) / elapsed, 1),
        "actions": {name: stats(calls) for name, calls in by_action.items()},
        "errors_by_status": {
            s: n for s, n in sorted(statuses.items()) if s == "connection" or int(s) >= 500
        },
        "status_counts": dict(sorted(statuses.items())),
        "connection_failures": dict(
            Counter(f"{c.action}: {c.error}" for c in journal.calls if c.status is None)
        ),
        "writes": {kind: dict(counts) for kind, counts in writes.items()},
        "rejected_duplicates": {kind: c["duplicate"] for kind, c in writes.items()},
        "other_refusals": dict(refusals.most_common()),
    }


def print_report(report: dict, result: Check, context: str) -> None:
    print(f"\nLoad test: {context}")
    print(f"{'action':<16}{'count':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
          f"{'5xx':>6}{'conn':>6}{'4xx':>6}")  # fmt: skip
    for name, row in report["actions"].items():
        print(
            f"{name:<16}{row['count']:>8}{row['p50_ms']:>9}{row['p95_ms']:>9}{row['p99_ms']:>9}"
            f"{row['5xx']:>6}{row['connection_failures']:>6}{row['4xx']:>6}"
        )
    print(f"total {report['requests']} requests in {report['seconds']} s: "
          f"{report['throughput_rps']} req/s")  # fmt: skip
    print(f"errors (5xx, connection failures): {report['errors_by_status'] or 'none'}")
    for reason, count in report["connection_failures"].items():
        print(f"  connection failure x{count}: {reason}")
    for kind, counts in report["writes"].items():
        print(f"{kind}s: {counts}")
    print(f"rejected duplicates (race losers): {report['rejected_duplicates']}")
    if report["other_refusals"]:
        print(f"other refusals: {report['other_refusals']}")
    print(
        f"exactly-once: {'OK' if result.ok else 'FAILED'} "
        f"({result.acknowledged_registrations} acknowledged registrations, "
        f"{result.acknowledged_requests} acknowledged requests checked)"
    )
    for name, items in result.as_dict().items():
        if isinstance(items, list) and items:
            print(f"  {name} ({len(items)}): " + "; ".join(items[:10]))


def server_errors(log: Path, limit: int = 5) -> list[str]:
    """The last lines of the distinct tracebacks in the server's log."""
    lines = log.read_text(errors="replace").splitlines()
    found = [line for line in lines if line and not line.startswith((" ", "[", "Traceback"))]
    return list(dict.fromkeys(line for line in found if "Error" in line or "Exception" in line))[
        :limit
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200, help="simulated participants")
    parser.add_argument("--duration", type=float, default=120, help="seconds of load")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--organisers", type=int, default=2, help="organisers confirming")
    parser.add_argument("--seeded", type=int, default=300, help="participants seeded beforehand")
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between actions, s")
    parser.add_argument("--race-registrations", type=float, default=0.05)
    parser.add_argument("--race-requests", type=float, default=0.05)
    parser.add_argument("--requests-each", type=int, default=3, help="requests per participant")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_URL),
        help="PostgreSQL database to drop, create and use (default: %(default)s)",
    )
    parser.add_argument("--keep-database", action="store_true", help="do not drop it afterwards")
    parser.add_argument("--out", type=Path, help="also write the report as JSON to this file")
    args = parser.parse_args(argv)

    url, admin_url, name = database_urls(args.database_url)
    recreate_database(admin_url, name)
    env = server_environment(url)
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
                   cwd=ROOT, env=env, check=True, capture_output=True)  # fmt: skip
    organiser_email, password = seed(url, args.seeded)
    run_id = secrets.token_hex(3)
    port = free_port()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "gunicorn.log"
        with gunicorn(env, port, args.workers, args.threads, log):
            mine = resource.getrusage(resource.RUSAGE_SELF)
            settings = Settings(
                base=f"http://127.0.0.1:{port}", slug=SLUG, run_id=run_id,
                deadline=time.monotonic() + args.duration, think=args.think,
                race_registrations=args.race_registrations, race_requests=args.race_requests,
                requests_each=args.requests_each, organiser_email=organiser_email,
                organiser_password=password,
            )  # fmt: skip
            journal = asyncio.run(Crowd(settings).run(args.clients, args.organisers))
            generator = resource.getrusage(resource.RUSAGE_SELF)
        server = resource.getrusage(resource.RUSAGE_CHILDREN)
        errors = server_errors(log)
    report = summarise(journal)
    result = check(url.replace("+psycopg", ""), SLUG, journal.writes, f"-{run_id}-")
    cpu = lambda a, b: round(b.ru_utime + b.ru_stime - a.ru_utime - a.ru_stime, 1)  # noqa: E731
    report.update(
        clients=args.clients, duration=args.duration, workers=args.workers,
        threads=args.threads, think=args.think, seeded=args.seeded, cores=os.cpu_count(),
        server_cpu_seconds=cpu(before, server), generator_cpu_seconds=cpu(mine, generator),
        server_log_errors=errors, exactly_once=result.as_dict(),
    )  # fmt: skip
    context = (
        f"{args.clients} clients, {args.duration:g} s, gunicorn {args.workers} workers x "
        f"{args.threads} threads, {os.cpu_count()} cores shared with PostgreSQL and the "
        f"generator (server {report['server_cpu_seconds']} CPU s, generator "
        f"{report['generator_cpu_seconds']} CPU s)"
    )
    print_report(report, result, context)
    if errors:
        print("server log:", *errors, sep="\n  ")
    if args.out:
        args.out.write_text(json.dumps(report, indent=2))
    if not args.keep_database:
        recreate_database(admin_url, name, drop_only=True)
    failed = bool(report["errors_by_status"]) or not result.ok
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
