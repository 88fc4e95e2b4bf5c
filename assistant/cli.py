"""`assistant` command: ingest, ask, chat, bench here; serve, slack, feedback and eval live in their front ends.

The edge for people at a shell: bare `assistant` shows help, every error is one readable line on stderr
with exit status 2 (bad input, bad settings, no index), never a traceback; `--quiet` anywhere on the
line silences every progress bar; conversations continue across invocations (`ask -c`, `--session`). How a
reply reads at the shell, those sessions and the chat loop are cli_conversation.py's.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from importlib import metadata
from typing import TYPE_CHECKING

from pydantic import ValidationError

from assistant import progress
from assistant.cli_conversation import chat, chosen_session, explain, remember_session, render
from assistant.errors import AssistantError
from assistant.settings import Settings, describe_invalid_settings, force_offline

if TYPE_CHECKING:
    from assistant.pipeline import Assistant

DISTRIBUTION = "ai-careers-assistant"
# Front-end subcommands are imported only when used, so the core never depends on fastapi or slack.
FRONT_ENDS = {
    "serve": ("api.server", "run the HTTP chat service (FastAPI) on http://127.0.0.1:8000/"),
    "slack": ("api.slack.socket_mode", "run the Slack bot in Socket Mode"),
    "feedback": ("api.slack.feedback_cli", "export Slack feedback as eval cases"),
    "eval": ("eval.cli", "run the evaluation suite"),
}
QUIET_FLAGS = ("-q", "--quiet")

EXAMPLES = """\
examples:
  assistant ingest                       build the index and statistics from corpus/
  assistant ask "What was the median salary expectation in 2025?"
  assistant ask -c "And in 2024?"        continue the last conversation
  echo "What is overfitting?" | assistant ask -
  assistant chat                         interactive, with line editing and history
  assistant serve --port 8000            HTTP API and web chat
  assistant eval                         run the evaluation suite
  assistant --quiet ingest               no progress bars (also: assistant ingest -q)

Settings are ASSISTANT_* environment variables or lines in .env (see README).
"""
INGEST_EXAMPLES = """\
examples:
  assistant ingest                       build from corpus/ (unchanged files are reused)
  assistant ingest --quiet               no progress bars, e.g. in a cron job or CI
  ASSISTANT_CORPUS_DIR=~/docs assistant ingest
"""
ASK_EXAMPLES = """\
examples:
  assistant ask "What was the median salary expectation in 2025?"
  assistant ask -c "And in 2024?"        continue the last conversation
  assistant ask --session 3f2a... "And in Seattle?"
  echo "What is overfitting?" | assistant ask -
  assistant ask --json "Median salary for ML engineers?" | jq .citations
  assistant ask -v "What does a mid-career ML engineer earn?"   plan and lookups on stderr

The session id is printed on stderr; pass it to --session (or use -c) to follow up.
"""
CHAT_EXAMPLES = """\
examples:
  assistant chat                         new conversation
  assistant chat -c                      continue the last conversation (from ask or chat)

Arrow keys edit the line and walk the history (kept in the data dir). Ctrl-C clears the line;
exit, quit or Ctrl-D leaves.
"""
BENCH_EXAMPLES = """\
examples:
  assistant bench                        latency, cold start, ingest time and memory
  assistant bench --rounds 5 --out bench-results/figures.json
"""


class _Usage(AssistantError):
    """A command line that cannot be run as given."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Grounded AI/ML careers and salary assistant: every figure comes from the data and is cited.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-V", "--version", action="version", version=f"%(prog)s {_version()}")
    _add_quiet(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    ingest = _command(
        sub,
        "ingest",
        "build the index and statistics from corpus/ (atomic)",
        "Build the index (Chroma) and statistics (DuckDB) from the corpus. Atomic: a running service\n"
        "keeps answering from the previous build until the new one is complete.",
        INGEST_EXAMPLES,
    )
    ingest.add_argument("--force", action="store_true", help="rebuild even when nothing changed (repair)")
    ask = _command(sub, "ask", "ask one question", "Ask one question.", ASK_EXAMPLES)
    ask.add_argument("question", nargs="?", help="the question; '-' (or nothing, when piped) reads it from stdin")
    ask.add_argument("--json", action="store_true", help="print the full reply as JSON")
    ask.add_argument(
        "-v", "--verbose", action="store_true", help="also show how it was answered: plan and lookups (on stderr)"
    )
    _add_session_flags(ask)
    chat = _command(
        sub,
        "chat",
        "interactive chat (keeps the session)",
        "Interactive chat: one conversation across turns; follow-ups inherit what they leave out.",
        CHAT_EXAMPLES,
    )
    _add_session_flags(chat)
    bench = _command(
        sub,
        "bench",
        "measure latency, cold start, ingest time and memory",
        "Measure latency, cold start, ingest time and memory against a same-run floor.",
        BENCH_EXAMPLES,
    )
    bench.add_argument("--out", default=None, help="also write the figures as JSON here")
    bench.add_argument("--rounds", type=int, default=3, help="passes over the question list")
    for name, (_, help_text) in FRONT_ENDS.items():
        sub.add_parser(name, help=f"{help_text} (see: assistant {name} --help)", add_help=False)
    return parser


def _command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, summary: str, description: str, examples: str
) -> argparse.ArgumentParser:
    """A subcommand whose --help ends with its examples, laid out as written."""
    layout = argparse.RawDescriptionHelpFormatter
    parser = sub.add_parser(name, help=summary, description=description, epilog=examples, formatter_class=layout)
    _add_quiet(parser)
    return parser


