"""The subprojects of Warm Rotterdam, each a plugin registered in pyproject.toml."""
