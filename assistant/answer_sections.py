"""The shape of a documentation answer when a section or a list answers as a whole, rather than its best
sentences: a section the question names (its heading is the question's topic) quoted as bullets or as its few
sentences; a list section written as bullets under a lead (its heading names what is asked, a list is asked
for, or the best sentence is the list's own introduction), or the one item the question names; a bare item
answered with its short list. Each writer returns whether it wrote, so the composer falls back to sentences.
"""

from __future__ import annotations

from assistant.answer_roles import (
    DEPENDS,
    LIST_WORDS,
    PURPOSE,
    REASON,
    REMEDY,
    WHY,
    YES_NO,
    Scored,
    bare_item,
    defining,
    heading_of,
    introduces_list,
    mostly_figures,
    named_item,
    nested,
    prose_lead,
)
from assistant.answer_scoring import UnitScorer, asks_remedy
from assistant.answer_sentences import write_bullets
from assistant.draft import Draft
from assistant.models import PartKind
from assistant.passage_units import Unit, asks_definition, comparison_sides, is_framing, is_list, units
from assistant.retrieval import Passage, Retriever
from assistant.text_terms import found_in, terms

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
DEFINITION_SENTENCES = 3  # a definition quotes at most this many sentences of the section it names
ENTITY_UNDER_OPENING = 0.3  # how far below a parent's opening sentence the context entity's item in a subsection may be


