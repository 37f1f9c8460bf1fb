"""The rotation repair gives a seat back to someone who sits out again while others never do."""

from solver.rounds import RoundsInstance
from solver.rounds_data import key
from solver.rounds_fair import avoidable_sit_outs, repair_rotation

SCORES = {key(a, b): 50.0 for a in range(2, 6) for b in range(a + 1, 6)}  # 1 scores nothing


def test_repair_seats_a_twice_waiting_person_with_a_partner_never_met():
    instance = RoundsInstance(people=(1, 2, 3, 4, 5), scores=SCORES, rounds=2)
    unfair = [[(2, 3), (4, 5)], [(2, 4), (3, 5)]]  # 1 sits out twice, the best for the score
    assert avoidable_sit_outs(instance, unfair) == 1
    repaired = repair_rotation(instance, unfair)
    assert repaired[0] == unfair[0]  # nobody had sat out before round 0: nothing to repair
    seated = [p for t in repaired[1] for p in t]
    assert 1 in seated and len(seated) == len(set(seated)) == 4
    met = [key(*t) for r in repaired for t in r]
    assert len(met) == len(set(met))  # no pair twice
    assert avoidable_sit_outs(instance, repaired) == 0


def test_repair_leaves_a_forced_sit_out_and_fixed_rounds_alone():
    # 1 may only meet 2, and meets 2 in round 1 anyway: sitting out in round 0 is not avoidable
    excluded = frozenset(key(1, x) for x in (3, 4, 5))
    instance = RoundsInstance(
        people=(1, 2, 3, 4, 5), scores=SCORES, rounds=3, excluded=excluded,
        fixed=(((2, 3), (4, 5)),),
    )  # fmt: skip
    schedule = [[(2, 3), (4, 5)], [(1, 2), (3, 4)], [(2, 4), (3, 5)]]
    assert avoidable_sit_outs(instance, schedule) == 0
    assert repair_rotation(instance, schedule) == schedule
