"""Command-line interface: thin commands that call a service and commit."""

from __future__ import annotations

import click
from flask import Flask
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
    def seed_demo_command(participants: int, seed: int, slug: str, if_empty: bool) -> None:
        """Create the demo event: an international cooperation exchange of a cluster network."""
        from matchmaker.services.demo import DEMO_ORGANISER, DEMO_PASSWORD, DemoError, seed_demo

        if if_empty and db.session.scalar(select(Event.id).where(Event.slug == slug)):
            click.echo(f"Event {slug!r} exists already; nothing to do.")
            if db.session.scalar(select(Organiser.id).where(Organiser.email == DEMO_ORGANISER)):
                click.echo(f"Organiser login: {DEMO_ORGANISER} / {DEMO_PASSWORD}")
            return
        try:
            result = seed_demo(slug=slug, participants=participants, seed=seed)
        except DemoError as exc:
            raise click.ClickException(str(exc)) from exc
        db.session.commit()
        click.echo(
            f"Created event {slug!r}: {result.participants} participants from "
            f"{result.countries} countries, {result.requests} meeting requests, "
            f"{result.tables} tables, {result.booths} booths, {result.slots} slots."
        )
        click.echo(f"Organiser login: {result.organiser_email} / {DEMO_PASSWORD}")
