"""`mingle export`: the course as a SCORM 1.2 package and the exercises as question banks."""
