#!/usr/bin/env bash
# One command on a fresh clone: install everything, build the index and statistics, start the chat server.
# Then open http://127.0.0.1:8000/ (HOST/PORT/WORKERS override the defaults).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 ANONYMIZED_TELEMETRY=False
.venv/bin/assistant ingest
exec .venv/bin/assistant serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}" --workers "${WORKERS:-1}"
