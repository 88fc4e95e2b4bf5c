"""The word lists and synonym tables of stats/vocabulary.toml, read once: data, so new phrasings need no code.
understanding.py and word_senses.py read them from here."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from assistant.settings import PROJECT_ROOT

VOCABULARY_PATH = PROJECT_ROOT / "stats" / "vocabulary.toml"


def load_vocabulary(path: Path) -> dict[str, Any]:
    """The synonym tables and word lists of stats/vocabulary.toml."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


_DATA = load_vocabulary(VOCABULARY_PATH)


def table(name: str) -> dict[str, tuple[str, ...]]:
    """A synonym table: canonical name -> the phrases that name it (lower case)."""
    return {str(key): tuple(str(p).lower() for p in phrases) for key, phrases in (_DATA.get(name) or {}).items()}


def word_list(name: str) -> tuple[str, ...]:
    """A list of the [words] table (lower case)."""
    return tuple(str(w).lower() for w in (_DATA.get("words") or {}).get(name, []))


def section(name: str) -> dict[str, Any]:
    """A whole table of stats/vocabulary.toml as written (its lists and values as they are, not lower-cased)."""
    return dict(_DATA.get(name) or {})
