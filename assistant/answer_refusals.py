"""Whether the best unit found for a documentation question answers it, or the question is refused.

The documents answerer (answer_documents.py) scores the units of the retrieved passages; before it writes the
best one, these checks ask whether that unit answers what is asked: it says nothing the question names; it was
found by a shared word alone (its passage far from the question) unless it defines the asked term, states the
named figure, offers the remedy asked for, or says by itself all the question says, or its passage is the one the
retrieval's rankings agree on and its own sentence is near (ranking_agreement.py); the term asked to be defined
is one the documents never write; the meaning of a named figure is never said. What the documents never say
before any search is never_said.py's; what is asked like the questions they never answer, unanswered_examples.py's.
"""

from __future__ import annotations

import re

import numpy as np

from assistant.answer_examples import SAYS_SOMETHING, AnswerExamples
from assistant.answer_roles import REMEDY, REMEDY_VERB, WHY, Scored, asks_remedy
from assistant.answer_scoring import UnitScorer
from assistant.asked_category import best_unranked, chosen_kinds, compound_of
from assistant.asked_measure import measure_unstated
from assistant.described_term import describes
from assistant.explain_requests import as_definition
from assistant.lexical import Synonyms
from assistant.list_mentions import named_only_in_a_list
from assistant.models import PartKind
from assistant.never_said import WORD_MEANING
from assistant.passage_units import ASKED_CONTEXT, asked_phrase, asks_definition, asks_meaning, defines
from assistant.question_kinds import generic_form
from assistant.ranking_agreement import judged_by_sentence
from assistant.retrieval import Passage, Retriever
from assistant.said_otherwise import said_otherwise
from assistant.sentence_index import SentenceIndex
from assistant.text_terms import found_in, terms
from assistant.vocabulary_words import section, table, word_list

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
# "How old / much / many / big / quickly ...?" asks for an amount: a sentence without one does not answer it.
AMOUNT = re.compile(r"^\s*how\s+(?:much|many|old|big|large|long|tall|far|often|fast|quickly|soon)\b", re.IGNORECASE)
# The best unit's own sentence this close to the question (its plain vector) says what is asked in other words,
# whatever words they share or however far its passage is as a whole: "do i need to be good at talking and
# writing" -> "Communication: Strong written and oral communication skills" (0.61). The value a single sentence
# vouches for its chunk by in the search (answer_documents.SENTENCE_MATCH); on the probe files no unanswerable
# question's best unit reached 0.53 where these checks refuse (findings-refuse7.md).
OWN_SENTENCE = 0.6


