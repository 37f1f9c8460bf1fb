import json

from solver.generate import MUST_MEET, WOULD_LIKE, generate, main, merge_requests, split_sessions
from solver.schema import Session, load_instance


def test_generate_same_seed_gives_same_instance():
    assert generate(120, 12, seed=7).to_json() == generate(120, 12, seed=7).to_json()


def test_generate_other_seed_gives_other_meetings():
    assert generate(120, 12, seed=7).meetings != generate(120, 12, seed=8).meetings


def test_generate_is_select_mode_without_self_meetings_or_duplicate_pairs():
    instance = generate(300, 16, seed=1)
    pairs = [frozenset((m.a, m.b)) for m in instance.meetings]
    assert instance.select is True
    assert all(m.a != m.b for m in instance.meetings)
    assert len(set(pairs)) == len(pairs)
    assert all(0 <= m.a < 300 and 0 <= m.b < 300 for m in instance.meetings)


def test_generate_forbids_whole_sessions_of_session_restricted_participants_only():
    instance = generate(300, 16, sessions=4, seed=2)
    mornings = frozenset(range(0, 4)) | frozenset(range(8, 12))
    afternoons = frozenset(range(4, 8)) | frozenset(range(12, 16))
    assert instance.sessions == (Session(0, 4), Session(4, 8), Session(8, 12), Session(12, 16))
    assert set(instance.forbidden.values()) == {mornings, afternoons}
    assert 0 < len(instance.forbidden) < 300


def test_generate_one_session_forbids_nothing():
    assert dict(generate(100, 8, sessions=1, seed=3).forbidden) == {}


def test_generate_every_meeting_has_an_allowed_slot():
    instance = generate(300, 16, seed=4)
    assert all(instance.allowed_slots(m) for m in range(len(instance.meetings)))
    assert any(m.session is not None for m in instance.meetings)


def test_generate_weights_are_documented_priorities():
    weights = {m.weight for m in generate(1000, 16, seed=5).meetings}
    assert weights == {WOULD_LIKE, MUST_MEET, MUST_MEET + 2}


def test_generate_skews_popularity():
    instance = generate(1000, 16, requests=8, seed=6)
    degree = [0] * 1000
    for m in instance.meetings:
        degree[m.a] += 1
        degree[m.b] += 1
    # Without a skew degrees would stay near 2 x 8; popular participants get many more requests.
    assert max(degree) > 5 * 16


def test_generate_caps_some_participants_between_quarter_and_half_the_slots():
    instance = generate(400, 16, seed=9)
    assert 0 < len(instance.max_meetings) < 400
    assert set(instance.max_meetings.values()) <= set(range(4, 9))


def test_generate_keeps_explicit_tables():
    assert generate(50, 8, tables=7, seed=1).tables == 7


def test_merge_requests_mutual_request_gets_max_priority_plus_bonus():
    sent = {(0, 1): MUST_MEET, (1, 0): WOULD_LIKE, (2, 0): WOULD_LIKE, (3, 4): WOULD_LIKE}
    sent[(4, 3)] = WOULD_LIKE
    assert merge_requests(sent) == {(0, 1): 5, (0, 2): 1, (3, 4): 3}


def test_split_sessions_spreads_remainder_over_last_sessions():
    assert split_sessions(10, 3) == (Session(0, 3), Session(3, 6), Session(6, 10))


def test_generate_cli_writes_loadable_instance(tmp_path):
    out = tmp_path / "g.json"
    main(["--participants", "40", "--slots", "8", "--seed", "3", "--out", str(out)])
    expected = generate(40, 8, seed=3).to_json()
    assert json.loads(out.read_text()) == expected
    assert load_instance(out).to_json() == expected
