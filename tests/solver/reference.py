"""An exact reference for tests: the best total weight by a plain time-indexed CP-SAT model."""

from ortools.sat.python import cp_model

from solver.schema import Instance


def exact_weight(instance: Instance) -> int:
    """Return the optimum weight (tables are identical; no locks or booths in the instance)."""
    model = cp_model.CpModel()
    x = {
        (m, t): model.new_bool_var(f"x{m}_{t}")
        for m in range(len(instance.meetings))
        for t in instance.allowed_slots(m)
    }
    by_meeting, by_slot, by_person_slot, by_person = {}, {}, {}, {}
    for (m, t), var in x.items():
        meeting = instance.meetings[m]
        by_meeting.setdefault(m, []).append(var)
        by_slot.setdefault(t, []).append(var)
        for p in (meeting.a, meeting.b):
            by_person_slot.setdefault((p, t), []).append(var)
            by_person.setdefault(p, []).append(var)
    for m, group in by_meeting.items():
        model.add(sum(group) == 1 if instance.meetings[m].mandatory else sum(group) <= 1)
    for group in by_person_slot.values():
        model.add(sum(group) <= 1)
    for group in by_slot.values():
        model.add(sum(group) <= instance.tables)
    for p, limit in instance.max_meetings.items():
        model.add(sum(by_person.get(p, [])) <= limit)
    model.maximize(sum(instance.meetings[m].weight * v for (m, _), v in x.items()))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 30
    assert solver.solve(model) == cp_model.OPTIMAL
    return round(solver.objective_value)
