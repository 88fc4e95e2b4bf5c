"""The documents' other names for what a question names: what an acronym stands for, the one word two question
words spell, the close spelling the documents write beside a misspelt word's neighbour; and, mixed in from
unwritten.py, whether a term of the question is written in the documents at all. Read from the corpus once per
build (Retriever.names).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from rapidfuzz.distance import DamerauLevenshtein

from assistant.acronyms import acronyms, expansion_of
from assistant.lexical import LexicalIndex
from assistant.origins import ORIGIN_STATED
from assistant.text_terms import STOPWORDS, split_sentences, terms
from assistant.unwritten import _AMOUNT, UnwrittenWords
from assistant.word_forms import folded, written_pairs

# An initialism the documents never write ("RL", "GAN") stands for the run of words with those initials only
# when that run is repeated and outnumbers every other run with the same initials together by this much:
# "RL" -> reinforcement learning (7 runs, no other), "CV" -> computer vision (6 against 3); "MS" (median
# salary 4, model size 2, ...) and "PM" (product manager 5, predictive modeling 2, ...) stay unread.
INITIALISM_DOMINANCE = 2.0
_RUN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|[^\sA-Za-z]+")
_ACRONYM = re.compile(r"\b[A-Za-z][A-Za-z]{1,6}\b")


class OtherNames(UnwrittenWords):
    """What the documents call what a question names, for one build's chunks (texts and heading paths); what they
    never write is UnwrittenWords' (mixed in)."""

    def __init__(self, texts: list[str], sections: list[str], lexical: LexicalIndex) -> None:
        self._lexical = lexical
        # What the documents' acronyms stand for: as they define them ("natural language processing (NLP)"),
        # else the initials of a term they repeat ("reinforcement learning" for "RL"); read once per build.
        defined = acronyms(texts)
        self._defined = set(defined)
        strong, self._guesses, self._initials = _initial_runs(texts)
        self._expansions = {**strong, **defined}
        self._spelled_out = [(tuple(terms(expansion)), acronym) for acronym, expansion in defined.items()]
        # Every two consecutive words the documents write (headings too), as terms, accents folded.
        # A hyphenated word is also read as one ("hyper-parameter" -> "hyperparameter").
        self._pairs = {
            pair
            for section, text in zip(sections, texts, strict=True)
            for written in (f"{section}\n{text}", re.sub(r"(?<=[a-z])-(?=[a-z])", "", f"{section}\n{text}"))
            for pair in written_pairs(folded(written))
        }
        # Every word written, accents folded, a hyphenated one also joined ("Chat-GPT" -> "chatgpt"); a word
        # alone between commas ("Bonuses, stock options") stands in no pair but is written all the same.
        alone = {t for section, text in zip(sections, texts, strict=True) for t in terms(folded(f"{section}\n{text}"))}
        self._words = {
            form for word in {w for pair in self._pairs for w in pair} | alone for form in (word, word.replace("-", ""))
        }
        self._sorted_words = sorted(self._words)
        # The defined terms of three words or more, as terms, for sibling_of_defined (folded once per build).
        self._defined_terms = [
            (term, self._expansions[acronym])
            for acronym in sorted(self._defined)
            if len(term := terms(folded(self._expansions.get(acronym, "")))) >= 3
        ]
        # The words of the documents' headings ("Future Outlook"): "what's the outlook for AI careers" asks a section.
        self._heading_terms = frozenset(t for section in sections for t in terms(folded(section).lower()))
        # Each heading's own words ("Explainability and Trust"): a term asked that is a heading is written, though
        # its words stand apart ("and" between them) - the item of a list just given, asked of by its place.
        self._headings = frozenset(
            frozenset(terms(folded(heading).lower())) for section in sections for heading in section.split(" > ")
        )
        # The sentences that say where something came from ("founded", "released"), as terms: an origin asked of a
        # thing no such sentence names is unstated (unstated_origin).
        self._origin_sentences = [
            frozenset(terms(folded(sentence).lower()))
            for text in texts
            for sentence in split_sentences(text)
            if ORIGIN_STATED.search(sentence)
        ]
        # The words of the sentences that state an amount ("Google, Apple, Meta ... $120,000"): a payer named
        # nowhere else has no figure (unpaid_names).
        self._figure_words = frozenset(
            t
            for text in texts
            for sentence in split_sentences(text)
            if _AMOUNT.search(sentence)
            for t in terms(folded(sentence).lower())
        )
        self._after_forms: dict[str, frozenset[str]] = {}  # a word -> what the documents write after its forms
        self._before: dict[str, set[str]] = {}  # a word -> the words the documents write just before it
        self._after: dict[str, set[str]] = {}  # ... and just after it
        for first, second in self._pairs:
            self._before.setdefault(second, set()).add(first)
            self._after.setdefault(first, set()).add(second)

    def heads_a_section(self, word: str) -> bool:
        """A heading of the documents has this word ("outlook": "Future Outlook")."""
        found = terms(folded(word).lower())
        return bool(found) and set(found) <= self._heading_terms

    def names_heading(self, words: list[str]) -> bool:
        """The words are those of one heading of the documents ("Explainability Trust": "Explainability and
        Trust"), in any order, none missing and none more."""
        found = frozenset(t for w in words for t in terms(folded(w).lower()))
        return len(found) > 1 and found in self._headings

    def expansions(self) -> dict[str, str]:
        """Acronym -> expansion, lower-cased: the documents' own definitions, and initials of their terms."""
        return dict(self._expansions)

    def spell_out(self, query: str) -> str:
        """The question with each acronym the documents never write replaced by the term it stands for
        ("what are NNs" -> "what are neural networks"): its vector then says what is asked (a bare "RL?"
        lies near nothing). Unchanged when it has none, which is nearly always."""

        def expanded(match: re.Match[str]) -> str:
            token = match.group(0)
            if sum(c.isupper() for c in token) < 2 or any(self._lexical.weight(t) for t in terms(token)):
                return token
            return expansion_of(token, self._expansions) or token

        return _ACRONYM.sub(expanded, query)

    def guesses(self, query: str) -> list[tuple[str, str, str]]:
        """(acronym as typed, the run it may stand for, the sentence saying that run) for each acronym of the
        question that the documents neither write nor name clearly, but whose initials one run said once in
        passing has ("GANs" -> generative adversarial network). The caller reads it so only when the
        question's vector finds that sentence: the model knows "GAN" though the documents never write it,
        while a chance run ("CTO" -> clear training objectives) lies far from "what does a CTO earn"."""
        out = []
        for token in _ACRONYM.findall(query):
            key = token.lower()
            key = key if key in self._guesses else key[:-1]
            if sum(c.isupper() for c in token) >= 2 and key in self._guesses and not self._lexical.weight(key):
                out.append((token, *self._guesses[key]))
        return out

    def expand(self, query: str, unwritten: bool = False) -> list[str]:
        """The documents' other names for what the question names, as extra search words: an acronym's
        expansion ("NLP" -> natural language processing; "RL" -> reinforcement learning), the acronym of a
        spelled-out term ("automated machine learning" -> automl), and the one word two question words
        spell together ("back prop" -> backpropagation). `unwritten`: only those standing in for a question
        word the documents never write ("RL", "back prop"), i.e. without which nothing would match it."""
        every, standing_in = self.expand_both(query)
        return standing_in if unwritten else every

    def expand_both(self, query: str) -> tuple[list[str], list[str]]:
        """expand(query) and expand(query, unwritten=True) in one pass over the question: the documents answer
        reads both once per question and hands the first to Retriever.hybrid (see Retriever.hybrid's `named`)."""
        every: list[str] = []
        standing_in: list[str] = []
        for token in _ACRONYM.findall(query):
            # Written as an acronym (two capitals at least: "RL", "GANs", "MLOps"): "is" or "data" never is one.
            # One the documents use everywhere ("AI", "ML") finds its chunks by itself; its expansion would
            # only outweigh the question's other words.
            if sum(c.isupper() for c in token) < 2 or not self._uncommon(token):
                continue
            written = any(self._lexical.weight(t) for t in terms(token))
            defined = token.lower() in self._defined or token.lower()[:-1] in self._defined
            # Initials read off a term are for acronyms the documents never write ("RL"); one they write
            # ("GPT-3") is found as written, and its guessed expansion would only pull other passages.
            if not written or defined:
                every.append(expansion_of(token, self._expansions))
            if not written:
                standing_in.append(expansion_of(token, self._expansions))
        words = terms(query)
        for spelled, acronym in self._spelled_out:
            n = len(spelled)
            if (
                n > 1
                and self._uncommon(acronym)
                and any(tuple(words[i : i + n]) == spelled for i in range(len(words) - n + 1))
            ):
                every.append(acronym)
        both = [*self._lexical.compounds(query), *self._respelled(query)]
        return (
            list(dict.fromkeys(e for e in [*every, *both] if e)),
            list(dict.fromkeys(e for e in [*standing_in, *both] if e)),
        )

    def _respelled(self, query: str) -> list[str]:
        """A misspelt word the documents never write, read as the word they write next to its neighbour
        ("deap learning" -> deep, "reinforcment learning" -> reinforcement): the neighbour picks the one
        of the close spellings that the documents use in that place. Short words too (the planner's
        correction leaves words under five letters alone: too many real words are one letter apart)."""
        words = terms(folded(query))
        out: list[str] = []
        for at, word in enumerate(words):
            if len(word) < 3 or not word.isalpha() or self._lexical.weight(word):
                continue
            limit = 1 if len(word) < 8 else 2
            near: set[str] = set()  # the words the documents write beside the neighbours
            if at + 1 < len(words):
                near |= self._before.get(words[at + 1], set())
            if at > 0:
                near |= self._after.get(words[at - 1], set())
            close = [
                w for w in near if w.isalpha() and DamerauLevenshtein.distance(word, w, score_cutoff=limit) <= limit
            ]
            if len(close) == 1:  # two candidates ("dat" -> data / date): the neighbour does not decide
                out.append(close[0])
        return out

    def _uncommon(self, word: str) -> bool:
        """A word the documents use in few chunks or none (see LexicalIndex.rare)."""
        return all(self._lexical.rare(t) or not self._lexical.weight(t) for t in terms(word))


