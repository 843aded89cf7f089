"""`make fuzz`: python -m tests.fuzzing [--cases N] [--seed S] [--replay-every K]."""

import sys

from tests.fuzzing.run import main

sys.exit(main(sys.argv[1:]))