def _add_quiet(parser: argparse.ArgumentParser) -> None:
    # Only for --help: main() takes the flag out of the line wherever it stands, for every command.
    parser.add_argument(
        *QUIET_FLAGS, action="store_true", help="no progress bars (they also stay off when stderr is not a terminal)"
    )


def _add_session_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--session", metavar="ID", default=None, help="continue the conversation with this id")
    group.add_argument(
        "-c", "--continue", dest="continue_last", action="store_true", help="continue the last conversation"
    )


def _version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def split_global_flags(argv: list[str]) -> tuple[list[str], bool]:
    """Take `--quiet`/`-q` out of the line, before or after the subcommand (not after `--`)."""
    rest: list[str] = []
    quiet = False
    for position, arg in enumerate(argv):
        if arg == "--":
            rest.extend(argv[position:])
            break
        if arg in QUIET_FLAGS:
            quiet = True
        else:
            rest.append(arg)
    return rest, quiet


def main(argv: list[str] | None = None) -> int:
    argv, quiet = split_global_flags(list(sys.argv[1:] if argv is None else argv))
    show_bars = progress.configure(quiet=quiet)  # before anything imports tqdm, transformers or the Hub
    force_offline()
    try:
        if argv and argv[0] in FRONT_ENDS:
            front_args = argv[1:]
            if argv[0] == "eval" and not show_bars and "--no-progress" not in front_args:
                front_args.append("--no-progress")  # eval's own name for the same switch still works
            module = importlib.import_module(FRONT_ENDS[argv[0]][0])
            return int(module.main(front_args) or 0)
        parser = _parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        return _run(args, show_bars)
    except AssistantError as error:
        return _fail(error.message)
    except ValidationError as error:
        if error.title != Settings.__name__:
            raise  # a bug elsewhere, not bad input: keep its traceback
        return _fail(describe_invalid_settings(error))
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader left (`assistant chat ... | head`): stop quietly, as Unix tools do. Point stdout at
        # /dev/null so the interpreter's final flush does not raise the same error again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _run(args: argparse.Namespace, show_bars: bool) -> int:
    settings = Settings()
    if args.command == "ingest":
        from assistant.ingest import run_ingest

        report = run_ingest(settings, progress=show_bars, force=args.force)
        state = "built" if report.changed else "unchanged"
        print(
            f"index {state}: build {report.build_id}, {report.documents} documents, {report.chunks} chunks "
            f"({report.embedded} embedded) in {report.seconds:.2f} s"
        )
        return 0
    if args.command == "bench":
        from assistant.bench import run_bench

        return run_bench(settings, out=args.out, rounds=args.rounds)

    session_id = chosen_session(settings, args)
    question = _question(args.question) if args.command == "ask" else ""
    if args.command == "ask" and not question.strip():  # said before the model loads, not after
        return _fail("the question is empty: give one as an argument, or '-' to read it from stdin")
    from assistant.pipeline import build_assistant

    assistant = build_assistant(settings)
    try:
        if args.command == "ask":
            return _ask(assistant, settings, question, session_id, as_json=args.json, verbose=args.verbose)
        return chat(assistant, settings, session_id)
    finally:
        assistant.close()


def _question(given: str | None) -> str:
    """The question from the line, or from stdin for '-' (or when nothing is given and stdin is piped)."""
    if given == "-" or (given is None and not sys.stdin.isatty()):
        return sys.stdin.read()
    if given is None:
        raise _Usage("no question given: assistant ask \"...\" (or '-' to read it from stdin)")
    return given


def _ask(
    assistant: Assistant, settings: Settings, question: str, session_id: str | None, *, as_json: bool, verbose: bool
) -> int:
    reply = assistant.ask(question.strip(), session_id)
    if reply.route == "invalid":  # the pipeline explains why (too long, ...): an error here, not an answer
        return _fail(reply.answer)
    remember_session(settings, reply.session_id)
    print(reply.model_dump_json(indent=2) if as_json else render(reply))
    if verbose:
        print(explain(reply), file=sys.stderr)
    print(f'session: {reply.session_id}  (follow up: assistant ask -c "...")', file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
