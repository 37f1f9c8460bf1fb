"""Command-line interface: thin commands that call a service and commit."""

from __future__ import annotations

import click
from flask import Flask, url_for
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, Organiser
from matchmaker.services.organisers import OrganiserError, create_organiser


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

        event = db.session.scalar(select(Event).where(Event.slug == slug))
        if event is None:
            raise click.ClickException(f"no event with the slug {slug!r}")
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

        event = db.session.scalar(select(Event).where(Event.slug == slug))
        if event is None:
            raise click.ClickException(f"no event with the slug {slug!r}")
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

    @app.cli.command("export-ical")
    @click.argument("slug")
    @click.argument("directory", type=click.Path(file_okay=False, writable=True))
    def export_ical_command(slug: str, directory: str) -> None:
        """Write one .ics file per participant with meetings (file name: participant id)."""
        from pathlib import Path

        from matchmaker.exports.ical import agenda_calendar
        from matchmaker.services.agenda import meetings_of
        from matchmaker.services.catalogue import confirmed_participants

        event = db.session.scalar(select(Event).where(Event.slug == slug))
        if event is None:
            raise click.ClickException(f"no event with the slug {slug!r}")
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        # personal links cannot be rebuilt (only their hashes are stored): files link the event
        with app.test_request_context(base_url=app.config["PUBLIC_URL"]):
            url = url_for("public.show_event", slug=slug, _external=True)
            written = 0
            for person in confirmed_participants(event):
                meetings = meetings_of(person, with_cancelled=True)
                if meetings:
                    body = agenda_calendar(person, meetings, agenda_url=url)
                    (folder / f"{person.id}.ics").write_bytes(body)
                    written += 1
        click.echo(f"Wrote {written} calendars to {folder}.")
