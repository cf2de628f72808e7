"""The live room: `mingle room` serves the site and one room of phones sending answers to the presenter."""
