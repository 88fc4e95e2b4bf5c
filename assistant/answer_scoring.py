"""Unit scoring for documentation answers: every sentence and list item of the candidate passages gets one
score for how well it answers the question part.

The score is the unit's embedding similarity to the question, the question's specific (IDF-weighted) words in
the unit and in its heading, the passage's fused search rank, and what the kind of question wants (the
definition of the asked term, a reason for "why", both sides of a comparison); framing sentences are never
candidates. Which shape the answer then takes is answer_sections.py's and answer_lists.py's; answer_documents.py
ties them together.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from assistant.acronyms import acronyms, expansion_of
from assistant.answer_roles import (
    ANAPHORA,
    EXAMPLE,
    EXAMPLES_ASKED,
    FIGURE,
    GIVES_EXAMPLE,
    INSTANCES_ASKED,
    REASON,
    REMEDY,
    REMEDY_ASKED,
    WHY,
    Scored,
    is_lead_in,
    names_instances,
    speaks_of,
)
from assistant.models import PartKind
from assistant.passage_units import (
    NOTATION,
    Unit,
    asked_names,
    comparison_sides,
    defines,
    is_framing,
    mentions,
    side_terms,
    units,
)
from assistant.retrieval import Passage, Retriever, SentenceIndex
from assistant.text_terms import found_in, terms

_HAS_NUMBER = re.compile(r"\d")
# The weights of a unit's score, set by hand and checked by taking each out (2026-11-23, dev split 239/247 and
# the 262 probe questions 219/262 at the time): what each costs when removed is noted. The embedding similarity
# of the unit's best line counts 1.
LEXICAL = 0.5  # the question's (IDF-weighted) words in the unit
IN_HEADING = 0.3  # ... those only its heading path holds (an item under 'Technical Skills' is one)
SEARCH_RANK = 0.1  # the passage's fused search rank, as a share of the best (removed: dev -1, probes -7)
OPENING = 0.1  # a section's opening sentence, by how much the question names its heading (removed: dev -2)
LABEL_NAMED = 0.2  # an item whose label the question names, by how much; negative for another entity's item
NAMES_ENTITY_ONLY = -0.75  # ... the label names the context entity only, or another entity of a list keyed by it
# what a unit about another entity of a list keyed by the asked one counts less: that entity's own item (besides
# its mark-down: removed, y15 lost) or a sentence naming it and not the asked one (removed: 'what do robotics
# engineers build?' refused, led by the ML engineers' 'building and deploying' sentence of a low-ranked passage)
OTHER_ENTITY = 0.3
DEFINES = 0.3  # the sentence defines the asked phrase
# what a unit gains, at most, for having answered questions near this one (the weight falls to 0 at
# answer_examples.NEAR). Two-fold cross-validation over the team's question files (each half's questions answered
# with the other half's examples; never the eval), against none: 0.3 and 0.6 +6 of 1,467, none lost; 1.0 +8 -2.
EXAMPLE_PRIOR = 0.6
BOTH_SIDES = 0.25  # a comparison's sentence speaking of both sides
REASON_GIVEN = 0.1  # what a causal sentence gains on a "why" question (removed: probes -2)
REMEDY_GIVEN = 0.2  # what a sentence offering a remedy gains on a "how do I avoid X" question
INSTANCES_GIVEN = 0.2  # a unit naming things ("TensorFlow, PyTorch") on a "what tools / which companies" question
EXAMPLE_SENTENCE = 0.1  # what a sentence opening "For instance, ..." counts less (removed: dev -1)
EXAMPLE_GIVEN = 0.2  # ... and what a sentence giving examples gains when examples are asked ("examples of X?")
BARE_FIGURE = 0.3  # a short salary line, off a figure question (the statistics route owns figures)
BARE_LABEL = 0.2  # a unit under four words (no change in counts when removed; fewer supports in answers)
LEANING_ITEM = 0.15  # a list item opening with a pronoun (as BARE_LABEL)
# a section's closing remark glued onto its last item ("By following this plan, ..."): it mostly sums the section
# up (removed: dev -1, all probes -3, the remark leading "why does continuous learning matter", "how to move
# into leadership")
CLOSING_REMARK = 0.25


class UnitScorer:
    """Scores the units of retrieved passages against a question part (built once per loaded build)."""

    def __init__(
        self,
        retriever: Retriever,
        sentences: SentenceIndex,
        expansions: dict[str, str],
        frame: frozenset[str] = frozenset(),
        entity_frame: frozenset[str] = frozenset(),
        relevance: float = 0.0,
    ) -> None:
        self._retriever = retriever
        self._relevance = relevance  # Settings.min_relevance: a passage below it does not cover the question
        # Words that say how a question asks, not what about ("need", "useful"; search_synonyms.toml [frame]).
        self._frame = frame
        # ... and those that do so beside a context entity ("the main job of an AI product manager": the role).
        self._entity_frame = entity_frame
        self._sentences = sentences
        self._expansions = expansions
        # Lower-cased corpus, read once per build: whether "supervised learning" is a phrase the documents use.
        self._corpus = " ".join(retriever.texts()).lower()
        # ... and as terms, chunk by chunk: whether a side's words stand in a row there ("linear regression").
        self._corpus_terms = " " + " | ".join(" ".join(terms(text)) for text in retriever.texts()) + " "
        self._topics = retriever.heading_terms()
        # What the documents' own acronyms stand for, as terms ("ml" -> machin, learn), read once per build: a unit
        # writing "ML" says "machine learning" ("not all AI is ML" for "are all AI systems machine learning?").
        self._spelled = {a: tuple(terms(e)) for a, e in acronyms(retriever.texts()).items() if " " in e}

    def score(
        self,
        query: str,
        kind: PartKind,
        focus: list[str],
        passages: list[Passage],
        vector: np.ndarray,
        named: list[str] | None,
        *,
        about_entity: bool,
        sides: tuple[set[str], set[str]] | None,
        prior: dict[str, float] | None = None,
    ) -> list[Scored]:
        """Every unit of `passages`, best first. `about_entity` (see about_entity) and `sides` (sides_of) are
        read once per question by the caller, which needs them again when it writes the answer."""
        phrases = asked_names(query) if kind in ("explanation", "other") else []
        why = bool(WHY.match(query)) and kind != "figure"
        remedy = asks_remedy(query, kind)
        instances = kind != "figure" and INSTANCES_ASKED.match(query) is not None
        examples = kind != "figure" and EXAMPLES_ASKED.search(query) is not None
        left, right = sides or (set(), set())
        # A frame word matched in a unit says nothing of what is asked ("what skills do they need?": "individuals
        # need to meet specific requirements" is not about skills); it counts only when it is all there is.
        # A heading holding one still names the section ("which technical skills are required?": Requirements).
        weights = {t: self._retriever.lexical.weight(t) for t in set(focus)}
        total = sum(weights.values()) or 1.0
        wanted = set(named or focus)  # an item's label may name the context entity ("Robotics Engineer: ...")
        top_fused = max(p.fused for p in passages) or 1.0
        entity = wanted - set(focus)  # the context entity's own words ("Robotics Engineer")
        # ... unless the entity is there: "what does an AI product manager do all day?" asks about the role, and
        # "all"/"day" found in a sentence about something else say nothing.
        frame = self._frame | (self._entity_frame if entity else frozenset())
        topical = set(weights) - frame or (set() if entity else set(weights))
        # Sections (a section may span chunks) listing an item labelled with the entity.
        keyed = {
            p.section
            for p in passages
            if entity and any(u.label and self._names(set(terms(u.label)), entity) for u in units(p.text))
        }
        # ... and the other entities that list is keyed by ("Machine Learning Engineer", "Data Scientist", ...): a
        # sentence elsewhere naming one of them and not the asked entity ("... Machine Learning Engineers focus on
        # the 'how' of machine learning, building and deploying models ...") speaks of that one.
        siblings = [
            set(terms(u.label))
            for p in passages
            if p.section in keyed
            for u in units(p.text)
            if u.label and not self._names(set(terms(u.label)), entity)
        ]
        out: list[Scored] = []
        for rank, passage in enumerate(passages):
            stored = dict(self._sentences.sentences(passage.chunk_id))
            heading = found_in(set(weights), set(terms(passage.section)))
            heading_share = sum(weights[t] for t in heading) / total
            passage_units = units(passage.text)
            keyed_by_entity = passage.section in keyed
            for at, unit in enumerate(passage_units):
                text = unit.as_sentence()
                entity_item = False
                lead_in = is_lead_in(unit, passage_units[at + 1 : at + 2])
                if is_framing(unit.text) and not unit.children and not lead_in:
                    continue
                lines = unit.lines  # split into sentences on each read: read once here
                vectors = [stored[line] for line in lines if line in stored]
                semantic = max((float(vector @ v) for v in vectors), default=passage.score)
                hits = found_in(topical, self._said(text))
                lexical = sum(weights[t] for t in hits) / total
                # Words in the heading count almost like words in the unit: an item under 'Technical Skills' is one.
                in_heading = sum(weights[t] for t in heading - hits) / total
                score = semantic + LEXICAL * lexical + IN_HEADING * in_heading + SEARCH_RANK * passage.fused / top_fused
                bonus = 0.0
                # The sentence answered questions near this one (answer_examples.py), in a passage that counts as
                # covering the question: the weight never leads with a unit the answer would then be refused for
                # ("is Chicago an AI hub": the Chicago salary line, in Location-Based Salary Variations).
                lent = 0.0
                if prior and passage.score >= self._relevance:
                    lent = EXAMPLE_PRIOR * max((prior.get(line, 0.0) for line in lines), default=0.0)
                    bonus += lent
                if any(defines(text, phrase, self._expansions) for phrase in phrases):
                    bonus += DEFINES
                if why and REASON.search(text):
                    bonus += REASON_GIVEN  # "why ...?": a sentence that gives a cause or a purpose answers it
                if instances and (lexical > 0 or heading_share > 0) and names_instances(unit, set(weights)):
                    bonus += INSTANCES_GIVEN  # "what tools ...?": the unit naming tools, not one on tools in general
                if examples and not unit.is_item and (lexical > 0 or heading_share > 0) and GIVES_EXAMPLE.search(text):
                    bonus += EXAMPLE_GIVEN  # "examples of unsupervised learning?": "For instance, ... Amazon ..."
                if remedy and REMEDY.search(text):
                    bonus += REMEDY_GIVEN  # "how do I avoid X?": the way around X answers, not what X is
                # An item whose own label the question names ("Programming Languages: ...", "Business
                # Acumen: ...") is that thing; a section's opening sentence explains its heading.
                if unit.label:
                    label = set(terms(unit.label))
                    named_by = self._retriever.heading_match(label, set(focus))
                    names_entity = self._names(label, entity)
                    if lexical > 0 or heading_share > 0 or (names_entity and about_entity):
                        # the context entity counts when the item also says what is asked, itself or by its
                        # heading ("career progression for robotics engineers": the Robotics Engineer item under
                        # Career Paths), or when nothing else is asked ("what does a robotics engineer work on":
                        # only the role is a topic)
                        entity_item = names_entity
                        named_by = max(named_by, self._retriever.heading_match(label, wanted))
                    # In a list keyed by entities (Career Paths) the asked entity's own item is not marked down with
                    # the others: among them it is the one about what is asked ("which ML engineer duties involve
                    # collaboration" no longer loses to its siblings' items by the mark-down alone).
                    if names_entity and not entity_item and not keyed_by_entity:
                        named_by = (
                            NAMES_ENTITY_ONLY  # only the entity's name matches: the item is about it, not the question
                        )
                    elif keyed_by_entity and not names_entity:
                        # A list keyed by labels, one of them the asked entity (Career Paths: "Robotics Engineer:
                        # ...", "Machine Learning Engineer: ..."): the other labels are other entities, and what
                        # their items say ("model building") is not said of the asked one.
                        named_by = NAMES_ENTITY_ONLY
                        score -= OTHER_ENTITY
                    score += LABEL_NAMED * named_by
                elif unit.position == 0 and not unit.is_item:
                    score += OPENING * passage.heading_match
                if siblings and not unit.label and passage.section not in keyed:
                    said = set(terms(text))
                    if any(sibling <= said for sibling in siblings) and not entity <= said:
                        score -= OTHER_ENTITY  # a sentence about another entity of the keyed list
                if sides and mentions(speaks_of(unit, passage), left) and mentions(speaks_of(unit, passage), right):
                    bonus += BOTH_SIDES
                score += bonus
                if kind != "figure" and FIGURE.search(text) and len(text.split()) < 12:
                    score -= (
                        BARE_FIGURE  # a bare salary line answers a figure question, which the statistics route owns
                    )
                if len(text.split()) < 4 and not unit.children:
                    score -= BARE_LABEL  # a bare label or figure says nothing on its own
                elif unit.is_item and ANAPHORA.match(unit.text):
                    score -= LEANING_ITEM  # "It can, for example, ...": an item that leans on what came before
                elif unit.closing:
                    score -= CLOSING_REMARK  # "By following this plan, you can ...": it restates, it rarely answers
                elif EXAMPLE.match(unit.text) and not examples:
                    score -= EXAMPLE_SENTENCE  # "For instance, in a GAN ...": it illustrates the answer, it is not it
                out.append(
                    Scored(score, unit, passage, rank, lexical, heading_share, entity_item, bonus, lead_in, lent)
                )
        out.sort(key=lambda s: s.score, reverse=True)
        return out

    def _said(self, text: str) -> set[str]:
        """The unit's terms, its acronyms also read as what the documents define them to stand for."""
        said = set(terms(text))
        for acronym in said & self._spelled.keys():
            said.update(self._spelled[acronym])
        return said

    def _names(self, label: set[str], entity: set[str]) -> bool:
        """The label names the entity when each holds most of the other: "Machine Learning Engineer" shares only
        "engineer" with "Robotics Engineer" (its common words weigh little, so one direction alone would call it
        the robotics item)."""
        match = self._retriever.heading_match
        return bool(entity) and min(match(label, entity), match(entity, label)) >= 0.5

    def about_entity(self, focus: list[str], named: list[str] | None, passages: list[Passage] | None = None) -> bool:
        """The words left once the context entity is set aside name no topic the documents have a heading for
        ("work on", "do all day"), or none the retrieved passages say at all ("the top of the ladder for a data
        scientist": "top" heads Top-Paying Companies, which is not among them): the question asks about the
        entity itself."""
        if not named or set(named) == set(focus):
            return False
        focus = [t for t in focus if t not in self._entity_frame]  # "what's their main job": the role itself
        if not any(t in self._topics for t in focus):
            # ... unless a specific word of it is said by the search's top passage, the search and the words
            # agreeing on what is asked ("the steps of the ML lifecycle an ML engineer handles": Core
            # Responsibilities, "... that encompass the entire machine learning lifecycle")
            rare = {t for t in focus if self._retriever.lexical.rare(t)}
            top = _words_of(f"{passages[0].section} {passages[0].text}") if passages else frozenset()
            return not found_in(rare, set(top))
        said = set().union(*(_words_of(f"{p.section} {p.text}") for p in passages or []))
        return passages is not None and not found_in(set(focus), said)

    @staticmethod
    def states_figure_of(kind: PartKind, best: Scored) -> bool:
        """A figure asked of a thing the documents name ("how big is GPT-3?"): the sentence holding every
        specific word of the question and a number states it, however far its passage is from the question
        as a whole (a passing mention of "Java" in a list answers no "what is"; a figure about GPT-3 does)."""
        return kind == "figure" and best.passage.lexical and _HAS_NUMBER.search(best.unit.as_sentence()) is not None

    def defines_asked(self, query: str, kind: PartKind, unit: Unit) -> bool:
        """The unit defines what the question asks about: the asked phrase, or one of the question's specific
        (rare) words ("What does MLOps stand for?" -> "MLOps (Machine Learning Operations)")."""
        if kind == "list":
            return False
        sentence = unit.as_sentence()
        specific = [
            w for w in re.findall(r"[\w+#./-]+", query) if any(self._retriever.lexical.rare(t) for t in terms(w))
        ]
        return any(defines(sentence, name, self._expansions) for name in [*asked_names(query), *specific])

    def sides_of(self, query: str, kind: PartKind) -> tuple[set[str], set[str]] | None:
        sides = comparison_sides(query) if kind != "figure" else None
        return self.side_terms(sides) if sides else None

    def side_terms(self, sides: tuple[str, str]) -> tuple[set[str], set[str]]:
        """Each side's own words, with a head noun written once for both sides set aside: in "supervised vs
        unsupervised learning" and "generative and discriminative models" the last word belongs to both sides
        (the documents write "supervised learning", "generative models"), so it tells neither apart. "ones"
        stands for the other side's head noun ("discriminative models vs generative ones"), so it is that noun;
        a word both sides hold tells neither apart either."""
        sides = _pro_form_resolved(sides)
        left, right = side_terms(sides, self._expansions)
        if left - right and right - left:
            left, right = left - right, right - left
        elliptical = False
        for one, other in (sides, sides[::-1]):
            one_words, other_words = one.lower().split(), other.lower().split()
            if len(one_words) != 1 or len(other_words) < 2:
                continue
            head = other_words[-1].strip("?.,!")
            if terms(head) and re.search(rf"\b{re.escape(one_words[0])}\s+{re.escape(head)}\b", self._corpus):
                shared = set(terms(head))
                left, right = (left - shared) or left, (right - shared) or right
                elliptical = True
        # "Is Scala or C++ useful for an AI job?": after a one-word first side, the second side is its first word;
        # the rest is what is asked about both ("useful for an AI job"), not a side.
        first, second = sides[0].split(), sides[1].split()
        if len(first) == 1 and len(second) > 2 and set(terms(second[0])):
            right = set(terms(second[0])) - left or right
        # A side that is a name the documents write ("linear regression" vs "logistic regression", "forward
        # propagation" vs "backpropagation", "rules engines" vs "ML models") is spoken of where that name is, not
        # wherever one of its words is ("Linear Discriminant Analysis", "the forward pass"); a formula ("P(x,y)")
        # is its own side, whatever words stand around it. Not when one side stands for a head noun of the
        # other ("supervised vs unsupervised learning": "supervised" is "supervised learning").
        named = [self._written_name(side) for side in sides]
        left, right = (
            {t.lower() for t in NOTATION.findall(sides[0])} or (set() if elliptical else named[0]) or left,
            {t.lower() for t in NOTATION.findall(sides[1])} or (set() if elliptical else named[1]) or right,
        )
        return left, right

    def _written_name(self, side: str) -> set[str]:
        """The side's words as the documents write them in a row, an acronym also read as its expansion
        ("ML models" -> 'ml model', 'machin learn model'); empty when the side is one word or not written."""
        words = [w for w in side.split() if terms(w)]
        readings: list[list[str]] = [[]]
        for word in words:
            forms = [terms(word)]
            expansion = expansion_of(word.strip("?.,!"), self._expansions)
            if expansion:
                forms.append(terms(expansion))
            readings = [r + f for r in readings for f in forms][:8]
        names = {" ".join(r) for r in readings if len(r) >= 2}
        return {n for n in names if f" {n} " in self._corpus_terms}


def asks_remedy(query: str, kind: PartKind) -> bool:
    """'How do I avoid overfitting?', 'ways to get around too little data': a remedy is asked for."""
    return kind != "figure" and REMEDY_ASKED.match(query) is not None


@lru_cache(maxsize=1024)
def _words_of(text: str) -> frozenset[str]:
    """A passage's terms, once per passage text (the same chunks come back question after question)."""
    return frozenset(terms(text))


_PRO_FORM = re.compile(r"\s+ones?$", re.IGNORECASE)


def _pro_form_resolved(sides: tuple[str, str]) -> tuple[str, str]:
    """'discriminative models' vs 'generative ones' -> 'generative models': "one(s)" after a modifier stands
    for the head noun of the other side (general English)."""
    first, second = sides
    for a, b, swap in ((first, second, False), (second, first, True)):
        words = b.split()
        if _PRO_FORM.search(a) and len(words) >= 2:
            resolved = _PRO_FORM.sub(f" {words[-1]}", a)
            return (b, resolved) if swap else (resolved, b)
    return sides