def initialisms(texts: Iterable[str]) -> dict[str, str]:
    """Initials -> the term they abbreviate (see _initial_runs), for the terms the documents name clearly."""
    return _initial_runs(texts)[0]


def _initial_runs(texts: Iterable[str]) -> tuple[dict[str, str], dict[str, tuple[str, str]], set[str]]:
    """Initials -> the run of 2-4 content words they abbreviate, lower-cased, read from the corpus at load.

    The documents write "reinforcement learning" and "linear discriminant analysis" but never "RL" or
    "LDA", which is what a candidate types. A run counts when it is a term, not a chance sequence: written
    in title case somewhere (a heading, a named method) or in at least two distinct sentences; and when no
    other run with the same initials rivals it (INITIALISM_DOMINANCE). Initials that are a word of the
    documents themselves ("is", "data") are never read as an initialism.

    Second: guesses, initials of three letters at least for a run said once in passing in lower case, the only
    run with those initials ("GAN": "in a generative adversarial network, ..."), each with its sentence. A
    question may read them so only when its own vector finds that sentence (see OtherNames.guesses).

    Third: the initials of every term, rivals too ("PM": product manager, predictive modeling): an acronym with
    these may name something the documents write, though which one is not clear.
    """
    runs: Counter[str] = Counter()
    said_in: dict[str, str] = {}  # run -> the (last) sentence saying it  # run -> distinct sentences holding it
    titled: set[str] = set()
    vocabulary: set[str] = set()
    for sentence in dict.fromkeys(s for text in texts for s in split_sentences(text)):
        words = _RUN_WORD.findall(sentence)
        vocabulary.update(w.lower().strip("'’-") for w in words)
        for n in (2, 3, 4):
            for i in range(len(words) - n + 1):
                run = words[i : i + n]
                if all(w[0].isalpha() and w.lower() not in STOPWORDS for w in run):
                    key = " ".join(w.lower().strip("'’") for w in run)
                    runs[key] += 1
                    said_in[key] = sentence
                    if all(w[0].isupper() for w in run):
                        titled.add(key)
    by_initials: dict[str, dict[str, list[str]]] = {}  # initials -> singular run -> its spellings
    for run in runs:
        initials = "".join(part[0] for word in run.split() for part in word.split("-") if part)
        by_initials.setdefault(initials, {}).setdefault(run.removesuffix("s"), []).append(run)
    found: dict[str, str] = {}
    guesses: dict[str, tuple[str, str]] = {}
    named: set[str] = set()
    for initials, forms in by_initials.items():
        if not 2 <= len(initials) <= 5 or initials in vocabulary or initials in STOPWORDS:
            continue
        counted = sorted(((sum(runs[r] for r in spellings), spellings) for spellings in forms.values()), reverse=True)
        (count, spellings), rest = counted[0], counted[1:]
        if any(n >= 2 or any(r in titled for r in spelled) for n, spelled in counted):
            named.add(initials)
        is_term = count >= 2 or any(r in titled for r in spellings)
        if is_term and count >= INITIALISM_DOMINANCE * sum(c for c, _ in rest):
            found[initials] = max(spellings, key=lambda r: runs[r])
        elif not rest and len(initials) >= 3:
            guesses[initials] = (spellings[0], said_in[spellings[0]])
    return found, guesses, named
