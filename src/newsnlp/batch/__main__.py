"""``python -m newsnlp.batch``: same as ``newsnlp annotate``."""

import sys

from newsnlp.cli import main

sys.exit(main(["annotate", *sys.argv[1:]]))
