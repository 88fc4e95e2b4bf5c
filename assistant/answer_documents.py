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
under a lead; anything else as the best sentence first, then up to two close ones, each cited.
What a unit does (lead-in, example, reason, side of a comparison) is in answer_roles.py; writing the chosen
units (sentences or bullets) is in answer_sentences.py.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from assistant.answer_roles import (
    ANAPHORA,
    DEPENDS,
    EXAMPLE,
    FIGURE,
    LIST_WORDS,
    REASON,
    WHY,
    YES_NO,
    Scored,
    bare_item,
    defining,
    introduces_list,
    is_lead_in,
    mostly_figures,
    named_item,
    nested,
    prose_lead,
    speaks_of,
)
from assistant.answer_sentences import write_bullets, write_sentences
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
_HAS_NUMBER = re.compile(r"\d")
CANDIDATES = 8  # passages whose units are scored
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
        asked = set(terms(focus_text))  # the question's own words, the context entity set aside (no synonyms)
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
        if best.passage.score < self._min_relevance and not (
            self._defines(query, kind, best.unit) or self._states_figure_of(kind, best)
        ):
            return False  # found by a shared word alone ("What is Java?"): a mention is not an answer
        if self._topic_section(kind, query, scored, relevant, search_text, draft):
            return True
        listed = self._list_answer(kind, scored, query, search_text, relevant, asked)
        if listed is not None:
            write_bullets(*listed, draft)
            return True
        # A list's lead-in says nothing without its items: it is never a sentence answer.
        plain = [s for s in scored if not s.lead_in]
        if plain and self._item_in_its_list(plain[0], kind, query, draft):
            return True
        if not plain:
            return False
        budget = DEFINITION_SENTENCES if defining(query, kind) else None
        if plain[0].entity_item and self._about_entity(terms(focus_text), terms(search_text)):
            plain = plain[:1]  # "what does a robotics engineer work on": its item; the other roles' are not asked
        write_sentences(plain, draft, self._retriever.lexical.rare, self._sides(query, kind), budget)
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
        why = bool(WHY.match(query)) and kind != "figure"
        about_entity = self._about_entity(focus, named)
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
                lead_in = is_lead_in(unit, passage_units[at + 1 : at + 2])
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
                if why and REASON.search(text):
                    bonus += REASON_GIVEN  # "why ...?": a sentence that gives a cause or a purpose answers it
                # An item whose own label the question names ("Programming Languages: ...", "Business
                # Acumen: ...") is that thing; a section's opening sentence explains its heading.
                if unit.label:
                    label = set(terms(unit.label))
                    named_by = self._retriever.heading_match(label, set(focus))
                    names_entity = self._retriever.heading_match(label, wanted - set(focus)) >= 0.5
                    if lexical > 0 or (names_entity and about_entity):
                        # the context entity counts when the item also says what is asked, or when nothing else
                        # is asked ("what does a robotics engineer work on": only the role is a topic)
                        entity_item = names_entity
                        named_by = max(named_by, self._retriever.heading_match(label, wanted))
                    elif names_entity:
                        named_by = -0.75  # only the entity's name matches: the item is about it, not the question
                    score += 0.2 * named_by
                elif unit.position == 0 and not unit.is_item:
                    score += 0.1 * passage.heading_match
                if sides and mentions(speaks_of(unit, passage), left) and mentions(speaks_of(unit, passage), right):
                    bonus += 0.25
                score += bonus
                if kind != "figure" and FIGURE.search(text) and len(text.split()) < 12:
                    score -= 0.3  # a bare salary line answers a figure question, which the statistics route owns
                if len(text.split()) < 4 and not unit.children:
                    score -= 0.2  # a bare label or figure says nothing on its own
                elif unit.is_item and ANAPHORA.match(unit.text):
                    score -= 0.15  # "It can, for example, ...": an item that leans on what came before
                elif EXAMPLE.match(unit.text):
                    score -= EXAMPLE_SENTENCE  # "For instance, in a GAN ...": it illustrates the answer, it is not it
                out.append(Scored(score, unit, passage, rank, lexical, heading_share, entity_item, bonus, lead_in))
        out.sort(key=lambda s: s.score, reverse=True)
        return out

    def _about_entity(self, focus: list[str], named: list[str] | None) -> bool:
        """The words left once the context entity is set aside name no topic the documents have a heading for
        ("work on", "do all day"): the question asks about the entity itself."""
        return bool(named) and set(named) != set(focus) and not any(t in self._topics for t in focus)

    @staticmethod
    def _states_figure_of(kind: PartKind, best: Scored) -> bool:
        """A figure asked of a thing the documents name ("how big is GPT-3?"): the sentence holding every
        specific word of the question and a number states it, however far its passage is from the question
        as a whole (a passing mention of "Java" in a list answers no "what is"; a figure about GPT-3 does)."""
        return kind == "figure" and best.passage.lexical and _HAS_NUMBER.search(best.unit.as_sentence()) is not None

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
        self,
        kind: PartKind,
        scored: list[Scored],
        query: str,
        search_text: str,
        passages: list[Passage],
        asked: set[str] | None = None,
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
        # Headings named equally: the one holding more of the question's words ("coding best practices for ML
        # teams": Coding and Engineering holds 'coding', Team Collaboration only 'teams'), then the search.
        rank = {
            id(p): (p.heading_match, focus.get(p.chunk_id, self._heading_share(p, search_text)), p.score) for p in named
        }
        for passage in sorted(named, key=lambda p: rank[id(p)], reverse=True):
            if kind != "figure" and mostly_figures(passage):
                continue  # a salary table is the statistics' to give, not a list answer to "what skills"
            section = self._section_units(passage)
            inside = {chunk.chunk_id for _, chunk in section} | {passage.chunk_id}
            # Named by a list word and common ones only ("examples of discriminative models" -> Examples of
            # Generative Models) while the question's specific topic is said elsewhere: not this list.
            heading = set(terms(passage.section.split(" > ")[-1]))
            named_by = found_in(set(terms(query)), heading)
            by_list_word = bool(named_by & LIST_WORDS) and not any(
                self._retriever.lexical.rare(t) for t in named_by - LIST_WORDS
            )
            elsewhere = [s for s in scored[:5] if s.passage.chunk_id not in inside]
            if by_list_word and self._asks_beyond(query, passage, section, elsewhere):
                continue
            found = self._section_list(passage, search_text, lead="", asked=asked)
            if found is not None:
                return found
        if best.unit.is_item:
            return None
        return self._section_list(best.passage, search_text, lead=best.unit.text, introduced_by=best.unit, asked=asked)

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
        pointed = kind not in TOPIC_KINDS or bool(YES_NO.match(query))
        if pointed or best.entity_item or comparison_sides(query) or mostly_figures(top):
            return False
        if top.heading_match < TOPIC_HEADING:
            return False
        if any(
            p.heading_match >= (SUBSECTION_HEADING if p.section.startswith(f"{top.section} > ") else TOPIC_HEADING)
            and nested(p.section, top.section)
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
                s.score - (BARE_ITEM if bare_item(s.unit) else 0.0)
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
            item = named_item(search_text, section)
            # One labelled item the question names ("AI Product Manager: ...") is the answer; an unlabelled item
            # sharing the question's words ("Stay updated with ...") is one of the section's answers.
            if item and item[0].label:
                write_bullets("", [item], draft)
            else:
                picked = self._items_about(query, top.section, section)
                write_bullets(prose_lead(section) if picked is section else "", picked, draft)
            return True
        prose = [(u, chunk) for u, chunk in section if not u.is_item and not is_framing(u.text)]
        if not prose or len(prose) != len(section) or len(prose) > SHORT_SECTION:
            return False  # a long or mixed section: its best sentences answer (see _sentences_answer)
        if defining(query, kind) and len(prose) > DEFINITION_SENTENCES:
            # "What is X?": the section's opening says it, then its sentences closest to the question ("... used
            # for?" keeps the sentence on what it is used for), in reading order; the rest only elaborates.
            score = {(s.passage.chunk_id, s.unit.text): s.score for s in scored}
            # A sentence that leans on the one before it ("... therefore often easier to train") is not kept alone.
            free = [i for i in range(1, len(prose)) if not DEPENDS.search(prose[i][0].text)]
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
        self,
        passage: Passage,
        search_text: str,
        lead: str,
        introduced_by: Unit | None = None,
        asked: set[str] | None = None,
    ) -> tuple[str, list[tuple[Unit, Passage]]] | None:
        """The passage's section as a list answer: its items, the one item the question names, or, for a
        section that only introduces subsections, the subsection the question names or all their headings."""
        own = self._section_units(passage)
        if is_list([u for u, _ in own]) or (introduced_by is not None and introduces_list(introduced_by, own)):
            item = named_item(search_text, own)
            # The item the question names is the answer alone: by its label ("AI Product Manager: ...") or by a
            # specific word ("the 'black box' problem"); one sharing only common words with it ("... AI solutions
            # with real-world contexts and needs") is one answer among the list's.
            return (
                ("", [item])
                if item and (item[0].label or self._names_specifically(search_text, item[0], passage.section))
                else (lead or prose_lead(own), own)
            )
        children = self._retriever.subsections(passage)
        if not children or any(u.is_item for u, _ in own):
            return None
        # The best sentence opens a section of subsections: one of them if the question names it; their
        # headings only when the section itself was named (an opening sentence alone is not a list question).
        wanted = set(terms(search_text))
        shares = [self._retriever.heading_match(set(terms(c[0].section.split(" > ")[-1])), wanted) for c in children]
        top = max(shares)
        # One subsection named clearly, or the only one sharing a word of what is asked, the context entity set
        # aside ("what goes wrong with the data" -> Data Quality and Availability among ten challenge headings;
        # not "AI and ML Specific Skills" for "... to become an ML engineer").
        sharing = [
            i for i, c in enumerate(children) if found_in(asked or set(), set(terms(c[0].section.split(" > ")[-1])))
        ]
        if len(sharing) == 1 and not (top >= CHILD_NAMED and shares.count(top) == 1):
            return self._section_list(children[sharing[0]][0], search_text, lead="")
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
        if not bare_item(best.unit) or best.heading_share < HEADING_SHARE or kind in ("comparison", "figure"):
            return False
        named = self._names_specifically(query, best.unit, best.passage.section)
        if comparison_sides(query) or (named and kind != "explanation"):
            # a pointed question naming the item itself ("is the 'black box' problem ...?") keeps it alone
            return False
        section = self._section_units(best.passage)
        items = [u for u, _ in section if u.is_item]
        if not is_list([u for u, _ in section]) or len(items) > SHORT_LIST:
            return False
        write_bullets(prose_lead(section), section, draft)
        return True

    def _items_about(
        self, query: str, section_name: str, section: list[tuple[Unit, Passage]]
    ) -> list[tuple[Unit, Passage]]:
        """The items of a named list that the question narrows it to ("which of those responsibilities involve
        deployment?"): the items naming a specific topic the question asks beyond the list's heading, when only
        some do; else the whole section."""
        heading = set(terms(section_name)) | LIST_WORDS
        narrowing = {
            t
            for t in terms(query)
            if t in self._topics and self._retriever.lexical.rare(t) and not found_in({t}, heading)
        }
        items = [(u, p) for u, p in section if u.is_item]
        if not narrowing or len(items) < 3:
            return section
        hits = [(u, p) for u, p in items if found_in(narrowing, set(terms(u.as_sentence())))]
        return hits if 0 < len(hits) <= len(items) // 2 else section

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
        shared -= found_in(shared, set(terms(section)) | LIST_WORDS)
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
