"""Lexical search over the build's chunks (BM25 through `bm25s`) and reciprocal rank fusion with dense results.

The embedding misses exact terms it has never learned to weigh ("MLOps", an algorithm's name); BM25 finds
them. Both rankings are fused by reciprocal rank (Cormack et al. 2009), which needs no score calibration
between the two: a chunk high in either list ends high in the fused one.
"""

from __future__ import annotations

import bisect
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import snowballstemmer

from assistant.settings import PROJECT_ROOT
from assistant.text_terms import STOPWORDS, WORD, terms

_ROOT = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _root(word: str) -> str:
    """A word's Snowball (Porter2) root, cached: questions repeat the same words."""
    return str(_ROOT.stemWord(word))


SEARCH_SYNONYMS_PATH = PROJECT_ROOT / "stats" / "search_synonyms.toml"
RRF_K = 60  # the constant from the RRF paper: damps the weight of the very top ranks
# British spellings of a light-stemmed term (text_terms._stem has taken -e/-es/-ed/-ing off): "specialis",
# "organisation", "optimis", "analys"; the American -iz-/-yz- is what the documents may write instead.
_BRITISH_IS = re.compile(r"is(ation|ational|ationally|at|er|)$")
_BRITISH_YS = re.compile(r"ys(er|)$")
COMPOUND_PREFIX = 6  # two question words joined ("back prop") match the documents' word they start ("backpropagation")


