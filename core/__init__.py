"""Warm Rotterdam platform core: users, organisations, workflows and the plugin host.

Plugins import from :mod:`core.api` only; everything else here may change without notice.
"""

from .version import API_VERSION, __version__

__all__ = ["API_VERSION", "__version__", "create_app"]


def create_app(config=None):
    """Build the Flask app; see :mod:`core.app`."""
    from .app import create_app as _create_app

    return _create_app(config)
