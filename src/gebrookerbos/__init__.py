"""Gebrookerbos dashboard: vacant public spaces and citizens' initiatives in Heerlen."""

__version__ = "0.1.0"
