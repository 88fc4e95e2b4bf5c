"""`assistant serve` / `python -m api`: run the chat service with uvicorn.

One worker (the embedded default) serves the app object directly; several workers use the import string
of the factory, so each worker process builds its own app and assistant.
"""

from __future__ import annotations

import argparse
import logging

import uvicorn

from assistant.settings import Settings, force_offline

log = logging.getLogger(__name__)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="assistant serve",
        description="Run the chat service (HTTP API + web page).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
        "  assistant serve                                # http://127.0.0.1:8000/\n"
        "  assistant serve --host 0.0.0.0 --workers 2     # two workers share state (SQLite in the data dir)\n"
        "  ASSISTANT_REDIS_URL=redis://redis:6379/0 assistant serve --workers 4   # several hosts",
    )
    parser.add_argument("--host", default="127.0.0.1", help="Interface to bind (default: 127.0.0.1).")
    parser.add_argument("--port", type=int, default=8000, help="Port to listen on (default: 8000).")
    parser.add_argument(
        "--workers", type=int, default=1, help="Worker processes (default: 1; 2-4 recommended in production)."
    )
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    parser.add_argument("--access-log", action="store_true", help="Log every request (off: it costs throughput).")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error(f"--workers must be at least 1 (got {args.workers})")
    return args


def ensure_index(settings: Settings) -> None:
    """On a fresh clone there is no build yet: ingest the shipped corpus once, before any worker starts."""
    if settings.current_pointer.exists():
        return
    from assistant.ingest import run_ingest

    log.warning("no index build in %s yet: building it from %s", settings.data_dir, settings.corpus_dir)
    report = run_ingest(settings, progress=True)
    log.warning("index built: %s", report)


def uvicorn_options() -> dict[str, object]:
    """Options every way of serving the app must share (`assistant serve`, the tests).

    uvicorn would believe X-Forwarded-For from 127.0.0.1 (its `forwarded_allow_ips` default) and rewrite
    the client address before the app sees it; the app decides that itself from ASSISTANT_TRUSTED_PROXIES
    (api/clients.py), so uvicorn's proxy handling is off.
    """
    return {"proxy_headers": False}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    force_offline()
    settings = Settings()
    ensure_index(settings)
    common = {
        "host": args.host,
        "port": args.port,
        "log_level": args.log_level,
        "access_log": args.access_log,
        **uvicorn_options(),
    }
    if args.workers > 1:
        uvicorn.run("api.app:create_app", factory=True, workers=args.workers, **common)
    else:
        from api.app import create_app

        uvicorn.run(create_app(settings), **common)
    return 0
