"""The shape of a documentation answer when a list answers as a whole, rather than its best sentences: a list
section written as bullets under a lead (its heading names what is asked, a list is asked for, or the best
sentence is the list's own introduction), or the one item the question names; a bare item answered with its
short list. Each writer says whether a list answers, so the composer falls back to sentences.
"""

from __future__ import annotations

from assistant.answer_roles import (
    LIST_WORDS,
    Scored,
    bare_item,
    heading_of,
    introduces_list,
    mostly_figures,
    named_item,
    prose_lead,
)
from assistant.answer_sentences import write_bullets
from assistant.draft import Draft
from assistant.models import PartKind
from assistant.passage_units import Unit, asks_definition, comparison_sides, is_list, units
from assistant.pay_raising import asks_to_raise_pay
from assistant.retrieval import Passage
from assistant.section_reading import SectionReader
from assistant.set_aside import set_aside
from assistant.text_terms import found_in, terms

HEADING_NAMES_LIST = 0.6  # share of a heading's words the question uses, from which it names the section
HEADING_SHARE = 0.35  # ... and share of the question's (IDF-weighted) words the heading holds
NAMED_SECTION_SLACK = 0.4  # how far below the best unit a named section's best unit may score
CHILD_NAMED = 0.4  # share of a subsection's heading the question names, from which it picks that subsection
SHORT_LIST = 6  # items: a bare item's list up to this long answers instead of the item alone


