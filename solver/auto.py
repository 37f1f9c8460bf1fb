"""One entry point that picks the solving method for an instance.

Every meeting mandatory (the B2B benchmark problem: place all, minimise breaks) goes to the
exact CP-SAT model, which proves optimality on event-sized instances. Meeting selection
(organisers' agendas from requests) goes to the decomposition: on the 150-participant demo it
reaches the LP bound on weight within seconds where the monolithic model, given the same time,
stays below the greedy baseline.
"""

from __future__ import annotations

from solver.large import solve_large
from solver.schedule import solve
from solver.schema import Config, Instance, Solution


def solve_auto(instance: Instance, config: Config = Config()) -> Solution:  # noqa: B008
    """Solve with the method suited to the instance."""
    if instance.select:
        return solve_large(instance, config)
    return solve(instance, config)
