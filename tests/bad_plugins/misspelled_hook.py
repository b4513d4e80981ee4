"""A plugin with a misspelled hook implementation."""

from core.hookspecs import hookimpl


@hookimpl
def warmrotterdam_navigaton(user):
    return []
