"""Words and sentences of a text, as retrieval and answer choice see them (one definition for ingest and queries)."""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[a-z0-9][a-z0-9+#.\-]*[a-z0-9+#]|[a-z0-9]")  # a word as terms() reads it (lower-cased text)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'\"(])")
# Any end mark and the space after it, in text people type ("junior ML engineer here. my lead keeps ..."), where a
# sentence need not open with a capital as the documents' do (split_sentences reads _SENTENCE_END)
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
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
        "whenever",
        "once",  # "how much once they're experienced?": a conjunction, never a thing counted or asked about
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
    for token in WORD.findall(text.lower()):
        # "semi-supervised" is its own term and also "semi" + "supervised"; "industry-wide" also "industry".
        parts = [token, *token.split("-")] if "-" in token.strip("-") else [token]
        out.extend(_stem(word) for word in parts if word not in STOPWORDS and len(word) >= 2)
    return tuple(out)


def _stem(word: str) -> str:
    """A light plural/-ing/-ed trim: enough to match 'skills'/'skill' and 'learning'/'learned', and an -ize verb
    with its -ization noun. (A full Snowball stemmer was measured: it also merges 'responsibly' with
    'responsibilities' and 'developer' with 'develop', and lost more fresh questions than it won.)"""
    for suffix in ("ations", "ation"):
        # specialization -> specializ, as specialize/specialized/specializing: the verb and its noun meet
        if len(word) > 8 and word.endswith(suffix) and word[: -len(suffix)].endswith(("iz", "is")):
            return word[: -len(suffix)]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"  # industries -> industry, companies -> company
    for suffix in ("ing", "ed", "es", "s", "e"):
        if len(word) > 4 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)]
    if len(word) == 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "as")):
        return word[:-1]  # acronym plurals: "VAEs" -> "vae", "LLMs" -> "llm"
    return word


# A line that starts something of its own: a list item, a heading, a table row, a quote or a code fence.
_STRUCTURAL = re.compile(r"^\s*(?:[-•*+]\s|\d+[.)]\s|#|\||>|```)")
# A line ending a clause: what follows it is not the same sentence wrapped.
_ENDS_CLAUSE = re.compile(r"[.!?:;]['\"”’)\]]*$")
# Wrapped prose fills its lines (a page wrapped at 72-80 columns); a shorter line without a full stop is a
# title or label ("Robotics Engineer") unless the next line plainly continues it (starts in lower case).
WRAPPED_LINE = 50


def join_soft_wraps(text: str) -> str:
    """Hard-wrapped paragraphs and list items as one line each: a line that is not a list item, heading or
    table row continues the line before when that one stops mid-sentence. Ingest (sentence vectors, chunks)
    and queries (answer units) both read text through this, so their sentences are the same strings."""
    out: list[str] = []
    fenced = False  # inside a ``` code block every line stands as written
    for raw in text.split("\n"):
        line = raw.strip()
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and out and line and _continues(out[-1].strip(), line):
            out[-1] = f"{out[-1].rstrip()} {line}"
            continue
        out.append(raw.rstrip())
    return "\n".join(out)


def _continues(previous: str, line: str) -> bool:
    if not previous or _STRUCTURAL.match(line) or previous.startswith(("#", "|", "```")):
        return False
    if _ENDS_CLAUSE.search(previous):
        return False
    if line[:1].islower():
        return True
    # A figure on its own line ("$5,640") ends an entry of a statistics page, not a wrapped sentence.
    return len(previous) >= WRAPPED_LINE and not previous[-1:].isdigit()


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage, one list item per line (bullet marks dropped); ingest stores their vectors."""
    return list(_split_sentences(text))


@lru_cache(maxsize=65536)
def _split_sentences(text: str) -> tuple[str, ...]:
    # Cached: every question reads the stored sentences of each candidate unit (Unit.lines) again.
    sentences: list[str] = []
    for line in join_soft_wraps(text).split("\n"):
        line = line.strip().lstrip("-•* ").strip()
        if line:
            sentences.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return tuple(sentences)


def found_in(wanted: set[str], words: set[str]) -> set[str]:
    """The wanted terms that `words` holds, a term also matching a longer or shorter form of itself
    ('differ' / 'differenc', 'automat' / 'automation'): the light stemmer leaves such pairs apart."""
    hits = wanted & words
    missing = wanted - hits
    if not missing:
        return hits
    # The words a prefix may join, filtered once per call, not once per missing term (scoring calls this for
    # every unit of every candidate passage).
    long_words = [w for w in words if len(w) >= 5]
    for term in missing:
        if len(term) >= 5 and any(w.startswith(term) or term.startswith(w) for w in long_words):
            hits.add(term)
        elif len(term) >= 3 and (f"{term}e" in words or (term.endswith("e") and term[:-1] in words)):
            hits.add(term)  # a short word's -ing/-ed form lost its silent e: 'coding' -> 'cod' is 'code'
    return hits


@lru_cache(maxsize=1024)
def words_of(text: str) -> frozenset[str]:
    """A passage's terms, once per passage text (the same chunks come back question after question)."""
    return frozenset(terms(text))


def weighed_once(terms_found: set[str], weights: dict[str, float], groups: list[list[frozenset[str]]]) -> float:
    """The weight of the terms found, each group of ways one thing of the question is said (its words, its search
    synonyms: "tools" / frameworks) counted once, by the way found that weighs most: "Openness to learning new
    tools ... and frameworks" holds one thing asked, not two; "Advanced degrees" says all of "advanced degrees"
    for "PhD", "Advance from ..." only part of it."""
    once, grouped = 0.0, set()
    for ways in groups:
        found = [(way & terms_found) - grouped for way in ways]  # a term two phrases share counts in one
        if any(found):
            once += max(sum(weights[t] for t in way) for way in found)
            grouped.update(*found)
    return once + sum(weights[t] for t in terms_found - grouped)
