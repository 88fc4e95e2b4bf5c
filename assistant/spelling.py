"""General English, offline: which words are real words and how common each is. Read once per process from the
model's WordPiece vocabulary and pyspellchecker's English frequency list (a package file, ~160,000 words counted
in a large general text collection), never from the network.

Two uses: the typo corrector leaves a real word alone ("federated", "recurrent", "ethicist" are not typos of the
corpus words "generated", "current", "ethics"), and the off-topic gate tells a content noun of general English
that the documents never write ("visa", "laptop") from a word too rare to be anything but a typo or a name.
"""

from __future__ import annotations

import gzip
import json
import math
from functools import lru_cache
from importlib.resources import files
from pathlib import Path


class English:
    """Real English words (lower case, 4+ letters) and their Zipf frequency (log10 of uses per billion words:
    "the" ~7.7, "salary" ~3.9, "visa" ~3.5, "federated" ~1.7; 0 for a word the list lacks). Looked up in the
    counts as read (no derived copy: the list is read at every process start)."""

    def __init__(self, counts: dict[str, int], extra: frozenset[str] = frozenset()) -> None:
        self._counts = counts
        self._extra = extra
        self._per_billion = 1e9 / (sum(counts.values()) or 1)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or len(word) < 4 or not word.isalpha():
            return False
        return word in self._counts or word in self._extra

    def zipf(self, word: str) -> float:
        count = self._counts.get(word, 0)
        return math.log10(count * self._per_billion) if count else 0.0


@lru_cache(maxsize=1)
def general_english() -> English:
    """The English frequency list alone (no model vocabulary): how common a word is in general English."""
    return English(_frequency_list())


@lru_cache(maxsize=4)
def load_english(model_path: Path) -> English:
    """The process's English word list: pyspellchecker's counts plus the whole words of the model's WordPiece
    vocabulary (about 20,000 common words; empty when the model ships no vocab.txt)."""
    vocab = model_path / "vocab.txt"
    wordpiece = frozenset()
    if vocab.is_file():
        lines = vocab.read_text(encoding="utf-8").splitlines()
        wordpiece = frozenset(w for w in lines if len(w) >= 4 and w.isalpha() and w.islower())
    return English(_frequency_list(), wordpiece)


@lru_cache(maxsize=1)
def _frequency_list() -> dict[str, int]:
    data = (files("spellchecker") / "resources" / "en.json.gz").read_bytes()
    counts: dict[str, int] = json.loads(gzip.decompress(data))
    return counts
