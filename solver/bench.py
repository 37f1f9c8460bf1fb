"""Benchmark the scheduler on instance files: one JSON line per instance (and per baseline).

Instances are solved as the web app solves them (``solver.auto.solve_auto``): every meeting
mandatory goes to the exact model, meeting selection to the decomposition, whose ``bound`` is the
LP bound on weight (the exact model alone reported its own stages' bound there).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from solver.auto import solve_auto
from solver.greedy import schedule_greedy
from solver.schema import Config, Instance, Solution, load_instance
from solver.validate import validate


def result_line(instance: Instance, solution: Solution, solver: str, seconds: float) -> dict:
    """Summarise one solve as the benchmark's JSON record."""
    report = validate(instance, solution.assignments)
    line = {
        "name": instance.name,
        "solver": solver,
        "status": str(solution.status),
        "scheduled": solution.scheduled,
        "total": len(instance.meetings),
        "weight": report.weight,
        "breaks": report.breaks,
        "bound": solution.bound,
        "seconds": round(seconds, 3),
        "valid": report.feasible,
    }
    if instance.published_optimum_breaks is not None:
        line["published_optimum_breaks"] = instance.published_optimum_breaks
        line["optimal_reached"] = (
            report.feasible
            and report.scheduled == len(instance.meetings)
            and report.breaks == instance.published_optimum_breaks
        )
    if solution.explanation:
        line["explanation"] = list(solution.explanation)
    return line


def write_schedule(directory: Path, instance: Instance, solution: Solution) -> None:
    """Write ``DIR/<name>.json`` with the solution's ``[meeting, slot, table]`` rows."""
    directory.mkdir(parents=True, exist_ok=True)
    rows = [[a.meeting, a.slot, a.table] for a in solution.assignments]
    payload = {"name": instance.name, "assignments": rows}
    (directory / f"{instance.name}.json").write_text(json.dumps(payload) + "\n", encoding="utf-8")


def _positive(kind: type):
    """An argparse type: a number of ``kind`` above zero."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if value <= 0:
            raise argparse.ArgumentTypeError(f"expected a number above 0, got {text!r}")
        return value

    return parse


def _load(path: Path) -> Instance | None:
    """The instance in ``path``, or None after saying on stderr why it cannot be read."""
    try:
        return load_instance(path)
    except OSError as error:
        reason = error.strerror or str(error)
    except json.JSONDecodeError as error:
        reason = f"not JSON ({error})"
    except KeyError as error:
        reason = f"missing field {error}"
    except (TypeError, ValueError) as error:
        reason = f"not an instance ({error})"
    print(f"python -m solver.bench: {path}: {reason}", file=sys.stderr)
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark command line; exit status 2 when a file could not be read (the others
    are still solved)."""
    parser = argparse.ArgumentParser(prog="python -m solver.bench", description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--time-limit", type=_positive(float), default=10.0)
    parser.add_argument("--workers", type=_positive(int), default=2)
    parser.add_argument("--baseline", choices=["greedy"])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    config = Config(time_limit=args.time_limit, workers=args.workers)
    unreadable = 0
    for path in args.files:
        instance = _load(path)
        if instance is None:
            unreadable += 1
            continue
        started = time.monotonic()
        solution = solve_auto(instance, config)
        print(json.dumps(result_line(instance, solution, "cpsat", time.monotonic() - started)))
        if args.out is not None:
            write_schedule(args.out, instance, solution)
        if args.baseline == "greedy":
            started = time.monotonic()
            greedy = schedule_greedy(instance)
            line = result_line(instance, greedy, "greedy", time.monotonic() - started)
            print(json.dumps(line))
        sys.stdout.flush()
    return 2 if unreadable else 0


if __name__ == "__main__":
    sys.exit(main())
