"""Background jobs run by RQ workers: ``rq worker matchmaker --url $REDIS_URL``.

A worker process creates the app from the same environment as the web processes (DATABASE_URL,
SECRET_KEY, ...), so it reads and writes the same database.
"""

from __future__ import annotations


def run_schedule(run_id: int) -> None:
    """Execute a schedule run inside an application context."""
    from matchmaker import create_app
    from matchmaker.services.runs import execute_run

    app = create_app()
    with app.app_context():
        execute_run(run_id)
