"""Plugin tasks: what a user must do that is not a workflow step (a feedback talk that is due),
gathered from every enabled plugin for the dashboard and "Mijn taken"."""

from .plugin_host import plugin_host


def plugin_tasks(user, limit: int) -> list:
    """The soonest `limit` tasks of every enabled plugin together."""
    tasks = plugin_host().call("warmrotterdam_tasks", user=user, limit=limit)
    return sorted(tasks, key=lambda t: t.due)[:limit]
