"""Accounts: users, their roles, logging in and accepting an invitation."""
