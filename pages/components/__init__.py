"""Widgets shared by pages, and pure functions that build what they show."""
