"""The real B2B instances side by side: ``python -m bench.real DIR``.

For every instance in DIR (the 20 of Bofill et al., JAIR 2022, in ../shared/benchmarks/b2b):
this solver, the greedy first-come-first-served baseline, and the published optimum of breaks.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

from solver.bench import result_line
from solver.greedy import schedule_greedy
from solver.schedule import solve
from solver.schema import Config, load_instance


def run(directory: Path, time_limit: float, workers: int) -> list[tuple[dict, dict]]:
    """Solve every instance with CP-SAT and with greedy; return their result lines."""
    rows = []
    for path in sorted(directory.glob("*.json")):
        instance = load_instance(path)
        started = time.monotonic()
        solution = solve(instance, Config(time_limit=time_limit, workers=workers))
        ours = result_line(instance, solution, "cpsat", time.monotonic() - started)
        started = time.monotonic()
        greedy = result_line(
            instance, schedule_greedy(instance), "greedy", time.monotonic() - started
        )
        print(json.dumps(ours), flush=True)
        print(json.dumps(greedy), flush=True)
        rows.append((ours, greedy))
    return rows


def table(rows: list[tuple[dict, dict]], time_limit: float) -> str:
    """Format the side-by-side comparison."""
    header = (
        f"{'instance':<24} {'meetings':>8} {'optimum':>7} {'breaks':>6} {'status':>9} "
        f"{'seconds':>7} | {'greedy placed':>13} {'greedy breaks':>13}"
    )
    lines = [header, "-" * len(header)]
    for ours, greedy in rows:
        mark = "" if ours.get("optimal_reached") else " *"
        lines.append(
            f"{ours['name']:<24} {ours['total']:>8} {ours.get('published_optimum_breaks', '-'):>7} "
            f"{ours['breaks']:>6} {ours['status']:>9} {ours['seconds']:>7.2f} | "
            f"{greedy['scheduled']:>6}/{greedy['total']:<6} {greedy['breaks']:>13}{mark}"
        )
    reached = sum(1 for ours, _ in rows if ours.get("optimal_reached"))
    within = sum(1 for ours, _ in rows if ours["seconds"] <= time_limit + 0.5)
    incomplete = sum(1 for _, g in rows if g["scheduled"] < g["total"])
    lines.append("-" * len(header))
    lines.append(
        f"published optimum reached on {reached}/{len(rows)}, all valid: "
        f"{all(o['valid'] for o, _ in rows)}, within {time_limit:.0f} s: {within}/{len(rows)}, "
        f"slowest {max(o['seconds'] for o, _ in rows):.2f} s; greedy leaves meetings unplaced "
        f"on {incomplete}/{len(rows)} (* = optimum not reached)"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    rows = run(args.directory, args.time_limit, args.workers)
    if not rows:
        raise SystemExit(f"no instances (*.json) in {args.directory}")
    print(table(rows, args.time_limit))
    return 0 if all(o.get("optimal_reached") for o, _ in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
