"""``python -m pipeline`` is the ``lecture`` command (see :mod:`pipeline.cli`)."""

import sys

from pipeline.cli import main

sys.exit(main())
