"""Collect every plugin's workflow declarations into the engine at start-up."""

from .engine import WorkflowEngine


def load_workflows(host, strict: bool) -> WorkflowEngine:
    engine = WorkflowEngine(host)
    for name in list(host.plugins):
        try:
            for workflow in host.call_one(name, "warmrotterdam_workflows"):
                engine.register(workflow, owner=name)
        except Exception as exc:
            if strict:
                raise
            engine.forget(name)
            host.mark_failed(name, f"{type(exc).__name__}: {exc}")
    return engine
