"""`python -m examenbureau` is the same as the `examenbureau` command."""

import sys

from examenbureau.cli import main

sys.exit(main())
