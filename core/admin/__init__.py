"""The admin area: users and invitations, plugins, outbox, security log."""