def reciprocal_rank_fusion(
    rankings: Iterable[Sequence[str]], k: int = RRF_K, weights: Sequence[float] | None = None
) -> dict[str, float]:
    """Fused score per id: the sum over rankings of weight / (k + rank), rank starting at 1. Highest first.

    Weights let correlated rankings (two made from the same embeddings) count as one voice together.
    """
    fused: dict[str, float] = {}
    for n, ranking in enumerate(rankings):
        weight = weights[n] if weights is not None else 1.0
        for rank, item in enumerate(dict.fromkeys(ranking), start=1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return dict(sorted(fused.items(), key=lambda pair: pair[1], reverse=True))


class LexicalIndex:
    """BM25 over chunk texts with their heading paths, plus document frequencies for term weights.

    The heading path is indexed with the text (twice, so a heading word weighs more than a body word):
    'Career Paths' or 'Soft Skills' is often only in the heading, and a heading that names what the
    question asks for is strong evidence.
    """

    def __init__(self, ids: list[str], texts: list[str], sections: list[str]) -> None:
        self.ids = ids
        self._docs = [terms(f"{section}\n{section}\n{text}") for section, text in zip(sections, texts, strict=True)]
        self._df: Counter[str] = Counter(term for doc in self._docs for term in set(doc))
        self._vocabulary = sorted(self._df)
        # The documents' words, sorted: their Snowball roots are read when a question needs them (relatives), so
        # "innovative" finds "Innovation" and "adaptable" "Adaptability" (the light stemmer keeps derived forms
        # apart; a prefix only joins them when one word starts the other). Rooting them all at load cost 60 ms.
        self._words = sorted(
            {word for text in {*texts, *sections} for word in WORD.findall(text.lower()) if word.isalpha()}
        )
        # "pre-train" under "pretrain": a question often writes the documents' hyphenated compound as one word
        self._unhyphenated = {w.replace("-", ""): w for w in self._vocabulary if "-" in w.strip("-")}
        self._bm25 = bm25s.BM25()
        if ids:
            self._bm25.index([doc or [""] for doc in self._docs], show_progress=False)

    def __len__(self) -> int:
        return len(self.ids)

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency (a term in no chunk gets the highest weight)."""
        return math.log(1.0 + (len(self.ids) - self._df.get(term, 0) + 0.5) / (self._df.get(term, 0) + 0.5))

    def weight(self, term: str) -> float:
        """A question word's weight for matching: its IDF, or 0 for a word no chunk has (it can match nothing
        here, and counting it would only dilute the words that can: "what soft skills *matter* ...")."""
        return self.idf(term) if self._df.get(term, 0) else 0.0

    def writes(self, term: str) -> bool:
        """Some chunk holds the term, or it with an ending of a few letters ("api" / "apis"), or the term is a
        word of theirs with one ("apis" / "api"). Closer than the search's forms (_forms): a name is not a form
        of the word it starts with ("Coursera" / "course")."""
        if self._df.get(term, 0) or any(term[:-n] in self._df for n in (1, 2) if len(term) - n >= 3):
            return True
        return any(len(word) <= len(term) + 3 for word in self._starting_with(term))

    def rare(self, term: str, share: float = 0.1) -> bool:
        """A term in at most `share` of the chunks (and in at least one): it names something specific."""
        return 0 < self._df.get(term, 0) <= max(1, int(share * len(self.ids)))

    def scores(self, query: str) -> np.ndarray:
        wanted = terms(query)
        if not wanted or not self.ids:
            return np.zeros(len(self.ids), dtype=np.float32)
        # A word also searches for the documents' longer and shorter forms of it ("document" finds
        # "documentation", "automated" finds "automation"), as the answer scoring matches them (found_in).
        wanted = wanted + sorted({form for term in wanted for form in self._forms(term)} - set(wanted))
        return np.asarray(self._bm25.get_scores(wanted), dtype=np.float32)

    def variants(self, query: str) -> list[str]:
        """The documents' other spelling of question words: American for British ("specialise" -> specializ-,
        "organisation", "modelling"; the documents may write both), a compound with its hyphen ("pretrained" ->
        pre-trained) and, for a word they never write, a clipped word's one written completion ("math" ->
        mathematics, "algo" -> algorithm). General English read off the build's vocabulary, not a word list:
        a variant counts only when the documents write it."""
        out: list[str] = []
        for term in dict.fromkeys(terms(query)):
            if not term.replace("-", "").isalpha():
                continue
            for variant in self._spellings(term, clipped=term not in self._df):
                if variant in self._df or (len(variant) >= 5 and self._starting_with(variant)):
                    out.append(variant)
        return list(dict.fromkeys(out))

    def relatives(self, query: str, frame: frozenset[str] = frozenset()) -> list[str]:
        """The documents' derived forms of the question's specific words, by their Snowball root ("innovative" ->
        innovation, "adaptable" -> adaptability). `frame`: words that only say how the question asks ("is X
        *important*?", "do people *use* X?"), whose relatives ("importance", "useful") name no topic."""
        out: list[str] = []
        for word in WORD.findall(query.lower()):
            own = terms(word)
            # Only for a specific word ("innovative"), and only specific forms of it: a common one
            # ("engineers", "like") finds its chunks by itself, and its relatives would pull everything.
            if not own or own[0] in STOPWORDS or own[0] in frame or (own[0] in self._df and not self.rare(own[0])):
                continue
            root = _root(word)
            start = bisect.bisect_left(self._words, root[:4])
            stop = bisect.bisect_left(self._words, root[:4] + "\uffff")
            # a derived form keeps its root's first letters ("innov-ative", "innov-ation")
            related = {t for w in self._words[start:stop] if _root(w) == root for t in terms(w)} - set(own)
            # A form that starts the word or that it starts is the same word ("rol"/"role") or matched already
            # (found_in, _forms: "deploy"/"deployment")
            out.extend(
                sorted(t for t in related if self.rare(t) and not any(t.startswith(o) or o.startswith(t) for o in own))
            )
        return list(dict.fromkeys(out))

    def _spellings(self, term: str, clipped: bool) -> list[str]:
        """Candidate spellings of a (light-stemmed) term; `clipped`: also its completion when four letters long."""
        found = [
            _BRITISH_IS.sub(r"iz\1", term),  # specialis(ation) -> specializ(ation), optimis -> optimiz
            _BRITISH_YS.sub(r"yz\1", term),  # analys -> analyz
            term.replace("our", "or") if len(term) >= 6 else term,  # behaviour -> behavior, labour -> labor
            term[:-1] if len(term) >= 5 and term[-1] == term[-2] and term[-1] not in "aeious" else term,  # modell
            self._unhyphenated.get(term, term),  # pretrain -> pre-train
            term.replace("-", ""),  # pre-train -> pretrain
        ]
        if clipped and len(term) == 4:  # a clipped word: its one completion in the documents ("math", "algo")
            completions = self._starting_with(term)
            # ... a syllable or more longer ("long" is no clipping of "longer")
            if completions and all(w.startswith(completions[0]) for w in completions) and len(completions[0]) > 6:
                found.append(completions[0])
        return [v for v in dict.fromkeys(found) if v != term]

    def forms(self, term: str) -> set[str]:
        """The documents' longer and shorter forms of a term ("beginner" -> begin); empty when they write none."""
        return self._forms(term)

    def _forms(self, term: str) -> set[str]:
        """The documents' terms that start with this one or that it starts with, five letters at least."""
        if len(term) < 5:
            return set()
        shorter = {term[:n] for n in range(5, len(term)) if term[:n] in self._df}
        return set(self._starting_with(term)) | shorter

    def compounds(self, query: str) -> list[str]:
        """The documents' words that two adjacent question words spell together ("back prop" ->
        "backpropagation", "data set" -> "dataset"): a candidate splits what the documents write as one word."""
        words = re.findall(r"[a-z]+", query.lower())
        out: list[str] = []
        for first, second in zip(words, words[1:], strict=False):
            if first in STOPWORDS or second in STOPWORDS:
                continue
            joined = first + second
            if len(joined) < COMPOUND_PREFIX:
                continue
            out.extend(self._starting_with(joined)[:3])
        return out

    def _starting_with(self, prefix: str) -> list[str]:
        """The documents' terms that start with `prefix`, in order (the sorted vocabulary, bisected)."""
        start = bisect.bisect_left(self._vocabulary, prefix)
        return self._vocabulary[start : bisect.bisect_left(self._vocabulary, prefix + "\uffff")]

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """The k best chunk ids with their BM25 scores (only chunks sharing a term with the query)."""
        scores = self.scores(query)
        order = np.argsort(-scores)[:k]
        return [(self.ids[int(i)], float(scores[i])) for i in order if scores[i] > 0]

    def covers(self, query: str, chunk_index: int) -> bool:
        """True when the chunk holds the specific (rare) terms of the query, most of their weight at least.

        'What is MLOps?' is covered by the one chunk that lists 'MLOps' even when its embedding is far
        from the question; 'What is the weather in Paris?' is covered by nothing.
        """
        specific = {t for t in terms(query) if self.rare(t)}
        held = specific & set(self._docs[chunk_index])
        # Most of the specific weight, not all: "What does MLOps *stand* for?" ('standing' is rare here too).
        return bool(held) and sum(map(self.idf, held)) >= 0.5 * sum(map(self.idf, specific))


class Synonyms:
    """Question phrases and the documents' usual words for them (stats/search_synonyms.toml)."""

    def __init__(
        self,
        table: dict[str, list[str]],
        frame: Iterable[str] = (),
        entity_frame: Iterable[str] = (),
        aspect_frame: Iterable[str] = (),
    ) -> None:
        # The words that frame a question rather than name its topic ([frame]), as terms.
        self.frame = frozenset(t for word in frame for t in terms(word))
        # ... and those that frame it when it names an entity as context ([frame] entity_words: "the main *job* of
        # an AI product manager" is the role itself; "AI *jobs*" alone is a topic).
        self.entity_frame = frozenset(t for word in entity_frame for t in terms(word))
        # ... and what asks what a named role is about ([frame] aspect_words: "what does a PM *focus* on?"): frame
        # beside an entity when units are scored, but no duty question (role_duties.py reads entity_frame alone).
        self.aspect_frame = frozenset(t for word in aspect_frame for t in terms(word))
        self._patterns = [
            (re.compile(rf"\b{re.escape(phrase.lower())}\b"), " ".join(words)) for phrase, words in table.items()
        ]
        self._phrases = [phrase.lower() for phrase in table]  # as written, beside their patterns (groups)
        self._alternatives = [[frozenset(terms(w)) for w in words] for words in table.values()]
        # Every phrase in one alternation, the word boundary before them written once: most questions hold none,
        # and one search that fails inside every word costs a twentieth of a search per phrase.
        self._any_phrase = re.compile(r"\b(?:" + "|".join(rf"{re.escape(phrase.lower())}\b" for phrase in table) + ")")

    @classmethod
    def load(cls, path: Path) -> Synonyms:
        if not path.exists():
            return cls({})
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        raw = data.get("synonyms", {})
        frame = data.get("frame", {}).get("words", [])
        entity_frame = data.get("frame", {}).get("entity_words", [])
        aspect_frame = data.get("frame", {}).get("aspect_words", [])
        table = {str(k): [str(w) for w in v] for k, v in raw.items() if isinstance(v, list)}
        return cls(table, map(str, frame), map(str, entity_frame), map(str, aspect_frame))

    def groups(self, question: str) -> list[list[frozenset[str]]]:
        """For every phrase of the table the question holds, its terms and each of the documents' words for it:
        one thing said several ways ("tools" / frameworks, "affects" / factors / influencing), which a match counts
        once (text_terms.weighed_once)."""
        # a phrase of several words ("moves salaries", "drives pay") holds topic words of its own ("salaries"), which
        # count on their own: only a one-word phrase is one thing with its synonyms
        return [[own if len(own) == 1 else frozenset(), *alts] for own, alts in self.held(question)]

    def held(self, question: str) -> list[tuple[frozenset[str], list[frozenset[str]]]]:
        """For every phrase of the table the question holds, its own terms and the documents' words for it."""
        text = question.lower()
        if not self._patterns or not self._any_phrase.search(text):
            return []
        found = zip(self._phrases, self._alternatives, self._patterns, strict=True)
        return [(frozenset(terms(phrase)), alts) for phrase, alts, (p, _) in found if p.search(text)]

    def words_for(self, question: str) -> str:
        """The documents' words for every phrase of the table the question holds, in the table's order."""
        text = question.lower()
        if not self._patterns or not self._any_phrase.search(text):
            return ""
        return " ".join(dict.fromkeys(words for pattern, words in self._patterns if pattern.search(text)))
