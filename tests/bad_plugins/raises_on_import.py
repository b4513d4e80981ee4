"""A plugin whose import fails, as a partner's broken release might."""

raise RuntimeError("database driver missing")
