"""A minimal plugin for the benchmarks: a two-state workflow that can be fired forever."""

from datetime import timedelta

from core.hookspecs import hookimpl
from core.workflow import State, Transition, Workflow

title = "Benchmark"
version = "1"

FLOW = Workflow(
    key="benchmark.flow",
    version=1,
    title="Benchmark",
    initial="open",
    states=(
        State("open", "Open", deadline=timedelta(days=14)),
        State("waiting", "Wacht", deadline=timedelta(days=7)),
        State("elsewhere", "Elders", deadline=timedelta(days=7)),
    ),
    transitions=(
        Transition("park", "Parkeren", "open", "waiting", roles={"team"}),
        Transition("resume", "Hervatten", "waiting", "open", roles={"team"}),
        Transition("hand_over", "Doorgeven", "elsewhere", "open", roles={"auditor"}),
    ),
)


@hookimpl
def warmrotterdam_workflows():
    return [FLOW]