class SectionAnswers:
    """Writes a section or a list as the answer when one answers as a whole (built once per loaded build)."""

    def __init__(self, retriever: Retriever, scorer: UnitScorer) -> None:
        self._retriever = retriever
        self._scorer = scorer
        self._topics = retriever.heading_terms()

    def entity_under_opening(self, scored: list[Scored]) -> list[Scored]:
        """The units best first, the context entity's item put first when the best unit only opens the section
        whose subsection lists it: "the career ladder for an AI researcher" is the AI Research Scientist item of
        Career Development > Career Paths, not Career Development's "... offers diverse and exciting career
        paths" with its subsection headings. The opening speaks of the field at large; a role named as context
        asks about that role. Without a role there is no such item, and the opening still answers "how do I
        develop my career in AI?"."""
        best = scored[0]
        if best.entity_item or best.unit.is_item or best.unit.position != 0:
            return scored
        own = self._section_units(best.passage)
        if any(u.is_item for u, _ in own) or not self._retriever.subsections(best.passage):
            return scored  # a section with its own list or no subsections: its opening is more than a door
        below = f"{best.passage.section} > "
        for other in scored[1:]:
            if other.score < best.score - ENTITY_UNDER_OPENING:
                break
            if other.entity_item and other.passage.section.startswith(below):
                return [other, *(s for s in scored if s is not other)]
        return scored

    def list_answer(
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
        if self._scorer.defines_asked(query, kind, best.unit) or kind == "comparison" or comparison_sides(query):
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
        rank = {
            id(p): (p.heading_match, focus.get(p.chunk_id, self._heading_share(p, search_text)), p.score) for p in named
        }
        headed_elsewhere = False
        for passage in sorted(named, key=lambda p: rank[id(p)], reverse=True):
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
            found = self._section_list(passage, search_text, lead="", asked=asked)
            if found is not None:
                return found
        if headed_elsewhere and best.heading_share > 0 and self._of_a_list(best):
            # the list the question's own topic heads answers instead ("examples of regression algorithms": the
            # Regression Models bullets)
            found = self._section_list(self._level_named(best, passages, query), search_text, lead="", asked=asked)
            if found is not None:
                return found
        if best.unit.is_item:
            return None
        return self._section_list(best.passage, search_text, lead=best.unit.text, introduced_by=best.unit, asked=asked)

    def topic_section(
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
        remedy_unsaid = asks_remedy(query, kind) and not any(REMEDY.search(u.text) for u, _ in section)
        if (WHY.match(query) or remedy_unsaid) and not is_list([u for u, _ in section]):
            # "Why ...?" of a prose section: the sentence giving the reason answers, wherever it is ("why does
            # training data have to be labeled for supervised learning" -> "... needs to be labeled carefully ...",
            # not the Supervised Learning section quoted whole); a list's items are the reasons or the steps
            # ("why specialize in one area of AI" -> Specialization). So for a remedy the section never offers
            # ("how do I avoid overfitting?" is not answered by the Overfitting section's definition; "what can
            # be done to reduce bias" is by Eliminating Bias, which says how it is mitigated).
            return False
        in_section = {chunk.chunk_id for _, chunk in section} | {top.chunk_id}
        # What the kind of question adds (a remedy, a reason) is set aside: here it is which section the question is
        # about, and a remedy sentence on both sides ("to mitigate" in Eliminating Bias) would widen the gap.
        section_best = max((s.score - s.bonus for s in scored if s.passage.chunk_id in in_section), default=0.0)
        # Only a close answer elsewhere can say what the named section does not ("problems" in "Skills in analyzing
        # problems ..." far below the Unsupervised Learning section's sentences answers nothing asked).
        close = [
            s
            for s in scored[: TOPIC_RANKS + 3]
            if s.passage.chunk_id not in in_section and s.score >= section_best - TOPIC_SLACK
        ]
        if self._asks_beyond(query, top, section, close):
            return False
        # A bare short item elsewhere ("Detecting and mitigating bias in AI models") names a topic rather than
        # saying something about it: against a section written on the topic it counts for less.
        elsewhere = max(
            (
                s.score - s.bonus - (BARE_ITEM if bare_item(s.unit) else 0.0)
                for s in scored
                if s.passage.chunk_id not in in_section
            ),
            default=0.0,
        )
        # Named whole just below a heading named in part ("future outlook for ML careers": Future Outlook under
        # Career Development, which shares "careers" only): the partly named section's lead sentence gets
        # the embedding's vote, the named section is surer evidence, so it gets more slack.
        # So is a list named whole that a "why" is asked of when its items give the reasons ("why specialize in one
        # area of AI": Specialization, "... to become a sought-after professional"; a list of steps that gives
        # none, Continuous Learning, leaves "why is continuous learning important" to the sentence saying why).
        reasons = WHY.match(query) and any(REASON.search(u.text) or PURPOSE.search(u.text) for u, _ in section)
        named_whole = top.heading_match >= 1 and (top is not passages[0] or reasons)
        slack = TOPIC_SLACK * (2 if named_whole else 1)
        if section_best < elsewhere - slack:
            return False  # the heading is named, but a sentence elsewhere says much more about what is asked
        if is_list([u for u, _ in section]):
            item = named_item(search_text, section, self._retriever.heading_match)
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
        heading = set(terms(heading_of(top)))
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
    ) -> tuple[str, list[tuple[Unit, Passage]]] | None:
        """The passage's section as a list answer: its items, the one item the question names, or, for a
        section that only introduces subsections, the subsection the question names or all their headings."""
        own = self._section_units(passage)
        if is_list([u for u, _ in own]) or (introduced_by is not None and introduces_list(introduced_by, own)):
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
        wanted = set(terms(search_text))
        shares = [self._retriever.heading_match(h, wanted) if found_in(wanted - parent, h) else 0.0 for h in headings]
        top = max(shares)
        # One subsection named clearly, or the only one sharing a word of what is asked, the context entity set
        # aside ("what goes wrong with the data" -> Data Quality and Availability among ten challenge headings;
        # not "AI and ML Specific Skills" for "... to become an ML engineer"); failing that, when the parent's
        # heading names its subsections ("Classification Models vs. Regression Models"), the one the question
        # picks by a word that tells them apart ("types of regression algorithms": Regression Models).
        asked = asked or set()
        sharing = [i for i, h in enumerate(headings) if found_in(asked - parent, h)]
        if not sharing and len(children) > 1:
            apart = (asked & parent) - set.intersection(*headings)
            sharing = [i for i, h in enumerate(headings) if h <= parent and found_in(apart, h)]
        if len(sharing) == 1 and not (top >= CHILD_NAMED and shares.count(top) == 1):
            return self._section_list(children[sharing[0]][0], search_text, lead="")
        if top >= CHILD_NAMED and shares.count(top) == 1:
            return self._section_list(children[shares.index(top)][0], search_text, lead="")
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

    def _items_about(
        self, query: str, section_name: str, section: list[tuple[Unit, Passage]]
    ) -> list[tuple[Unit, Passage]]:
        """The items of a named list that the question narrows it to ("which of those responsibilities involve
        deployment?", "ml engineer responsibilities around documentation?"): the items naming a specific topic
        the question asks beyond the list's heading, when only some do; else the whole section. A topic is what
        the documents name as one: a heading's word, or a word of an item's label in this list ("Documentation
        and Support: ..."); a verb the question happens to use ("involve") is its wording, not a topic."""
        heading = set(terms(section_name)) | LIST_WORDS
        items = [(u, p) for u, p in section if u.is_item]
        labelled = {t for u, _ in items if u.label for t in terms(u.label)}
        narrowing = {
            t
            for t in terms(query)
            if (t in self._topics or t in labelled) and self._retriever.lexical.rare(t) and not found_in({t}, heading)
        }
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
