"""The CLI as a user runs it: a new process, readable output and errors, never a traceback."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from importlib import metadata
from pathlib import Path

import pytest

from assistant.settings import Settings

pytestmark = pytest.mark.slow


def run(args: list[str], settings: Settings, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(settings.data_dir),
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        env=env,
        input=stdin,
        text=True,
        capture_output=True,
        timeout=120,
    )


def test_ask_json(core_settings: Settings) -> None:
    done = run(["ask", "What was the median salary expectation in 2025?", "--json"], core_settings)
    assert done.returncode == 0, done.stderr
    reply = json.loads(done.stdout)
    assert "$5,808" in reply["answer"] and reply["citations"][0]["title"]
    assert set(reply) == {
        "answer",
        "session_id",
        "route",
        "abstained",
        "citations",
        "tool_calls",
        "plan",
        "latency_ms",
    }


def test_ask_plain_lists_citations(core_settings: Settings) -> None:
    done = run(["ask", "What is overfitting?"], core_settings)
    assert done.returncode == 0 and "[1]" in done.stdout and "route: documents" in done.stdout


def test_no_index_is_a_readable_error(tmp_path: Path) -> None:
    done = run(["ask", "hello"], Settings(data_dir=tmp_path, corpus_dir=tmp_path))
    assert done.returncode == 2
    assert "run `assistant ingest`" in done.stderr and "Traceback" not in done.stderr


def test_ingest_of_missing_corpus_is_a_readable_error(tmp_path: Path) -> None:
    done = run(["ingest", "--quiet"], Settings(data_dir=tmp_path, corpus_dir=tmp_path / "missing"))
    assert done.returncode == 2 and "does not exist" in done.stderr and "Traceback" not in done.stderr


# --- The command as people meet it: help, version, stdin, empty input, bad settings, quiet, chat, sessions ---

ASSISTANT = Path(sys.executable).with_name("assistant")  # the installed entry point, as a user runs it
BAR_MARKS = ("Loading weights", "embedding:", "%|", "\r")


def command(
    args: list[str], settings: Settings, stdin: str | None = None, **extra_env: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(settings.data_dir), "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir)}
    return subprocess.run(
        [str(ASSISTANT), *args],
        env={**env, **extra_env},
        input=stdin,
        text=True,
        capture_output=True,
        timeout=300,
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )


class Terminal:
    """The command on a pseudo-terminal, as in a shell: its stdio is a TTY that is also its controlling
    terminal, so keys such as Ctrl-C reach it through the line discipline, not as a signal we send."""

    def __init__(self, args: list[str], settings: Settings, **extra_env: str) -> None:
        self.master, slave = pty.openpty()
        # A real terminal has a size; on a 0-column one tqdm draws nothing, and a "no bars" check proves nothing.
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
        env = {
            **os.environ,
            "ASSISTANT_DATA_DIR": str(settings.data_dir),
            "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
            "TERM": "dumb",  # readline without bracketed paste or colours: a transcript that reads plainly
            "INPUTRC": "/dev/null",  # the person's own key bindings play no part
            **extra_env,
        }
        self.process = subprocess.Popen(
            [str(ASSISTANT), *args], stdin=slave, stdout=slave, stderr=slave, env=env, preexec_fn=_own_terminal
        )
        os.close(slave)
        self.transcript = ""
        self._seen = 0

    def expect(self, text: str, timeout: float = 180) -> str:
        """Read until `text` appears after what earlier expects consumed; returns the new output."""
        deadline = time.monotonic() + timeout
        while text not in self.transcript[self._seen :]:
            if time.monotonic() > deadline or not self._read(deadline - time.monotonic()):
                raise AssertionError(f"never saw {text!r}; output so far:\n{self.transcript[-3000:]}")
        end = self.transcript.index(text, self._seen) + len(text)
        new, self._seen = self.transcript[self._seen : end], end
        return new

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def finish(self, timeout: float = 180) -> int:
        """Read to the end of the output and return the exit status."""
        deadline = time.monotonic() + timeout
        while self._read(deadline - time.monotonic()):
            pass
        try:
            return self.process.wait(timeout=max(1.0, deadline - time.monotonic()))
        finally:
            os.close(self.master)

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the command closed the terminal
            return False
        self.transcript += chunk.decode(errors="replace")
        return bool(chunk)


def _own_terminal() -> None:
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def test_bare_command_shows_help_with_examples(core_settings: Settings) -> None:
    done = command([], core_settings)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: assistant") and "examples:" in done.stdout and done.stderr == ""
    for name in ("ingest", "ask", "chat", "serve", "eval", "--quiet", "--version"):
        assert name in done.stdout


def test_version_comes_from_the_package_metadata(core_settings: Settings) -> None:
    done = command(["--version"], core_settings)
    assert done.returncode == 0 and done.stdout.strip() == f"assistant {metadata.version('ai-careers-assistant')}"


@pytest.mark.parametrize("name", ["ask", "chat", "ingest", "bench", "serve", "eval", "slack", "feedback"])
def test_each_command_help_has_examples(core_settings: Settings, name: str) -> None:
    done = command([name, "--help"], core_settings)
    assert done.returncode == 0 and "examples:" in done.stdout and f"assistant {name}" in done.stdout


def test_ask_dash_reads_the_question_from_stdin(core_settings: Settings) -> None:
    done = command(["ask", "-", "--quiet"], core_settings, stdin="What was the median salary expectation in 2025?\n")
    assert done.returncode == 0, done.stderr
    assert "$5,808" in done.stdout and "[1]" in done.stdout


def test_verbose_shows_the_plan_and_lookups_on_stderr(core_settings: Settings) -> None:
    done = command(["ask", "-v", "What was the median salary expectation in 2025?"], core_settings)
    assert done.returncode == 0 and "$5,808" in done.stdout, done.stderr
    assert "part: 'What was the median salary expectation in 2025?'" in done.stderr
    lookups = [line for line in done.stderr.splitlines() if line.startswith("lookup: ")]
    assert lookups and "2025" in lookups[0] and "lookup:" not in done.stdout


@pytest.mark.parametrize(("args", "stdin"), [(["ask", ""], None), (["ask", "  \t "], None), (["ask", "-"], "\n \n")])
def test_an_empty_question_exits_2_with_the_reason(core_settings: Settings, args: list[str], stdin: str | None) -> None:
    done = command(args, core_settings, stdin=stdin)
    assert done.returncode == 2 and done.stdout == ""
    assert "question is empty" in done.stderr and "Traceback" not in done.stderr


def test_a_too_long_question_exits_2_with_the_limit(core_settings: Settings) -> None:
    done = command(["ask", "why " * 30], core_settings, ASSISTANT_MAX_MESSAGE_CHARS="50")
    assert done.returncode == 2 and done.stdout == ""
    assert "limit is 50" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [["ask", "hello"], ["serve", "--port", "9"], ["ingest"]])
def test_a_bad_setting_is_one_line_naming_the_variable(core_settings: Settings, args: list[str]) -> None:
    done = command(args, core_settings, ASSISTANT_MAX_MESSAGE_CHARS="abc")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "ASSISTANT_MAX_MESSAGE_CHARS='abc'" in lines[0] and "valid integer" in lines[0]


def _tiny_corpus(tmp_path: Path) -> Settings:
    """A fresh data dir over a one-document corpus: an ingest that loads the model, drawing its bars."""
    corpus = tmp_path / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "overfitting.md").write_text(
        "# Overfitting\n\n## What it is\n\nOverfitting is when a model learns the noise in its training data "
        "and so does worse on new data.\n"
    )
    return Settings(data_dir=tmp_path / "data", corpus_dir=corpus)


@pytest.mark.parametrize("args", [["--quiet", "ingest"], ["ingest", "-q"]])
def test_quiet_silences_every_bar_even_on_a_terminal(tmp_path: Path, args: list[str]) -> None:
    terminal = Terminal(args, _tiny_corpus(tmp_path))
    assert terminal.finish() == 0, terminal.transcript
    assert "index built" in terminal.transcript and not _bars(terminal.transcript), terminal.transcript


def test_bars_show_on_a_terminal_and_stay_out_of_logs(tmp_path: Path) -> None:
    terminal = Terminal(["ingest"], _tiny_corpus(tmp_path / "tty"))
    assert terminal.finish() == 0, terminal.transcript
    assert "embedding:" in _bars(terminal.transcript)  # so the "no bars" checks above can fail
    logged = command(["ingest"], _tiny_corpus(tmp_path / "log"))
    assert logged.returncode == 0 and "index built" in logged.stdout, logged.stderr
    assert not _bars(logged.stdout + logged.stderr), logged.stderr


@pytest.mark.parametrize("quiet", [False, True])
def test_quiet_silences_the_model_loading_bar(core_settings: Settings, quiet: bool) -> None:
    # The torch runtime loads the model through transformers, which draws its own "Loading weights" bar.
    args = ["ask", "What is overfitting?", *(["--quiet"] if quiet else [])]
    terminal = Terminal(args, core_settings, ASSISTANT_QUERY_RUNTIME="torch")
    assert terminal.finish() == 0, terminal.transcript
    assert "route: documents" in terminal.transcript
    assert ("Loading weights" in _bars(terminal.transcript)) is not quiet, terminal.transcript


def _bars(output: str) -> list[str]:
    """The progress-bar traces in a transcript (the terminal's own \r\n newlines aside)."""
    output = output.replace("\r\n", "\n")
    return [mark for mark in BAR_MARKS if mark in output]
