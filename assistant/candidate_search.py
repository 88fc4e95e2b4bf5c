"""The candidate passages of a documentation answer, and the same search again without the context entity.

A role named in a question about something else ("what skills does a data scientist need?", "what frameworks do
AI researchers use?") is context, not the topic: searched with the question, it pulls up the passages that name
the role (the Data Scientist career path, a bullet on working "with data scientists"), and what the question asks
("skills") is written in passages that never name it (Essential Skills). When the question is not about the role
itself (UnitScorer.about_entity), the question without the role is searched too, and what it finds comes first;
the passages only the role found follow, ranked below them. Facts about search, not about this corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from assistant.acronyms import expansion_of
from assistant.passage_units import units
from assistant.retrieval import Passage, Retriever
from assistant.sentence_index import SentenceIndex
from assistant.text_terms import found_in, terms

# A single sentence this close to the question vouches for its chunk even when the chunk as a whole ranks
# low ("How many parameters do GPT-3 and BLOOM have?"); lower values let unrelated sentences in ("weather").
SENTENCE_MATCH = 0.6
CANDIDATES = 8  # passages whose units are scored


def candidates(
    retriever: Retriever,
    sentences: SentenceIndex,
    text: str,
    vector: list[float],
    focus: str,
    named: list[str],
    gate: list[float] | None = None,
) -> tuple[list[Passage], list[float] | None, dict[str, float]]:
    """The passages the hybrid search ranks first for `text` (`focus`: what is asked, headings are matched against
    it; `named`: the documents' other names for what it names), the query adapter's vector where it ranks, and the
    chunks of the sentences nearest the question (nearest first, with their cosines). `gate`: the vector whose
    cosines judge the passages and sentences (the question's own), when `vector` only ranks them (the question
    without its role): the relevance thresholds were measured on the question as asked.

    The documents' text is RANKED by the vector the query adapter makes of it (query_adapter.py); every gate (a
    passage's or sentence's cosine against a threshold) reads the plain vector's cosines, which the thresholds were
    measured on. Where it ranks (query_adapter.USES): "union" keeps the plain candidates and adds the adapted ones
    after them."""
    judged = vector if gate is None else gate
    toward = retriever.toward_documents(vector)
    also = toward if retriever.adapter_use == "union" else None
    toward = None if retriever.adapter_use == "union" else toward
    if gate is not None and toward is None:
        toward = vector  # ranked by the vector, judged by the gate's cosines
    by_sentence = sentences.best_chunks(judged, n=4, rank_by=toward)
    also_by_sentence = sentences.best_chunks(judged, n=4, rank_by=also) if also is not None else None
    passages = retriever.hybrid(
        text,
        judged,
        by_sentence,
        k=CANDIDATES,
        focus=focus,
        named=named,
        toward=toward,
        also=also,
        also_by_sentence=also_by_sentence,
    )
    # a sentence's own (plain) cosine vouches for its chunk, whichever vector found it
    strong = {c: s for c, s in {**(also_by_sentence or {}), **by_sentence}.items() if s >= SENTENCE_MATCH}
    passages = [replace(p, score=max(p.score, round(strong.get(p.chunk_id, 0.0), 4))) for p in passages]
    return passages, toward, by_sentence


def role_free_first(without_role: list[Passage], with_role: list[Passage]) -> list[Passage]:
    """The passages the question finds without its context role, in their order, then those only the role found,
    each ranked (fused) no higher than the last of the first: the role sharpens the search, it does not say what
    is asked, so a passage found by its name alone never outranks one found by what is asked."""
    if not without_role:
        return with_role
    floor = min(p.fused for p in without_role)
    seen = {p.chunk_id for p in without_role}
    return without_role + [replace(p, fused=min(p.fused, floor)) for p in with_role if p.chunk_id not in seen]


def named_whole(role: str, query: str, expansions: dict[str, str]) -> bool:
    """The question names the context entity itself, every word of it (an acronym read as what it stands for):
    "ML engineers" names Machine Learning Engineer; "zero offers" does not name the figure "offers total"."""
    said = set(terms(query))
    for word in query.split():
        said.update(terms(expansion_of(word.strip("?,.!"), expansions)))
    wanted = set(terms(role))
    return bool(wanted) and wanted <= said


def speaks_of_role(passages: list[Passage], role: str, topical: set[str], names: Callable[[set[str]], bool]) -> bool:
    """Some passage says what is asked (`topical`: the question's own words, the role and how it asks set aside) of
    the role itself: the role's own item saying it, or under a heading saying it ("Robotics Engineer: Advance from
    ..." for "how far can a robotics engineer advance", in Career Paths for "career progression of ..."); a sentence
    opening on the role in a passage saying it ("Machine Learning Engineers play a vital role ..." under
    Applications and Impact); a section headed by the role saying it. A sentence that only lists the role among
    others ("... diverse teams, including data scientists, engineers, ...") says nothing of it. `names`: whether a
    label's or heading's terms name the role."""
    own = set(terms(role))
    for passage in passages:
        path = passage.section.split(" > ")
        in_path = set(terms(passage.section))
        said = set(terms(f"{passage.section} {passage.text}"))
        if names(set(terms(path[-1]))) and found_in(topical, said):
            return True
        for unit in units(passage.text):
            if unit.label and names(set(terms(unit.label))):
                if found_in(topical, set(terms(unit.as_sentence())) - own) or found_in(topical, in_path):
                    return True
            elif not unit.is_item and own <= set(terms(unit.text)[: len(own) + 1]) and found_in(topical, said):
                return True
    return False
