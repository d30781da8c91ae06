"""``python -m newsnlp.batch``: same as ``newsnlp annotate``."""

import sys

from newsnlp.batch import cli_main

sys.exit(cli_main())
