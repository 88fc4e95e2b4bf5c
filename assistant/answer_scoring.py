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

import numpy as np

from assistant.acronym_spelling import spelled_acronyms
from assistant.acronyms import acronyms
from assistant.answer_roles import (
    ANAPHORA,
    ASKED_OF_SAID,
    EXAMPLE,
    EXAMPLES_ASKED,
    FIGURE,
    GIVES_EXAMPLE,
    GIVES_PURPOSE,
    INDICATES,
    INSTANCES_ASKED,
    PURPOSE_ASKED,
    QUALIFIES,
    RAISERS_ASKED,
    RAISING_TERMS,
    REASON,
    REMEDY,
    TOLD_WHY,
    WHY,
    YES_NO,
    Scored,
    asks_remedy,
    is_lead_in,
    names_instances,
    remedy_words,
    speaks_of,
)
from assistant.claim_asked import NO_CLAIM, claim_of
from assistant.comparison_terms import distinguishing_terms, with_side_synonyms
from assistant.lexical import Synonyms
from assistant.models import PartKind
from assistant.passage_units import (
    Unit,
    asked_names,
    comparison_sides,
    defines,
    instructs,
    is_framing,
    label_terms,
    mentions,
    mostly_told,
    units,
)
from assistant.retrieval import Passage, Retriever
from assistant.scoring_weights import ScoringWeights
from assistant.sentence_index import SentenceIndex
from assistant.text_terms import found_in, terms, weighed_once, words_of

