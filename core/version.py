"""The core's version and the plugin API's version, importable without building the app.

``API_VERSION`` is what a plugin's ``requires_api`` is checked against. It follows the
promise in docs/plugins.md: a minor step adds to :mod:`core.api` (a plugin written for 1.0
runs on 1.4), a major step may remove what was deprecated during the previous one.
"""

__version__ = "0.1.0"
API_VERSION = "1.6"
