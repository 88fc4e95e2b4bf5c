"""Which sentences of a statistics refusal belong to the part that was refused: everything but the closing summary
of what the sources cover (said once for the whole reply when no part is answered, never after each part)."""

from __future__ import annotations

from functools import cache

from assistant.answer_figures import source_notes


@cache
def _summary_opening() -> str:
    """The fixed words the coverage summary opens with (stats/source_notes.toml coverage, before its first field)."""
    return source_notes()["coverage"].split("{", 1)[0].strip()


def is_coverage_summary(sentence: str) -> bool:
    opening = _summary_opening()
    return bool(opening) and sentence.strip().startswith(opening)


def last_own_sentence(written: list[str], last_cited: int) -> int:
    """The index of the last sentence of `written` (a refused part's statistics answer) that is the part's own: at
    least the last cited one, and any refusal after it ("I have no such market figure: ... no count of ds job
    openings") up to the coverage summary."""
    last = last_cited
    for i in range(last_cited + 1, len(written)):
        if is_coverage_summary(written[i]):
            break
        last = i
    return last
