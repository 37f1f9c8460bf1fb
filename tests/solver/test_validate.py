from solver.schema import Instance, Meeting, Session
from solver.validate import participant_breaks, validate


def tiny(**kwargs) -> Instance:
    base = dict(
        name="tiny",
        participants=4,
        slots=4,
        tables=2,
        meetings=(Meeting(0, 1), Meeting(0, 2), Meeting(0, 3), Meeting(1, 2)),
    )
    base.update(kwargs)
    return Instance(**base)


def test_participant_breaks_counts_maximal_idle_runs_between_meetings():
    assert participant_breaks([]) == 0
    assert participant_breaks([3]) == 0
    assert participant_breaks([0, 1, 2]) == 0
    assert participant_breaks([0, 5]) == 1
    assert participant_breaks([0, 2, 3, 6]) == 2
    assert participant_breaks([6, 0, 2, 3]) == 2


def test_validate_hand_computed_breaks_idle_and_table_changes():
    rows = [(0, 0, 0), (1, 2, 0), (2, 3, 1), (3, 1, 1)]
    report = validate(tiny(), rows)
    # p0 meets in slots 0, 2, 3 at tables 0, 0, 1: one break, one table change.
    # p1 in 0, 1 at tables 0, 1 and p2 in 1, 2 at tables 1, 0: no break, one change each.
    assert report.violations == ()
    assert report.breaks_per_participant == (1, 0, 0, 0)
    assert report.breaks == 1
    assert report.idle_slots == 1
    assert report.meetings_per_participant == (3, 2, 2, 1)
    assert report.table_changes == 3


def test_validate_flags_participant_in_two_meetings_of_one_slot():
    report = validate(tiny(), [(0, 0, 0), (1, 0, 1), (2, 1, 0), (3, 2, 0)])
    assert "participant 0 has meetings 0 and 1 in slot 0" in report.violations


def test_validate_flags_table_used_twice_and_overfull_slot():
    instance = tiny(tables=1, meetings=(Meeting(0, 1), Meeting(2, 3)))
    report = validate(instance, [(0, 0, 0), (1, 0, 0)])
    assert "table 0 has meetings 0 and 1 in slot 0" in report.violations
    assert "slot 0 has 2 meetings for 1 tables" in report.violations


def test_validate_flags_unscheduled_meeting_in_non_select_mode_only():
    assert (
        "meeting 3 (1-2) must be scheduled but is not"
        in validate(tiny(), [(0, 0, 0), (1, 1, 0), (2, 2, 0)]).violations
    )
    assert validate(tiny(select=True), [(0, 0, 0)]).violations == ()


def test_validate_flags_forbidden_slot_fixed_locked_and_precedence():
    instance = tiny(
        forbidden={3: frozenset({2})},
        fixed={0: 1},
        locked={3: (3, 1)},
        precedences={1: (2,)},
    )
    report = validate(instance, [(0, 0, 0), (1, 1, 0), (2, 2, 0), (3, 3, 0)])
    assert "meeting 2 is in slot 2, not allowed (session/availability)" in report.violations
    assert "meeting 0 is fixed to slot 1, placed in 0" in report.violations
    assert "meeting 3 is locked to slot 3 table 1" in report.violations
    assert "meeting 2 must come before meeting 1" in report.violations


def test_validate_flags_session_max_meetings_pairs_booths_and_fairness():
    instance = Instance(
        name="rules",
        participants=5,
        slots=6,
        tables=3,
        sessions=(Session(0, 3), Session(3, 6)),
        meetings=(Meeting(0, 1, session=1), Meeting(1, 0), Meeting(2, 3), Meeting(0, 4)),
        max_meetings={0: 2},
        booths={4: 2},
        fairness=0,
    )
    report = validate(instance, [(0, 0, 0), (1, 1, 0), (2, 2, 2), (3, 5, 0)])
    assert "meeting 0 is in slot 0, not allowed (session/availability)" in report.violations
    assert "participant 0 has 3 meetings, at most 2 allowed" in report.violations
    assert "meeting 2 uses the booth of participant 4" in report.violations
    assert "meeting 3 is not at the booth of participant 4" in report.violations
    assert "breaks differ by 1, fairness allows 0" in report.violations


def test_validate_counts_changes_against_previous_schedule():
    instance = tiny(previous={0: (0, 0), 1: (2, 0), 2: (3, 1), 3: (0, 1)})
    assert validate(instance, [(0, 0, 0), (1, 2, 0), (2, 3, 1), (3, 0, 1)]).changes == 0
    # meeting 2 moves table, meeting 3 moves slot
    assert validate(instance, [(0, 0, 0), (1, 2, 0), (2, 3, 0), (3, 1, 1)]).changes == 2


def test_validate_repeated_pair_allowed_only_when_required():
    meetings = (Meeting(0, 1), Meeting(1, 0))
    listed_twice = Instance("twice", participants=2, slots=2, tables=1, meetings=meetings)
    assert validate(listed_twice, [(0, 0, 0), (1, 1, 0)]).violations == ()
    chosen = Instance("chosen", participants=2, slots=2, tables=1, meetings=meetings, select=True)
    assert validate(chosen, [(0, 0, 0), (1, 1, 0)]).violations == (
        "participants 0 and 1 meet 2 times ([0, 1])",
    )
    assert validate(chosen, [(1, 1, 0)]).violations == ()
