"""Helpers that need no Django."""
