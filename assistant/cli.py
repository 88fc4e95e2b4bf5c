"""`assistant` command: ingest, ask, chat, bench here; serve, slack, feedback and eval live in their front ends."""

from __future__ import annotations

import argparse
import importlib
import sys

from assistant.errors import AssistantError
from assistant.settings import Settings, force_offline

# Front-end subcommands are imported only when used, so the core never depends on fastapi or slack.
FRONT_ENDS = {
    "serve": ("api.server", "run the HTTP chat service (FastAPI) on http://127.0.0.1:8000/"),
    "slack": ("api.slack.socket_mode", "run the Slack bot in Socket Mode"),
    "feedback": ("api.slack.feedback_cli", "export Slack feedback as eval cases"),
    "eval": ("eval.cli", "run the evaluation suite"),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Grounded AI/ML careers and salary assistant.")
    sub = parser.add_subparsers(dest="command", required=True)
    ingest = sub.add_parser("ingest", help="build the index and statistics from corpus/ (atomic)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.add_argument("--force", action="store_true", help="rebuild even when nothing changed (repair)")
    ask = sub.add_parser("ask", help="ask one question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the full reply as JSON")
    ask.add_argument("--session", default=None, help="session id to continue")
    sub.add_parser("chat", help="interactive chat (keeps the session)")
    bench = sub.add_parser("bench", help="measure latency, cold start, ingest time and memory")
    bench.add_argument("--out", default=None, help="also write the figures as JSON here")
    bench.add_argument("--rounds", type=int, default=3, help="passes over the question list")
    for name, (_, help_text) in FRONT_ENDS.items():
        sub.add_parser(name, help=help_text, add_help=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    force_offline()
    if argv and argv[0] in FRONT_ENDS:
        module = importlib.import_module(FRONT_ENDS[argv[0]][0])
        return int(module.main(argv[1:]) or 0)
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except AssistantError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace) -> int:
    settings = Settings()
    if args.command == "ingest":
        from assistant.ingest import run_ingest

        report = run_ingest(settings, progress=not args.quiet, force=args.force)
        state = "built" if report.changed else "unchanged"
        print(
            f"index {state}: build {report.build_id}, {report.documents} documents, {report.chunks} chunks "
            f"({report.embedded} embedded) in {report.seconds:.2f} s"
        )
        return 0
    if args.command == "bench":
        from assistant.bench import run_bench

        return run_bench(settings, out=args.out, rounds=args.rounds)

    from assistant.pipeline import build_assistant

    assistant = build_assistant(settings)
    if args.command == "ask":
        reply = assistant.ask(args.question, args.session)
        print(reply.model_dump_json(indent=2) if args.json else _render(reply))
        return 0
    return _chat(assistant)


def _render(reply: object) -> str:
    from assistant.models import Reply

    assert isinstance(reply, Reply)
    lines = [reply.answer]
    if reply.citations:
        lines.append("")
        lines.extend(f"[{c.id}] {c.title} — {c.section} ({c.source})" for c in reply.citations)
    tag = f"route: {reply.route}" + (", abstained" if reply.abstained else "") + f", {reply.latency_ms:.0f} ms"
    lines.append(f"({tag})")
    return "\n".join(lines)


def _chat(assistant: object) -> int:
    from assistant.pipeline import Assistant

    assert isinstance(assistant, Assistant)
    session: str | None = None
    print("Ask about AI/ML salaries and careers. Empty line or Ctrl-D to quit.")
    while True:
        try:
            question = input("> ")
        except EOFError:
            print()
            return 0
        if not question.strip():
            return 0
        reply = assistant.ask(question, session)
        session = reply.session_id
        print(_render(reply) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
