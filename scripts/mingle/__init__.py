"""Mingle: exercises, grading and handouts for the social-media-for-small-business kit."""

__version__ = "1.0.0"
