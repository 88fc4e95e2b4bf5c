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
gates that refuse what the question asks and the documents never say (before any search) never_said.py's.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from assistant.answer_examples import AnswerExamples
from assistant.answer_lists import ListAnswers
from assistant.answer_roles import GIVES_PURPOSE, PURPOSE_ASKED, REMEDY, REMEDY_VERB, WHY, Scored, defining
from assistant.answer_scoring import UnitScorer, asks_remedy
from assistant.answer_sections import DEFINITION_SENTENCES, SectionAnswers
from assistant.answer_sentences import write_bullets, write_sentences
from assistant.draft import Draft
from assistant.lexical import SEARCH_SYNONYMS_PATH, Synonyms
from assistant.models import PartKind
from assistant.never_said import NeverSaid
from assistant.passage_units import (
    ASKED_CONTEXT,
    NOTATION,
    asked_phrase,
    asks_definition,
    asks_meaning,
    comparison_sides,
    defines,
    focus_words,
    mostly_told,
)
from assistant.question_kinds import generic_form
from assistant.retrieval import Passage, Retriever, SentenceIndex
from assistant.scoring_weights import ScoringWeights
from assistant.text_terms import found_in, terms
from assistant.vocabulary_words import table, word_list

# A single sentence this close to the question vouches for its chunk even when the chunk as a whole ranks
# low ("How many parameters do GPT-3 and BLOOM have?"); lower values let unrelated sentences in ("weather").
SENTENCE_MATCH = 0.6
CANDIDATES = 8  # passages whose units are scored
TOPICS_KEPT = 4096  # question texts whose uncovered topic is remembered (per build)
REMEDY_LISTS = 2  # lists of what to do added for a remedy asked of a list of problems (_written_elsewhere)
NAME_WORDS = 3  # the words of a name asked to be defined ("AI safety researcher"); more make a question
# "What is X good / used for", "what are X for": the use of X asked in a definition's shape.
_USE_ASKED = re.compile(r"\b(?:good|used|useful|handy|helpful|for)\s+for\b|\bfor\s*$|\bgood\s+at\b", re.I)
# "What's the <one word> for/of/in <something>": an aspect of something asked, not a term to define.
_ASPECT_OF = re.compile(
    r"^\s*(?:what(?:'s|s|\s+is|\s+are)|whats)\s+(?:the\s+)?([a-z]+)\s+(?:for|of|in|on|about)\s+", re.I
)
# A word typed with a capital inside the question: a name, matched in a unit only as written ("Weights").
_MID_CAPITALS = re.compile(r"(?<=\w\s)[A-Z][a-z]+\b")
# Words of "how does X work", "what is X like", "the term/word X" that are not the term X, as terms() reads them
# ("explain", "describe", "mean", "exactly" are stopwords: terms() never yields them).
DEFINITION_FRAME = frozenset({"work", "like", "term", "word"})
# "How old / much / many / big ...?" asks for an amount: a sentence without one does not answer it.
AMOUNT = re.compile(r"^\s*how\s+(?:much|many|old|big|large|long|tall|far|often|fast|soon)\b", re.IGNORECASE)


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
            self._synonyms.entity_frame,
            min_relevance,
            weights,
        )
        # Words that frame a definition question rather than name its term (read once per build)
        self._definition_frame = DEFINITION_FRAME | self._synonyms.frame
        # The field every document is about ("for ML", "in AI": vocabulary.toml ai_words), read once per build
        self._field_terms = {t for word in word_list("ai_words") for t in terms(word)}
        # ... and the roles as people write them ("ml eng", "data sci"): what a role does is no undefined term
        self._entity_names = {name for names in table("roles").values() for name in names}
        self._sections = SectionAnswers(retriever, self.scorer)
        self._lists = ListAnswers(retriever, self.scorer)
        # A part's topic is asked twice (what a refusal names, then the answer): read once per question text
        self._topics: dict[str, str | None] = {}

    def answer(
        self, query: str, kind: PartKind, draft: Draft, context: list[str] | None = None, generic: str = ""
    ) -> bool:
        """Write the answer to `query` (a `kind` question; `context` = entities that sharpen the search;
        `generic` = the question with its entities masked, whose vector the planner has already made)."""
        never_said = self._never_said
        query = never_said.read_acronyms(query)
        if never_said.uncounted(query) or never_said.unstated_origin(query):
            return False  # "how many vacation days ...", "who invented X": what is asked of it is never written
        # "is Julia good for ML?": the documents never name what is asked about; "explain tokenization", "civil
        # engineering vs ML": never written. Unless a question this near was answered before (answer_examples.py):
        # then the sentence that answered it must be the best one found, or it is refused. (Not for who made a
        # thing or how many of it: "who came up with RL?" lies near "what is RL?", which the documents answer.)
        if self.uncovered_topic(query):
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
        # The documents' text is RANKED by the vector the query adapter makes of it (query_adapter.py); every gate
        # (a passage's or sentence's cosine against a threshold) reads the plain vector's cosines, which the
        # thresholds were measured on; the answered examples' questions are compared with the plain one too.
        toward = self._retriever.toward_documents(vector)
        by_sentence = self._sentences.best_chunks(vector, n=4, rank_by=toward)
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
        passages = self._retriever.hybrid(
            search_text, vector, by_sentence, k=CANDIDATES, focus=focus_text, named=every, toward=toward
        )
        strong = {c: s for c, s in by_sentence.items() if s >= SENTENCE_MATCH}
        passages = [replace(p, score=max(p.score, round(strong.get(p.chunk_id, 0.0), 4))) for p in passages]
        # A formula the question writes ("P(x,y)") has no words to match: a passage writing it is matched by it.
        formulas = [f.lower() for f in NOTATION.findall(query)]
        relevant = [
            p
            for p in passages
            if p.score >= self._min_relevance or p.lexical or any(f in p.text.lower() for f in formulas)
        ]
        if not relevant:
            return False
        elsewhere, points_back = self._written_elsewhere(query, kind, relevant, f"{query} {context_text}")
        relevant = relevant + elsewhere
        # Units are compared with what is asked, not with the entity given as context (see focus_words).
        # Half the question as asked, half without the entity: neither the entity nor a bare "What does someone
        # do?" alone says what a good answer is near.
        query_vector = np.asarray(toward or vector, dtype=np.float32)
        if entity_named:
            without = self._retriever.embed(generic or " ".join(focus))
            without_entity = np.asarray(self._retriever.toward_documents(without) or without, dtype=np.float32)
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
                    and not self._names_item(asked, s)
                )
            ] or scored
        if not scored:
            return False
        best = scored[0]
        # The sentence that answered questions this near before (answer_examples.py) answers, whatever the gates
        # below doubt ("whats a gan": the documents write "generative adversarial network" only).
        if not self._examples.vouch_for(best.unit.lines, prior) and (
            unsaid or self._refused(query, kind, best, named, asked, vector, formulas, search_terms)
        ):
            return False
        scored = self._sections.entity_under_opening(scored)
        # A remedy or a purpose asked of a list the documents found (elsewhere holds what answers instead): the
        # list itself is what the question points back to, not its answer.
        if not points_back and self._sections.topic_section(kind, query, scored, relevant, search_text, draft):
            return True
        field = frozenset(self._field_context(query))
        listed = (
            None if points_back else self._lists.list_answer(kind, scored, query, search_text, relevant, asked, field)
        )
        if listed is not None:
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

    def _refused(
        self,
        query: str,
        kind: PartKind,
        best: Scored,
        named: list[str],
        asked: set[str],
        vector: list[float],
        formulas: list[str],
        search_terms: list[str],
    ) -> bool:
        """The best unit found does not answer: it says nothing the question names, or is found by a shared word
        alone, or the term asked to be defined or the named figure's meaning is never written."""
        said = f"{best.unit.as_sentence()} {best.passage.section}"
        writes_formula = any(f in best.passage.text.lower() for f in formulas)
        if not found_in(set(search_terms), set(terms(said))) and not writes_formula:
            return True  # nothing the question names is in the answer (nor its formula): it is about something else
        if best.passage.score < self._min_relevance and not (
            writes_formula
            or self.scorer.defines_asked(query, kind, best.unit)
            or any(defines(best.unit.as_sentence(), name) for name in named)
            or self.scorer.states_figure_of(kind, best)
            or self._answers_alone(query, kind, best, asked, vector)
            or self._remedy_for(query, kind, best, asked)
        ):
            return True  # found by a shared word alone ("What is Java?"): a mention is not an answer
        if not named and self._undefined_term(query, kind) and not self.scorer.defines_asked(query, kind, best.unit):
            return True
        # "what is a proposal?": how the page counts offers never says what the named figure is
        return kind == "method" and self._meaning_unsaid(query, best)

    def unmentioned(self, query: str, kind: PartKind | None = None) -> list[str]:
        """What a refusal of `query` names: what it asks that the documents never say (NeverSaid.unmentioned), or
        else the topic of the questions they never answer that it is asked like (uncovered_topic): a statistics
        part is then refused too ("do ML engineers get a signing bonus" is no question for the bonuses line)."""
        names = self._never_said.unmentioned(query, kind)
        if names or kind == "smalltalk":
            return names
        topic = self.uncovered_topic(query)
        return [topic] if topic else []

    def uncovered_topic(self, query: str) -> str | None:
        """The topic of stats/unanswered_examples.yaml that `query` asks (answer_examples.uncovered_topic): its
        nearest unanswered examples clearly nearer than its nearest answered ones, as asked and masked, and no
        sentence or passage of the documents near it. The question's vectors are the planner's (cached)."""
        if query not in self._topics:
            if len(self._topics) >= TOPICS_KEPT:
                self._topics.clear()  # bounded: questions come from users
            self._topics[query] = self._examples.uncovered_topic(*self.topic_evidence(query))
        return self._topics[query]

    def topic_evidence(self, query: str) -> tuple[list[float], list[float], float]:
        """The question's vectors as asked and masked, and the documents' evidence for it (uncovered_topic)."""
        query = self._never_said.read_acronyms(query)  # "what are NNs" asks what neural networks are
        masked = generic_form(query)
        vector, generic = self._retriever.embed(query), self._retriever.embed(masked)
        # The documents' evidence: their nearest sentence, and their nearest passage to the question masked (the
        # role it names would find the role's passage whatever it asks of it)
        passage = self._retriever.search(masked, k=1, vector=generic)
        return vector, generic, max(self._sentences.closest(vector), passage[0].score if passage else 0.0)

    def _meaning_unsaid(self, query: str, best: Scored) -> bool:
        """What a named figure means is asked ("what is a proposal?", "what does 5k+ mean?") and the best unit
        says none of the question's own words: a methodology sentence about something else."""
        if not asks_meaning(query):
            return False
        own = re.sub(r"\s*\([^)]*\)\s*$", "", query)  # the planner's hint for the kind is not the question's
        words = set(terms(own)) - self._definition_frame
        return bool(words) and not found_in(words, set(terms(best.unit.as_sentence())))

    def _undefined_term(self, query: str, kind: PartKind) -> bool:
        """A definition asked of a term the documents never write ("explain transfer learning", "what is federated
        learning?"): the sentences that share its words ("style transfer", "learning") are about something else.
        The term is written when any two of its words stand together in the documents: "whats unsupervised
        learning used for" names "unsupervised learning". A term written as one word ("back prop", see
        Retriever.expand) or as an acronym's expansion is not this either. A one-word term is undefined when the
        documents never write it in any form ("what does vesting mean?")."""
        if kind in ("figure", "comparison") or not asks_definition(query) or asks_remedy(query, kind):
            return False  # "whats the best way to avoid underfitting" asks for a remedy, not what a term means
        # "what's the point of backpropagation" names one term
        # ... and, when its use is asked, its closing field ("what's a meetup good for in AI" names a meetup; "the
        # best way to network in AI" stays a question about networking, not a name)
        field = self._field_context(query) if _USE_ASKED.search(query) else set()
        term = [
            w
            for w in asked_phrase(query).split()
            if terms(w) and not set(terms(w)) & self._definition_frame and not set(terms(w)) <= field
        ]
        if " ".join(term).lower() in self._entity_names:
            return False  # "what do ML eng do all day": a role as people write it (vocabulary.toml), not a term
        aspect = _ASPECT_OF.match(query)
        if aspect and self._retriever.names.heads_a_section(aspect.group(1)):
            return False  # "whats the outlook for AI careers": a section's topic (Future Outlook) of something
        # An acronym stands for a term the documents may write otherwise; one they write is a word of a short
        # name like the others ("edge AI", "AI safety researcher"), while a longer run of words is a question
        # about it, not a name ("best way to network in AI").
        weight = self._retriever.lexical.weight
        acronyms = [w for w in term if w.lower() in self._expansions]
        if len(term) == 1 and not acronyms and not self._synonyms.words_for(term[0]):
            return not self._retriever.names.writes_word(term[0])  # "what is vesting?": a word they never write
        if len(term) < 2 or (acronyms and (len(term) > NAME_WORDS or not all(weight(w.lower()) for w in acronyms))):
            return False
        # "support vector machine" shares two words with the defined "support vector regression (SVR)": written
        # together, but as another method's name.
        return not self._retriever.names.writes_together(term) or bool(self._retriever.names.sibling_of_defined(term))

    def _field_context(self, query: str) -> set[str]:
        """The terms of a closing context that only names the field ("... for ML", "... in AI"): every document
        is about it (vocabulary.toml ai_words)."""
        parts = ASKED_CONTEXT.split(query.strip().rstrip("?.! "))
        context = set(terms(parts[-1])) if len(parts) > 1 else set()
        return context if context and context <= self._field_terms else set()

    def _remedy_for(self, query: str, kind: PartKind, best: Scored, asked: set[str]) -> bool:
        """A remedy is asked ("whats the best way to avoid underfitting") and the best unit offers one for the
        very thing named ("Balancing model complexity to avoid overfitting and underfitting"): every specific
        word of the question is in it or its heading, so it answers however far its passage is as a whole."""
        if not asks_remedy(query, kind) or not REMEDY.search(best.unit.as_sentence()):
            return False
        # What is to be avoided, the remedy verb aside ("avoid" is said by any remedy): every word of it written in
        # the documents ("how can I avoid getting laid off": 'laid' never is), its specific ones in the unit.
        countering = set(terms(" ".join(REMEDY_VERB.findall(query))))
        problem = asked - self._synonyms.frame - countering
        lexical = self._retriever.lexical
        if not problem or not all(lexical.writes(t) for t in problem):
            return False
        specific = {t for t in problem if lexical.rare(t)}
        said = set(terms(f"{best.unit.as_sentence()} {best.passage.section}"))
        return bool(specific) and found_in(specific, said) == specific

    def _answers_alone(self, query: str, kind: PartKind, best: Scored, asked: set[str], vector: list[float]) -> bool:
        """The best unit says all the question says, though its passage as a whole is far from the question: one
        item of a long list ("black box problem?" -> "Addressing the 'black box' problem and improving model
        interpretability"; "do I need calculus?"). Every word of the question (`asked`: its own words, the context
        entity aside; the words that only frame it, "need", "useful", set aside) is in the unit or its heading
        path, and the unit's own sentence vector is as close as a passage must be. A word the unit lacks is what
        it does not say: "who invented Python?" or "is Java hard to learn?" are not answered by a list of
        languages to know; nor is a definition, an amount ("what is Java?") or a reason ("why is monitoring
        important?" asks why of something the question before it named; an item naming it is no reason)."""
        if kind == "figure" or AMOUNT.match(query) or WHY.match(query) or not asked:
            return False
        if asks_definition(query) and (
            not _USE_ASKED.search(query)
            or any(name not in best.unit.as_sentence() for name in _MID_CAPITALS.findall(query))
        ):
            # "what are hackathons good for" asks their use, which an item naming them may say; "what is Weights &
            # Biases used for" a name's, which the unit's "weights and biases" is not
            return False
        said = set(terms(f"{best.unit.as_sentence()} {best.passage.section}"))
        # "do I need calculus?" asks about calculus; "is linear algebra still needed for ML": the field every
        # document is about is no word a unit must say
        asked = asked - self._synonyms.frame - self._field_context(query)
        if not asked or found_in(asked, said) != asked:
            return False
        stored = dict(self._sentences.sentences(best.passage.chunk_id))
        query_vector = np.asarray(vector, dtype=np.float32)
        own = [float(query_vector @ stored[line]) for line in best.unit.lines if line in stored]
        return max(own, default=0.0) >= self._min_relevance
