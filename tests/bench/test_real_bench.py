import json

from bench.real import main, run, table
from solver.schema import Instance, Meeting


def write_instance(folder, name="tiny", optimum=1):
    # a triangle over three slots: whoever meets first and last waits once, so 1 break
    instance = Instance(
        name=name,
        participants=3,
        slots=3,
        tables=1,
        meetings=(Meeting(0, 1), Meeting(1, 2), Meeting(0, 2)),
        fairness=2,
        published_optimum_breaks=optimum,
    )
    (folder / f"{name}.json").write_text(json.dumps(instance.to_json()))


def test_real_bench_runs_solver_and_greedy_per_instance(tmp_path, capsys):
    write_instance(tmp_path)
    rows = run(tmp_path, time_limit=5, workers=1)
    ours, greedy = rows[0]
    assert (ours["solver"], greedy["solver"]) == ("cpsat", "greedy")
    assert ours["scheduled"] == 3 and ours["breaks"] == 1 and ours["optimal_reached"] is True
    summary = table(rows, 5).splitlines()[-1]
    assert summary.startswith("published optimum reached on 1/1, all valid: True")


def test_real_bench_exit_code_says_whether_all_optima_were_reached(tmp_path, capsys):
    write_instance(tmp_path)
    assert main([str(tmp_path), "--time-limit", "5", "--workers", "1"]) == 0
    write_instance(tmp_path, name="wrong", optimum=0)  # claims an optimum nobody reaches
    assert main([str(tmp_path), "--time-limit", "5", "--workers", "1"]) == 1
