"""A plugin that needs a core version that does not exist yet."""

title = "Toekomst"
requires_core = ">=99"
