"""The conversation at a shell, for `assistant ask` and `assistant chat`: a reply rendered as text (and, with
-v, how it was found), the session that continues across invocations (`-c` reads the last one from the data
dir, `--session` names one), and the interactive chat loop with line editing and a history file.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import AssistantError
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.models import Reply
    from assistant.pipeline import Assistant

EXIT_WORDS = {"exit", "quit", "/exit", "/quit", ":q"}
LAST_SESSION_FILE = "last_session"  # in the data dir: the conversation `-c` continues
HISTORY_FILE = "chat_history"  # in the data dir: readline history of `assistant chat`


def render(reply: Reply) -> str:
    """A reply as text: the answer, its numbered sources, then route, abstention and time."""
    lines = [reply.answer]
    if reply.citations:
        lines.append("")
        lines.extend(f"[{c.id}] {c.title} — {c.section} ({c.source})" for c in reply.citations)
    tag = f"route: {reply.route}" + (", abstained" if reply.abstained else "") + f", {reply.latency_ms:.0f} ms"
    lines.append(f"({tag})")
    return "\n".join(lines)


def explain(reply: Reply) -> str:
    """How a reply was found, for whoever is checking it: each planned part and each statistics lookup."""
    lines = []
    for part in reply.plan:
        entities = ", ".join(f"{name}={value}" for name, value in part.entities.items() if value not in (None, "", []))
        coverage = "" if part.covered else ", not covered"
        lines.append(f"part: {part.text!r} -> {part.kind} via {part.route}{coverage} ({entities or 'no entities'})")
    for call in reply.tool_calls:
        arguments = ", ".join(f"{name}={value}" for name, value in call.arguments.items())
        rows = call.result.get("rows") if isinstance(call.result, dict) else None
        found = f"{len(rows)} row{'' if len(rows) == 1 else 's'}" if isinstance(rows, list) else "a result"
        lines.append(f"lookup: {call.tool}({arguments}) -> {found}")
    return "\n".join(lines) or "no plan or lookups recorded"


def chosen_session(settings: Settings, args: argparse.Namespace) -> str | None:
    """The conversation to continue: `--session`'s id, or with `-c` the last one in this data dir; None: a new one."""
    if args.session:
        return str(args.session)
    if args.continue_last:
        last = _last_session(settings)
        if last is None:
            print("no earlier conversation in this data dir: starting a new one", file=sys.stderr)
        return last
    return None


def _last_session(settings: Settings) -> str | None:
    try:
        return (settings.data_dir / LAST_SESSION_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def remember_session(settings: Settings, session_id: str) -> None:
    """Write the id `-c` will continue, atomically (two shells may answer at once); best effort."""
    target = settings.data_dir / LAST_SESSION_FILE
    partial = target.with_name(f".{LAST_SESSION_FILE}.{os.getpid()}")
    try:
        partial.write_text(session_id + "\n", encoding="utf-8")
        partial.replace(target)
    except OSError:
        partial.unlink(missing_ok=True)


def chat(assistant: Assistant, settings: Settings, session_id: str | None) -> int:
    interactive = sys.stdin.isatty()
    history = _History(settings.data_dir / HISTORY_FILE) if interactive else None
    if interactive:
        print("Ask about AI/ML salaries and careers. Type exit or quit (or press Ctrl-D) to leave.")
    try:
        while True:
            try:
                line = input("> " if interactive else "")
            except EOFError:
                if interactive:
                    print()
                return 0
            except KeyboardInterrupt:  # Ctrl-C abandons the line being typed, as in a shell
                print()
                continue
            question = line.strip()
            if not question:
                continue
            if question.lower() in EXIT_WORDS:
                return 0
            try:
                reply = assistant.ask(question, session_id)
            except KeyboardInterrupt:
                print("(interrupted)")
                continue
            except AssistantError as error:  # one bad turn does not end the conversation
                print(f"error: {error.message}", file=sys.stderr)
                continue
            if reply.route == "invalid":
                print(f"error: {reply.answer}", file=sys.stderr)
                continue
            session_id = reply.session_id
            remember_session(settings, session_id)
            print(render(reply) + "\n", flush=True)
    finally:
        if history is not None:
            history.save()
        if session_id:
            print(f"session: {session_id}  (continue: assistant chat -c)", file=sys.stderr)


class _History:
    """readline line editing and history for chat; the history file lives in the data dir."""

    def __init__(self, path: Path) -> None:
        self._path = path
        try:
            import readline  # importing it gives input() line editing and arrow-key history
        except ImportError:  # not on every platform (Windows): plain input() still works
            self._readline = None
            return
        self._readline = readline
        readline.set_history_length(1000)
        with contextlib.suppress(OSError):  # first run, or unreadable: start empty
            readline.read_history_file(path)

    def save(self) -> None:
        if self._readline is None:
            return
        with contextlib.suppress(OSError):  # history is a convenience: never fail the chat over it
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._readline.write_history_file(self._path)
