"""The core's fixtures (app, client, make_user, login, enable_plugin) come from the installed
`warmrotterdam` pytest plugin; this package is found by its entry point, so nothing to add."""
