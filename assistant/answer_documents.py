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
The scoring is answer_scoring.py's, the section and list shapes answer_sections.py's and answer_lists.py's
(what both read of a whole section section_reading.py's), what a unit does (lead-in, example, reason, side of a
comparison) answer_roles.py's, writing the chosen units (sentences or bullets) answer_sentences.py's, and the
gates that refuse what the question asks and the documents never say (before any search) never_said.py's, and
the topics the documents never answer uncovered_topics.py's.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from assistant.answer_examples import AnswerExamples
from assistant.answer_lists import ListAnswers
from assistant.answer_refusals import UnitRefusals
from assistant.answer_roles import GIVES_PURPOSE, PURPOSE_ASKED, WHY, Scored, asks_remedy, defining, remedy_words
from assistant.answer_scoring import UnitScorer
from assistant.answer_sections import DEFINITION_SENTENCES, SectionAnswers
from assistant.answer_sentences import write_bullets, write_sentences
from assistant.asked_anew import AskedAnew, NewAsk
from assistant.candidate_search import CANDIDATES, candidates, named_whole, role_free_first, speaks_of_role
from assistant.draft import Draft
from assistant.lexical import SEARCH_SYNONYMS_PATH, Synonyms
from assistant.models import PartKind
from assistant.never_said import NeverSaid
from assistant.passage_units import (
    NOTATION,
    comparison_sides,
    focus_words,
    is_list,
    mostly_told,
    units,
)
from assistant.query_adapter import RANKING_USES
from assistant.question_kinds import generic_form
from assistant.ranking_agreement import agreed_leader
from assistant.retrieval import Passage, Retriever
from assistant.role_duties import RoleDuties
from assistant.said_subjects import units_said
from assistant.scoring_weights import ScoringWeights
from assistant.sentence_index import SentenceIndex
from assistant.text_terms import found_in, terms
from assistant.told_text import as_told, said_in
from assistant.uncovered_topics import UncoveredTopics

REMEDY_LISTS = 2  # lists of what to do added for a remedy asked of a list of problems (_written_elsewhere)


