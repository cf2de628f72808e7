"""`mingle grade`: read inputs, tell sheets, rosters and codes apart, grade them with the core scorer, report."""
