"""The course as a whole: its pages, plans, guest cards and pictures, its blocks' options, and the rules over it."""
