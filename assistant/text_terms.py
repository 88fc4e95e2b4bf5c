"""Words and sentences of a text, as retrieval and answer choice see them (one definition for ingest and queries)."""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.\-]*[a-z0-9+#]|[a-z0-9]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'\"(])")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "how",
        "why",
        "when",
        "where",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "i",
        "you",
        "your",
        "we",
        "our",
        "they",
        "their",
        "he",
        "she",
        "his",
        "her",
        "me",
        "my",
        "can",
        "could",
        "should",
        "would",
        "will",
        "may",
        "might",
        "must",
        "about",
        "into",
        "than",
        "then",
        "there",
        "here",
        "so",
        "such",
        "not",
        "no",
        "yes",
        "also",
        "tell",
        "explain",
        "describe",
        "give",
        "me",
        "please",
        "any",
        "some",
        "more",
        "most",
        "much",
        "many",
        "does",
        "mean",
        "means",
        "whats",
        "stand",  # "what does X stand for?" asks for the expansion, like "mean"
        "stands",
        "someone",
        # fillers that say nothing about the subject ("what does X *actually* do?")
        "actually",
        "really",
        "basically",
        "just",
        "exactly",
        "even",
        "ever",
        "quite",
        "very",
        "hows",
    ]
)


def terms(text: str) -> list[str]:
    """Lower-cased content words with a light plural/-ing trim, for lexical sentence scoring."""
    return list(_terms(text))


@lru_cache(maxsize=65536)
def _terms(text: str) -> tuple[str, ...]:
    # Cached: every question re-reads the same chunk sentences and headings.
    out: list[str] = []
    for token in _WORD.findall(text.lower()):
        # "semi-supervised" is its own term and also "semi" + "supervised"; "industry-wide" also "industry".
        parts = [token, *token.split("-")] if "-" in token.strip("-") else [token]
        out.extend(_stem(word) for word in parts if word not in STOPWORDS and len(word) >= 2)
    return tuple(out)


def _stem(word: str) -> str:
    """A light plural/-ing/-ed trim: enough to match 'skills'/'skill' and 'learning'/'learned'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"  # industries -> industry, companies -> company
    for suffix in ("ing", "ed", "es", "s", "e"):
        if len(word) > 4 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)]
    if len(word) == 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "as")):
        return word[:-1]  # acronym plurals: "VAEs" -> "vae", "LLMs" -> "llm"
    return word


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage, one list item per line (bullet marks dropped); ingest stores their vectors."""
    sentences: list[str] = []
    for line in text.split("\n"):
        line = line.strip().lstrip("-•* ").strip()
        if line:
            sentences.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return sentences


def found_in(wanted: set[str], words: set[str]) -> set[str]:
    """The wanted terms that `words` holds, a term also matching a longer or shorter form of itself
    ('differ' / 'differenc', 'automat' / 'automation'): the light stemmer leaves such pairs apart."""
    hits = wanted & words
    for term in wanted - hits:
        if len(term) >= 5 and any(len(w) >= 5 and (w.startswith(term) or term.startswith(w)) for w in words):
            hits.add(term)
    return hits
