"""The set-up page's areas of activity and actor-type mix weights."""

from __future__ import annotations

from flask import Blueprint, abort, flash
from flask_babel import gettext
from flask_login import login_required

from matchmaker import select_locale
from matchmaker.extensions import db
from matchmaker.forms.requests import ActionForm
from matchmaker.forms.setup import ActorMixForm, CategoryDeleteForm, CategoryForm
from matchmaker.models import Category
from matchmaker.services.setup import SetupError
from matchmaker.services.taxonomy import (
    add_category,
    delete_category,
    move_category,
    update_category,
)
from matchmaker.services.weights import remove_actor_mix, set_actor_mix
from matchmaker.views.access import ID, event_row_or_404
from matchmaker.views.organiser import managed_event_or_404
from matchmaker.views.setup import back_to, refuse, setup_page

bp = Blueprint("taxonomy", __name__, url_prefix="/organiser")


@bp.post("/events/<slug>/categories")
@login_required
def add(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = CategoryForm(prefix="new-category")
    if form.validate_on_submit():
        try:
            category = add_category(event, form.key.data, form.name_en.data, form.name_de.data)
        except SetupError as exc:
            db.session.rollback()
            refuse(form, exc, "key")
        else:
            db.session.commit()
            flash(gettext("Area %(name)s added.", name=category.name(select_locale())))
            return back_to(slug, "areas")
    return setup_page(event, 422, category_form=form)


@bp.post(f"/events/<slug>/categories/<{ID}:category_id>")
@login_required
def update(slug: str, category_id: int):  # noqa: ANN201
    event = managed_event_or_404(slug)
    event_row_or_404(Category, category_id, event)
    form = CategoryForm(prefix=f"c{category_id}")
    if form.validate_on_submit():
        try:
            update_category(event, category_id, form.key.data, form.name_en.data,
                            form.name_de.data)  # fmt: skip
        except SetupError as exc:
            db.session.rollback()
            refuse(form, exc, "key")
        else:
            db.session.commit()
            flash(gettext("Saved."))
            return back_to(slug, "areas")
    return setup_page(event, 422, category_rows={category_id: form})


@bp.post(f"/events/<slug>/categories/<{ID}:category_id>/<any(up, down):direction>")
@login_required
def move(slug: str, category_id: int, direction: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    event_row_or_404(Category, category_id, event)
    if not ActionForm().validate_on_submit():
        abort(400)
    move_category(event, category_id, -1 if direction == "up" else 1)
    db.session.commit()
    return back_to(slug, "areas")


@bp.post(f"/events/<slug>/categories/<{ID}:category_id>/delete")
@login_required
def delete(slug: str, category_id: int):  # noqa: ANN201
    event = managed_event_or_404(slug)
    category = event_row_or_404(Category, category_id, event)
    others = [c for c in event.categories if c.id != category_id]
    form = CategoryDeleteForm(prefix=f"d{category_id}", categories=others, locale=select_locale())
    if not form.validate_on_submit():
        return setup_page(event, 422, category_deletes={category_id: form})
    name = category.name(select_locale())
    try:
        moved = delete_category(event, category_id, form.move_to.data)
    except SetupError as exc:
        db.session.rollback()
        refuse(form, exc, "move_to")
        return setup_page(event, 422, category_deletes={category_id: form})
    db.session.commit()
    if moved:
        flash(gettext("Area %(name)s deleted; %(n)d offers and needs moved.", name=name, n=moved))
    else:
        flash(gettext("Area %(name)s deleted.", name=name))
    return back_to(slug, "areas")


@bp.post("/events/<slug>/mixes")
@login_required
def save_mix(slug: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    form = ActorMixForm(prefix="mix")
    if form.validate_on_submit():
        try:
            set_actor_mix(event, form.type_a.data, form.type_b.data, form.points.data)
        except SetupError as exc:
            db.session.rollback()
            refuse(form, exc, "points")
        else:
            db.session.commit()
            flash(gettext("Saved."))
            return back_to(slug, "weights")
    return setup_page(event, 422, mix_form=form)


@bp.post("/events/<slug>/mixes/<type_a>/<type_b>/delete")
@login_required
def delete_mix(slug: str, type_a: str, type_b: str):  # noqa: ANN201
    event = managed_event_or_404(slug)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        remove_actor_mix(event, type_a, type_b)
    except SetupError as exc:
        flash(str(exc), "error")
    else:
        db.session.commit()
    return back_to(slug, "weights")
