"""The course as a whole: its pages, where each block sits, and the checks run over it."""
