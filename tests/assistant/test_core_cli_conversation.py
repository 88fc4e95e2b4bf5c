"""The conversation at a shell (assistant/cli_conversation.py), as a user runs it in a new process: the chat
loop on a terminal and on a pipe, and sessions that continue across invocations (`-c`, `--session`)."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from assistant.settings import Settings
from tests.assistant.test_core_cli import ASSISTANT, Terminal, command, run

pytestmark = pytest.mark.slow


def test_chat_keeps_the_session(core_settings: Settings) -> None:
    done = run(["chat"], core_settings, stdin="median salary expectation in 2025?\nand in 2024?\n\n")
    assert done.returncode == 0, done.stderr
    assert "$5,808" in done.stdout and "$5,640" in done.stdout


def test_chat_on_a_terminal_edits_lines_keeps_history_and_leaves_on_exit(core_settings: Settings) -> None:
    terminal = Terminal(["chat"], core_settings)
    terminal.expect("> ")
    terminal.send("\r")  # a blank line is ignored, not the end of the chat
    terminal.expect("> ")
    terminal.send("never sent to the assistant")
    terminal.expect("assistant")  # echoed: readline holds the line (as a person sees it before pressing a key)
    terminal.send("\x03")  # Ctrl-C drops the line being typed
    terminal.expect("> ")
    terminal.send("median salary expectation in 205\x1b[D2\r")  # left arrow: 205 -> 2025
    assert "$5,808" in terminal.expect("route: statistics")
    terminal.send("and in 2024?\r")  # the same conversation
    assert "$5,640" in terminal.expect("route: statistics")
    terminal.send("\x1b[A\x1b[A\r")  # up arrow twice: the 2025 question again, from history
    assert "$5,808" in terminal.expect("route: statistics")
    terminal.send("exit\r")
    assert terminal.finish() == 0, terminal.transcript
    assert "Traceback" not in terminal.transcript and terminal.transcript.count("route:") == 3
    history = (core_settings.data_dir / "chat_history").read_text().splitlines()
    assert history[-4:] == [
        "median salary expectation in 2025",
        "and in 2024?",
        "median salary expectation in 2025",
        "exit",
    ]
    assert "never sent to the assistant" not in history


def test_chat_leaves_on_ctrl_d(core_settings: Settings) -> None:
    terminal = Terminal(["chat"], core_settings)
    terminal.expect("> ")
    terminal.send("\x04")
    assert terminal.finish() == 0 and "Traceback" not in terminal.transcript


@pytest.mark.parametrize("word", ["quit", "exit"])
def test_chat_stops_at_quit_without_asking_it(core_settings: Settings, word: str) -> None:
    done = command(
        ["chat"],
        core_settings,
        stdin=f"What is overfitting?\n\n{word}\nWhat was the median salary expectation in 2025?\n",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("route:") == 1 and "route: documents" in done.stdout and "$5,808" not in done.stdout


def test_a_reader_that_leaves_early_ends_chat_quietly(core_settings: Settings) -> None:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(core_settings.data_dir)}
    chat = subprocess.Popen(
        [str(ASSISTANT), "chat"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert chat.stdin and chat.stdout and chat.stderr
    chat.stdin.write("What is overfitting?\n" * 50)  # `... | assistant chat | head -1`
    chat.stdin.close()
    assert chat.stdout.readline().strip()
    chat.stdout.close()
    assert chat.wait(timeout=300) == 141
    assert "Traceback" not in chat.stderr.read()


def _printed_session(done: subprocess.CompletedProcess[str]) -> str:
    found = re.search(r"session: ([0-9a-f]{32})", done.stderr)
    assert found, done.stderr
    return found.group(1)


def test_continue_and_session_reuse_the_printed_session_id(core_settings: Settings) -> None:
    first = command(["ask", "What was the median salary expectation in 2025?"], core_settings)
    assert first.returncode == 0, first.stderr
    session = _printed_session(first)
    continued = command(["ask", "-c", "--json", "And in 2024?"], core_settings)
    assert continued.returncode == 0 and json.loads(continued.stdout)["session_id"] == session
    named = command(["ask", "--session", "my-own-id", "--json", "What is overfitting?"], core_settings)
    assert json.loads(named.stdout)["session_id"] == "my-own-id"
    assert command(["ask", "-c", "--json", "And in 2024?"], core_settings).stdout.count('"my-own-id"') == 1


def test_chat_continue_picks_up_the_last_conversation(core_settings: Settings) -> None:
    first = command(["ask", "What was the median salary expectation in 2025?"], core_settings)
    session = _printed_session(first)
    chat = command(["chat", "-c"], core_settings, stdin="What is overfitting?\n")
    assert chat.returncode == 0 and "route: documents" in chat.stdout, chat.stderr
    assert _printed_session(chat) == session


@pytest.mark.parametrize("follow_up", [["-c"], ["--session", "SESSION"]])
def test_a_conversation_continues_in_the_next_process(core_settings: Settings, follow_up: list[str]) -> None:
    first = command(["ask", "What was the median salary expectation in 2025?"], core_settings)
    assert first.returncode == 0 and "$5,808" in first.stdout, first.stderr
    session = _printed_session(first)
    follow_up = [session if arg == "SESSION" else arg for arg in follow_up]
    second = command(["ask", *follow_up, "And in 2024?"], core_settings)
    assert second.returncode == 0, second.stderr
    assert "$5,640" in second.stdout and "route: statistics" in second.stdout
