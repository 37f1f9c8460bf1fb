"""Command-line interface: thin commands that call a service and commit."""

from __future__ import annotations

import click
from flask import Flask, url_for
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, Organiser
from matchmaker.services.organisers import OrganiserError, create_organiser


def _event(slug: str) -> Event:
    event = db.session.scalar(select(Event).where(Event.slug == slug))
    if event is None:
        raise click.ClickException(f"no event with the slug {slug!r}")
    return event


def register_commands(app: Flask) -> None:
    """Attach the project's commands to ``flask``."""

    @app.cli.command("create-organiser")
    @click.argument("email")
    @click.option("--name", default="", help="Display name (default: the e-mail's local part).")
    @click.option("--admin", is_flag=True, help="May manage every event.")
    @click.password_option(help="Password (asked for when not given).")
    def create_organiser_command(email: str, name: str, admin: bool, password: str) -> None:
        """Create an organiser account."""
        try:
            organiser = create_organiser(
                email=email, name=name or email.split("@")[0], password=password, admin=admin
            )
        except OrganiserError as exc:
            raise click.ClickException(str(exc)) from exc
        db.session.commit()
        click.echo(f"Created organiser {organiser.email} ({organiser.role.value}).")

    @app.cli.command("seed-demo")
    @click.option("--participants", default=150, show_default=True, type=click.IntRange(2, 50000))
    @click.option("--seed", default=2026, show_default=True, type=int)
    @click.option("--slug", default="demo", show_default=True)
    @click.option("--if-empty", is_flag=True, help="Do nothing when the event exists already.")
    @click.option(
        "--rounds", is_flag=True, help="A speed-dating event in rounds instead of a B2B grid."
    )
    def seed_demo_command(
        participants: int, seed: int, slug: str, if_empty: bool, rounds: bool
    ) -> None:
        """Create the demo event: an international cooperation exchange of a cluster network."""
        from matchmaker.services.demo import (
            DEMO_ORGANISER,
            DEMO_PASSWORD,
            DemoError,
            seed_demo,
            seed_rounds_demo,
        )

        if if_empty and db.session.scalar(select(Event.id).where(Event.slug == slug)):
            click.echo(f"Event {slug!r} exists already; nothing to do.")
            if db.session.scalar(select(Organiser.id).where(Organiser.email == DEMO_ORGANISER)):
                click.echo(f"Organiser login: {DEMO_ORGANISER} / {DEMO_PASSWORD}")
            return
        try:
            seed_function = seed_rounds_demo if rounds else seed_demo
            result = seed_function(slug=slug, participants=participants, seed=seed)
        except DemoError as exc:
            raise click.ClickException(str(exc)) from exc
        db.session.commit()
        click.echo(
            f"Created event {slug!r}: {result.participants} participants from "
            f"{result.countries} countries, {result.requests} meeting requests, "
            f"{result.tables} tables, {result.booths} booths, {result.slots} slots."
        )
        click.echo(f"Organiser login: {result.organiser_email} / {DEMO_PASSWORD}")

    @app.cli.command("schedule")
    @click.argument("slug")
    @click.option("--time-limit", default=30.0, show_default=True, type=click.FloatRange(1, 3600))
    @click.option("--dry-run", is_flag=True, help="Solve and report, but keep the agenda.")
    @click.option(
        "--from-round",
        default=1,
        show_default=True,
        type=click.IntRange(1),
        help="Rounds events: keep the rounds before this one as they are.",
    )
    def schedule_command(slug: str, time_limit: float, dry_run: bool, from_round: int) -> None:
        """Build the event's agenda (requests grid or speed-dating rounds) with the optimiser."""
        from matchmaker.services.runs import RunError, accept_run, create_run, execute_run

        event = _event(slug)
        try:
            run = create_run(event, time_limit=time_limit, organiser_id=None, from_round=from_round)
        except RunError as exc:
            raise click.ClickException(str(exc)) from exc
        db.session.commit()
        execute_run(run.id)  # in this process: the command waits for the result anyway
        stats = run.statistics
        if stats.get("format") == "rounds":
            click.echo(
                f"Run {run.id}: {stats['status']}, rounds {stats['from_round']}-{stats['rounds']}, "
                f"{stats['placed']} pairs, score {stats['total']} of bound {stats['bound']} "
                f"({100 * stats['ratio']:.1f} %; a simple rotation: {stats['circle_total']}), "
                f"{stats['sitting_out']} sit-outs, {stats['seconds']:.1f} s."
            )
        else:
            click.echo(
                f"Run {run.id}: {stats.get('status', run.status)}, {stats.get('placed', 0)} of "
                f"{stats.get('candidates', 0)} requested meetings placed (weight "
                f"{stats.get('weight')}, bound {stats.get('bound')}), "
                f"{stats.get('breaks')} breaks, {stats.get('seconds', 0):.1f} s."
            )
        if run.status == "failed":
            raise click.ClickException(f"no agenda written: {run.error}")
        if dry_run:
            click.echo("Dry run: the agenda was not changed.")
            return
        try:
            applied = accept_run(run)
        except RunError as exc:
            raise click.ClickException(str(exc)) from exc
        db.session.commit()
        click.echo(
            f"Agenda written: {applied.created} new, {applied.moved} moved, "
            f"{applied.unchanged} unchanged, {applied.cancelled} cancelled."
        )

    @app.cli.command("mark-no-shows")
    @click.argument("slug")
    @click.option(
        "--minutes",
        type=click.IntRange(0, 240),
        default=None,
        help="Cut-off before a meeting (default: the event's setting).",
    )
    @click.option("--settle", is_flag=True, help="Also mark past meetings of present pairs held.")
    def mark_no_shows_command(slug: str, minutes: int | None, settle: bool) -> None:
        """Mark absent who has not checked in shortly before a meeting and offer standby
        meetings to their partners; on the event day, run it every few minutes."""
        from matchmaker.services.attendance import settle_meetings
        from matchmaker.services.mail import deliver_pending
        from matchmaker.services.noshow import mark_overdue_absent
        from matchmaker.services.standby import expire_offers

        event = _event(slug)
        cut_off = event.no_show_minutes if minutes is None else minutes
        people, offers = mark_overdue_absent(event, cut_off)
        held = settle_meetings(event) if settle else 0
        expire_offers(event)
        db.session.commit()
        if deliver_pending(event.id):
            db.session.commit()
        click.echo(
            f"Marked absent ({cut_off} min before a meeting): {len(people)}; standby offers: "
            f"{len(offers)}" + (f"; meetings marked held: {held}." if settle else ".")
        )

    @app.cli.command("simulate-event-day")
    @click.argument("slug")
    @click.option("--absent", default=0.15, show_default=True, type=click.FloatRange(0, 0.99))
    @click.option("--seed", default=2027, show_default=True, type=int)
    def simulate_event_day_command(slug: str, absent: float, seed: int) -> None:
        """Play an event day through on an event with an agenda (demonstrations, the figures)."""
        from matchmaker.services.simulation import SimulationError, simulate_event_day

        event = _event(slug)
        try:
            r = simulate_event_day(event, absent_share=absent, seed=seed)
        except SimulationError as exc:
            raise click.ClickException(str(exc)) from exc
        db.session.commit()
        click.echo(
            f"{r.checked_in} checked in, {r.absent} absent; {r.standby_offers} standby offers, "
            f"{r.standby_meetings} standby meetings; {r.held} meetings held; {r.feedback} "
            f"ratings, {r.cooperations} cooperations reported in the second round."
        )

    @app.cli.command("export-ical")
    @click.argument("slug")
    @click.argument("directory", type=click.Path(file_okay=False, writable=True))
    def export_ical_command(slug: str, directory: str) -> None:
        """Write one .ics file per participant with meetings (file name: participant id)."""
        from pathlib import Path

        from matchmaker.exports.ical import agenda_calendar
        from matchmaker.services.agenda import meetings_of
        from matchmaker.services.catalogue import confirmed_participants

        event = _event(slug)
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        # personal links cannot be rebuilt (only their hashes are stored): files link the event
        with app.test_request_context(base_url=app.config["PUBLIC_URL"]):
            url = url_for("public.show_event", slug=slug, _external=True)
            written = 0
            for person in confirmed_participants(event):
                meetings = meetings_of(person, with_cancelled=True)
                if meetings:
                    body = agenda_calendar(person, meetings, event_url=url)
                    (folder / f"{person.id}.ics").write_bytes(body)
                    written += 1
        click.echo(f"Wrote {written} calendars to {folder}.")

    @app.cli.command("import-participants")
    @click.argument("slug")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False))
    def import_participants_command(slug: str, file: str) -> None:
        """Import participants from a CSV or XLSX file: every row is checked, all or nothing."""
        from pathlib import Path

        from matchmaker.services.importing import FileProblem, check_rows, import_rows, read_table

        event = _event(slug)
        path = Path(file)
        try:
            rows = read_table(path.name, path.read_bytes())
        except FileProblem as exc:
            raise click.ClickException(f"{path.name}: {exc}") from exc
        errors = check_rows(event, rows)
        if errors:
            for error in errors:
                click.echo(f"row {error.row}, column {error.column}: {error.message}", err=True)
            raise click.ClickException(
                f"{len(errors)} problems in {len({e.row for e in errors})} of {len(rows)} rows; "
                "nothing was imported."
            )
        result = import_rows(event, rows)
        db.session.commit()
        click.echo(f"Imported {len(rows)} rows: {result.created} new, {result.updated} updated.")

    @app.cli.command("recommendations")
    @click.argument("slug")
    @click.option("--top", "top", default=5, show_default=True, type=click.IntRange(1, 100),
                  help="Partners per participant.")  # fmt: skip
    @click.option("--json", "as_json", is_flag=True, help="One JSON document instead of text.")
    def recommendations_command(slug: str, top: int, as_json: bool) -> None:
        """Print each confirmed participant's best partners with their scores."""
        import json

        from matchmaker.services.matching import all_recommendations, explain

        found = all_recommendations(_event(slug), top)
        if as_json:
            document = [
                {
                    "id": person.id,
                    "name": person.name,
                    "organisation": person.organisation,
                    "recommendations": [
                        {
                            "id": r.participant.id,
                            "name": r.participant.name,
                            "organisation": r.participant.organisation,
                            "score": r.score.value,
                            "reason": explain(r, "en"),
                        }
                        for r in recommendations
                    ],
                }
                for person, recommendations in found
            ]
            click.echo(json.dumps(document, ensure_ascii=False, indent=2))
            return
        for person, recommendations in found:
            click.echo(f"{person.name} ({person.organisation})")
            for r in recommendations:
                other = r.participant
                click.echo(f"  {r.score.value:5.1f}  {other.name} ({other.organisation})")
            if not recommendations:
                click.echo("  (no match)")

    @app.cli.command("export")
    @click.argument("slug")
    @click.argument("directory", type=click.Path(file_okay=False))
    @click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv",
                  show_default=True)  # fmt: skip
    def export_command(slug: str, directory: str, fmt: str) -> None:
        """Write the participants, requests and meetings as files, as the console exports them."""
        from pathlib import Path

        from matchmaker.exports.tables import TABLES, to_csv, to_xlsx

        event = _event(slug)
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        for what, table in TABLES.items():
            header, rows = table(event)
            body = to_csv(header, rows) if fmt == "csv" else to_xlsx(header, rows, what)
            path = folder / f"{slug}-{what}.{fmt}"
            path.write_bytes(body)
            click.echo(f"Wrote {len(rows)} {what} to {path}.")
