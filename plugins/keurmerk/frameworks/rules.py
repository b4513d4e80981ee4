"""Domain rules for norm frameworks: new versions as copies, comparison, launching."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from core.api import WorkflowInstance, db, engine_of

from .models import Module, Norm, NormFramework, Theme

WORKFLOW = "keurmerk.framework"
COMPARED_FIELDS = ("title", "text", "guidance", "evidence", "mandatory")


def instance_of(framework: NormFramework) -> WorkflowInstance:
    return engine_of().instance_for(WORKFLOW, framework)


def states_of(frameworks: list[NormFramework]) -> dict[int, WorkflowInstance]:
    """The workflow instance of each framework, in one query."""
    rows = db.session.scalars(
        db.select(WorkflowInstance).where(
            WorkflowInstance.workflow_key == WORKFLOW,
            WorkflowInstance.subject_type == NormFramework.__tablename__,
            WorkflowInstance.subject_id.in_([f.id for f in frameworks]),
        )
    )
    return {row.subject_id: row for row in rows}


def create_framework(title: str, actor, summary: str | None = None) -> NormFramework:
    """A first, empty version; the caller commits."""
    latest = db.session.scalar(db.select(db.func.max(NormFramework.version))) or 0
    framework = NormFramework(version=latest + 1, title=title, summary=summary)
    db.session.add(framework)
    db.session.flush()
    engine_of().start(WORKFLOW, framework, title=framework.label, actor=actor)
    return framework


def open_consultation(instance, actor, data: dict) -> None:
    """The consult step's effect: the end date and privacy the team chose; the term of the
    consultation state is the day after the last day."""
    framework = db.session.get(NormFramework, instance.subject_id)
    framework.consultation_ends_on = data["ends_on"]
    framework.consultation_private = bool(data.get("private"))
    engine_of().set_deadline_within(
        instance, datetime.combine(data["ends_on"] + timedelta(days=1), time()), actor=actor
    )


def consultation_closed_since(framework: NormFramework, today: date) -> date | None:
    """The last day reactions could be given, when that has passed; None while open."""
    ends = framework.consultation_ends_on
    return ends if ends is not None and today > ends else None


def sees_reaction(framework: NormFramework, comment, user, team: bool) -> bool:
    """The team sees every reaction; participants see each other's unless it is private."""
    return team or comment.author_id == user.id or not framework.consultation_private


def latest_version() -> int:
    return db.session.scalar(db.select(db.func.max(NormFramework.version))) or 0


def copy_framework(source: NormFramework, actor, version: int | None = None) -> NormFramework:
    """Version `version` (default: the next), starting as a copy of `source`; the caller
    commits. Two requests making the same version: the unique version number refuses the
    second (IntegrityError at flush or commit)."""
    copy = NormFramework(
        version=version or latest_version() + 1,
        title=source.title,
        summary=source.summary,
        validity_months=source.validity_months,
        previous=source,
    )
    themes = {}
    for theme in source.themes:
        themes[theme.id] = Theme(
            code=theme.code, name=theme.name, description=theme.description, position=theme.position
        )
        themes[theme.id].norms = [
            Norm(
                code=n.code,
                title=n.title,
                text=n.text,
                guidance=n.guidance,
                evidence=n.evidence,
                mandatory=n.mandatory,
                position=n.position,
                origin_id=n.id,
            )
            for n in theme.norms
        ]
        copy.themes.append(themes[theme.id])
    copy.modules = [
        Module(name=m.name, themes=[themes[t.id] for t in m.themes]) for m in source.modules
    ]
    db.session.add(copy)
    db.session.flush()
    engine_of().start(
        WORKFLOW, copy, title=copy.label, actor=actor, comment=f"Kopie van versie {source.version}"
    )
    return copy


@dataclass
class NormChange:
    """How one norm differs between two versions."""

    kind: str  # "added", "removed", "changed", "same"
    old: Norm | None
    new: Norm | None
    fields: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        return (self.new or self.old).code


def compare(old: NormFramework, new: NormFramework) -> list[NormChange]:
    """Norm by norm: matched by the copy they descend from, else by code."""
    old_norms = old.norms
    by_id = {n.id: n for n in old_norms}
    by_code = {n.code: n for n in old_norms}
    matched: set[int] = set()
    changes = []
    for norm in new.norms:
        before = by_id.get(norm.origin_id) or by_code.get(norm.code)
        if before is None or before.id in matched:
            changes.append(NormChange("added", None, norm))
            continue
        matched.add(before.id)
        fields = tuple(f for f in COMPARED_FIELDS if getattr(before, f) != getattr(norm, f))
        changes.append(NormChange("changed" if fields else "same", before, norm, fields))
    changes += [NormChange("removed", n, None) for n in old_norms if n.id not in matched]
    return changes


def replace_older_launched(instance, actor, data: dict) -> None:
    """The launch's effect: the version launched before is replaced, in the same transaction."""
    others = db.session.scalars(
        db.select(WorkflowInstance.id).where(
            WorkflowInstance.workflow_key == WORKFLOW,
            WorkflowInstance.state == "gelanceerd",
            WorkflowInstance.id != instance.id,
        )
    ).all()
    for other in others:
        engine_of().fire_within(
            other, "replace", actor=actor, comment=f"Vervangen door {instance.title}"
        )
