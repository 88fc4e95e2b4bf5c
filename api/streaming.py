"""Server-Sent Events framing and splitting an answer into pieces for streaming."""

from __future__ import annotations

import re

_WORD_START = re.compile(r"(?<=\s)(?=\S)")


def answer_pieces(text: str, words_per_piece: int = 4) -> list[str]:
    """Split text into pieces of a few words whose concatenation is exactly `text`."""
    words = [word for word in _WORD_START.split(text) if word]
    return ["".join(words[i : i + words_per_piece]) for i in range(0, len(words), words_per_piece)]


def sse(data: str, event: str | None = None) -> bytes:
    """One SSE frame; `data` must be a single line (JSON always is)."""
    head = f"event: {event}\n" if event else ""
    return f"{head}data: {data}\n\n".encode()


SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
