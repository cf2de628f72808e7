"""`mingle release`: every ready-made file of one version of the kit, into one folder."""
