"""Thin Qt views over the core and the player."""
