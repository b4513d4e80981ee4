"""Certification of an organisation against a framework version: audit, findings, decision, register."""
