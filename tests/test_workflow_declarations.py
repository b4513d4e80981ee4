"""Declaring workflows: unsound declarations are refused at start-up, naming plugin and problem."""

import pytest

from core import create_app
from core.testing import config_for_tests
from core.workflow import State, Transition, Workflow
from core.workflow.engine import WorkflowEngine
from core.workflow.errors import DeclarationError
from tests.sample_plugin.workflows import REVIEW_V1

A, B = State("a", "A"), State("b", "B", terminal=True)


def declare(**changes):
    fields = dict(
        key="sample.x",
        version=1,
        title="X",
        initial="a",
        states=(A, B),
        transitions=(Transition("go", "Ga", "a", "b", roles={"team"}),),
    )
    fields.update(changes)
    return Workflow(**fields)


@pytest.mark.parametrize(
    ("workflow", "problem"),
    [
        (declare(initial="nowhere"), "initial state 'nowhere' is not declared"),
        (
            declare(transitions=(Transition("go", "Ga", "a", "c", roles={"team"}),)),
            "leads to undeclared state 'c'",
        ),
        (
            declare(transitions=(Transition("go", "Ga", "z", "b", roles={"team"}),)),
            "starts in undeclared state 'z'",
        ),
        (
            declare(transitions=(Transition("go", "Ga", "b", "a", roles={"team"}),)),
            "leaves terminal state 'b'",
        ),
        (
            declare(transitions=(Transition("go", "Ga", "a", "b"),)),
            "names no roles, so nobody could fire it",
        ),
        (
            declare(transitions=(Transition("go", "Ga", "a", "b", timeout=True),)),
            "leaves 'a', which has no deadline",
        ),
        (
            declare(
                transitions=(
                    Transition("go", "Ga", "a", "b", roles={"team"}),
                    Transition("go", "Nog eens", "a", "a", roles={"team"}),
                )
            ),
            "declared twice from 'a'",
        ),
        (declare(states=(A, A, B)), "state names must be unique"),
        (declare(key="other.x"), "the key must start with 'sample.'"),
    ],
)
def test_unsound_declaration_is_refused_with_plugin_and_problem(app_ctx, app, workflow, problem):
    engine = WorkflowEngine(app.extensions["plugin_host"])
    with pytest.raises(DeclarationError) as caught:
        engine.register(workflow, owner="sample")
    assert caught.value.args[0].startswith("Plugin sample: workflow")
    assert problem in caught.value.args[0]


def test_sound_declarations_are_registered_per_version(app):
    engine = app.extensions["workflow_engine"]
    assert {("sample.review", 1), ("sample.review", 2), ("sample.checklist", 1)} <= set(
        engine.workflows
    )
    assert engine.latest("sample.review").version == 2
    assert [t.dest for t in REVIEW_V1.transitions_from("draft")] == ["submitted"]
    assert REVIEW_V1.transitions_from("approved") == []


def test_plugin_with_unsound_workflow_fails_at_start_up(
    database_url, tmp_path, monkeypatch, caplog
):
    import tests.sample_plugin as sample

    broken = declare(initial="nowhere")
    monkeypatch.setattr(sample.workflows, "REVIEW_V2", broken)
    config = config_for_tests(
        database_url, tmp_path, {"PLUGINS_EXTRA": ["sample = tests.sample_plugin"]}
    )
    with pytest.raises(DeclarationError, match="Plugin sample: workflow 'sample.x'"):
        create_app(config)
    config["PLUGINS_STRICT"] = False
    lenient = create_app(config)  # without strict mode the app starts and reports it
    assert "initial state 'nowhere'" in lenient.extensions["plugin_host"].failures["sample"]
    assert not any(
        key.startswith("sample.") for key, _v in lenient.extensions["workflow_engine"].workflows
    )