class UnitRefusals:
    """The refusal checks of a documentation answer's best unit (built once per loaded build)."""

    def __init__(
        self,
        retriever: Retriever,
        sentences: SentenceIndex,
        scorer: UnitScorer,
        synonyms: Synonyms,
        expansions: dict[str, str],
        min_relevance: float,
        examples: AnswerExamples | None = None,
    ) -> None:
        self._retriever = retriever
        self._examples = examples if examples is not None else AnswerExamples.none()
        self._sentences = sentences
        self.scorer = scorer
        self._synonyms = synonyms
        self._expansions = expansions
        self._min_relevance = min_relevance
        # Words that frame a definition question rather than name its term (read once per build)
        self._definition_frame = DEFINITION_FRAME | synonyms.frame
        # The field every document is about ("for ML", "in AI": vocabulary.toml ai_words), read once per build
        self._field_terms = {t for word in word_list("ai_words") for t in terms(word)}
        # ... and the roles as people write them ("ml eng", "data sci"): what a role does is no undefined term
        self._entity_names = {name for names in table("roles").values() for name in names}
        # "what's the upside for specialists?": an aspect asked ([references] aspect_requests) of what follows it,
        # no word of a term to define ("upside specialists" is written nowhere, "specialists" is)
        aspects = section("references").get("aspect_requests") or []
        self._aspect_terms = frozenset(t for w in aspects for t in terms(str(w)))

    def refused(
        self,
        query: str,
        kind: PartKind,
        best: Scored,
        named: list[str],
        asked: set[str],
        vector: list[float],
        formulas: list[str],
        search_terms: list[str],
        leader: Passage | None = None,
    ) -> bool:
        """The best unit found does not answer: it says nothing the question names, or is found by a shared word
        alone, or the term asked to be defined or the named figure's meaning is never written."""
        said = f"{best.unit.as_sentence()} {best.passage.section}"
        if measure_unstated(query, best.unit, best.passage, self._synonyms, self._retriever.names.counted_written):
            return True  # "how many layers does GPT-3 have?": a sentence on its parameters counts no layers
        if self._unnamed_kind(query, kind, best):
            return True  # "which website should I host my portfolio on?": the portfolio bullets name none
        writes_formula = any(f in best.passage.text.lower() for f in formulas)
        # The words and the passage are not all the evidence: the unit's own sentence, or the nearest question
        # asked before that it answered, may say it is the answer in other words (read only when a check doubts).
        unshared = not found_in(set(search_terms), set(terms(said))) and not writes_formula
        vouched = self._vouched(query, kind, best, vector) if unshared else False
        if unshared and not (vouched or self._agreed(query, kind, best, vector, leader)):
            return True  # nothing the question names is in the answer (nor its formula): it is about something else
        if (
            not unshared
            and best.passage.score < self._min_relevance
            and not (
                writes_formula
                or self.scorer.defines_asked(query, kind, best.unit)
                or any(defines(best.unit.as_sentence(), name) for name in named)
                or self.scorer.states_figure_of(kind, best)
                or self._answers_alone(query, kind, best, asked, vector)
                or self._remedy_for(query, kind, best, asked)
                or self._vouched(query, kind, best, vector)
                or said_otherwise(
                    self._synonyms, query, best.unit.as_sentence(), best.passage.section
                )  # "pilot ... company-wide"
                or (self._agreed(query, kind, best, vector, leader) and not self._listed_only(best, search_terms))
            )
        ):
            return True  # found by a shared word alone ("What is Java?"): a mention is not an answer
        if (
            not named
            and self._undefined_term(query, kind)
            and not self.scorer.defines_asked(query, kind, best.unit)
            and not self._described(query, best)
        ):
            return True
        # "what is a proposal?": how the page counts offers never says what the named figure is
        return kind == "method" and self._meaning_unsaid(query, best)

    def _unnamed_kind(self, query: str, kind: PartKind, best: Scored) -> bool:
        """A kind of thing to choose among is asked ("which podcast should I follow?", asked_category.py) that the
        documents never write in any form nor by another name, and the best unit's own sentence is not near its
        word as a rare word must be to be said in other words (never_said.WORD_MEANING): none of the kind is named."""
        if kind == "figure":
            return False
        if best_unranked(query, best.unit.as_sentence()):
            return True  # "which bootcamp is the best one?": "online courses or bootcamps" ranks none, names none
        names = self._retriever.names
        unwritten = [
            k
            for k in chosen_kinds(query)
            if not names.writes_word(k)
            and not self._synonyms.words_for(k)
            and not compound_of(k, names.writes_word)
            and not set(terms(k)) & self._synonyms.frame  # "which things ...": a word that only frames the question
        ]
        return any(self._own_similarity(best, self._retriever.embed(k)) < WORD_MEANING for k in unwritten)

    def _described(self, query: str, best: Scored) -> bool:
        """The term asked is a description the best unit holds most words of (described_term.py): "that retrieval
        trick for making generated content more accurate" -> the retrieval-augmented generation line."""
        asked = asked_phrase(as_definition(query))
        words = [t for w in asked.split() for t in terms(w) if t not in self._definition_frame]
        return describes(words, best.unit.as_sentence(), NAME_WORDS)

    def _vouched(self, query: str, kind: PartKind, best: Scored, vector: list[float]) -> bool:
        """The best unit answers in other words: its own sentence is OWN_SENTENCE close to the question, or the
        nearest answered example (as asked and masked, answer_examples.NEAREST_VOUCHES alike) was answered by it
        ("are there tools that clean up unfairness in datasets" shares no word the search reads with the sentence on
        algorithms that mitigate inequity, which answered "examples of algorithms that fix unfair bias in training
        data", 0.62 alike). Not when an amount is asked."""
        if kind == "figure" or AMOUNT.match(query):
            # an amount is asked: a sentence naming the thing is near without giving it ("how much does Scala cost?"
            # lies 0.58 from "do employers want Scala?", answered by the languages line); states_figure_of reads those
            return False
        # A bare label ("Knime") lies near any question naming it ("what does knime cost"): it says nothing itself.
        if self._own_similarity(best, vector, SAYS_SOMETHING) >= OWN_SENTENCE:
            return True
        generic = self._retriever.embed(generic_form(query))
        return self._examples.nearest_vouches(best.unit.lines, vector, generic)

    def _agreed(self, query: str, kind: PartKind, best: Scored, vector: list[float], leader: Passage | None) -> bool:
        """The retrieval's rankings agree on the best unit's passage and its own sentence is near the question
        (ranking_agreement.py): "do they want me to understand how the company makes money?" -> Business Acumen.
        Not when an amount is asked (as _vouched)."""
        if kind == "figure" or AMOUNT.match(query):
            return False
        return judged_by_sentence(best.passage, self._own_similarity(best, vector), self._min_relevance, leader)

    @staticmethod
    def _listed_only(best: Scored, search_terms: list[str]) -> bool:
        """The question's words the unit holds stand in it only as items of a list: the rankings agree on it for that
        one rare word ("is Java hard to learn?" -> "Programming proficiency (Python, Java, R)"), which names the
        thing and says nothing of it (list_mentions.py)."""
        sentence = best.unit.as_sentence()
        return named_only_in_a_list(sentence, found_in(set(search_terms), set(terms(sentence))))

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
        query = as_definition(query)  # "can you explain transfer learning", "transfer learning?": what it is
        if kind in ("figure", "comparison") or not asks_definition(query) or asks_remedy(query, kind):
            return False  # "whats the best way to avoid underfitting" asks for a remedy, not what a term means
        # "what's the point of backpropagation" names one term
        # ... and, when its use is asked, its closing field ("what's a meetup good for in AI" names a meetup; "the
        # best way to network in AI" stays a question about networking, not a name)
        field = self.field_context(query) if _USE_ASKED.search(query) else set()
        named = [
            w
            for w in asked_phrase(query).split()
            if terms(w) and not set(terms(w)) & self._definition_frame and not set(terms(w)) <= field
        ]
        if " ".join(named).lower() in self._entity_names or self._retriever.names.names_heading(named):
            # "what do ML eng do all day": a role as people write it (vocabulary.toml), not a term; "what's
            # Explainability and Trust about?", "Technical and Infrastructure Challenges": a heading of the
            # documents, written though its words stand apart (an aspect word of it included)
            return False
        term = [w for w in named if not set(terms(w)) & self._aspect_terms]
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

    def without_neighbours(self, query: str, scored: list[Scored]) -> list[Scored]:
        """The units, less those found only by the specific word of a term the documents never write ("transfer
        learning": OtherNames.unwritten_compounds), which they hold in another term ("style transfer"): its head
        word and every other word the question asks are not in them. A unit saying more of the question stays; one
        holding the head alone may answer ("a bad model release": "... rollbacks for production models")."""
        compounds = [
            (modifier, head)
            for modifier, head in self._retriever.names.unwritten_compounds(query)
            if not {modifier, head} & self._synonyms.frame
        ]
        if not compounds:
            return scored
        asked = set(terms(query)) - self._synonyms.frame

        def neighbour(s: Scored) -> bool:
            said = set(terms(f"{s.unit.as_sentence()} {s.passage.section}"))
            return any(
                found_in({modifier}, said) and not found_in(asked - {modifier}, said) for modifier, _ in compounds
            )

        return [s for s in scored if not neighbour(s)]

    def field_context(self, query: str) -> set[str]:
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
        asked = asked - self._synonyms.frame - self.field_context(query)
        if not asked or found_in(asked, said) != asked:
            return False
        return self._own_similarity(best, vector) >= self._min_relevance

    def _own_similarity(self, best: Scored, vector: list[float], min_words: int = 0) -> float:
        """The unit's own sentences' nearest cosine to the question (their stored vectors; lines of at least
        `min_words` words), 0 with none: how close the unit itself is, whatever its passage as a whole."""
        stored = dict(self._sentences.sentences(best.passage.chunk_id))
        query_vector = np.asarray(vector, dtype=np.float32)
        lines = [line for line in best.unit.lines if line in stored and len(line.split()) >= min_words]
        return max((float(query_vector @ stored[line]) for line in lines), default=0.0)
