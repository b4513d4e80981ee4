"""Bodies (organen), their members and terms, their meetings with agenda and minutes, and the
advice they give."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Meeting, User, db, utcnow

from ..experts.models import Expert

KINDS = {
    "advisory_committee": _l("Adviescommissie"),
    "working_group": _l("Werkgroep"),
    "editorial_board": _l("Redactieraad"),
    "board": _l("Bestuur"),
}

ROLES = {
    "chair": _l("Voorzitter"),
    "member": _l("Lid"),
    "expert_seat": _l("Zetel voor een ervaringsdeskundige"),
}


class Body(db.Model):
    """A body (orgaan) of the programme, e.g. the advisory committee "Jij doet ertoe"."""

    __tablename__ = "jijdoetertoe_body"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    # The subproject it works for: a plugin's title or another name; empty for the whole.
    subproject: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list[BodyMember]] = relationship(
        back_populates="body",
        cascade="all, delete-orphan",
        order_by="BodyMember.term_start",
    )
    meetings: Mapped[list[BodyMeeting]] = relationship(
        back_populates="body", cascade="all, delete-orphan"
    )
    advice: Mapped[list[Advice]] = relationship(
        back_populates="body", cascade="all, delete-orphan", order_by="Advice.given_on.desc()"
    )

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, self.kind))


class BodyMember(db.Model):
    """A seat in a body for a term: an expert from the register, or an account."""

    __tablename__ = "jijdoetertoe_body_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(
        ForeignKey("jijdoetertoe_body.id", ondelete="CASCADE"), index=True
    )
    expert_id: Mapped[int | None] = mapped_column(
        ForeignKey("jijdoetertoe_expert.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))
    # The term (termijn); no end: until further notice.
    term_start: Mapped[date]
    term_end: Mapped[date | None]

    body: Mapped[Body] = relationship(back_populates="members")
    expert: Mapped[Expert | None] = relationship()
    user: Mapped[User | None] = relationship()

    @property
    def name(self) -> str:
        if self.expert is not None:
            return self.expert.name
        return self.user.display_name if self.user else ""

    @property
    def role_label(self) -> str:
        return str(ROLES.get(self.role, self.role))

    def current_on(self, day: date) -> bool:
        return self.term_start <= day and (self.term_end is None or day <= self.term_end)


class BodyMeeting(db.Model):
    """A meeting of a body: the core's meeting (when, where) with the body's agenda and minutes."""

    __tablename__ = "jijdoetertoe_body_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(
        ForeignKey("jijdoetertoe_body.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), unique=True
    )
    agenda: Mapped[str] = mapped_column(Text, default="")
    # The minutes (verslag), written after the meeting.
    minutes: Mapped[str | None] = mapped_column(Text)

    body: Mapped[Body] = relationship(back_populates="meetings")
    meeting: Mapped[Meeting] = relationship()


class Advice(db.Model):
    """Advice (advies) a body gave; the team's follow-up runs in workflow jijdoetertoe.advice."""

    __tablename__ = "jijdoetertoe_advice"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(
        ForeignKey("jijdoetertoe_body.id", ondelete="CASCADE"), index=True
    )
    body_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("jijdoetertoe_body_meeting.id", ondelete="SET NULL")
    )
    subject: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    given_on: Mapped[date]
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    body: Mapped[Body] = relationship(back_populates="advice")
    body_meeting: Mapped[BodyMeeting | None] = relationship()
