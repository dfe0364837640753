"""Hallway: a personal networking companion. Collect stories, not business cards."""

__version__ = "0.1.0"
