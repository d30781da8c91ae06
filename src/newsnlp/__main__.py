"""``python -m newsnlp``: same as the ``newsnlp`` command."""

import sys

from newsnlp.cli import main

sys.exit(main())
