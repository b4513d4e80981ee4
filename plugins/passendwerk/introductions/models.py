"""Introductions of candidates to vacancies, placements and the feedback talks after."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Organisation, User, db, utcnow

from ..route.models import JobSeeker
from ..vacancies.models import Vacancy

# The manager's feedback during induction is due at least this often.
FEEDBACK_EVERY = timedelta(days=14)
# An employer answers an introduction within two weeks, so nobody waits in uncertainty.
ANSWER_WITHIN = timedelta(days=14)

RESPONSES = {
    "interview": _l("Wil een gesprek"),
    "hire": _l("Wil aannemen"),
    "decline": _l("Nu niet"),
}


class Introduction(db.Model):
    """A coach introduces a candidate to a vacancy; the employer answers."""

    __tablename__ = "passendwerk_introduction"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_seeker_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_job_seeker.id", ondelete="CASCADE"), index=True
    )
    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_vacancy.id", ondelete="CASCADE"), index=True
    )
    meet_and_greet_id: Mapped[int | None] = mapped_column(
        ForeignKey("passendwerk_meet_and_greet.id", ondelete="SET NULL")
    )
    introduced_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    introduced_at: Mapped[datetime] = mapped_column(default=utcnow)
    response: Mapped[str | None] = mapped_column(String(20))
    employer_note: Mapped[str | None] = mapped_column(Text)
    responded_at: Mapped[datetime | None]

    job_seeker: Mapped[JobSeeker] = relationship()
    vacancy: Mapped[Vacancy] = relationship()
    introduced_by: Mapped[User | None] = relationship()
    # Every answer the employer gave, newest first: a changed answer shows both.
    answers: Mapped[list[IntroductionAnswer]] = relationship(
        order_by="IntroductionAnswer.id.desc()", cascade="all, delete-orphan"
    )

    @property
    def response_label(self) -> str:
        return str(RESPONSES[self.response]) if self.response else str(_l("Nog geen antwoord"))


class IntroductionAnswer(db.Model):
    """One answer of the employer to an introduction; the introduction holds the latest."""

    __tablename__ = "passendwerk_introduction_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    introduction_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_introduction.id", ondelete="CASCADE"), index=True
    )
    response: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    answered_by: Mapped[User | None] = relationship()

    @property
    def response_label(self) -> str:
        return str(RESPONSES[self.response])


class Placement(db.Model):
    """Work found: employer, start date, contract, hours, cao; then the induction."""

    __tablename__ = "passendwerk_placement"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_seeker_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_job_seeker.id", ondelete="CASCADE"), index=True
    )
    vacancy_id: Mapped[int | None] = mapped_column(
        ForeignKey("passendwerk_vacancy.id", ondelete="SET NULL")
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    start_date: Mapped[date]
    contract: Mapped[str] = mapped_column(String(30))
    hours: Mapped[int]
    cao: Mapped[bool] = mapped_column(default=False)
    # The employer names the mentor (not the direct manager) and writes the induction and
    # learning plan; the coach and lifecoach read them on the file.
    mentor_name: Mapped[str | None] = mapped_column(String(200))
    mentor_contact: Mapped[str | None] = mapped_column(String(200))
    induction_plan: Mapped[str | None] = mapped_column(Text)
    induction_plan_at: Mapped[datetime | None]
    induction_plan_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    induction_started_on: Mapped[date | None]

    organisation: Mapped[Organisation | None] = relationship()
    vacancy: Mapped[Vacancy | None] = relationship()
    induction_plan_by: Mapped[User | None] = relationship()
    job_seeker: Mapped[JobSeeker] = relationship()
    conversations: Mapped[list[FeedbackConversation]] = relationship(
        order_by="FeedbackConversation.held_on.desc()", cascade="all, delete-orphan"
    )

    @property
    def next_feedback_due(self) -> date | None:
        """Two weeks after the last conversation, or after the first working day (not the
        day the step was recorded: a job that starts in January has its first talk then)."""
        if self.conversations:
            return self.conversations[0].held_on + FEEDBACK_EVERY
        if self.induction_started_on is None:
            return None  # not inducting yet
        return self.start_date + FEEDBACK_EVERY


class FeedbackConversation(db.Model):
    """The manager's feedback during induction, due at least every two weeks."""

    __tablename__ = "passendwerk_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_placement.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date]
    summary: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )


def awaiting_answer(organisation_ids: list[int]) -> list[Introduction]:
    """Introductions to these employers' vacancies that have no answer yet, oldest first."""
    if not organisation_ids:
        return []
    return db.session.scalars(
        db.select(Introduction)
        .join(Vacancy, Vacancy.id == Introduction.vacancy_id)
        .options(db.joinedload(Introduction.job_seeker), db.joinedload(Introduction.vacancy))
        .where(Vacancy.organisation_id.in_(organisation_ids), Introduction.response.is_(None))
        .order_by(Introduction.introduced_at)
    ).all()


def placements_without_mentor(organisation_ids: list[int]) -> list[Placement]:
    """These employers' placements of people still at the start of their work, whose mentor
    the employer has not named yet: the employer's task."""
    from core.api import WorkflowInstance

    from ..route.models import ROUTE

    if not organisation_ids:
        return []
    later = db.aliased(Placement)
    return db.session.scalars(
        db.select(Placement)
        .join(
            WorkflowInstance,
            db.and_(
                WorkflowInstance.workflow_key == ROUTE,
                WorkflowInstance.subject_id == Placement.job_seeker_id,
            ),
        )
        .options(db.joinedload(Placement.job_seeker))
        .where(
            Placement.organisation_id.in_(organisation_ids),
            Placement.mentor_name.is_(None),
            WorkflowInstance.state.in_(("geplaatst", "inwerken")),
            ~db.exists().where(  # only the person's latest placement is still running
                later.job_seeker_id == Placement.job_seeker_id, later.id > Placement.id
            ),
        )
        .order_by(Placement.start_date, Placement.id)
    ).all()


def current_placement(job_seeker_id: int) -> Placement | None:
    return db.session.scalar(
        db.select(Placement)
        .where(Placement.job_seeker_id == job_seeker_id)
        .order_by(Placement.id.desc())
        .limit(1)
    )
