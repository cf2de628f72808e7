"""`mingle handouts`: the learner booklet, presenter guide, answer key and guest cards as PDF (A4 and Letter)."""
