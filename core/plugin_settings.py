"""A plugin's settings: declared by the plugin, read the same way as the core's own.

A plugin declares ``Setting("RETENTION_DAYS", 730, int, ...)``; the host makes it
``PASSENDWERK_RETENTION_DAYS`` and fills it in ``app.config`` at start-up, from (later ones
winning) the declared default, ``instance/config.py``, the environment variable of that name,
and the dict passed to ``create_app``. The plugin reads ``current_app.config[...]``; Beheer →
Deelprojecten shows each value and where it came from.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l

SOURCES = {
    "default": _l("standaard"),
    "instance": _l("instance/config.py"),
    "environment": _l("omgevingsvariabele"),
    "caller": _l("opgegeven bij het starten"),
}


@dataclass(frozen=True)
class Setting:
    """One setting a plugin can be given, with its default and what it means."""

    name: str  # without the plugin's prefix: "RETENTION_DAYS"
    default: Any
    # Turns the text of an environment variable into the value; raises ValueError if it can't.
    parse: Callable[[str], Any] = str
    description: str = ""
    # Shown in Beheer as "ingesteld", never its value (a password, a key).
    secret: bool = False


@dataclass(frozen=True)
class SettingValue:
    """A setting as the running app has it."""

    key: str  # "PASSENDWERK_RETENTION_DAYS"
    setting: Setting
    value: Any
    source: str  # a key of SOURCES

    @property
    def source_label(self) -> str:
        return str(SOURCES[self.source])


class SettingError(ValueError):
    pass


def resolve(app: Flask, plugin_name: str, settings: list[Setting]) -> list[SettingValue]:
    """Fill in `app.config` for each of the plugin's settings; their values and sources."""
    overridden = app.extensions.get("config_overrides", frozenset())
    resolved = []
    for setting in settings:
        key = f"{plugin_name.upper()}_{setting.name}"
        if key in overridden:
            value, source = app.config[key], "caller"
        elif os.environ.get(key):
            try:
                value = setting.parse(os.environ[key])
            except (TypeError, ValueError) as exc:
                raise SettingError(
                    f"{key}: the environment gives {os.environ[key]!r}, which is not a valid "
                    f"value ({exc}); the default is {setting.default!r}."
                ) from None
            source = "environment"
        elif key in app.config:
            value, source = app.config[key], "instance"
        else:
            value, source = setting.default, "default"
        app.config[key] = value
        resolved.append(SettingValue(key, setting, value, source))
    return resolved


def whole_number(minimum: int = 0) -> Callable[[str], int]:
    """A parser for a whole number of at least `minimum` (days, hours, a count)."""

    def parse(text: str) -> int:
        value = int(text.strip())
        if value < minimum:
            raise ValueError(f"at least {minimum}")
        return value

    return parse
