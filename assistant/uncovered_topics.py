"""What a refused documents part names: what it asks that the documents never say (never_said.py), or else the topic
of the questions they never answer (stats/unanswered_examples.yaml) that it is asked like, when no sentence or
passage of the documents lies near it (answer_examples.uncovered_topic). Read once per question text and build."""

from __future__ import annotations

from functools import lru_cache

from assistant.answer_examples import AnswerExamples
from assistant.models import PartKind
from assistant.never_said import NeverSaid
from assistant.question_kinds import generic_form
from assistant.retrieval import Retriever
from assistant.sentence_index import SentenceIndex

TOPICS_KEPT = 4096  # question texts whose uncovered topic is remembered (per build)
NO_EVIDENCE = -1.0  # the documents' evidence left out: whether the examples' nearness alone would refuse


class UncoveredTopics:
    """The unanswered topic a question is asked like, and what its refusal names (built once per loaded build)."""

    def __init__(
        self, retriever: Retriever, sentences: SentenceIndex, never_said: NeverSaid, examples: AnswerExamples
    ) -> None:
        self._retriever = retriever
        self._sentences = sentences
        self._never_said = never_said
        self._examples = examples
        # A part's topic is asked twice (what a refusal names, then the answer): read once per question text
        self.topic = lru_cache(maxsize=TOPICS_KEPT)(self._topic)

    def unmentioned(self, query: str, kind: PartKind | None = None) -> list[str]:
        """What a refusal of `query` names: what it asks that the documents never say (NeverSaid.unmentioned), or
        else the topic of the questions they never answer that it is asked like (topic): a statistics
        part is then refused too ("do ML engineers get a signing bonus" is no question for the bonuses line)."""
        names = self._never_said.unmentioned(query, kind)
        if names or kind == "smalltalk":
            return names
        topic = self.topic(query)
        if not topic:
            return []
        # A topic far from every example of it is a guess: the part is refused without naming it.
        _, _, vector, generic = self._topic_vectors(query)
        return [topic] if self._examples.names_topic(vector, generic) else []

    def _topic(self, query: str) -> str | None:
        """The topic of stats/unanswered_examples.yaml that `query` asks (answer_examples.uncovered_topic): its
        nearest unanswered examples clearly nearer than its nearest answered ones, as asked and masked, and no
        sentence or passage of the documents near it. The question's vectors are the planner's (cached)."""
        _, masked, vector, generic = self._topic_vectors(query)
        # The examples' nearness alone first (dot products): the documents' evidence costs a vector search, made
        # only for a question the examples would refuse (most lie nearer the answered ones than any topic).
        if self._examples.uncovered_topic(vector, generic, NO_EVIDENCE) is None:
            return None
        return self._examples.uncovered_topic(vector, generic, self._evidence(masked, vector, generic))

    def evidence(self, query: str) -> tuple[list[float], list[float], float]:
        """The question's vectors as asked and masked, and the documents' evidence for it (topic)."""
        _, masked, vector, generic = self._topic_vectors(query)
        return vector, generic, self._evidence(masked, vector, generic)

    def _topic_vectors(self, query: str) -> tuple[str, str, list[float], list[float]]:
        """The question (acronyms read) and its masked form, each with its vector."""
        query = self._never_said.read_acronyms(query)  # "what are NNs" asks what neural networks are
        masked = generic_form(query)
        return query, masked, self._retriever.embed(query), self._retriever.embed(masked)

    def _evidence(self, masked: str, vector: list[float], generic: list[float]) -> float:
        """The documents' evidence: their nearest sentence to the question as asked, and their nearest passage to
        the question masked (the role it names would find the role's passage whatever it asks of it)."""
        passage = self._retriever.search(masked, k=1, vector=generic)
        return max(self._sentences.closest(vector), passage[0].score if passage else 0.0)
