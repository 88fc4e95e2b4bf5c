"""`python -m api` starts the chat service: the same as `assistant serve`, through the same CLI edge
(one-line errors for bad settings, the global --quiet)."""

import sys

from assistant.cli import main

sys.exit(main(["serve", *sys.argv[1:]]))
