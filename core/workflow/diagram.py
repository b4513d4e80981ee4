"""Draw a workflow as SVG on the server (no JavaScript, no network), current state marked.

States are stacked top to bottom in the order a process usually runs (breadth-first from the
initial state), which stays readable on a narrow phone screen. An arrow to the next state is
straight; longer jumps curve to the right (forwards) or the left (backwards).
"""

from collections import deque

from markupsafe import Markup, escape

from .declaration import Workflow

BOX_W, BOX_H, ROW, TOP = 220, 36, 58, 16
INK, MUTED, ACCENT, PAPER = "#1b1b1b", "#4a4a4a", "#9e1f17", "#ffffff"


def state_order(workflow: Workflow) -> list[str]:
    distance = {workflow.initial: 0}
    queue = deque([workflow.initial])
    while queue:
        state = queue.popleft()
        for transition in workflow.transitions_from(state):
            if transition.dest not in distance:
                distance[transition.dest] = distance[state] + 1
                queue.append(transition.dest)
    position = {s.name: i for i, s in enumerate(workflow.states)}
    far = len(workflow.states)
    return sorted(position, key=lambda name: (distance.get(name, far), position[name]))


def render_svg(workflow: Workflow, current: str | None = None, title: str = "") -> Markup:
    order = state_order(workflow)
    row = {name: i for i, name in enumerate(order)}
    edges = sorted(
        {(source, t.dest) for t in workflow.transitions for source in t.source if source != t.dest}
    )
    # Room beside the boxes for the widest arc on each side (forward right, backward left).
    jumps = [(row[d] - row[s]) for s, d in edges if abs(row[d] - row[s]) > 1]
    right = max((24 + 14 * j for j in jumps if j > 0), default=0) + 8
    left = max((24 + 14 * -j for j in jumps if j < 0), default=0) + 8
    width = left + BOX_W + right
    height = TOP * 2 + ROW * (len(order) - 1) + BOX_H
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="workflow-diagram" role="img" aria-labelledby="diagram-title">',
        f'<title id="diagram-title">{escape(title or workflow.title)}</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{MUTED}"/>'
        "</marker></defs>",
    ]
    for source, dest in edges:
        parts.append(_edge(row[source], row[dest], left))
    for name in order:
        parts.append(_box(workflow, name, row[name], left, name == current))
    parts.append("</svg>")
    return Markup("".join(parts))


def _y(index: int) -> int:
    return TOP + index * ROW


def _edge(source: int, dest: int, left: int) -> str:
    if dest == source + 1:
        x = left + BOX_W // 2
        return (
            f'<line x1="{x}" y1="{_y(source) + BOX_H}" x2="{x}" y2="{_y(dest) - 2}" '
            f'stroke="{MUTED}" stroke-width="1.5" marker-end="url(#arrow)"/>'
        )
    distance = abs(dest - source)
    forward = dest > source
    side = left + BOX_W if forward else left
    bulge = (24 + 14 * distance) * (1 if forward else -1)
    y1, y2 = _y(source) + BOX_H // 2, _y(dest) + BOX_H // 2
    return (
        f'<path d="M{side},{y1} C{side + bulge},{y1} {side + bulge},{y2} {side + (4 if forward else -4)},{y2}" '
        f'fill="none" stroke="{MUTED}" stroke-width="1.5" marker-end="url(#arrow)"/>'
    )


def _box(workflow: Workflow, name: str, index: int, left: int, is_current: bool) -> str:
    state = workflow.state(name)
    label = state.label if len(state.label) <= 28 else state.label[:27] + "…"
    fill, text = (ACCENT, PAPER) if is_current else (PAPER, INK)
    dash = ' stroke-dasharray="5 3"' if state.terminal else ""
    weight = "700" if is_current else "400"
    marker = ' aria-current="step"' if is_current else ""
    return (
        f'<g{marker}><rect x="{left}" y="{_y(index)}" width="{BOX_W}" height="{BOX_H}" rx="8" '
        f'fill="{fill}" stroke="{ACCENT if is_current else INK}" stroke-width="2"{dash}/>'
        f'<text x="{left + BOX_W // 2}" y="{_y(index) + BOX_H // 2 + 5}" text-anchor="middle" '
        f'font-family="system-ui, sans-serif" font-size="14" font-weight="{weight}" fill="{text}">'
        f"{escape(label)}</text></g>"
    )


def render_mermaid(workflow: Workflow) -> str:
    """Mermaid text by the `transitions` library's own diagram engine."""
    from transitions.extensions import GraphMachine

    machine = GraphMachine(
        graph_engine="mermaid",
        title=f"{workflow.title} (v{workflow.version})",
        **workflow.machine_spec(),
    )
    return machine.get_graph().draw(None)