_HAS_NUMBER = re.compile(r"\d")
# Whether something means, tells or shows something ("does a big count mean many open positions?"): general English,
# of any thing the documents describe; a yes or no ("what does X mean?" asks for a definition instead).
MEANING_ASKED = re.compile(
    r"^\s*(?:(?:so|and|but|ok(?:ay)?|well),?\s+)?(?:does|do|did|would|will|can|could)\b.{0,60}?"
    r"\b(?:mean|tell|show|indicate|signal|reflect|represent|imply|say about)\b",
    re.I,
)
# The weights of a unit's score are data (scoring_weights.py: their defaults and what each is for, a weights file
# read with the Settings overriding them). The embedding similarity of the unit's best line counts 1.
_DEFAULT = ScoringWeights()
LEXICAL = _DEFAULT.lexical  # answer_sentences.py weighs what a pronoun item leaves unsaid by it
# The features that are part of a unit's `bonus` (what the kind of question added), the rest of its score besides.
BONUSES = (
    "example_prior",
    "defines",
    "qualifies_said",
    "names_asked_figure",
    "reason_given",
    "instances_given",
    "example_given",
    "remedy_given",
    "both_sides",
    "claim_held",
)


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
        weights: ScoringWeights | None = None,
        synonyms: Synonyms | None = None,
    ) -> None:
        self._retriever = retriever
        self._synonyms = synonyms  # a word said two ways (its search synonyms) counts once (weighed_once)
        self.weights = weights or ScoringWeights()
        self._w = self.weights.as_dict()
        # None, or a list that every score() call appends its units' features to (scripts/fit_scoring.py reads
        # them to fit the weights); never set while serving.
        self.capture: list[tuple[str, list[tuple[tuple[str, ...], float, dict[str, float], float]]]] | None = None
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
        self._topics = retriever.heading_terms() | label_terms(retriever.texts())  # what the documents are about
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
        as_asked: str = "",
    ) -> list[Scored]:
        """Every unit of `passages`, best first. `about_entity` (see about_entity) and `sides` (sides_of) are
        read once per question by the caller, which needs them again when it writes the answer. `as_asked`: the
        message in its own words, before a pointer in it was resolved ("is that high?")."""
        phrases = asked_names(query) if kind in ("explanation", "other") else []
        why = bool(WHY.match(query) or PURPOSE_ASKED.match(query)) and kind != "figure"
        # "is that high?", "does that mean 59 open jobs?" of a figure just given: the sentence that qualifies the
        # figure (what it is not, whom it leaves out) answers, not the one describing how it is made.
        # ... and "does the count of offers tell me how many jobs are open?" asked on its own: whether a thing
        # means something is answered by what it is not, or what it indicates
        of_said = kind != "figure" and (
            ASKED_OF_SAID.match(as_asked) is not None or MEANING_ASKED.match(query) is not None
        )
        remedy = asks_remedy(query, kind)
        # "how is that median worked out?" (not "does the median include ...?": its own words pick the sentence)
        figure_method = kind == "method" and YES_NO.match(query) is None
        instances = kind != "figure" and INSTANCES_ASKED.match(query) is not None
        raisers = RAISERS_ASKED.match(query) if kind != "figure" and not instances else None
        raised_kind = set(terms(raisers.group("noun"))) if raisers else set()  # the kind of thing that raises it
        examples = kind != "figure" and EXAMPLES_ASKED.search(query) is not None
        left, right = sides or (set(), set())
        # A frame word matched in a unit says nothing of what is asked ("what skills do they need?": "individuals
        # need to meet specific requirements" is not about skills); it counts only when it is all there is.
        # A heading holding one still names the section ("which technical skills are required?": Requirements).
        weights = {t: self._retriever.lexical.weight(t) for t in set(focus)}
        groups = [[w & set(weights) for w in g] for g in self._synonyms.groups(query)] if self._synonyms else []
        total = weighed_once(set(weights), weights, groups) or 1.0
        wanted = set(named or focus)  # an item's label may name the context entity ("Robotics Engineer: ...")
        top_fused = max(p.fused for p in passages) or 1.0
        entity = wanted - set(focus)  # the context entity's own words ("Robotics Engineer")
        # ... unless the entity is there: "what does an AI product manager do all day?" asks about the role, and
        # "all"/"day" found in a sentence about something else say nothing.
        frame = self._frame | (self._entity_frame if entity else frozenset())
        topical = set(weights) - frame or (set() if entity else set(weights))
        if raised_kind:
            topical -= RAISING_TERMS  # "which skills push pay up?": "push" is how it asks (answer_roles.py)
        # a yes/no question's claim: the sentence holding it answers; the contrary offered besides is not the claim
        claim = claim_of(query, left | right, topical) if kind != "figure" else NO_CLAIM
        topical -= claim.contrary
        if remedy:
            # the remedy asked for is how the question asks, not what about: "how can we avoid that?" (of the data
            # quality problems) is not answered by "Balancing model complexity to avoid overfitting" for its "avoid"
            topical -= remedy_words(query)
        # Sections (a section may span chunks) listing an item labelled with the entity.
        keyed = {
            p.section
            for p in passages
            if entity and any(u.label and self.names(set(terms(u.label)), entity) for u in units(p.text))
        }
        # ... and the other entities that list is keyed by ("Machine Learning Engineer", "Data Scientist", ...): a
        # sentence elsewhere naming one of them and not the asked entity ("... Machine Learning Engineers focus on
        # the 'how' of machine learning, building and deploying models ...") speaks of that one.
        siblings = [
            set(terms(u.label))
            for p in passages
            if p.section in keyed
            for u in units(p.text)
            if u.label and not self.names(set(terms(u.label)), entity)
        ]
        w = self._w
        captured: list[tuple[tuple[str, ...], float, dict[str, float], float]] | None = None
        if self.capture is not None:
            captured = []
            self.capture.append((query, captured))
        out: list[Scored] = []
        for rank, passage in enumerate(passages):
            stored = dict(self._sentences.sentences(passage.chunk_id))
            heading = found_in(set(weights) - claim.contrary, set(terms(passage.section)))
            heading_share = weighed_once(heading, weights, groups) / total
            passage_units = units(passage.text)
            keyed_by_entity = passage.section in keyed
            for at, unit in enumerate(passage_units):
                text = unit.as_sentence()
                entity_item = False
                lead_in = is_lead_in(unit, passage_units[at + 1 : at + 2])
                # (a lead-in giving the list's purpose answers why it is followed: "To ensure effective and
                # responsible implementation ..., professionals should adhere to the following best practices:")
                purpose = why and TOLD_WHY.search(text) is not None
                if is_framing(unit.text) and not unit.children and not lead_in and not purpose:
                    continue
                lines = unit.lines  # split into sentences on each read: read once here
                vectors = [stored[line] for line in lines if line in stored]
                semantic = max((float(vector @ v) for v in vectors), default=passage.score)
                hits = found_in(topical, self._said(text))
                lexical = weighed_once(hits, weights, groups) / total
                # Words in the heading count almost like words in the unit: an item under 'Technical Skills' is one.
                in_heading = weighed_once(heading - hits, weights, groups) / total
                # The unit's features, each weighed by its weight (penalties as -1): the score is semantic plus
                # their weighted sum, so a weights file moves them all without code change.
                f = {"lexical": lexical, "in_heading": in_heading, "search_rank": passage.fused / top_fused}
                # The sentence answered questions near this one (answer_examples.py), in a passage that counts as
                # covering the question: the weight never leads with a unit the answer would then be refused for
                # ("is Chicago an AI hub": the Chicago salary line, in Location-Based Salary Variations).
                if prior and passage.score >= self._relevance:
                    f["example_prior"] = max((prior.get(line, 0.0) for line in lines), default=0.0)
                if any(defines(text, phrase, self._expansions) for phrase in phrases):
                    f["defines"] = 1.0
                if of_said and (QUALIFIES.search(text) or INDICATES.search(text)):
                    # it limits the figure ("no offers ... would not get into the statistics") or says what it
                    # shows ("not the number of vacancies, but an indicator of the level of demand")
                    f["qualifies_said"] = 1.0
                if figure_method and entity and not unit.label and entity <= self._said(text):
                    f["names_asked_figure"] = 1.0  # the method section's sentence on the figure asked of
                if why and REASON.search(text):
                    f["reason_given"] = 1.0  # "why ...?": a sentence that gives a cause or a purpose answers it
                named_kind = bool(raised_kind) and raised_kind <= self._said(text)
                if (
                    (instances or named_kind)
                    and (lexical > 0 or heading_share > 0)
                    and names_instances(unit, set(weights))
                ):
                    f["instances_given"] = 1.0  # "what tools ...?": the unit naming tools, not one on tools in general
                if examples and not unit.is_item and (lexical > 0 or heading_share > 0) and GIVES_EXAMPLE.search(text):
                    f["example_given"] = 1.0  # "examples of unsupervised learning?": "For instance, ... Amazon ..."
                told = not unit.label and instructs(unit.text)  # "Test for and mitigate ...": what to do
                if why and told and not GIVES_PURPOSE.search(text) and mostly_told(passage.text, GIVES_PURPOSE):
                    # What to do is never why to do it: "why bother testing training data for bias?" is not
                    # answered by "Test for and mitigate social bias in training data" (nor is "why bother with
                    # those?" by the practices again); one that gives its purpose ("... to stay ahead") is.
                    continue
                if remedy and (REMEDY.search(text) or told):
                    # "how do I avoid X?": the way around X answers, not what X is; an instruction is a way
                    # ("how do I prevent those?" after a list of problems: the practices, not the problems again)
                    f["remedy_given"] = 1.0
                elif remedy and heading_share > 0 and unit.is_item:
                    # an item of the list the question names ("how do I prevent those challenges?": a challenge
                    # item) is what is to be prevented, said again
                    f["problem_on_remedy"] = -1.0
                # An item whose own label the question names ("Programming Languages: ...", "Business
                # Acumen: ...") is that thing; a section's opening sentence explains its heading.
                if unit.label:
                    label = set(terms(unit.label))
                    named_by = self._retriever.heading_match(label, set(focus))
                    names_entity = self.names(label, entity)
                    # ... beyond the entity's own name: "Machine Learning Engineer: ... Senior ML Engineer ..."
                    # says "learning" by the name alone, which says nothing of "keep up with continuous learning"
                    beyond_name = found_in(topical - self._said(unit.label), self._said(text)) if names_entity else hits
                    if beyond_name or heading_share > 0 or (names_entity and about_entity):
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
                        named_by = w["names_entity_only"]  # only the entity's name matches: about it, not the question
                    elif keyed_by_entity and not names_entity:
                        # A list keyed by labels, one of them the asked entity (Career Paths: "Robotics Engineer:
                        # ...", "Machine Learning Engineer: ..."): the other labels are other entities, and what
                        # their items say ("model building") is not said of the asked one.
                        named_by = w["names_entity_only"]
                        f["other_entity"] = -1.0
                    elif names_entity and not entity_item:
                        named_by = 0.0  # the asked entity's own item in its keyed list: its label is only its name
                    f["label_named"] = named_by
                elif unit.position == 0 and not unit.is_item:
                    f["opening"] = passage.heading_match
                if siblings and not unit.label and passage.section not in keyed:
                    said = set(terms(text))
                    if any(sibling <= said for sibling in siblings) and not entity <= said:
                        f["other_entity"] = -1.0  # a sentence about another entity of the keyed list
                if claim.held_by(self._said(text), passage.section):
                    f["claim_held"] = 1.0  # "can generative models classify, or ...?": "..., generative models can ..."
                if sides and mentions(speaks_of(unit, passage), left) and mentions(speaks_of(unit, passage), right):
                    f["both_sides"] = 1.0
                if kind != "figure" and FIGURE.search(text) and len(text.split()) < 12:
                    f["bare_figure"] = -1.0  # a bare salary line answers a figure question, the statistics route's
                if len(text.split()) < 4 and not unit.children:
                    f["bare_label"] = -1.0  # a bare label or figure says nothing on its own
                elif unit.is_item and ANAPHORA.match(unit.text):
                    f["leaning_item"] = -1.0  # "It can, for example, ...": an item that leans on what came before
                elif unit.closing and not (why and REASON.search(text)):
                    # (on a "why" question a closing remark giving the list's purpose answers it: "By following
                    # these best practices, ... can ensure ...")
                    f["closing_remark"] = -1.0  # "By following this plan, you can ...": it restates, rarely answers
                elif EXAMPLE.match(unit.text) and not examples:
                    f["example_sentence"] = -1.0  # "For instance, in a GAN ...": it illustrates the answer
                bonus = sum(w[k] * f[k] for k in BONUSES if k in f)
                score = w["semantic"] * semantic + sum(w[k] * v for k, v in f.items())
                if captured is not None:
                    captured.append((tuple(lines), semantic, f, score))
                lent = w["example_prior"] * f.get("example_prior", 0.0)  # what the examples lent (Scored.prior)
                out.append(
                    Scored(score, unit, passage, rank, lexical, heading_share, entity_item, bonus, lead_in, lent)
                )
        out.sort(key=lambda s: s.score, reverse=True)
        return out

    def _said(self, text: str) -> set[str]:
        """The unit's terms, its acronyms also read as what the documents define them to stand for, and what it
        spells out also read as its acronym ("natural language processing" says "NLP")."""
        written = terms(text)
        said = set(written) | spelled_acronyms(written, self._spelled)
        for acronym in said & self._spelled.keys():
            said.update(self._spelled[acronym])
        return said

    def names(self, label: set[str], entity: set[str]) -> bool:
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
            top = words_of(f"{passages[0].section} {passages[0].text}") if passages else frozenset()
            return not found_in(rare, set(top))
        said = set().union(*(words_of(f"{p.section} {p.text}") for p in passages or []))
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
        """Each side's own words, as comparison_terms.distinguishing_terms reads them in these documents, with the
        documents' words for a side said otherwise ("certs" -> certifications: search_synonyms.toml) and without
        the words that only frame the asking ("worth", "matters")."""
        return with_side_synonyms(
            distinguishing_terms(sides, self._expansions, self._corpus, self._corpus_terms),
            sides,
            self._synonyms.words_for if self._synonyms else None,
            self._frame,
            self._retriever.lexical.rare,
        )
