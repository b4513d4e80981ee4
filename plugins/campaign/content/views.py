"""Pages of the communication calendar: items, their review, channels, consent, month view."""

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from core.api import (
    WorkflowInstance,
    build_panel,
    db,
    engine_of,
    local_today,
    lock_row,
    page_number,
    requires,
    user_can,
)

from . import rules
from .forms import ChannelForm, CommentForm, ConsentForm, ItemForm
from .models import CHANNELS, KINDS, ContentChannel, ContentComment, ContentItem, LifeStoryConsent

PER_PAGE = 50
MIN_YEAR, MAX_YEAR = 2000, 2100


def _item_or_404(item_id: int) -> ContentItem:
    return db.get_or_404(ContentItem, item_id)


def _editable_or_403(item: ContentItem) -> None:
    if not rules.may_edit(item, current_user):
        abort(403, description=_("Alleen de schrijver of de redactie kan dit stuk wijzigen."))


def _back(item: ContentItem, anchor: str = ""):
    return redirect(url_for(".content_item", item_id=item.id) + anchor, code=303)


@requires("campaign.content")
def content_index():
    states = engine_of().latest(rules.WORKFLOW).states
    chosen = request.args.get("state")
    page = page_number()
    query = db.select(ContentItem).order_by(ContentItem.created_at.desc(), ContentItem.id.desc())
    if chosen in {s.name for s in states}:
        query = query.join(
            WorkflowInstance,
            (WorkflowInstance.subject_id == ContentItem.id)
            & (WorkflowInstance.subject_type == ContentItem.__tablename__)
            & (WorkflowInstance.workflow_key == rules.WORKFLOW),
        ).where(WorkflowInstance.state == chosen)
    else:
        chosen = None
    items = db.session.scalars(query.limit(PER_PAGE + 1).offset((page - 1) * PER_PAGE)).all()
    return render_template(
        "campaign/content/index.html",
        items=items[:PER_PAGE],
        more=len(items) > PER_PAGE,
        page=page,
        states=states,
        chosen=chosen,
        item_states=rules.states_of(items),
        labels={s.name: s.label for s in states},
    )


@requires("campaign.content")
def new_content_item():
    form = ItemForm()
    if form.validate_on_submit():
        item = ContentItem(author_id=current_user.id)
        form.populate_obj(item)
        item.body = (item.body or "").strip()
        db.session.add(item)
        db.session.flush()
        engine_of().start(rules.WORKFLOW, item, title=f"Stuk {item.id}", actor=current_user)
        db.session.commit()
        flash(_("Het idee is opgeslagen."), "success")
        return _back(item)
    status = 400 if form.is_submitted() else 200
    return render_template("campaign/content/item_form.html", form=form, item=None), status


@requires("campaign.content")
def content_item(item_id: int):
    return _item_page(_item_or_404(item_id))


def _item_page(item: ContentItem, sent: dict | None = None, status: int = 200):
    """The piece's page; `sent` holds a form that came back with errors, shown as typed."""
    sent = sent or {}
    instance = rules.instance_of(item)
    state = instance.state
    editable = rules.may_edit(item, current_user)
    return render_template(
        "campaign/content/item.html",
        item=item,
        state=state,
        state_label=engine_of().declaration(instance).state(state).label,
        editable=editable,
        text_editable=editable and state in rules.TEXT_EDITABLE,
        channel_form=sent.get("channel")
        or (ChannelForm() if editable and state in rules.CHANNELS_EDITABLE else None),
        approvals=rules.approvers(item),
        approvals_needed=rules.APPROVALS_NEEDED,
        approval_refusal=rules.approval_refusal(item, state, current_user),
        in_review=state == "redactie",
        may_review=user_can(current_user, "campaign.editorial"),
        comments=db.session.scalars(
            db.select(ContentComment)
            .where(ContentComment.item_id == item.id)
            .order_by(ContentComment.id)
        ).all(),
        comment_form=sent.get("comment") or (CommentForm() if state != "ingetrokken" else None),
        consents=rules.consents(item) if item.is_life_story else [],
        active_consent=rules.active_consent(item) if item.is_life_story else None,
        panel=build_panel(instance, current_user),
    ), status


@requires("campaign.content")
def edit_content_item(item_id: int):
    item = _item_or_404(item_id)
    _editable_or_403(item)
    if rules.instance_of(item).state not in rules.TEXT_EDITABLE:
        abort(403, description=_("De tekst ligt vast zodra het stuk bij de redactie is."))
    form = ItemForm(obj=item)
    if form.validate_on_submit():
        form.populate_obj(item)
        item.body = (item.body or "").strip()
        db.session.commit()
        flash(_("Het stuk is opgeslagen."), "success")
        return _back(item)
    status = 400 if form.is_submitted() else 200
    return render_template("campaign/content/item_form.html", form=form, item=item), status


@requires("campaign.content")
def set_channel(item_id: int):
    item = _item_or_404(item_id)
    _editable_or_403(item)
    state = rules.instance_of(item).state
    if state not in rules.CHANNELS_EDITABLE:
        abort(403, description=_("Kanalen en data liggen vast zodra het stuk is gepubliceerd."))
    form = ChannelForm()
    if not form.validate_on_submit():
        return _item_page(item, {"channel": form}, 400)
    row = next((c for c in item.channels if c.channel == form.channel.data), None)
    if row is None:
        row = ContentChannel(channel=form.channel.data)
        item.channels.append(row)
    if (
        state == "ingepland"
        and form.planned_on.data is None
        and not any(c.planned_on for c in item.channels if c is not row)
    ):
        db.session.rollback()
        flash(_("Een ingepland stuk houdt minstens één kanaal met een datum."), "error")
        return _back(item, "#kanalen")
    row.planned_on = form.planned_on.data
    db.session.commit()
    flash(_("Het kanaal is opgeslagen."), "success")
    return _back(item, "#kanalen")


