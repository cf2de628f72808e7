"""Mingle: exercises, grading and handouts for the social-media-for-small-business kit."""

# The kit's version, kept here only (the footer, the handouts, the SCORM package and the wheel read it). A `.dev0`
# version is work towards that release, under CHANGELOG.md's "Unreleased".
__version__ = "2.0.0.dev0"
