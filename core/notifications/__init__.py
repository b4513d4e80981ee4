"""Notifications: what people are told by e-mail, and how often they want to hear it."""
