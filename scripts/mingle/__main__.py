"""Run the command line as `python -m mingle`."""

import sys

from mingle.cli import main

sys.exit(main())