class ListAnswers(SectionReader):
    """Writes a list section, or the item of one the question names, as the answer (built once per build)."""

    def list_answer(
        self,
        kind: PartKind,
        scored: list[Scored],
        query: str,
        search_text: str,
        passages: list[Passage],
        asked: set[str] | None = None,
        field: frozenset[str] = frozenset(),
    ) -> tuple[str, list[tuple[Unit, Passage]]] | None:
        """(lead, items) when a list answers as a whole; None when sentences answer better. `field`: the terms of
        a closing context naming only the field ("... in machine learning"), which name no subsection.

        A list answers when a section's heading explains the question better than any one unit's words
        ("Which soft skills ...?" -> Soft Skills), or when the best sentence introduces a list ("... a diverse
        set of core responsibilities ...") or a run of subsections: then the subsection the question names,
        else the subsections' headings. When the question names one item of the list ("the career path for
        an AI Product Manager"), that item alone is the answer. Never for a question that defines one item.
        """
        best = scored[0]
        if best.entity_item:
            return None  # "How far can a robotics engineer advance?" -> the Robotics Engineer item, not a list
        if self._scorer.defines_asked(query, kind, best.unit) or kind == "comparison" or comparison_sides(query):
            return None  # a definition or a comparison is answered by sentences, whatever the section's shape
        headed_elsewhere = False
        for passage in self._named_lists(kind, scored, query, search_text, passages):
            if kind != "figure" and mostly_figures(passage):
                continue  # a salary table is the statistics' to give, not a list answer to "what skills"
            section = self._section_units(passage)
            inside = {chunk.chunk_id for _, chunk in section} | {passage.chunk_id}
            # Named by a list word and common ones only ("examples of discriminative models" -> Examples of
            # Generative Models) while the question's specific topic is said elsewhere: not this list.
            heading = set(terms(heading_of(passage)))
            named_by = found_in(set(terms(query)), heading)
            by_list_word = bool(named_by & LIST_WORDS) and not any(
                self._retriever.lexical.rare(t) for t in named_by - LIST_WORDS
            )
            elsewhere = [s for s in scored[:5] if s.passage.chunk_id not in inside]
            if by_list_word and self._asks_beyond(query, passage, section, elsewhere):
                continue
            if by_list_word and self._headed_elsewhere(query, heading, elsewhere):
                headed_elsewhere = True
                continue
            if best.passage.chunk_id not in inside and self._labelled_closer(best, heading, query):
                continue  # "what specialized knowledge": Specialized Knowledge (Essential Skills), not Specialization
            if best.passage.chunk_id not in inside and asks_to_raise_pay(query):
                continue  # "what can raise the salary?": how to, which Salary Ranges (named by "salary") never says
            found = self._section_list(passage, search_text, lead="", asked=asked, field=field)
            if found is not None:
                return found
        if headed_elsewhere and best.heading_share > 0 and self._of_a_list(best):
            # the list the question's own topic heads answers instead ("examples of regression algorithms": the
            # Regression Models bullets)
            found = self._section_list(
                self._level_named(best, passages, query), search_text, lead="", asked=asked, field=field
            )
            if found is not None:
                return found
        if best.unit.is_item:
            return None
        return self._section_list(
            best.passage, search_text, lead=best.unit.text, introduced_by=best.unit, asked=asked, field=field
        )

    def _named_lists(
        self, kind: PartKind, scored: list[Scored], query: str, search_text: str, passages: list[Passage]
    ) -> list[Passage]:
        """The sections whose headings name what the question asks, surest first: a heading the question names
        that holds much of its weight, or, for a list question naming none, the section of the list the best
        answer (or a close item under a heading named by most of the question) belongs to."""
        best = scored[0]
        focus = {u.passage.chunk_id: u.heading_share for u in scored}
        least = max(HEADING_SHARE, best.lexical - 0.1)
        # ... by the search's words (the question's and their synonyms') or by the question's own: a synonym added
        # to the search ("tips": best practices) takes a share of every heading's ("tips for networking": Networking)
        loose_best = best.heading_share < HEADING_SHARE

        def under(p: Passage) -> bool:  # the best found is in one of the sections the opening leads in to
            return best.passage.section.startswith(f"{p.section} > ")

        named = [
            p
            for p in passages
            if p.heading_match >= HEADING_NAMES_LIST
            and (
                focus.get(p.chunk_id, self._heading_share(p, search_text)) >= least
                or self._heading_share(p, query) >= least
            )
            # "the main trends": "Here are the key trends ...:" - when the best found is no item under a heading the
            # question names ("is the black box problem a challenge": that item answers)
            or (
                kind == "list"
                and not best.unit.is_item
                and (loose_best or under(p))
                and self.lead_in_names(p, query, passages)
            )
        ]
        if kind in ("explanation", "method") or asks_definition(query):
            named = []  # a definition is not a section's list, whatever its heading
        if kind == "list" and not named and best.heading_share > 0 and self._of_a_list(best):
            # a section its heading relates to, when the best answer belongs to its list; a sentence of the
            # section's prose answers itself ("what's the weakness of rule-based AI": the sentence saying
            # rule-based models need explicit programming, not the section's subsection headings)
            named = [self._level_named(best, passages, query)]
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
        # A heading holding a word of the question itself comes before one named only through a synonym of how
        # it asks ("tips for networking": Networking, not Best Practices, which "tips" stands for).
        own = set(terms(query))
        rank = {
            id(p): (
                bool(found_in(own, set(terms(heading_of(p))))),
                p.heading_match,
                focus.get(p.chunk_id, self._heading_share(p, search_text)),
                p.score,
            )
            for p in named
        }
        return sorted(named, key=lambda p: rank[id(p)], reverse=True)

    def _headed_elsewhere(self, query: str, heading: set[str], elsewhere: list[Scored]) -> bool:
        """The question's specific words that this list's heading lacks head a close answer's own section:
        "examples of regression algorithms" is about Regression Models (its best bullets), not Common Examples
        of Classification Models, though an item there ("Logistic Regression") says "regression"."""
        specific = {t for t in terms(query) if self._retriever.lexical.rare(t) and t not in LIST_WORDS} - found_in(
            set(terms(query)), heading
        )
        return bool(specific) and any(found_in(specific, set(terms(heading_of(s.passage)))) for s in elsewhere)

    def _section_list(
        self,
        passage: Passage,
        search_text: str,
        lead: str,
        introduced_by: Unit | None = None,
        asked: set[str] | None = None,
        field: frozenset[str] = frozenset(),
    ) -> tuple[str, list[tuple[Unit, Passage]]] | None:
        """The passage's section as a list answer: its items, the one item the question names, or, for a
        section that only introduces subsections, the subsection the question names or all their headings."""
        own = self._section_units(passage)
        if is_list([u for u, _ in own]) or (introduced_by is not None and introduces_list(introduced_by, own)):
            # what the question sets aside names no item ("what else besides the company decides pay?")
            search_text, aside = set_aside(search_text)
            asked = asked - aside if asked else asked
            item = named_item(search_text, own, self._retriever.heading_match)
            # The item the question names is the answer alone: by its label ("AI Product Manager: ...") or by a
            # specific word ("the 'black box' problem"); one sharing only common words with it ("... AI solutions
            # with real-world contexts and needs") is one answer among the list's.
            if item and (item[0].label or self._names_specifically(search_text, item[0], passage.section)):
                return "", [item]
            # The question narrows the list to some of its items ("... responsibilities around documentation?").
            picked = self._items_about(" ".join(sorted(asked)) if asked else search_text, passage.section, own)
            return (lead or prose_lead(own), own) if picked is own else ("", picked)
        children = self._retriever.subsections(passage)
        if not children or any(u.is_item for u, _ in own):
            return None
        # The best sentence opens a section of subsections: one of them if the question names it; their
        # headings only when the section itself was named (an opening sentence alone is not a list question).
        # A subsection is named by what the question asks beyond its parent's heading: "Common Examples of
        # Classification Models" shares "classification" with its parent, so "how is classification used in
        # radiology" is about the parent (whose sentence on radiology answers), not its one subsection; "examples
        # of classification models" names it by "examples", "skills in demand" In-Demand Skills by "skills".
        headings = [set(terms(heading_of(c[0]))) for c in children]
        parent = set(terms(heading_of(passage)))
        # The field every document is about names no subsection: "what does career development look like in
        # machine learning" asks about Career Development as a whole, not its Continuous Learning ("learning").
        wanted = set(terms(search_text)) - field
        shares = [self._retriever.heading_match(h, wanted) if found_in(wanted - parent, h) else 0.0 for h in headings]
        top = max(shares)
        # One subsection named clearly, or the only one sharing a word of what is asked, the context entity set
        # aside ("what goes wrong with the data" -> Data Quality and Availability among ten challenge headings;
        # not "AI and ML Specific Skills" for "... to become an ML engineer"); failing that, when the parent's
        # heading names its subsections ("Classification Models vs. Regression Models"), the one the question
        # picks by a word that tells them apart ("types of regression algorithms": Regression Models).
        asked = (asked or set()) - field
        sharing = [i for i, h in enumerate(headings) if found_in(asked - parent, h)]
        if not sharing and len(children) > 1:
            apart = (asked & parent) - set.intersection(*headings)
            sharing = [i for i, h in enumerate(headings) if h <= parent and found_in(apart, h)]
        if len(sharing) == 1 and not (top >= CHILD_NAMED and shares.count(top) == 1):
            return self._section_list(children[sharing[0]][0], search_text, lead="")
        if top >= CHILD_NAMED and shares.count(top) == 1:
            return self._section_list(children[shares.index(top)][0], search_text, lead="")
        if len(children) == 1 and not introduced_by:
            # One subsection only ("Classification Models" > "Common Examples of Classification Models"): its heading
            # alone as a list says nothing; its items are what the section lists
            return self._section_list(children[0][0], search_text, lead="")
        prose = [u.text for u, _ in own if not u.is_item]
        if introduced_by is not None and not (prose and prose[-1].rstrip().endswith(":")):
            return None  # only a section whose text ends "Here are the key areas:" announces its subsections
        intro = lead or next(iter(prose), "")
        return intro, [(Unit(heading_of(c[0]), True), c[0]) for c in children]

    @staticmethod
    def _of_a_list(best: Scored) -> bool:
        """The unit belongs to a list: an item, the lead-in announcing items, the remark closing a list ("By
        developing these soft skills, ..."), or a sentence of a passage that is mostly a list (Core
        Responsibilities' opening "... have a diverse set of core responsibilities ... These include:")."""
        unit = best.unit
        return unit.is_item or best.lead_in or unit.closing or is_list(units(best.passage.text))

    def item_in_its_list(self, best: Scored, kind: PartKind, query: str, draft: Draft) -> bool:
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

    def _labelled_closer(self, best: Scored, heading: set[str], query: str) -> bool:
        """The best unit is an item whose own label holds more of the question's (IDF-weighted) words than the
        list's heading, a specific one among them: the item the question names is deeper than the list named in
        part ("specialized knowledge": Specialized Knowledge, not Specialization; "how should ML models be
        deployed" names Deployment and Operations as much as "Model Deployment and Monitoring: ...")."""
        if not best.unit.label:
            return False
        weights = {t: self._retriever.lexical.weight(t) for t in set(terms(query))}
        label, named = found_in(set(weights), set(terms(best.unit.label))), found_in(set(weights), heading)
        beyond = any(self._retriever.lexical.rare(t) for t in label - named)
        return beyond and sum(weights[t] for t in label) > sum(weights[t] for t in named)

    def _heading_share(self, passage: Passage, text: str) -> float:
        weights = {t: self._retriever.lexical.weight(t) for t in set(terms(text))}
        hits = found_in(set(weights), set(terms(passage.section)))
        return sum(weights[t] for t in hits) / (sum(weights.values()) or 1.0)
