"""Schedule meetings into slots with CP-SAT, lexicographically: weight, breaks, changes, tables.

The CP model only decides slots (per-slot capacity stands in for tables); concrete tables are
assigned afterwards by ``solver.tables``. Each lexicographic stage is solved in turn on the same
model: the previous stage's value is fixed as a constraint and its solution used as a hint.
"""

from __future__ import annotations

import time

from solver.explain import explain_infeasible
from solver.model import ScheduleModel
from solver.schema import Config, Instance, Solution, Status
from solver.search import Runner
from solver.tables import assign_tables
from solver.takers import WindowRelaxation, applies
from solver.validate import validate


def _stages(sm: ScheduleModel, config: Config) -> list[tuple[str, object, bool]]:
    inst = sm.instance
    stages: list[tuple[str, object, bool]] = []  # (name, expression, maximise)
    if inst.select:
        stages.append(("weight", sm.weight_objective, True))
    if config.minimise_breaks:
        stages.append(("breaks", sm.breaks_objective, False))
    if config.minimise_changes and inst.previous:
        stages.append(("changes", sm.changes_objective, False))
    return stages or [("feasibility", None, False)]


def _budget(name: str, remaining: float, later: int) -> float:
    # Breaks are the hard stage: the weight stage leaves it most of the time, changes come last.
    if later == 0:
        return remaining
    return remaining * (0.4 if name == "weight" else 0.8)


# Share of the time limit kept for building the light model and assigning tables afterwards.
_RESERVE = 0.04

_GENERIC = (
    "no schedule satisfies all rules together, although no single rule is impossible on its "
    "own; try relaxing fixed slots, availability, precedences or the fairness bound",
)


def solve(instance: Instance, config: Config = Config()) -> Solution:  # noqa: B008
    """Schedule the instance: maximise weight, then minimise breaks, changes and table changes."""
    started = time.monotonic()
    problems = explain_infeasible(instance)
    if problems:
        return Solution(Status.INFEASIBLE, explanation=tuple(problems), seconds=_since(started))
    sm = ScheduleModel(instance)
    runner = Runner(sm, config, started)
    stages = _stages(sm, config)
    slots: dict[int, int] | None = None
    log: list[dict] = []
    all_optimal = True
    objective = bound = None
    fixes: list[tuple[str, int, bool]] = []  # (objective attribute, value, is a lower bound)
    for index, (name, expr, maximise) in enumerate(stages):
        remaining = config.time_limit - _RESERVE * config.time_limit - (time.monotonic() - started)
        if slots is not None and remaining <= 0.05:
            all_optimal = False
            break
        seconds = _budget(name, remaining, len(stages) - index - 1)
        if name == "breaks":
            light = ScheduleModel(instance, strong=False)
            for fixed_expr, value, at_least in fixes:
                term = getattr(light, fixed_expr)
                light.model.add(term >= value if at_least else term <= value)
            relaxation = None
            if applies(sm):
                relaxation = WindowRelaxation(ScheduleModel(instance, strong=False, breaks=False))
            result = runner.minimise_breaks(seconds, light, relaxation)
        else:
            result = runner.run(name, expr, maximise, seconds)
        log += result.log
        if result.slots is None:
            if slots is None:
                explanation = _GENERIC if result.status == Status.INFEASIBLE else ()
                status = Status.INFEASIBLE if explanation else Status.UNKNOWN
                return Solution(
                    status,
                    seconds=_since(started),
                    explanation=explanation,
                    statistics={"stages": log},
                )
            all_optimal = False
            break
        all_optimal &= result.status == Status.OPTIMAL
        slots = result.slots
        if name == "breaks" or objective is None:
            objective, bound = result.value, result.bound
        if expr is not None:
            # Later stages keep this stage's value.
            sm.model.add(expr >= result.value if maximise else expr <= result.value)
            fixes.append((f"{name}_objective", result.value, maximise))
        sm.hint(slots)
    assignments = assign_tables(instance, slots, keep_together=config.minimise_table_changes)
    report = validate(instance, assignments)
    stats = {
        "stages": log,
        "meetings": len(instance.meetings),
        "scheduled": report.scheduled,
        "changes": report.changes,
        "table_changes": report.table_changes,
        "violations": list(report.violations),
    }
    return Solution(
        Status.OPTIMAL if all_optimal else Status.FEASIBLE,
        assignments=tuple(assignments),
        weight=report.weight,
        breaks=report.breaks,
        objective=objective,
        bound=bound,
        seconds=_since(started),
        statistics=stats,
    )


def _since(started: float) -> float:
    return round(time.monotonic() - started, 3)