class DocumentAnswerer:
    """Answers a documentation part from the retrieved passages (built once per loaded build)."""

    def __init__(
        self,
        retriever: Retriever,
        sentences: SentenceIndex,
        min_relevance: float,
        synonyms: Synonyms | None = None,
        examples: AnswerExamples | None = None,
        weights: ScoringWeights | None = None,
    ) -> None:
        self._retriever = retriever
        self._examples = examples if examples is not None else AnswerExamples.none()
        self._sentences = sentences
        self._min_relevance = min_relevance
        self._expansions = retriever.names.expansions()
        self._synonyms = synonyms if synonyms is not None else Synonyms.load(SEARCH_SYNONYMS_PATH)
        self._never_said = NeverSaid(retriever, sentences, self._synonyms)
        self.scorer = UnitScorer(
            retriever,
            sentences,
            self._expansions,
            self._synonyms.frame,
            self._synonyms.entity_frame | self._synonyms.aspect_frame,
            min_relevance,
            weights,
            self._synonyms,
        )
        self._anew = AskedAnew(retriever, sentences)
        self._refusals = UnitRefusals(
            retriever, sentences, self.scorer, self._synonyms, self._expansions, min_relevance, self._examples
        )
        self._sections = SectionAnswers(retriever, self.scorer)
        self._lists = ListAnswers(retriever, self.scorer)
        self.topics = UncoveredTopics(retriever, sentences, self._never_said, self._examples)
        frame = self._synonyms.frame | self._synonyms.entity_frame
        self._duties = RoleDuties.load(retriever.texts(), frame, self._expansions)

    def answer(
        self,
        query: str,
        kind: PartKind,
        draft: Draft,
        context: list[str] | None = None,
        generic: str = "",
        told: str = "",
        quoted: str = "",
        anew: NewAsk | None = None,
    ) -> bool:
        """Write the answer to `query` (a `kind` question; `context` = entities that sharpen the search;
        `generic` = the question with its entities masked, whose vector the planner has already made; `told` =
        what the conversation already said of the topic, for "go on": none of it is said again; `quoted` = the answer
        a follow-up asks something new of: a list it gave whole is no answer to that)."""
        never_said = self._never_said
        query = never_said.read_acronyms(query)
        # "what does an ML engineer do?" asks for the role's duties: asked in the documents' words (role_duties.py)
        duties = self._duties.asked(query, context or []) if kind != "figure" else ""
        query, generic = (duties, "") if duties else (query, generic)
        if never_said.uncounted(query) or never_said.unstated_origin(query):
            return False  # "how many vacation days ...", "who invented X": what is asked of it is never written
        # "is Julia good for ML?": the documents never name what is asked about; "explain tokenization", "civil
        # engineering vs ML": never written. Unless a question this near was answered before (answer_examples.py):
        # then the sentence that answered it must be the best one found, or it is refused. (Not for who made a
        # thing or how many of it: "who came up with RL?" lies near "what is RL?", which the documents answer.)
        if self.topics.topic(query):
            return False  # "how stressful is being an ML engineer": asked like questions they never answer
        unsaid = never_said.unwritten(query) or never_said.unsaid(query) or never_said.uncompared(query)
        if unsaid and not self._examples.answered_near(
            query, self._retriever.embed(generic or generic_form(query)), self._retriever.embed
        ):
            return False
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
        use = self._retriever.adapter_use
        # The documents' words for the question's ("duties" -> "responsibilities") join the lexical match.
        asked = set(terms(focus_text))  # the question's own words, the context entity set aside (no synonyms)
        # ... and so do its other names there ("RL" -> reinforcement learning, "back prop" -> backpropagation).
        # All are searched (hybrid adds them); those standing in for a word the documents never write also
        # choose the answer's sentences ("RL"), the others not: the question's own "NLP" already does, and
        # a sentence naming both "NLP" and its expansion is not the better answer for it.
        # Read once per question: hybrid searches them all (`every`), the sentences are chosen by `named`.
        every, named = self._retriever.names.expand_both(query)
        extra = " ".join([self._synonyms.words_for(query), *named, *self._retriever.lexical.variants(query)]).strip()
        search_text, focus_text = f"{search_text} {extra}".strip(), f"{focus_text} {extra}".strip()
        search = (self._retriever, self._sentences)
        passages, toward, by_sentence = candidates(*search, search_text, vector, focus_text, every)
        topical = set(terms(" ".join(focus))) - self._synonyms.frame - self._synonyms.entity_frame
        topical -= self._synonyms.aspect_frame
        if (
            entity_named
            and not compared
            and named_whole(context_text, query, self._expansions)
            and not self.scorer.about_entity(terms(focus_text), terms(search_text), passages)
            and not speaks_of_role(
                passages, context_text, topical, lambda t: self.scorer.names(t, set(terms(context_text)))
            )
        ):
            # a role named as context of another topic: what the question without it finds comes first
            without_role = self._retriever.embed(generic or " ".join(focus))
            found, _, by_sentence = candidates(*search, focus_text, without_role, focus_text, every, vector)
            passages = role_free_first(found, passages)
        # A formula the question writes ("P(x,y)") has no words to match: a passage writing it is matched by it.
        formulas = [f.lower() for f in NOTATION.findall(query)]
        relevant = [
            p
            for p in passages
            if p.score >= self._min_relevance or p.lexical or any(f in p.text.lower() for f in formulas)
        ]
        # when no passage clears the bar, the one the rankings agree on still counts: the refusal checks judge its
        # units by their own sentences (ranking_agreement.py). Not beside relevant ones: it then outscored the unit
        # that answers ("what are research papers good for" got R&D investment, not reading academic papers)
        leader = agreed_leader(passages, by_sentence)
        relevant = relevant or ([leader] if leader is not None else [])
        relevant = self._lists_continued(relevant) + self._anew.area(relevant, anew)  # asked of the last answer
        if not relevant:
            return False
        elsewhere, points_back = self._written_elsewhere(query, kind, relevant, f"{query} {context_text}")
        relevant = relevant + elsewhere
        # Units are compared with what is asked, not with the entity given as context (see focus_words).
        # Half the question as asked, half without the entity: neither the entity nor a bare "What does someone
        # do?" alone says what a good answer is near.
        scored_toward = toward if use in RANKING_USES else None  # the units' semantic term: adapted in these uses only
        query_vector = np.asarray(scored_toward or vector, dtype=np.float32)
        if entity_named:
            without = self._retriever.embed(generic or " ".join(focus))
            adapted = self._retriever.toward_documents(without) if use in RANKING_USES else None
            without_entity = np.asarray(adapted or without, dtype=np.float32)
            query_vector = (query_vector + without_entity) / 2
        focus_terms, search_terms = terms(focus_text), terms(search_text)
        # Read once per question: the scoring and the writing below both need them.
        about_entity = self.scorer.about_entity(focus_terms, search_terms, relevant)
        sides = self.scorer.sides_of(query, kind)
        # The sentences that answered questions near this one before (stats/answer_examples.yaml): one more weight.
        prior = self._examples.weights(vector, self._retriever.embed(generic or generic_form(query)))
        scored = self.scorer.score(
            query,
            kind,
            focus_terms,
            relevant,
            query_vector,
            search_terms,
            about_entity=about_entity,
            sides=sides,
            prior=prior,
            # what "that" is comes from the conversation (a context entity: the figure just given); "privacy law,
            # is that hard" points inside its own message
            as_asked=generic if context_text else "",
        )
        scored = self._anew.first(self._refusals.without_neighbours(query, scored), anew)  # not "style transfer"
        if points_back and asks_remedy(query, kind):
            # the items of the list of problems the question points back to are what is to be prevented: said
            # again, they answer nothing ("how do I prevent those?" after the challenges)
            problems = {p.section for p in relevant if not mostly_told(p.text)}
            family = relevant[0].section.rsplit(" > ", 1)[0] + " > "
            scored = [
                s
                for s in scored
                if not (
                    s.unit.is_item
                    and s.passage.section in problems
                    and s.passage.section.startswith(family)
                    # unless the question names the item itself ("tips for dealing with the black box problem":
                    # "Addressing the 'black box' problem ..."; "how to avoid underfitting": "Balancing model
                    # complexity to avoid overfitting and underfitting")
                    and not self._names_item(asked - remedy_words(query), s)
                )
            ] or scored
        said: list[Scored] = []  # what the conversation already said of the topic, among the units found
        start = draft.mark()
        if told:
            # "go on" after an answer: more is what comes after what was said, never the same sentences again; the
            # passages it was said from go on first, in their reading order (where the answer stopped), then the
            # sections under the one it was said from ("Common Examples of Classification Models"), then what else
            # the documents write of the topic: a sentence holding as much of the question's words as what was said
            # ("Continued growth is expected in the AI job market" is no more of multimodal AI)
            told_text = as_told(told)  # read once: every unit is looked for in it
            said = [s for s in scored if said_in(s.unit.text, told_text)]
            said_ids = {id(s) for s in said}
            went_on = {s.passage.chunk_id for s in said}
            sections = {s.passage.section for s in said}
            share = TOPIC_SHARE * max((s.lexical for s in said), default=1.0)
            fresh = [
                s for s in scored if id(s) not in said_ids and (s.passage.chunk_id in went_on or s.lexical >= share)
            ]
            if not fresh and not said:
                return False
            if said and not any(not s.unit.is_item for s in fresh):
                # all the documents write of it in prose was said: so the reply says, with the sentence that said
                # it, and then where else they only list it ("Google AutoML" among the trending tools)
                if not fresh:
                    return self._all_said(said, draft, sides)
                self._all_said(said, draft, sides, "little")

            def read_on(s: Scored) -> tuple[int, int]:
                if s.passage.chunk_id in went_on:
                    return 0, s.unit.position
                return (1 if any(s.passage.section.startswith(f"{section} > ") for section in sections) else 2), 0

            scored = sorted(fresh, key=read_on)
        if not scored:
            return False
        best = scored[0]
        # The sentence that answered questions this near before (answer_examples.py) answers, whatever the gates
        # below doubt ("whats a gan": the documents write "generative adversarial network" only).
        if not (self._examples.vouch_for(best.unit.lines, prior) or self._anew.vouches(best, anew)) and (
            unsaid or self._refusals.refused(query, kind, best, named, asked, vector, formulas, search_terms, leader)
        ):
            if told and said:
                # more of a topic answered before, and nothing left that answers it: what was said is all
                draft.rollback(start)  # ("little more ... than this:" said before the gates judged what is left)
                return self._all_said(said, draft, sides, "little")
            return False
        scored = self._sections.entity_under_opening(scored)
        # A remedy or a purpose asked of a list the documents found (elsewhere holds what answers instead): the
        # list itself is what the question points back to, not its answer.
        if not points_back and self._sections.topic_section(kind, query, scored, relevant, search_text, draft):
            return True
        field = frozenset(self._refusals.field_context(query))
        listed = (
            None if points_back else self._lists.list_answer(kind, scored, query, search_text, relevant, asked, field)
        )
        if listed is not None and not units_said(listed[1], quoted):  # a list given just before is no new answer
            write_bullets(*listed, draft, set(terms(focus_text)), self._retriever.lexical.rare)
            return True
        # A list's lead-in says nothing without its items: it is never a sentence answer.
        plain = [s for s in scored if not s.lead_in]
        if plain and not points_back and self._lists.item_in_its_list(plain[0], kind, query, draft):
            return True
        if not plain:
            return False
        budget = DEFINITION_SENTENCES if defining(query, kind) else None
        if plain[0].entity_item and about_entity:
            plain = plain[:1]  # "what does a robotics engineer work on": its item; the other roles' are not asked
        write_sentences(plain, draft, self._retriever.lexical.rare, sides, budget, asks_remedy(query, kind))
        return True

    def _lists_continued(self, relevant: list[Passage]) -> list[Passage]:
        """The rest of a found list whose section the chunking split: a list's later items are answers as much as
        its first ("am I expected to generate hypotheses as an ML engineer": item 5 of Core Responsibilities, in
        the section's second chunk, which the question's words alone rank below the first). Each continuation
        comes right after the chunk found, with its search standing (the section was found, not the chunk)."""
        seen = {p.chunk_id for p in relevant}
        out: list[Passage] = []
        for passage in relevant:
            out.append(passage)
            # (a list found near the question, not one holding its words by chance: "how often should we review our
            # systems" finds Core Responsibilities by "often", and its later "... for AI systems" item is no answer)
            if passage.score < self._min_relevance or not is_list(units(passage.text)):
                continue
            for chunk in self._retriever.section_of(passage):
                if chunk.chunk_id not in seen:
                    seen.add(chunk.chunk_id)
                    out.append(replace(chunk, score=passage.score, fused=passage.fused))
        return out

    def _all_said(
        self, said: list[Scored], draft: Draft, sides: tuple[set[str], set[str]] | None, how_much: str = "nothing"
    ) -> bool:
        """'go on' when what the documents write of the topic was said: so the reply says, with the sentence that
        said it (cited again), rather than sentences of other topics or a refusal ("little" more when what is left
        was too far from the question to be said)."""
        draft.say(f"My sources say {how_much} more about it than this:")
        write_sentences(said[:1], draft, self._retriever.lexical.rare, sides, 1, False)
        return True

    def _names_item(self, asked: set[str], item: Scored) -> bool:
        """The question names the item itself, by a specific word its heading does not hold ("black box")."""
        specific = {t for t in asked if self._retriever.lexical.rare(t)} - set(terms(item.passage.section))
        return bool(found_in(specific, set(terms(item.unit.text))))

    def _written_elsewhere(
        self, query: str, kind: PartKind, relevant: list[Passage], search_text: str = ""
    ) -> tuple[list[Passage], bool]:
        """Passages the question's words do not find but its kind asks for, and whether the question asks of a
        list something the list itself does not say. A remedy asked of a list of problems ("how do I prevent
        those?" after the challenges): the lists of what to do nearest to the problems (the documents pair
        challenges with practices), found by the problems' own text. Why a list of what to do is followed ("why
        bother with those?" after the practices): the enclosing section's opening and closing sentences, which
        give its purpose ("To ensure effective and responsible ...")."""
        top = relevant[0]
        seen = {p.chunk_id for p in relevant}
        if asks_remedy(query, kind) and not mostly_told(top.text):
            found = self._retriever.search(f"{top.section} {top.text}", k=2 * CANDIDATES)
            told = [p for p in found if mostly_told(p.text)][:REMEDY_LISTS]
            return [replace(p, score=top.score) for p in told if p.chunk_id not in seen], bool(told)
        if not (WHY.match(query) or PURPOSE_ASKED.match(query)) or kind == "figure":
            return [], False
        # the list found first (or under the section found first), its items giving no purpose of their own (the
        # Specialization steps "... to become a sought-after professional" are why; the practices are not)
        listed = next(
            (
                p
                for p in relevant[: REMEDY_LISTS + 1]
                if (p is top or p.section.startswith(f"{top.section} > ")) and mostly_told(p.text, GIVES_PURPOSE)
            ),
            None,
        )
        if listed is None:
            return [], False
        path = listed.section.split(" > ")
        # ... and named as that list: by the enclosing section's words ("why follow those practices?" of Best
        # Practices) or by all of its own heading ("team collaboration and governance"); "why does data quality
        # matter?" names a topic, whose list of problems says why (Data Quality and Availability), not the practices
        asked = set(terms(search_text or query))  # with its context: "why does that matter?" after the list
        own = set(terms(path[-1]))
        if not (found_in(asked, set(terms(" ".join(path[:-1])))) or (own and found_in(own, asked) == own)):
            return [], False
        enclosing = replace(listed, section=" > ".join(path[:-1])) if len(path) > 1 else listed
        parts = self._retriever.subsections(enclosing)
        around = [*self._retriever.section_of(enclosing), *(parts[-1][-1:] if parts else [])]
        return [replace(p, score=listed.score) for p in around if p.chunk_id not in seen], True


# A sentence holding this share of what the sentences said held of the question's words (IDF-weighted) is about
# the topic "go on" asks more of (0.8: the multimodal AI sentence holds 1.0, the AI job market's 0.08).
TOPIC_SHARE = 0.8
