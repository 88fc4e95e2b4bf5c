"""`python -m api` starts the chat service (same as `assistant serve`)."""

import sys

from api.server import main

sys.exit(main(sys.argv[1:]))
