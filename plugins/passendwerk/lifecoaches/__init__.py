"""Lifecoaches and their training: who is trained counts towards the plan's target."""
