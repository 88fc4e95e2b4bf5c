"""Documentation answers: find the section and the sentences that answer one question part, quote them, cite them.

The one entry point is `DocumentAnswerer.answer(query, kind, draft, context)`; it writes into the draft and
returns False (leaving the draft untouched) when the documents do not answer the part.

How an answer is chosen: hybrid retrieval (Chroma + BM25 + best sentences + matching headings, fused by
rank) gives the candidate passages; every sentence and list item in them is scored (embedding similarity,
the question's specific words in the unit and in its heading, and what the kind of question wants: the
definition of the asked term, both sides of a comparison); framing sentences are never candidates. Then
the shape: a section the question names (the search's top passage is under a heading the question
names, and no other candidate heading is named as well) is the answer as a whole, as bullets or, when it is
short prose, as its sentences; else a list section that answers as a whole (its heading names what is
asked, a list is asked for, or the best sentence is the list's own introduction) is written as bullets
under a lead; anything else
as the best sentence first, then up to two close ones, each cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from assistant.draft import Draft
from assistant.lexical import SEARCH_SYNONYMS_PATH, Synonyms
from assistant.models import PartKind
from assistant.passage_units import (
    Unit,
    acronyms,
    asked_phrase,
    asks_definition,
    comparison_sides,
    defines,
    focus_words,
    is_framing,
    is_list,
    mentions,
    side_terms,
    units,
)
from assistant.retrieval import Passage, Retriever, SentenceIndex
from assistant.text_terms import found_in, terms

# A single sentence this close to the question vouches for its chunk even when the chunk as a whole ranks
# low ("How many parameters do GPT-3 and BLOOM have?"); lower values let unrelated sentences in ("weather").
SENTENCE_MATCH = 0.6
CANDIDATES = 8  # passages whose units are scored
MOST_BULLETS = 10  # a longer list section is answered with the items around its best one
HEADING_NAMES_LIST = 0.6  # share of a heading's words the question uses, from which it names the section
HEADING_SHARE = 0.35  # ... and share of the question's (IDF-weighted) words the heading holds
NAMED_SECTION_SLACK = 0.4  # how far below the best unit a named section's best unit may score
TOPIC_HEADING = 0.8  # share of the top passage's heading the question names, from which the section answers
TOPIC_KINDS = ("explanation", "list", "method")
SUBSECTION_HEADING = 0.6  # share of a subsection's heading named that defers the named section to it
TOPIC_RANKS = 2  # the named section may be this far down the search (a partly named heading just above it)
TOPIC_SLACK = 0.15  # how far below the best unit elsewhere the named section's best unit may score
BARE_ITEM = 0.1  # ... where a bare short list item (no label, a few words) counts this much less
SHORT_SECTION = 5  # sentences: a prose section up to this long is quoted whole when the question names it
CHILD_NAMED = 0.4  # ... and, among the subsections of a chosen section, from which the question names one
SHORT_LIST = 6  # items: a bare item's list up to this long answers instead of the item alone
REASON_GIVEN = 0.1  # what a causal sentence gains on a "why" question
DEFINITION_SENTENCES = 3  # a definition quotes at most this many sentences of the section it names
EXAMPLE_SENTENCE = 0.1  # what a sentence opening "For instance, ..." counts less (it supports, it does not lead)
SIDE_SLACK = 0.6  # how far below the lead a sentence on one side of a comparison may score
CONTINUATION_SLACK = 0.45  # how far below the lead the next sentence of its paragraph may score and still follow it


@dataclass(frozen=True)
class Scored:
    score: float
    unit: Unit
    passage: Passage
    rank: int
    lexical: float  # IDF-weighted share of the question's words in the unit
    heading_share: float  # IDF-weighted share of the question's words in the section's heading path
    entity_item: bool = False  # an item labelled with the context entity that also says what is asked
    bonus: float = 0.0  # what the kind of question added (a definition, both sides of a comparison)
    lead_in: bool = False  # "... play a vital role in various industries by:": it can only lead its list


class DocumentAnswerer:
    """Answers a documentation part from the retrieved passages (built once per loaded build)."""

    def __init__(
        self,
        retriever: Retriever,
        sentences: SentenceIndex,
        min_relevance: float,
        synonyms: Synonyms | None = None,
    ) -> None:
        self._retriever = retriever
        self._sentences = sentences
        self._min_relevance = min_relevance
        self._expansions = acronyms(retriever.texts())
        # Lower-cased corpus, read once per build: whether "supervised learning" is a phrase the documents use.
        self._corpus = " ".join(retriever.texts()).lower()
        self._topics = retriever.heading_terms()
        self._synonyms = synonyms if synonyms is not None else Synonyms.load(SEARCH_SYNONYMS_PATH)

    def answer(
        self, query: str, kind: PartKind, draft: Draft, context: list[str] | None = None, generic: str = ""
    ) -> bool:
        """Write the answer to `query` (a `kind` question; `context` = entities that sharpen the search;
        `generic` = the question with its entities masked, whose vector the planner has already made)."""
        context_text = " ".join(c for c in context or [] if c and c != "all")
        search_text = f"{query} {context_text}".strip()
        # In a comparison the entities are what is asked ("How is an ML engineer different from a data
        # scientist?"): without them the question would read "How is someone different from someone?".
        compared = comparison_sides(query) is not None and kind != "figure"
        focus = query.split() if compared else focus_words(query, context_text, self._expansions)
        entity_named = focus != query.split()  # the question names the context entity itself
        focus_text = " ".join(focus)
        # The question's own vector when it names its entities (the planner has embedded it already: a cache
        # hit); a follow-up ("what does that number measure?") needs its context in the vector too.
        vector = self._retriever.embed(query if entity_named or not context_text else search_text)
        by_sentence = self._sentences.best_chunks(vector, n=4)
        # The documents' words for the question's ("duties" -> "responsibilities") join the lexical match.
        extra = self._synonyms.words_for(query)
        search_text, focus_text = f"{search_text} {extra}".strip(), f"{focus_text} {extra}".strip()
        passages = self._retriever.hybrid(search_text, vector, by_sentence, k=CANDIDATES, focus=focus_text)
        strong = {c: s for c, s in by_sentence.items() if s >= SENTENCE_MATCH}
        passages = [replace(p, score=max(p.score, round(strong.get(p.chunk_id, 0.0), 4))) for p in passages]
        relevant = [p for p in passages if p.score >= self._min_relevance or p.lexical]
        if not relevant:
            return False
        # Units are compared with what is asked, not with the entity given as context (see focus_words).
        # Half the question as asked, half without the entity: neither the entity nor a bare "What does someone
        # do?" alone says what a good answer is near.
        query_vector = np.asarray(vector, dtype=np.float32)
        if entity_named:
            without_entity = np.asarray(self._retriever.embed(generic or " ".join(focus)), dtype=np.float32)
            query_vector = (query_vector + without_entity) / 2
        scored = self._score(query, kind, terms(focus_text), relevant, query_vector, terms(search_text))
        if not scored:
            return False
        best = scored[0]
        if not found_in(set(terms(search_text)), set(terms(f"{best.unit.as_sentence()} {best.passage.section}"))):
            return False  # nothing the question names is in the answer: it is about something else
        if best.passage.score < self._min_relevance and not self._defines(query, kind, best.unit):
            return False  # found by a shared word alone ("What is Java?"): a mention is not an answer
        if self._topic_section(kind, query, scored, relevant, search_text, draft):
            return True
        listed = self._list_answer(kind, scored, query, search_text, relevant)
        if listed is not None:
            self._bullets(*listed, draft)
            return True
        # A list's lead-in says nothing without its items: it is never a sentence answer.
        plain = [s for s in scored if not s.lead_in]
        if plain and self._item_in_its_list(plain[0], kind, query, draft):
            return True
        if not plain:
            return False
        budget = DEFINITION_SENTENCES if _defining(query, kind) else None
        self._sentences_answer(plain, draft, self._sides(query, kind), budget)
        return True

    # -- scoring -----------------------------------------------------------------------------------

    def _score(
        self,
        query: str,
        kind: PartKind,
        focus: list[str],
        passages: list[Passage],
        vector: np.ndarray,
        named: list[str] | None = None,
    ) -> list[Scored]:
        phrase = asked_phrase(query) if kind in ("explanation", "other") else ""
        why = bool(_WHY.match(query)) and kind != "figure"
        sides = comparison_sides(query) if kind != "figure" else None
        left, right = self._side_terms(sides) if sides else (set(), set())
        weights = {t: self._retriever.lexical.weight(t) for t in set(focus)}
        total = sum(weights.values()) or 1.0
        wanted = set(named or focus)  # an item's label may name the context entity ("Robotics Engineer: ...")
        top_fused = max(p.fused for p in passages) or 1.0
        out: list[Scored] = []
        for rank, passage in enumerate(passages):
            stored = dict(self._sentences.sentences(passage.chunk_id))
            heading = found_in(set(weights), set(terms(passage.section)))
            heading_share = sum(weights[t] for t in heading) / total
            passage_units = units(passage.text)
            for at, unit in enumerate(passage_units):
                text = unit.as_sentence()
                entity_item = False
                lead_in = _lead_in(unit, passage_units[at + 1 : at + 2])
                if is_framing(unit.text) and not unit.children and not lead_in:
                    continue
                vectors = [stored[line] for line in unit.lines if line in stored]
                semantic = max((float(vector @ v) for v in vectors), default=passage.score)
                hits = found_in(set(weights), set(terms(text)))
                lexical = sum(weights[t] for t in hits) / total
                # Words in the heading count almost like words in the unit: an item under 'Technical Skills' is one.
                in_heading = sum(weights[t] for t in heading - hits) / total
                score = semantic + 0.5 * lexical + 0.3 * in_heading + 0.1 * passage.fused / top_fused
                bonus = 0.0
                if phrase and defines(text, phrase, self._expansions):
                    bonus += 0.3
                if why and _REASON.search(text):
                    bonus += REASON_GIVEN  # "why ...?": a sentence that gives a cause or a purpose answers it
                # An item whose own label the question names ("Programming Languages: ...", "Business
                # Acumen: ...") is that thing; a section's opening sentence explains its heading.
                if unit.label:
                    label = set(terms(unit.label))
                    named_by = self._retriever.heading_match(label, set(focus))
                    names_entity = self._retriever.heading_match(label, wanted - set(focus)) >= 0.5
                    if lexical > 0:  # the context entity counts when the item also says what is asked
                        entity_item = names_entity
                        named_by = max(named_by, self._retriever.heading_match(label, wanted))
                    elif names_entity:
                        named_by = -0.75  # only the entity's name matches: the item is about it, not the question
                    score += 0.2 * named_by
                elif unit.position == 0 and not unit.is_item:
                    score += 0.1 * passage.heading_match
                if sides and mentions(_about(unit, passage), left) and mentions(_about(unit, passage), right):
                    bonus += 0.25
                score += bonus
                if kind != "figure" and _FIGURE.search(text) and len(text.split()) < 12:
                    score -= 0.3  # a bare salary line answers a figure question, which the statistics route owns
                if len(text.split()) < 4 and not unit.children:
                    score -= 0.2  # a bare label or figure says nothing on its own
                elif unit.is_item and _ANAPHORA.match(unit.text):
                    score -= 0.15  # "It can, for example, ...": an item that leans on what came before
                elif _EXAMPLE.match(unit.text):
                    score -= EXAMPLE_SENTENCE  # "For instance, in a GAN ...": it illustrates the answer, it is not it
                out.append(Scored(score, unit, passage, rank, lexical, heading_share, entity_item, bonus, lead_in))
        out.sort(key=lambda s: s.score, reverse=True)
        return out

    def _defines(self, query: str, kind: PartKind, unit: Unit) -> bool:
        """The unit defines what the question asks about: the asked phrase, or one of the question's specific
        (rare) words ("What does MLOps stand for?" -> "MLOps (Machine Learning Operations)")."""
        if kind == "list":
            return False
        sentence = unit.as_sentence()
        specific = [
            w for w in re.findall(r"[\w+#./-]+", query) if any(self._retriever.lexical.rare(t) for t in terms(w))
        ]
        return any(defines(sentence, name, self._expansions) for name in [asked_phrase(query), *specific])

    # -- the shape of the answer ---------------------------------------------------------------------

    def _list_answer(
        self, kind: PartKind, scored: list[Scored], query: str, search_text: str, passages: list[Passage]
    ) -> tuple[str, list[tuple[Unit, Passage]]] | None:
        """(lead, items) when a list answers as a whole; None when sentences answer better.

        A list answers when a section's heading explains the question better than any one unit's words
        ("Which soft skills ...?" -> Soft Skills), or when the best sentence introduces a list ("... a diverse
        set of core responsibilities ...") or a run of subsections: then the subsection the question names,
        else the subsections' headings. When the question names one item of the list ("the career path for
        an AI Product Manager"), that item alone is the answer. Never for a question that defines one item.
        """
        best = scored[0]
        if best.entity_item:
            return None  # "How far can a robotics engineer advance?" -> the Robotics Engineer item, not a list
        if self._defines(query, kind, best.unit) or kind == "comparison" or comparison_sides(query):
            return None  # a definition or a comparison is answered by sentences, whatever the section's shape
        focus = {u.passage.chunk_id: u.heading_share for u in scored}
        named = [
            p
            for p in passages
            if p.heading_match >= HEADING_NAMES_LIST
            and focus.get(p.chunk_id, self._heading_share(p, search_text)) >= max(HEADING_SHARE, best.lexical - 0.1)
        ]
        if kind in ("explanation", "method") or asks_definition(query):
            named = []  # a definition is not a section's list, whatever its heading
        if kind == "list" and not named and best.heading_share > 0:
            named = [self._level_named(best, passages, query)]  # a section its heading relates to
        elif kind == "list" and not named and best.unit.is_item:
            # The best unit's section names nothing asked ("Ethical Considerations: ..." among market challenges);
            # a close unit under a heading path that names most of it (Essential Soft Skills > Ethical Judgment
            # for "ethical skills") is in the list that answers.
            near = [
                s for s in scored if s.heading_share >= HEADING_SHARE and s.score >= best.score - NAMED_SECTION_SLACK
            ]
            if near:
                top = max(near, key=lambda s: (s.heading_share, s.score))
                named = [self._level_named(top, passages, query)]
        best_in = {}
        for unit in scored:
            best_in.setdefault(unit.passage.chunk_id, unit.score)
        # A named section must still hold something close to the best answer found anywhere.
        named = [p for p in named if best_in.get(p.chunk_id, 0.0) >= best.score - NAMED_SECTION_SLACK or kind == "list"]
        for passage in sorted(named, key=lambda p: (p.heading_match, p.score), reverse=True):
            if kind != "figure" and _mostly_figures(passage):
                continue  # a salary table is the statistics' to give, not a list answer to "what skills"
            found = self._section_list(passage, search_text, lead="")
            if found is not None:
                return found
        if best.unit.is_item:
            return None
        return self._section_list(best.passage, search_text, lead=best.unit.text, introduced_by=best.unit)

    def _topic_section(
        self, kind: PartKind, query: str, scored: list[Scored], passages: list[Passage], search_text: str, draft: Draft
    ) -> bool:
        """Answer with a whole section when the question names its topic: the search's top passage is under
        a heading the question names ("How do discriminative models work?" -> Discriminative Models; "keep
        my skills up to date" -> Continuous Learning) and the section is a list or short prose. One sentence
        that merely shares the question's words elsewhere ("Detecting and mitigating bias" listed among
        challenges) says less than the section written about it. Written when it answers; True if so."""
        best = scored[0]
        # A heading the question names whole beats one it names in part ranked just above it: "future outlook
        # for ML careers" is Future Outlook, not Career Development (which shares "careers" only).
        top = max(passages[:TOPIC_RANKS], key=lambda p: p.heading_match >= TOPIC_HEADING)
        # An explanation or a list is about a topic; a yes/no or a pointed question ("Can generative models
        # be used for classification?") wants the one sentence that answers it, whatever section it is in.
        pointed = kind not in TOPIC_KINDS or bool(_YES_NO.match(query))
        if pointed or best.entity_item or comparison_sides(query) or _mostly_figures(top):
            return False
        if top.heading_match < TOPIC_HEADING:
            return False
        if any(
            p.heading_match >= (SUBSECTION_HEADING if p.section.startswith(f"{top.section} > ") else TOPIC_HEADING)
            and _nested(p.section, top.section)
            for p in passages
            if p is not top
        ):
            # A section and its subsection named ("Classification Models" > "Common Examples of ..."): the
            # subsection says what is asked more precisely even when the question skips a word of its heading
            # ("examples of classification models"); the sentences and lists of both answer (see below).
            return False
        section = self._section_units(top)
        in_section = {chunk.chunk_id for _, chunk in section} | {top.chunk_id}
        if self._asks_beyond(
            query, top, section, [s for s in scored[: TOPIC_RANKS + 3] if s.passage.chunk_id not in in_section]
        ):
            return False
        section_best = max((s.score for s in scored if s.passage.chunk_id in in_section), default=0.0)
        # A bare short item elsewhere ("Detecting and mitigating bias in AI models") names a topic rather than
        # saying something about it: against a section written on the topic it counts for less.
        elsewhere = max(
            (
                s.score - (BARE_ITEM if _bare_item(s.unit) else 0.0)
                for s in scored
                if s.passage.chunk_id not in in_section
            ),
            default=0.0,
        )
        # Named whole just below a heading named in part ("future outlook for ML careers": Future Outlook under
        # Career Development, which shares "careers" only): the partly named section's lead sentence gets
        # the embedding's vote, the named section is surer evidence, so it gets more slack.
        slack = TOPIC_SLACK * (2 if top is not passages[0] and top.heading_match >= 1 else 1)
        if section_best < elsewhere - slack:
            return False  # the heading is named, but a sentence elsewhere says much more about what is asked
        if is_list([u for u, _ in section]):
            item = _named_item(search_text, section)
            # One labelled item the question names ("AI Product Manager: ...") is the answer; an unlabelled item
            # sharing the question's words ("Stay updated with ...") is one of the section's answers.
            if item and item[0].label:
                self._bullets("", [item], draft)
            else:
                self._bullets(_prose_lead(section), section, draft)
            return True
        prose = [(u, chunk) for u, chunk in section if not u.is_item and not is_framing(u.text)]
        if not prose or len(prose) != len(section) or len(prose) > SHORT_SECTION:
            return False  # a long or mixed section: its best sentences answer (see _sentences_answer)
        if _defining(query, kind) and len(prose) > DEFINITION_SENTENCES:
            # "What is X?": the section's opening says it, then its sentences closest to the question ("... used
            # for?" keeps the sentence on what it is used for), in reading order; the rest only elaborates.
            score = {(s.passage.chunk_id, s.unit.text): s.score for s in scored}
            # A sentence that leans on the one before it ("... therefore often easier to train") is not kept alone.
            free = [i for i in range(1, len(prose)) if not _DEPENDS.search(prose[i][0].text)]
            ranked = sorted(free, key=lambda i: -score.get((prose[i][1].chunk_id, prose[i][0].text), 0.0))
            keep = {0, *ranked[: DEFINITION_SENTENCES - 1]}
            prose = [p for i, p in enumerate(prose) if i in keep]
        for unit, chunk in prose:
            sentence = unit.as_sentence()
            marker = draft.cite_passage(chunk, sentence)
            draft.say(f"{sentence if sentence.endswith(('.', '!', ')')) else sentence + '.'} {marker}")
        return True

    def _asks_beyond(
        self, query: str, top: Passage, section: list[tuple[Unit, Passage]], elsewhere: list[Scored]
    ) -> bool:
        """The question names something specific besides the section's heading that the section never says and
        a close answer elsewhere does: "how can a generative model be used for *classification*" is not
        answered by the Generative Models section but by the sentence on generative models classifying."""
        heading = set(terms(top.section.split(" > ")[-1]))
        # Only a topic the documents have a heading for counts ("classification"); a verb the question happens
        # to use ("keep ... up to date") is the question's wording, not something else it asks about.
        specific = {
            t
            for t in terms(query)
            if t in self._topics and self._retriever.lexical.rare(t) and not found_in({t}, heading)
        }
        if not specific:
            return False
        said = set(terms(" ".join(u.as_sentence() for u, _ in section)))
        if found_in(specific, said):
            return False
        return any(found_in(specific, set(terms(s.unit.as_sentence()))) for s in elsewhere)

    def _section_list(
        self, passage: Passage, search_text: str, lead: str, introduced_by: Unit | None = None
    ) -> tuple[str, list[tuple[Unit, Passage]]] | None:
        """The passage's section as a list answer: its items, the one item the question names, or, for a
        section that only introduces subsections, the subsection the question names or all their headings."""
        own = self._section_units(passage)
        if is_list([u for u, _ in own]) or (introduced_by is not None and _introduces_list(introduced_by, own)):
            item = _named_item(search_text, own)
            # The item the question names is the answer alone: by its label ("AI Product Manager: ...") or by a
            # specific word ("the 'black box' problem"); one sharing only common words with it ("... AI solutions
            # with real-world contexts and needs") is one answer among the list's.
            return (
                ("", [item])
                if item and (item[0].label or self._names_specifically(search_text, item[0], passage.section))
                else (lead or _prose_lead(own), own)
            )
        children = self._retriever.subsections(passage)
        if not children or any(u.is_item for u, _ in own):
            return None
        # The best sentence opens a section of subsections: one of them if the question names it; their
        # headings only when the section itself was named (an opening sentence alone is not a list question).
        wanted = set(terms(search_text))
        shares = [self._retriever.heading_match(set(terms(c[0].section.split(" > ")[-1])), wanted) for c in children]
        top = max(shares)
        if top >= CHILD_NAMED and shares.count(top) == 1:
            return self._section_list(children[shares.index(top)][0], search_text, lead="")
        prose = [u.text for u, _ in own if not u.is_item]
        if introduced_by is not None and not (prose and prose[-1].rstrip().endswith(":")):
            return None  # only a section whose text ends "Here are the key areas:" announces its subsections
        intro = lead or next(iter(prose), "")
        return intro, [(Unit(c[0].section.split(" > ")[-1], True), c[0]) for c in children]

    def _item_in_its_list(self, best: Scored, kind: PartKind, query: str, draft: Draft) -> bool:
        """A bare list item as the best answer ("Poor or biased data leading to inaccurate predictions" for
        "why does data quality matter") under a heading the question names is answered with its list: the
        short list says more than the one item with sentences from other topics around it. Written when so."""
        if not _bare_item(best.unit) or best.heading_share < HEADING_SHARE or kind in ("comparison", "figure"):
            return False
        named = self._names_specifically(query, best.unit, best.passage.section)
        if comparison_sides(query) or (named and kind != "explanation"):
            # a pointed question naming the item itself ("is the 'black box' problem ...?") keeps it alone
            return False
        section = self._section_units(best.passage)
        items = [u for u, _ in section if u.is_item]
        if not is_list([u for u, _ in section]) or len(items) > SHORT_LIST:
            return False
        self._bullets(_prose_lead(section), section, draft)
        return True

    def _level_named(self, best: Scored, passages: list[Passage], question: str) -> Passage:
        """The level of the passage's heading path that the question names: the passage itself when its own
        heading holds the question's words, else the enclosing section that does ("what soft skills do AI people
        need" found under Essential Soft Skills > Contextual Understanding is about Essential Soft Skills)."""
        passage = best.passage
        wanted = set(terms(question))  # the question's own words: a synonym added for the search names nothing
        path = passage.section.split(" > ")
        if len(path) < 2 or found_in(wanted, set(terms(path[-1]))):
            return passage
        if self._names_specifically(question, best.unit, passage.section):
            return passage  # the question names the item itself ("the black box problem")
        for depth in range(len(path) - 1, 0, -1):
            parent = " > ".join(path[:depth])
            if found_in(wanted, set(terms(path[depth - 1]))):
                return next((p for p in passages if p.section == parent), passage)
        return passage

    def _names_specifically(self, question: str, unit: Unit, section: str) -> bool:
        """The question shares a specific (rare) word with the unit that its heading does not already hold and
        that is not the question asking for a list ("examples of regression algorithms" names the Regression
        Models list, not its item "It can, for example, ... polynomial regression")."""
        shared = found_in(set(terms(question)), set(terms(unit.as_sentence())))
        shared -= found_in(shared, set(terms(section)) | _LIST_WORDS)
        return any(self._retriever.lexical.rare(t) for t in shared)

    def _heading_share(self, passage: Passage, text: str) -> float:
        weights = {t: self._retriever.lexical.weight(t) for t in set(terms(text))}
        hits = found_in(set(weights), set(terms(passage.section)))
        return sum(weights[t] for t in hits) / (sum(weights.values()) or 1.0)

    def _section_units(self, passage: Passage) -> list[tuple[Unit, Passage]]:
        """Every unit of the passage's whole section (a section can span chunks), with the chunk it is in.

        Neighbouring chunks overlap by a few lines; each line is read once, from the first chunk holding it.
        """
        chunks = self._retriever.section_of(passage) or [passage]
        seen: set[str] = set()
        found: list[tuple[Unit, Passage]] = []
        for chunk in chunks:
            fresh = [ln for ln in chunk.text.split("\n") if ln.strip() and ln.strip() not in seen]
            seen.update(ln.strip() for ln in fresh)
            found.extend((u, chunk) for u in units("\n".join(fresh)))
        return found

    # -- writing ------------------------------------------------------------------------------------

    def _bullets(self, lead: str, section: list[tuple[Unit, Passage]], draft: Draft) -> None:
        """A list as bullets under a lead (the introducing sentence, else the heading); each item cited."""
        items = [(u, p) for u, p in section if u.is_item] or section
        if len(items) > MOST_BULLETS:
            items = items[:MOST_BULLETS]
        passage = items[0][1]
        heading = passage.section.split(" > ")[-1] or passage.title
        # The heading is quoted too (it may carry a year: "... tech & tools in 2025"), so it is cited with it.
        lines = [
            f"{lead.rstrip(': ')} {draft.cite_passage(section[0][1], lead)}"
            if lead
            else f"{heading} {draft.cite_passage(passage, heading)}:"
        ]
        for unit, source in items:
            bullet = unit.as_bullet()
            lines.append(f"- {bullet} {draft.cite_passage(source, bullet)}")
        draft.say("\n".join(lines) + "\n")

    def _sides(self, query: str, kind: PartKind) -> tuple[set[str], set[str]] | None:
        sides = comparison_sides(query) if kind != "figure" else None
        return self._side_terms(sides) if sides else None

    def _side_terms(self, sides: tuple[str, str]) -> tuple[set[str], set[str]]:
        """Each side's own words, with a head noun written once for both sides set aside: in "supervised vs
        unsupervised learning" and "generative and discriminative models" the last word belongs to both sides
        (the documents write "supervised learning", "generative models"), so it tells neither apart."""
        left, right = side_terms(sides, self._expansions)
        for one, other in (sides, sides[::-1]):
            one_words, other_words = one.lower().split(), other.lower().split()
            if len(one_words) != 1 or len(other_words) < 2:
                continue
            head = other_words[-1].strip("?.,!")
            if terms(head) and re.search(rf"\b{re.escape(one_words[0])}\s+{re.escape(head)}\b", self._corpus):
                shared = set(terms(head))
                left, right = (left - shared) or left, (right - shared) or right
        # "Is Scala or C++ useful for an AI job?": after a one-word first side, the second side is its first word;
        # the rest is what is asked about both ("useful for an AI job"), not a side.
        first, second = sides[0].split(), sides[1].split()
        if len(first) == 1 and len(second) > 2 and set(terms(second[0])):
            right = set(terms(second[0])) - left or right
        return left, right

    @staticmethod
    def _continuation(best: Scored, scored: list[Scored]) -> Scored | None:
        """A sentence next to the lead in its paragraph that belongs with it: the one after it when it carries
        the lead on ("This includes addressing biases ...", "Reinforcement models inform ..."), else the one
        before it when it speaks of the same thing ("If an ML model learns ... 'noise' ... then it's overfitting
        the training data." before "Overfitting is the flipside of underfitting ..."), and not far below it:
        the lead alone is often only half of what its paragraph says about the asked thing."""
        if best.unit.is_item:
            return None
        order = units(best.passage.text)
        at = next((i for i, u in enumerate(order) if u == best.unit), None)
        if at is None:
            return None
        paragraphs = [line for line in best.passage.text.split("\n") if best.unit.text in line]
        for step in (1, -1):
            if not 0 <= at + step < len(order):
                continue
            neighbour = order[at + step]
            if neighbour.is_item or not any(neighbour.text in line for line in paragraphs):
                continue
            item = next(
                (s for s in scored[1:] if s.passage.chunk_id == best.passage.chunk_id and s.unit == neighbour), None
            )
            if item is None:
                continue
            pronoun = step == 1 and bool(_ANAPHORA.match(item.unit.text))
            carries = pronoun or item.lexical >= 0.5 * best.lexical > 0
            near = item.score >= best.score - best.bonus - CONTINUATION_SLACK
            if carries and near and len(item.unit.text.split()) >= 4:
                return item
        return None

    def _sentences_answer(
        self,
        scored: list[Scored],
        draft: Draft,
        sides: tuple[set[str], set[str]] | None = None,
        budget: int | None = None,
    ) -> None:
        """The best unit first (the direct answer), then up to two close ones in reading order. A comparison
        gets the best sentence on each side it has not covered yet, so both sides are spoken for. `budget`: the
        most sentences the answer may hold, a pronoun's antecedents counted (a definition is one to three)."""
        best = scored[0]
        chosen = [best]
        # A lead that itself contrasts both sides ("While both roles ..., ML Engineers focus on the 'how' ...,
        # while Data Scientists ...") is the answer: a side then gets a sentence only from its own section.
        contrast = sides is not None and all(mentions(_about(best.unit, best.passage), side) for side in sides)
        for side, other in (sides, sides[::-1]) if sides else ():
            # A heading is about the side when it names the side's specific words ("Unsupervised Learning"), not
            # a common one the side happens to hold ("job" in "Is C++ useful for an AI job?").
            named = {t for t in side if self._retriever.lexical.rare(t)} or side
            if not any(covers(c, side, other) for c in chosen):
                # Only from a section on that side or the lead's own: a sentence on a third topic that names
                # the side in passing ("Generative models, ... an example of unsupervised learning") is not it.
                near = [
                    s
                    for s in scored[1:12]
                    if only_on(s, side, other)
                    and s.score >= best.score - best.bonus - SIDE_SLACK  # the lead's own both-sides bonus set aside
                    and (mentions(_heading(s.passage), named) or s.passage.section == best.passage.section)
                ]
                # The section written about that side ("Discriminative Models") says what it is, from its first
                # sentence on; a sentence elsewhere mentioning it in passing ("... an example of unsupervised
                # learning") does not.
                own = sorted(
                    (s for s in near if covers(s, side, other) and mentions(_heading(s.passage), named)),
                    key=lambda s: s.unit.position,
                )
                if own or (near and not contrast):
                    chosen.append((own or near)[0])
        # Each side has a sentence of its own: nothing else is needed (a third would be about something else).
        sided = contrast or (
            sides is not None and all(any(only_on(c, one, two) for c in chosen) for one, two in (sides, sides[::-1]))
        )
        following = self._continuation(best, scored)
        if following is not None and following not in chosen and len(chosen) < 3:
            chosen.append(following)
        top_lexical = max(s.lexical for s in scored[:4])
        for item in scored[1:8]:
            if len(chosen) == 3 or sided:
                break
            same = item.passage.chunk_id == best.passage.chunk_id
            close = item.score >= best.score - best.bonus - (0.25 if same else 0.15)  # the lead's bonus set aside
            on_topic = item.lexical >= 0.5 * top_lexical or (item.lexical > 0 and same)
            repeats = any(item.unit.as_sentence() == c.unit.as_sentence() for c in chosen)
            if close and on_topic and not repeats and len(item.unit.as_sentence().split()) >= 4:
                chosen.append(item)
        support = sorted(chosen[1:], key=lambda s: (s.rank, s.unit.position))
        said: set[str] = set()
        for item in [best, *support]:
            if item.unit.text in said:
                continue  # already said as the antecedent of a sentence before it
            # A pronoun's antecedent already in the answer is not repeated ("... is increasing. This includes ...").
            before = [a for a in _antecedents(item) if a not in said]
            if budget is not None and item is not best and len(said) + len(before) + 1 > budget:
                continue  # a support that would need more sentences than a definition should hold
            sentence = " ".join([*before, item.unit.as_sentence()])
            said.update({*before, item.unit.text})
            marker = draft.cite_passage(item.passage, sentence)
            if item.unit.is_item and not item.unit.label and len(sentence.split()) <= 8:
                # A bare list item ("MLOps (Machine Learning Operations)") says what it is by the list it is in.
                heading = item.passage.section.split(" > ")[-1]
                draft.cite_passage(item.passage, heading)  # quoted, so cited
                sentence = f"{sentence.rstrip('.')} (listed under {heading})"
            if not sentence.endswith((".", "!", ")", "”", "’", "'")):
                sentence += "."
            draft.say(f"{sentence} {marker}")


# A yes/no question ("Can generative models be used for classification?", "Is Python enough?") asks about one
# point; a request ("Can you explain ...") or an existence question ("Are there ...") asks for the topic.
_YES_NO = re.compile(
    r"^\s*(?:can|could|is|are|does|do|did|should|would|will|has|have)\s+(?!you\b|u\b|there\b|i\s+get\b)",
    re.IGNORECASE,
)


def _defining(query: str, kind: PartKind) -> bool:
    """An explanation asked as a definition: 'What is X?', 'What are X?', 'Define X' (one to three sentences)."""
    return kind == "explanation" and (asks_definition(query) or bool(re.match(r"^\s*what\s+are\b", query, re.I)))


def _lead_in(unit: Unit, following: list[Unit]) -> bool:
    """A sentence that introduces the list right after it ("Machine Learning Engineers play a vital role in
    various industries by:"): framing on its own, but the lead of that list, so it is scored to find the
    list. An announcement ("Here are the key areas to focus on:") or a question stays framing."""
    text = unit.text.strip()
    return (
        not unit.is_item
        and text.endswith(":")
        and not _ANNOUNCEMENT.match(text)
        and bool(following)
        and following[0].is_item
    )


_ANNOUNCEMENT = re.compile(
    r"^(?:as such,\s*)?(?:let['’]s|let us|here['’]?s|here is|here are|below|the following)\b", re.I
)


def _prose_lead(section: list[tuple[Unit, Passage]], most: int = 2) -> str:
    """The sentences a list section opens with, when they say what the section is about ("Regression models
    involve continuous values for predictions ...") rather than announce the list: the answer's lead, before
    the bullets, so a definition asked of a mixed section is not lost behind its items. '' when none."""
    prose: list[str] = []
    for unit, _ in section:
        if unit.is_item:
            break
        if is_framing(unit.text) or unit.text.rstrip().endswith(":"):
            return ""  # "These include:" / "Here are the key areas:": the heading leads instead
        prose.append(unit.text)
    return " ".join(prose) if 0 < len(prose) <= most else ""


def _bare_item(unit: Unit) -> bool:
    return unit.is_item and not unit.label and not unit.children and len(unit.text.split()) <= 8


def _nested(section: str, other: str) -> bool:
    """One section is inside the other ('Generative Models' and 'Generative Models > Examples of ...')."""
    return section.startswith(f"{other} > ") or other.startswith(f"{section} > ")


def _named_item(question: str, section: list[tuple[Unit, Passage]]) -> tuple[Unit, Passage] | None:
    """The one item of the list the question names ('the career path for an AI Product Manager')."""
    wanted = set(terms(question))
    ranked = sorted(
        ((len(found_in(wanted, set(terms(u.label or u.text)))), i) for i, (u, _) in enumerate(section) if u.is_item),
        reverse=True,
    )
    if ranked and ranked[0][0] >= 2 and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
        return section[ranked[0][1]]
    return None


def _introduces_list(unit: Unit, section: list[tuple[Unit, Passage]]) -> bool:
    """The unit is prose that opens a section made of a list (its introduction)."""
    first_item = next((i for i, (u, _) in enumerate(section) if u.is_item), None)
    if first_item is None or sum(1 for u, _ in section if u.is_item) < 2:
        return False
    return any(u == unit for u, _ in section[:first_item])


_ANAPHORA = re.compile(r"^(?:they|these|this|it|its|such|that|those|their|there)\b", re.IGNORECASE)
# A sentence that leans on the one before it: a pronoun first, or "therefore"/"thus" in its opening words.
_DEPENDS = re.compile(
    r"^(?:they|these|this|it|its|such|that|those|their)\b|^(?:\S+\s+){0,4}(?:therefore|thus|hence)\b", re.I
)
# "Why ...?" asks for a reason; a sentence gives one with a causal or purpose connective (general English).
_WHY = re.compile(r"^\s*(?:why|how come)\b", re.I)
_REASON = re.compile(
    r"\b(?:because|since|due to|so that|in order to|leads? to|leading to|results? in|resulting in|requires?|"
    r"drives?|driven by|enables?|allows?|helps?|ensures?|to ensure|to avoid|therefore|thus)\b",
    re.I,
)
# Words that ask for a list rather than name a thing in it (general English): "examples of ...", "types of ...".
_LIST_WORDS = frozenset(terms("example examples instance instances kind kinds type types sort sorts list"))
# A sentence that opens as an example illustrates what the sentence before it says.
_EXAMPLE = re.compile(r"^(?:for (?:instance|example)|e\.g\.|as an example)\b", re.IGNORECASE)


def _antecedents(item: Scored, most: int = 2) -> list[str]:
    """The sentences a pronoun-led answer needs before it ("They can also be called symbolic AI." needs
    "The simplest AI models are a set of if-then-else rules. ... Such models are called rules engines")."""
    if item.unit.is_item or not _ANAPHORA.match(item.unit.text):
        return []
    prose = [u for u in units(item.passage.text) if not u.is_item]
    at = next((i for i, u in enumerate(prose) if u == item.unit), 0)
    before: list[str] = []
    for unit in reversed(prose[max(0, at - most) : at]):
        before.insert(0, unit.text)
        if not _ANAPHORA.match(unit.text):
            break
    return before


_FIGURE = re.compile(r"\$\s?\d")


def only_on(item: Scored, side: set[str], other: set[str]) -> bool:
    """The unit speaks of one side of a comparison and not of the other."""
    about = _about(item.unit, item.passage)
    return mentions(about, side) and not mentions(about, other)


def covers(item: Scored, side: set[str], other: set[str]) -> bool:
    """The unit speaks for one side: of it alone, or from the section written about it without naming the other
    side ("These generally entail ..." under "Discriminative Models")."""
    heading = _heading(item.passage)
    in_own_section = mentions(heading, side) and not mentions(heading, other)
    return only_on(item, side, other) or (in_own_section and not mentions(item.unit.as_sentence(), other))


def _heading(passage: Passage) -> str:
    return passage.section.split(" > ")[-1]


def _about(unit: Unit, passage: Passage) -> str:
    """What a unit speaks of: its text, and its section's heading when it leans on it with a pronoun
    ("These generally entail supervised learning ..." under "Discriminative Models" is about those)."""
    text = unit.as_sentence()
    if _ANAPHORA.match(unit.text):
        return f"{passage.section.split(' > ')[-1]} {text}"
    return text


def _mostly_figures(passage: Passage) -> bool:
    items = [u.as_sentence() for u in units(passage.text) if u.is_item]
    return bool(items) and sum(1 for item in items if _FIGURE.search(item)) >= 0.5 * len(items)
