"""The team records who completed the training to lifecoach; the report counts them."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import active_users_with_roles, db, local_today, requires

from .forms import TrainingCompletedForm
from .models import LifecoachTraining


def _page(status: int = 200, sent: tuple[int, TrainingCompletedForm] | None = None):
    people = active_users_with_roles({"lifecoach"})
    trained = {
        t.user_id: t
        for t in db.session.scalars(
            db.select(LifecoachTraining).where(
                LifecoachTraining.user_id.in_([p.id for p in people])
            )
        )
    }
    forms = {}
    for person in people:
        if person.id in trained:
            continue
        form = TrainingCompletedForm(prefix=f"p{person.id}", formdata=None)
        form.completed_on.data = local_today()
        forms[person.id] = form
    if sent is not None:
        forms[sent[0]] = sent[1]
    return render_template(
        "passendwerk/lifecoaches.html", people=people, trained=trained, forms=forms
    ), status


@requires("passendwerk.manage")
def lifecoaches():
    return _page()


@requires("passendwerk.manage")
def record_training(user_id: int):
    person = next((p for p in active_users_with_roles({"lifecoach"}) if p.id == user_id), None)
    if person is None:
        flash(_("Deze persoon is geen lifecoach (meer)."), "error")
        return redirect(url_for(".lifecoaches"), code=303)
    form = TrainingCompletedForm(prefix=f"p{user_id}")
    if not form.validate_on_submit():
        return _page(400, (user_id, form))
    training = db.session.get(LifecoachTraining, user_id) or LifecoachTraining(user_id=user_id)
    training.completed_on, training.recorded_by_id = form.completed_on.data, current_user.id
    db.session.add(training)
    db.session.commit()
    flash(_("De training is vastgelegd."), "success")
    return redirect(url_for(".lifecoaches"), code=303)


@requires("passendwerk.manage")
def undo_training(user_id: int):
    training = db.get_or_404(LifecoachTraining, user_id)
    db.session.delete(training)
    db.session.commit()
    flash(_("De training is weer weggehaald."), "success")
    return redirect(url_for(".lifecoaches"), code=303)