@requires("campaign.content")
def remove_channel(item_id: int, channel_id: int):
    item = _item_or_404(item_id)
    _editable_or_403(item)
    state = rules.instance_of(item).state
    row = next((c for c in item.channels if c.id == channel_id), None)
    if row is None:
        abort(404)
    if state not in rules.CHANNELS_EDITABLE:
        abort(403, description=_("Kanalen en data liggen vast zodra het stuk is gepubliceerd."))
    if state == "ingepland" and not any(c.planned_on for c in item.channels if c is not row):
        flash(_("Een ingepland stuk houdt minstens één kanaal met een datum."), "error")
        return _back(item, "#kanalen")
    item.channels.remove(row)
    db.session.commit()
    flash(_("Het kanaal is weggehaald."), "success")
    return _back(item, "#kanalen")


@requires("campaign.content")
def add_content_comment(item_id: int):
    item = _item_or_404(item_id)
    if rules.instance_of(item).state == "ingetrokken":
        abort(403, description=_("Bij een ingetrokken stuk kunt u niet meer reageren."))
    form = CommentForm()
    if not form.validate_on_submit():
        return _item_page(item, {"comment": form}, 400)
    db.session.add(
        ContentComment(
            item_id=item.id,
            author_id=current_user.id,
            body=form.body.data.strip(),
            review_round=item.review_round,
        )
    )
    db.session.commit()
    flash(_("Uw opmerking is opgeslagen."), "success")
    return _back(item, "#opmerkingen")


@requires("campaign.editorial")
def approve_content_item(item_id: int):
    item = _item_or_404(item_id)
    instance = rules.instance_of(item)
    # Serialises approving with a step on the same item (a request for changes), so an
    # approval never lands in a round that has just ended.
    lock_row(WorkflowInstance, instance.id)
    db.session.refresh(instance)
    db.session.refresh(item)
    if reason := rules.approval_refusal(item, instance.state, current_user):
        db.session.rollback()
        abort(403, description=reason)
    rules.approve(item, current_user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        flash(_("U hebt dit stuk in deze ronde al goedgekeurd."), "error")
        return _back(item, "#redactie")
    flash(_("Uw goedkeuring is vastgelegd."), "success")
    return _back(item, "#redactie")


# ------------------------------------------------------------------ consent


def _life_story_or_404(item_id: int) -> ContentItem:
    item = _item_or_404(item_id)
    if not item.is_life_story:
        abort(404)
    return item


@requires("campaign.content")
def record_consent(item_id: int):
    item = _life_story_or_404(item_id)
    _editable_or_403(item)
    form = ConsentForm()
    if form.validate_on_submit():
        consent = LifeStoryConsent(item_id=item.id, recorded_by_id=current_user.id)
        form.populate_obj(consent)
        consent.person_name = consent.person_name.strip()
        consent.covers = consent.covers.strip()
        db.session.add(consent)
        db.session.commit()
        flash(_("De toestemming is vastgelegd."), "success")
        return _back(item, "#toestemming")
    status = 400 if form.is_submitted() else 200
    return render_template("campaign/content/consent_form.html", form=form, item=item), status


@requires("campaign.content")
def revoke_consent(consent_id: int):
    consent = db.get_or_404(LifeStoryConsent, consent_id)
    item = _item_or_404(consent.item_id)
    _editable_or_403(item)
    if consent.revoked_on is None:
        rules.revoke(consent, current_user, local_today())
        db.session.commit()
    flash(
        _("De toestemming is ingetrokken. Het verhaal staat niet meer op openbare pagina's."),
        "success",
    )
    return _back(item, "#toestemming")


# ------------------------------------------------------------------ month view


def _month_arg() -> date:
    raw = request.args.get("month", "")
    try:
        year, month = (int(part) for part in raw.split("-"))
        # Within these years the month before and after exist as dates too.
        if MIN_YEAR <= year <= MAX_YEAR:
            return date(year, month, 1)
    except ValueError:
        pass
    return local_today().replace(day=1)


@requires("campaign.content")
def content_calendar():
    channel = request.args.get("channel")
    if channel not in CHANNELS:
        channel = "website"
    first, following = rules.month_bounds(_month_arg())
    rows = rules.month_rows(channel, first)
    previous = rules.month_bounds(date.fromordinal(first.toordinal() - 1))[0]
    return render_template(
        "campaign/content/calendar.html",
        channel=channel,
        channels=CHANNELS,
        first=first,
        previous=previous,
        following=following,
        rows=rows,
        item_states=rules.states_of([r.item for r in rows]),
        labels={s.name: s.label for s in engine_of().latest(rules.WORKFLOW).states},
        kinds=KINDS,
    )


ROUTES = [
    ("/content/", content_index, ["GET"]),
    ("/content/new", new_content_item, ["GET", "POST"]),
    ("/content/calendar", content_calendar, ["GET"]),
    ("/content/<int:item_id>", content_item, ["GET"]),
    ("/content/<int:item_id>/edit", edit_content_item, ["GET", "POST"]),
    ("/content/<int:item_id>/channels", set_channel, ["POST"]),
    ("/content/<int:item_id>/channels/<int:channel_id>/remove", remove_channel, ["POST"]),
    ("/content/<int:item_id>/comments", add_content_comment, ["POST"]),
    ("/content/<int:item_id>/approve", approve_content_item, ["POST"]),
    ("/content/<int:item_id>/consent", record_consent, ["GET", "POST"]),
    ("/content/consent/<int:consent_id>/revoke", revoke_consent, ["POST"]),
]
