"""Warm Rotterdam platform core: users, organisations, workflows and the plugin host."""

__version__ = "0.1.0"


def create_app(config=None):
    """Build the Flask app; see :mod:`core.app`."""
    from .app import create_app as _create_app

    return _create_app(config)
