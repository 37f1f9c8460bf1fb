"""Render times of participant pages for an enlarged demo event: ``python -m bench.pages``.

Target (issue 4): the catalogue and recommendations pages for the demo event with 2,000
participants render in under 150 ms each (median), through the real app and database.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import Participant
from matchmaker.models.enums import ParticipantStatus
from matchmaker.services.demo import seed_demo
from matchmaker.services.participants import reissue_link

TARGET_MS = 150.0


def pages_for(token: str) -> dict[str, str]:
    """Return the pages to time, by name."""
    return {
        "catalogue": f"/p/{token}/catalogue",
        "catalogue_search": f"/p/{token}/catalogue?q=wasserstoff&country=DE",
        "catalogue_page_50": f"/p/{token}/catalogue?page=50",
        "recommendations": f"/p/{token}/matches",
    }


def run(participants: int, repeats: int, database_url: str | None) -> list[dict]:
    """Seed the demo event and time each page ``repeats`` times for different participants."""
    with tempfile.TemporaryDirectory() as folder:
        url = database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            db.drop_all()
            db.create_all()
            seed_demo(participants=participants, seed=2026)
            people = db.session.scalars(
                select(Participant)
                .where(Participant.status == ParticipantStatus.CONFIRMED)
                .order_by(Participant.id)
                .limit(repeats)
            ).all()
            tokens = [reissue_link(p) for p in people]
            db.session.commit()
        client = app.test_client()
        results = []
        for name in pages_for("x"):
            client.get(pages_for(tokens[0])[name])  # warm caches, as a running server has them
            times = []
            for token in tokens:
                start = time.perf_counter()
                response = client.get(pages_for(token)[name])
                times.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{name}: HTTP {response.status_code}")
            results.append(
                {
                    "page": name,
                    "participants": participants,
                    "backend": url.split(":")[0],
                    "median_ms": round(statistics.median(times), 1),
                    "p95_ms": round(sorted(times)[int(0.95 * (len(times) - 1))], 1),
                    "requests": len(times),
                    "within_target": statistics.median(times) < TARGET_MS,
                }
            )
        with app.app_context():
            db.drop_all()
        return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    args = parser.parse_args(argv)
    results = run(args.participants, args.repeats, args.database_url)
    for row in results:
        print(json.dumps(row))
    for row in results:
        print(
            f"{row['page']:>20}: median {row['median_ms']:6.1f} ms, p95 {row['p95_ms']:6.1f} ms "
            f"({row['participants']} participants, {row['backend']}; target < {TARGET_MS:.0f} ms)"
        )
    return 0 if all(row["within_target"] for row in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
