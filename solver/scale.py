"""Benchmark ``solve_large`` against the LP bound and the greedy scheduler on generated instances.

Prints one JSON line per size. Instances come from ``solver.generate`` with a fixed seed:
up to 1,000 participants 16 slots, up to 5,000 participants 24 slots (both one day, two sessions,
8 requests each), larger ones three days of 16 slots (six sessions, 6 requests each).
"""

from __future__ import annotations

import argparse
import json
import time

from solver.bound import weight_upper_bound
from solver.generate import generate
from solver.large import solve_large
from solver.schema import Config, Instance
from solver.validate import validate


def preset(participants: int) -> dict:
    """Return the generator settings (slots, sessions, requests) and time limit for a size."""
    if participants <= 1000:
        return {"slots": 16, "sessions": 2, "requests": 8.0, "time_limit": 60.0}
    if participants <= 5000:
        return {"slots": 24, "sessions": 2, "requests": 8.0, "time_limit": 300.0}
    return {"slots": 48, "sessions": 6, "requests": 6.0, "time_limit": 900.0}


def _greedy(instance: Instance) -> dict:
    try:
        from solver.greedy import schedule_greedy  # written by another module owner; optional
    except ImportError:
        return {"greedy_weight": None, "greedy_ratio": None, "greedy_breaks_per_participant": None}
    report = validate(instance, schedule_greedy(instance).assignments)
    return {
        "greedy_weight": report.weight,
        "greedy_breaks_per_participant": round(report.breaks / instance.participants, 3),
        "greedy_valid": report.feasible,
    }


def run(participants: int, time_limit: float | None, seed: int, workers: int) -> dict:
    """Generate one instance, bound it, solve it both ways and return the figures."""
    settings = preset(participants)
    limit = settings.pop("time_limit") if time_limit is None else time_limit
    settings.pop("time_limit", None)
    instance = generate(participants, seed=seed, **settings)
    start = time.perf_counter()
    solution = solve_large(instance, Config(time_limit=limit, workers=workers, seed=seed))
    seconds = time.perf_counter() - start
    # solve_large already solved the bound LP; solve it here only if its time share ran out.
    bound = solution.bound
    if bound is None or bound == float("inf"):
        bound = weight_upper_bound(instance)
    report = validate(instance, solution.assignments)
    row = {
        "participants": participants,
        "slots": instance.slots,
        "tables": instance.tables,
        "meetings": len(instance.meetings),
        "time_limit": limit,
        "bound": bound,
        "weight": report.weight,
        "ratio": round(report.weight / bound, 4) if bound else None,
        "breaks_per_participant": round(report.breaks / participants, 3),
        "seconds": round(seconds, 1),
        "valid": report.feasible and solution.scheduled > 0,
    }
    greedy = _greedy(instance)
    if greedy["greedy_weight"] is not None:
        greedy["greedy_ratio"] = round(greedy["greedy_weight"] / bound, 4) if bound else None
    row.update(greedy)
    row["statistics"] = dict(solution.statistics)
    return row


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark for each requested size and print one JSON line per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--time-limit", type=float, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        print(json.dumps(run(size, args.time_limit, args.seed, args.workers)), flush=True)


if __name__ == "__main__":
    main()
