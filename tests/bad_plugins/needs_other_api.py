"""A plugin written for a plugin API that is not this one."""

title = "Andere API"
requires_api = ">=2.0,<3"
