"""Every calendar of the scheduled demo event, read by four parsers, and a real calendar client."""

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, Meeting
from matchmaker.services.demo import seed_demo
from matchmaker.services.runs import accept_run, create_run, execute_run
from tests.views.test_agenda import parse_everywhere

SYSTEM_PYTHON = "/usr/bin/python3"
LIBICAL_CHECK = """
import pathlib, sys
import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib
events, bad = 0, []
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.ics")):
    component = ICalGLib.Component.new_from_string(path.read_text(encoding="utf-8"))
    # libical marks every problem it finds with an X-LIC-ERROR property
    if component is None or "X-LIC-ERROR" in component.as_ical_string():
        bad.append(path.name)
    else:
        events += component.count_components(ICalGLib.ComponentKind.VEVENT_COMPONENT)
print(events, *bad)
"""


def libical_available() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    probe = "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"
    return subprocess.run([SYSTEM_PYTHON, "-c", probe], capture_output=True).returncode == 0


def test_every_demo_calendar_passes_all_parsers(app, runner, tmp_path):
    seed_demo(participants=150, seed=2026)
    event = db.session.scalar(select(Event))
    run = create_run(event, time_limit=5, organiser_id=None)
    db.session.commit()
    execute_run(run.id)
    applied = accept_run(run)
    db.session.commit()
    assert applied.created > 250
    out = runner.invoke(args=["export-ical", "demo", str(tmp_path)])
    assert out.exit_code == 0, out.output
    files = sorted(tmp_path.glob("*.ics"))
    pairs = db.session.execute(select(Meeting.participant_a_id, Meeting.participant_b_id)).all()
    with_meetings = {p for pair in pairs for p in pair}
    assert sorted(int(f.stem) for f in files) == sorted(with_meetings)
    assert f"Wrote {len(files)} calendars" in out.output
    events = 0
    for path in files:
        parsed = parse_everywhere(path.read_bytes())
        events += sum(1 for e in parsed if "uid" in e)
    assert events == 2 * applied.created  # every meeting in both partners' calendars
    if not libical_available():
        pytest.skip("libical (Debian gir1.2-ical-3.0 + python3-gi) not installed: check skipped")
    checked = subprocess.run(
        [SYSTEM_PYTHON, "-c", LIBICAL_CHECK, str(tmp_path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.split() == [str(events)]


def test_libical_check_catches_a_broken_calendar(tmp_path):
    if not libical_available():
        pytest.skip("libical (Debian gir1.2-ical-3.0 + python3-gi) not installed: check skipped")
    broken = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:never\r\nEND:VEVENT\r\n"
    (tmp_path / "1.ics").write_text(broken + "END:VCALENDAR\r\n")
    checked = subprocess.run(
        [SYSTEM_PYTHON, "-c", LIBICAL_CHECK, str(tmp_path)], capture_output=True, text=True
    )
    assert checked.stdout.split() == ["0", "1.ics"]


def test_export_ical_unknown_event_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(args=["export-ical", "nope", str(tmp_path)])
    assert result.exit_code == 1 and "no event with the slug 'nope'" in result.output


KHAL_CONFIG = """[calendars]
[[agenda]]
path = {path}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
default_timezone = {zone}
local_timezone = {zone}
[default]
default_calendar = agenda
"""


def khal_lists(ics: bytes, day: str, zone: str, folder: Path) -> list[str]:
    """Import a calendar into a throwaway khal set-up and list one day, as a user would."""
    khal = shutil.which("khal") or str(Path(__file__).resolve().parents[2] / ".venv/bin/khal")
    (folder / "cal").mkdir()
    (folder / "config").write_text(KHAL_CONFIG.format(path=folder / "cal", zone=zone))
    (folder / "agenda.ics").write_bytes(ics)
    env = {"XDG_DATA_HOME": str(folder / "data"), "XDG_CONFIG_HOME": str(folder), "PATH": ""}
    base = [khal, "-c", str(folder / "config")]
    imported = subprocess.run(
        [*base, "import", "--batch", "-a", "agenda", str(folder / "agenda.ics")],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    listed = subprocess.run(
        [*base, "list", "--format", "{start-time}-{end-time} {title} [{status}]", day, "1d"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    return listed.stdout.strip().splitlines()[1:]  # the first line is the day's heading
