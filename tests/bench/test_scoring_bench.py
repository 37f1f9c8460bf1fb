from bench.scoring import main, profiles_from_population, run
from matchmaker.demo.population import generate_population


def test_profiles_from_population_keeps_items_and_languages():
    people = generate_population(30, 5).participants
    profiles = profiles_from_population(people)
    assert [p.id for p in profiles] == list(range(30))
    assert [len(p.offers) for p in profiles] == [len(p.offers) for p in people]
    assert [len(p.needs) for p in profiles] == [len(p.needs) for p in people]
    assert profiles[3].languages == frozenset(people[3].languages)
    assert profiles[3].offers[0].title == people[3].offers[0].title


def test_scoring_bench_run_counts_pairs():
    figures = run(participants=60, seed=2026, k=5)
    assert figures["participants"] == 60
    assert figures["pairs"] == 60 * 59 // 2
    assert 0 < figures["scored_pairs"] <= figures["pairs"]
    assert 0 < figures["with_k_recommendations"] <= 60


def test_scoring_bench_cli_prints_json_and_summary(capsys):
    assert main(["--participants", "40", "-k", "3"]) == 0
    first, summary = capsys.readouterr().out.splitlines()
    assert first.startswith('{"participants": 40')
    assert summary.startswith("scoring: 40 participants, 780 pairs")
