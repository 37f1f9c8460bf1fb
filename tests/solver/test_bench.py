import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from solver.bench import main
from solver.bound import weight_upper_bound
from solver.generate import generate
from solver.schema import Instance, Meeting, load_instance
from solver.validate import validate

ROOT = Path(__file__).resolve().parents[2]
INSTANCE = ROOT / ".." / "shared" / "benchmarks" / "b2b" / "tic-12.original.json"


def test_bench_cli_prints_json_lines_and_writes_valid_schedule(tmp_path):
    command = [
        sys.executable,
        "-m",
        "solver.bench",
        str(INSTANCE),
        "--time-limit",
        "10",
        "--workers",
        "2",
        "--baseline",
        "greedy",
        "--out",
        str(tmp_path),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["solver"] for line in lines] == ["cpsat", "greedy"]
    cpsat, greedy = lines
    assert cpsat["name"] == "tic-12.original"
    assert (cpsat["scheduled"], cpsat["total"], cpsat["breaks"]) == (125, 125, 0)
    assert cpsat["valid"] is True
    assert cpsat["optimal_reached"] is True
    assert cpsat["published_optimum_breaks"] == 0
    assert {"status", "weight", "bound", "seconds"} <= cpsat.keys()
    assert (greedy["scheduled"], greedy["valid"], greedy["optimal_reached"]) == (114, False, False)
    written = json.loads((tmp_path / "tic-12.original.json").read_text())
    assert written["name"] == "tic-12.original"
    report = validate(load_instance(INSTANCE), written["assignments"])
    assert report.feasible
    assert report.scheduled == 125


def test_bench_cli_solves_meeting_selection_as_the_app_does_with_the_weight_bound(tmp_path, capsys):
    # The exact model alone reported the bound of its own stages (breaks, or its scaled weight
    # objective: 51570 here) and far less weight (150 participants: 716 against 946 in 20 s).
    instance = generate(participants=40, slots=8, requests=5, seed=3)
    path = tmp_path / "select.json"
    path.write_text(json.dumps(instance.to_json()))
    assert main([str(path), "--time-limit", "6", "--workers", "2", "--baseline", "greedy"]) == 0
    ours, greedy = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert ours["valid"] is True
    assert greedy["weight"] <= ours["weight"] <= ours["bound"] <= weight_upper_bound(instance)
    assert ours["weight"] >= 0.95 * ours["bound"]


def test_bench_cli_says_which_files_it_cannot_read_and_solves_the_others(tmp_path, capsys):
    good = tmp_path / "good.json"
    triangle = Instance("good", 3, 3, 1, (Meeting(0, 1), Meeting(1, 2), Meeting(0, 2)))
    good.write_text(json.dumps(triangle.to_json()))
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps({**triangle.to_json(), "meetings": [[0, 5]], "weights": [1]}))
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    files = [tmp_path / "missing.json", outside, broken, good]
    assert main([*map(str, files), "--time-limit", "2", "--workers", "1"]) == 2
    out, err = capsys.readouterr()
    assert [json.loads(line)["name"] for line in out.splitlines()] == ["good"]
    assert "missing.json: No such file or directory" in err
    assert "outside.json: not an instance (meeting 0 (0-5) needs two different participants" in err
    assert "broken.json: not JSON" in err


def test_bench_cli_refuses_a_time_limit_or_workers_below_one(capsys):
    for option in (["--time-limit", "0"], ["--workers", "0"], ["--workers", "two"]):
        with pytest.raises(SystemExit) as stopped:
            main(["instance.json", *option])
        assert stopped.value.code == 2
        assert "expected a number above 0" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"fixed": {"5": 1}}, "fixed: meeting 5 does not exist"),
        ({"locked": {"7": [0, 0]}}, "locked: meeting 7 does not exist"),
        ({"previous": {"3": [0, 0]}}, "previous: meeting 3 does not exist"),
        ({"precedences": {"0": [9]}}, "precedences: meeting 9 does not exist"),
        ({"max_meetings": {"8": 1}}, "max_meetings: participant 8 does not exist"),
        ({"forbidden": {"9": [1]}}, "forbidden: participant 9 does not exist"),
        ({"booths": {"4": 0}}, "booths: participant 4 does not exist"),
        ({"fairness": -1}, "fairness -1 is negative"),
        ({"meetings": [[0]]}, "meeting 0: expected [a, b] or [a, b, session], got [0]"),
        ({"morning_slots": 9}, "session 0..9 is not a range of slots 0..3"),
        ({"weights": [1]}, "1 weights for 2 meetings"),
        ({"meetings": [[0, 5, "any"]]}, "meeting 0 (0-5) needs two different participants of 0..2"),
    ],
)
def test_instances_naming_what_does_not_exist_are_input_errors(change, message):
    # Found by feeding such files to the CLI: a KeyError or IndexError deep in the solver, or a
    # negative fairness bound answered "optimal" with an invalid schedule.
    data = {"name": "t", "participants": 3, "slots": 3, "tables": 1, "meetings": [[0, 1], [1, 2]]}
    with pytest.raises(ValueError, match=re.escape(message)):
        Instance.from_json({**data, **change})
