"""Documentation retrieval: hybrid chunk search (Chroma + BM25, fused by rank) and precomputed sentence vectors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from assistant.lexical import SEARCH_SYNONYMS_PATH, LexicalIndex, Synonyms, reciprocal_rank_fusion
from assistant.other_names import OtherNames
from assistant.query_adapter import QueryAdapter
from assistant.text_terms import STOPWORDS, WORD, found_in, split_sentences, terms

__all__ = ["STOPWORDS", "Passage", "Retriever", "split_sentences", "terms"]


FUSION_WEIGHTS = (1.0, 0.5, 1.5, 1.0)  # dense chunks, best sentences' chunks, BM25, named headings
# Ablation (02:00, 524 probe questions with expected lines, /work/wt/_brief/probe_rank.py; answered / MRR of the
# expected chunk): as set 448 / 0.762; without dense 441 / 0.737, without best sentences 440 / 0.749, without
# BM25 432 / 0.710, without headings 445 / 0.760; all weights 1: 442; BM25 2.0: 446; headings 0.5 or 1.5: 447, 445.
# RRF's constant: 60 in the paper, for rankings of thousands. Over a hundred-odd chunks a smaller one lets the
# top of one ranking (the only chunk with "acumen") outrank chunks that sit low in every ranking.
FUSION_K = 10  # measured as above: k=5 447 / 0.767, k=20 446 / 0.750, k=60 445 / 0.730
HEADING_NAMED = 0.5  # share of a heading's (IDF-weighted) words the question uses, from which it names the heading
# ... and share of the question's own (IDF-weighted) words the heading path must hold: 0.2-0.4 all rank the dev
# cases' expected sections better than none; end to end 0.25 answers best (0.3 loses a follow-up whose entity,
# left out of the words matched, leaves "different" alone against "job ... ML engineer": Differences from ...).
HEADING_COVERS_QUESTION = 0.25


@dataclass(frozen=True)
class Passage:
    chunk_id: str
    text: str
    section: str
    title: str
    source: str  # first location, "file.md:12-14"
    locations: tuple[str, ...]
    titles: tuple[str, ...]
    score: float  # cosine similarity, 0-1
    fused: float = 0.0  # reciprocal-rank-fusion score of the hybrid search (0 when found another way)
    lexical: bool = False  # holds every specific term of the query (BM25 evidence, e.g. "MLOps")
    heading_match: float = 0.0  # share of the innermost heading's words the question uses (0-1)


class Retriever:
    """Hybrid retrieval over one build: Chroma (dense) and BM25 (lexical) over the same chunks, fused by rank.

    The chunk table (texts, heading paths, vectors) is read from the collection once at load, so the
    BM25 index and the cosine of any chunk cost nothing per question.
    """

    def __init__(self, store: Chroma, embeddings: Embeddings, top_k: int, adapter: QueryAdapter | None = None) -> None:
        self._store = store
        self._embeddings = embeddings
        self._adapter = adapter if adapter is not None else QueryAdapter.identity()
        self._top_k = top_k
        table = store.get(include=["documents", "metadatas", "embeddings"])
        self._ids: list[str] = [str(i) for i in table["ids"]]
        self._texts: list[str] = list(table["documents"] or [])
        self._metas: list[dict[str, Any]] = [dict(m or {}) for m in (table["metadatas"] or [])]
        vectors = table.get("embeddings")
        self._matrix = (
            np.asarray(vectors, dtype=np.float32) if vectors is not None and len(vectors) else np.zeros((0, 0))
        )
        self._row = {chunk_id: i for i, chunk_id in enumerate(self._ids)}
        paths = [str(m.get("section", "")).split(" > ") for m in self._metas]
        self._headings = [terms(path[-1]) for path in paths]
        # The words of the enclosing headings that the innermost one lacks ("Best Practices" above
        # "Deployment and Operations"): a question often names the category and the topic together.
        self._ancestors = [
            sorted({t for h in path[:-1] for t in terms(h)} - set(heading))
            for path, heading in zip(paths, self._headings, strict=True)
        ]
        self._heading_rows: dict[str, list[int]] = {}  # heading word -> the chunks under a heading with it
        for row, heading in enumerate(self._headings):
            for word in set(heading):
                self._heading_rows.setdefault(word, []).append(row)
        sections = [str(m.get("section", "")) for m in self._metas]
        self.lexical = LexicalIndex(self._ids, self._texts, sections)
        self._frame = Synonyms.load(SEARCH_SYNONYMS_PATH).frame  # words that only frame a question (no topic)
        self._heading_weights = [self._weighed(set(heading)) for heading in self._headings]
        # The documents' other names for what a question names (acronyms, compounds, close spellings).
        self.names = OtherNames(self._texts, sections, self.lexical)

    def heading_terms(self) -> set[str]:
        """Every word of every innermost heading: the topics the documents are written about."""
        return {t for heading in self._headings for t in heading}

    def texts(self) -> list[str]:
        """Every chunk's text (for what the documents define: acronyms and their expansions)."""
        return list(self._texts)

    def embed(self, query: str) -> list[float]:
        """The question's plain vector: what it is compared with other questions by (answer examples, kinds)."""
        return self._embeddings.embed_query(query)

    def toward_documents(self, vector: list[float] | np.ndarray) -> list[float] | None:
        """A question's vector as it ranks DOCUMENT text (chunks, sentences): the query adapter's
        (query_adapter.py); None when there is none (off, or no examples): the plain vector ranks."""
        return self._adapter.adapt(vector).tolist() if self._adapter.adapting else None

    @property
    def adapter_use(self) -> str | None:
        """Where the query adapter's vector is used (query_adapter.USES); None when there is no adapter."""
        return self._adapter.use if self._adapter.adapting else None

    def search(self, query: str, k: int | None = None, vector: list[float] | None = None) -> list[Passage]:
        """Dense search alone (Chroma): the k chunks nearest to the query vector (`vector`: one made by
        toward_documents already; else the query's, adapted here)."""
        if vector is None:
            plain = self.embed(query)
            vector = self.toward_documents(plain) or plain
        # Chroma ranks; the texts and metadata come from the table read at load. Asking Chroma for ids and
        # distances only halves the cost of a query (measured: 1.33 -> 0.65 ms), which is most of a
        # request's CPU after the query embedding.
        found = self._store._collection.query(
            query_embeddings=[vector], n_results=max(1, min(k or self._top_k, len(self._ids))), include=["distances"]
        )
        passages = []
        for chunk_id, distance in zip(found["ids"][0], (found["distances"] or [[]])[0], strict=True):
            row = self._row.get(str(chunk_id))
            if row is None:  # not in the table read at load: the collection changed under us; skip it
                continue
            # Chroma returns cosine distance; similarity = 1 - distance.
            score = round(max(0.0, 1.0 - float(distance)), 4)
            passages.append(Passage(**_fields(str(chunk_id), self._texts[row], self._metas[row]), score=score))
        return passages

    def hybrid(
        self,
        query: str,
        vector: list[float],
        by_sentence: dict[str, float] | None = None,
        k: int | None = None,
        focus: str | None = None,
        named: list[str] | None = None,
        toward: list[float] | None = None,
        also: list[float] | None = None,
        also_by_sentence: dict[str, float] | None = None,
    ) -> list[Passage]:
        """Chunks ranked by reciprocal rank fusion of four rankings, best first.

        Dense (Chroma) and BM25 over the chunks; the chunks of the sentences nearest the question (one
        sentence can answer while its chunk as a whole ranks low); and the sections whose heading the
        question names ("career path" -> Career Paths): a heading is strong evidence, so it is a ranking
        of its own. Each passage keeps its cosine so callers can still judge coverage. `focus` is the part
        of the query that says what is asked (without context entities): headings are matched against it.
        `named`: the documents' other names for what the question names (OtherNames.expand), when the caller
        has read them already (the documents answer does, once per question); else they are read here.
        `toward`: the query adapter's vector (toward_documents), which ranks the dense side; each passage's cosine
        (what relevance gates read) is the plain `vector`'s.
        `also` (with `also_by_sentence`, the sentences it ranks first): the query adapter's vector in its "union" use.
        The k chunks ranked as without it come first, unchanged; then those the same fusion ranks into the first k
        with the adapted dense search and sentences instead, each with that fusion's score.
        """
        k = k or self._top_k
        depth = max(2 * k, 10)
        dense = self.search(query, k=depth, vector=toward if toward is not None else vector)
        # The lexical side also searches the documents' other names for what is asked (once: the caller may
        # have added some already).
        named = self.names.expand(query) if named is None else named
        # ... and the documents' spelling of words they write otherwise ("specialise", "pretrained", "math").
        named = [*named, *(v for v in self.lexical.variants(query) if v not in named)]
        # Derived forms of the question's specific words ("innovative" -> innovation) find chunks and name
        # headings ("Future-Proofing and Innovation"), but are no words a passage must hold (Passage.lexical):
        # "is probability important?" is answered by an item without "probable".
        derived = [v for v in self.lexical.relatives(query, self._frame) if v not in named]
        base = focus or query
        focus = " ".join([base, *(e for e in named if e not in base)])
        query = " ".join([query, *(e for e in named if e not in query)])
        cosine = {p.chunk_id: p.score for p in dense} if toward is None else {}  # adapted cosines gate nothing
        lexical = self.lexical.search(" ".join([query, *derived]), k=depth)
        wanted = set(terms(" ".join([focus, *derived])))  # the words headings are matched against
        headings = self._heading_matches(wanted)
        heading_rank = self._heading_ranking(headings, wanted, self._unwritten(base))
        # Dense chunks and best sentences both come from the embedding: together they weigh as much as BM25.
        fused = reciprocal_rank_fusion(
            [[p.chunk_id for p in dense], list(by_sentence or {}), [c for c, _ in lexical], heading_rank[:depth]],
            k=FUSION_K,
            weights=FUSION_WEIGHTS,
        )
        chosen = list(fused.items())[:k]
        if also is not None:
            adapted = reciprocal_rank_fusion(
                [
                    [p.chunk_id for p in self.search(query, k=depth, vector=also)],
                    list(also_by_sentence or {}),
                    [c for c, _ in lexical],
                    heading_rank[:depth],
                ],
                k=FUSION_K,
                weights=FUSION_WEIGHTS,
            )
            held = {c for c, _ in chosen}
            chosen += [(c, f) for c, f in list(adapted.items())[:k] if c not in held]
        passages = []
        query_vector = np.asarray(vector, dtype=np.float32)
        for chunk_id, fused_score in chosen:
            row = self._row.get(chunk_id)
            if row is None:
                continue
            score = cosine.get(chunk_id)
            if score is None:
                score = float(self._matrix[row] @ query_vector) if self._matrix.shape[0] > row else 0.0
            passages.append(
                Passage(
                    **_fields(chunk_id, self._texts[row], self._metas[row]),
                    score=round(max(0.0, float(score)), 4),
                    fused=round(fused_score, 5),
                    lexical=self.lexical.covers(focus, row),
                    heading_match=round(headings.get(chunk_id, 0.0), 3),
                )
            )
        return passages

    def _heading_ranking(self, headings: dict[str, float], wanted: set[str], unwritten: int = 0) -> list[str]:
        """Chunks whose heading the question names, best named first.

        Named: at least half the heading's words, and the heading path holds enough of the question's own
        words. A heading of a few common words ("What is machine learning?") is wholly named by many questions
        that ask about something else ("risks of machine learning in hiring"): the question's specific words
        that the heading lacks say it is not the question's topic. `unwritten`: how many of the question's words
        the documents write in no form (see _unwritten), each weighing as much as the rarest written word.
        """
        ranked = []
        # The question's weight, once for every heading. A word no chunk writes in any form ("math") is still
        # asked: 'what math do I need for machine learning' does not name "What is machine learning?".
        total = sum(self.lexical.weight(w) for w in wanted) + self.lexical.idf("\u0000") * unwritten
        for chunk_id, share in sorted(headings.items(), key=lambda kv: kv[1], reverse=True):
            row = self._row[chunk_id]
            path = set(self._headings[row]) | set(self._ancestors[row])
            if share >= HEADING_NAMED and self._coverage(path, wanted, total) >= HEADING_COVERS_QUESTION:
                ranked.append(chunk_id)
        return ranked

    def _unwritten(self, text: str) -> int:
        """How many words of the question the documents write in no form and no relative ("math"; not "adaptable",
        whose relative "adaptability" is searched; not "need", which only frames the question). A clipped word's
        guessed completion ("mathematics") is searched besides, but the word as asked is still unwritten."""
        count = 0
        for word in WORD.findall(text.lower()):
            term = terms(word)
            if not term or self.lexical.weight(term[0]) or term[0] in self._frame or self.lexical.forms(term[0]):
                continue
            count += not self.lexical.relatives(word)
        return count

    def _coverage(self, heading: set[str], wanted: set[str], total: float) -> float:
        """The IDF-weighted share of the question's words (those any chunk holds, weighing `total`) that the
        heading holds."""
        hits = found_in(wanted, heading)
        return sum(self.lexical.weight(w) for w in hits) / total if total else 0.0

    def _heading_matches(self, wanted: set[str]) -> dict[str, float]:
        """Per chunk, how much of its innermost heading the question's words `wanted` name (see heading_match).

        When the question names part of the innermost heading, the enclosing headings it also names fill
        the rest: "good practices for deploying models" -> Best Practices > Deployment and Operations,
        "problems hiring AI talent" -> Common Challenges > Talent and Skill Gaps. A parent heading alone
        adds nothing (it would lift every subsection equally; the parent's own chunk is matched by itself).
        """
        # Only headings holding a word the question names can match: found once over the headings' words,
        # not per chunk (this runs on every documents question).
        named = found_in(set(self._heading_rows), wanted)
        rows = sorted({row for word in named for row in self._heading_rows[word]})
        out: dict[str, float] = {}
        for row in rows:
            chunk_id, heading, above = self._ids[row], self._headings[row], self._ancestors[row]
            # heading_match(heading, wanted), from the words found above and the heading's precomputed weights
            words, total = self._heading_weights[row]
            share = sum(self.lexical.idf(w) for w in words & named) / total if total else 0.0
            if 0 < share < 1 and above and any(self.lexical.rare(t, 0.25) for t in set(heading) & named):
                share += (1 - share) * self.heading_match(set(above), wanted)
            if share > 0:
                out[chunk_id] = share
        return out

    def heading_match(self, heading: set[str], wanted: set[str]) -> float:
        """The IDF-weighted share of a heading's words that the question uses: 1.0 when it names them all."""
        words, total = self._weighed(heading)
        hits = found_in(words, wanted) if words else set()
        return sum(self.lexical.idf(w) for w in hits) / total if total else 0.0

    def _weighed(self, heading: set[str]) -> tuple[set[str], float]:
        """A heading's words as matched, and their summed IDF."""
        # "In-Demand Skills": the compound "in-demand" stands for its parts, which are there on their own.
        words = {w for w in heading if "-" not in w or not set(terms(w.replace("-", " "))) <= heading}
        return words, sum(self.lexical.idf(w) for w in words)

    def passages(self, chunk_ids: list[str]) -> list[Passage]:
        """The chunks of these ids as passages (unscored), those the build holds."""
        rows = [self._row[c] for c in chunk_ids if c in self._row]
        return [Passage(**_fields(self._ids[i], self._texts[i], self._metas[i]), score=0.0) for i in rows]

    def section_of(self, passage: Passage) -> list[Passage]:
        """Every chunk of the passage's section in the same document, in reading order (section retrieval)."""
        doc = passage.source.split(":")[0]
        rows = [
            i
            for i, meta in enumerate(self._metas)
            if meta.get("section") == passage.section and str(meta.get("source", "")).split(":")[0] == doc
        ]
        rows.sort(key=lambda i: first_line_of(str(self._metas[i].get("source", ""))))
        return [Passage(**_fields(self._ids[i], self._texts[i], self._metas[i]), score=passage.score) for i in rows]

    def subsections(self, passage: Passage) -> list[list[Passage]]:
        """The sections one level under the passage's section in the same document, each as its chunks."""
        doc = passage.source.split(":")[0]
        prefix = f"{passage.section} > "
        names = dict.fromkeys(
            str(m.get("section", ""))
            for m in sorted(self._metas, key=lambda m: first_line_of(str(m.get("source", ""))))
            if str(m.get("section", "")).startswith(prefix)
            and " > " not in str(m.get("section", ""))[len(prefix) :]
            and str(m.get("source", "")).split(":")[0] == doc
        )
        out = []
        for name in names:
            row = next(
                i
                for i, m in enumerate(self._metas)
                if m.get("section") == name and str(m.get("source", "")).split(":")[0] == doc
            )
            out.append(self.section_of(Passage(**_fields(self._ids[row], "", self._metas[row]), score=passage.score)))
        return out


def first_line_of(source: str) -> int:
    """A chunk's first line in its document, from its source ('file.md:79-81' -> 79; 0 when it names none)."""
    return source_span(source)[1]


def source_span(source: str) -> tuple[str, int, int]:
    """A citation's or chunk's document and line range: 'file.md:79-81' -> ('file.md', 79, 81), 'file.md:209' ->
    ('file.md', 209, 209); lines 0 when it names none."""
    doc, _, lines = source.rpartition(":")
    first, _, last = lines.partition("-")
    try:
        return doc, int(first), int(last or first)
    except ValueError:
        return doc or source, 0, 0


def _fields(chunk_id: str, text: str, meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "chunk_id": chunk_id,
        "text": text,
        "section": str(meta.get("section", "")),
        "title": str(meta.get("title", "")),
        "source": str(meta.get("source", "")),
        "locations": tuple(str(meta.get("locations", "")).split("|")),
        "titles": tuple(str(meta.get("titles", "")).split("|")),
    }
