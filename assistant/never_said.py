"""What a question asks that the documents never say: the gates by which a documentation answer refuses.

Each gate reads the question's words against what the documents write (OtherNames' gates, assistant/unwritten.py)
and, for a rare word, against what their sentences mean (its vector to theirs): a name never written ("Julia"),
a rare thing asked to be explained whose meaning no sentence is near ("tokenization"), what "how many" counts
("vacation days"), the origin of a thing no sentence states ("who created TensorFlow"). DocumentAnswerer
(assistant/answer_documents.py) refuses a part on them, and `unmentioned` is what a refusal names.
"""

from __future__ import annotations

import re

import numpy as np

from assistant.explain_requests import as_definition
from assistant.lexical import Synonyms
from assistant.models import PartKind
from assistant.part_context import PREPOSITIONS
from assistant.passage_units import ASKED_CONTEXT, asks_definition
from assistant.phrase_match import has_any
from assistant.query_adapter import RANKING_USES
from assistant.retrieval import Retriever
from assistant.sentence_index import SentenceIndex
from assistant.understanding import SALARY_WORDS
from assistant.unwritten import counted_things

# A rare word the documents never write, alone, this close to one of their sentences names what they say in other
# words ("postgraduate" 0.49, "biotech" 0.50 to "Life sciences", "fintech" 0.43); further, it is something else
# ("sabbaticals" 0.22, "burnout" 0.28, "tokenization" 0.36, "ethicist" 0.37).
WORD_MEANING = 0.42
PAY_MEANING = 0.45  # a rare word this close to a salary word asks for the figures ("remuneration", "paycheck")
GUESS_SENTENCES = 3  # a guessed acronym's sentence must be among the question's nearest this many


class NeverSaid:
    """The refusal gates of the documentation answers (built once per loaded build, with the answerer)."""

    def __init__(self, retriever: Retriever, sentences: SentenceIndex, synonyms: Synonyms) -> None:
        self._retriever = retriever
        self._sentences = sentences
        self._synonyms = synonyms

    def unmentioned(self, query: str, kind: PartKind | None = None) -> list[str]:
        """The names `query` asks about that the documents never write ("Julia", "Kubernetes"), as typed: what a
        refusal names ("The sources I have don't say anything about Julia."). Unless the part asks for a figure,
        what it asks about that the documents never say either (unsaid, uncounted): "what is imposter syndrome
        for a junior data scientist?" is not answered by the junior's salary, nor "how many vacation days do data
        scientists get?" by theirs. A figure question whose rare word means pay keeps its figures ("the typical
        remuneration for an ML engineer")."""
        rare = [w for w in self.unsaid(query) if kind != "figure" or not self.means_pay(w)] if kind else []
        rare += self.uncounted(query) if kind else []
        rare += self.unstated(query)  # "who created TensorFlow", "... harder than civil engineering"
        if kind == "figure":  # "how much does Amazon pay ...": written, never with a figure
            rare += self._retriever.names.unpaid_names(query)
        rare = list(dict.fromkeys(rare))  # "do AI researchers get sabbaticals": rare and given
        if not self._retriever.names.unwritten_names(query):
            return rare  # nearly always: reading the acronyms (a sentence search for a guess) is then not needed
        return list(dict.fromkeys(self.unwritten(self.read_acronyms(query)) + rare))

    def unwritten(self, query: str) -> list[str]:
        # A name with another name in search_synonyms.toml is written after all ("PhD": "Ph.D.").
        return [name for name in self._retriever.names.unwritten_names(query) if not self._synonyms.words_for(name)]

    def unstated(self, query: str) -> list[str]:
        """The origin of a thing no sentence states ("who created TensorFlow"), or a thing compared whose name the
        documents never write ("civil engineering"), unless the question's synonyms name it: OtherNames' gates."""
        origin = self.unstated_origin(query)
        return [origin] if origin else self.uncompared(query)

    def unstated_origin(self, query: str) -> str | None:
        """Who made a thing or when it began, asked where no sentence states it ("who created TensorFlow")."""
        return self._retriever.names.unstated_origin(query)

    def uncompared(self, query: str) -> list[str]:
        """A thing compared whose name the documents never write ("... harder than civil engineering"); the side's
        first word is what is unwritten ("pharmacist pay": "pay" has other names, "pharmacist" none)."""
        sides = self._retriever.names.unwritten_sides(query)
        return [side for side in sides if not self._synonyms.words_for(side.split()[0])]

    def unsaid(self, query: str) -> list[str]:
        """The question's rare words that the documents never write (OtherNames.unwritten_specifics) and whose
        meaning no sentence of theirs is near: the word's own vector (embedded only for such a word, cached) is
        further than WORD_MEANING from every sentence and list item. "postgraduate" lies near "Advanced degrees
        (Master's or Ph.D.)" and "biotech" near the life-sciences item, so they are asked in other words;
        "sabbaticals", "burnout", "tokenization" lie near nothing the documents say.

        Only when the question asks what the thing is or does ("explain tokenization in NLP", "how do word
        embeddings work", "what does an AI ethicist do"): elsewhere a rare word is as often the asker's casual
        English for what the documents say ("which cities are AI hotbeds", "ethical quandaries", "explaining
        models to execs": 5 of 30 casual questions were refused) as it is an unwritten topic ("is burnout common
        among data scientists"), and no frequency or vector measured tells them apart (findings-silence.md)."""
        query = as_definition(query)  # "can you explain tokenization", "tokenization in NLP?": what it is
        if not asks_definition(query):
            return []
        out = []
        asked = ASKED_CONTEXT.split(query, maxsplit=1)[0]  # "the knack for explaining models to laypeople": the knack
        for word in self._retriever.names.unwritten_specifics(asked):
            if self._synonyms.words_for(word):
                continue
            if self._sentences.closest(self._retriever.embed(word)) < WORD_MEANING:
                out.append(word)
        return out

    def uncounted(self, query: str) -> list[str]:
        """What "how much / how many" counts, or a job is asked to give ("do ML engineers get health insurance"),
        when the documents never write it (OtherNames.unwritten_counted) and the question does not ask for pay
        ("how many vacation days", "how much parental leave"; not "how much dough do ML engineers make", nor a
        rare other word for pay: "how much remuneration")."""
        counted = self._retriever.names.unwritten_counted(query)
        counted = [w for w in counted if w.split()[0].lower() not in PREPOSITIONS]  # "perks besides salary"
        # The pay word of what is counted or given is no pay asked: "do they get paid overtime?", "overtime pay?"
        rest = f" {query.lower()} "
        for thing in counted:
            rest = re.sub(rf"\b(?:paid\s+)?{re.escape(thing.lower())}\b", " ", rest)
        if not counted or has_any(rest, SALARY_WORDS):
            return []  # "how much dough do ML engineers make?": the question says it asks for pay
        # A word near pay counts as pay when "how much" asks it ("how much remuneration"); "how many" counts
        # things, and "hours" (near "wage") counted is no pay asked ("how many hours a week do ML engineers work?").
        # A thing is known by its words other than pay ("overtime pay" is overtime, no other word for pay;
        # "STEM degree" has another name, a degree).
        things = counted_things(query)
        out = []
        for thing in counted:
            own = " ".join(w for w in thing.split() if w.lower() not in SALARY_WORDS)
            if not own:
                continue  # only pay words counted is pay asked: "how many dollars higher was the 2025 median?"
            if not self._synonyms.words_for(own) and not (self.means_pay(own) and own.split()[0].lower() not in things):
                out.append(thing)
        return out

    def means_pay(self, word: str) -> bool:
        """The word is another word for what the statistics measure: its vector is within PAY_MEANING of one of
        the vocabulary's salary words ("remuneration" 0.60 to "earning", "paycheck" 0.58; "sabbatical" 0.21,
        "imposter syndrome" 0.20). The salary words' vectors are embedded once (cached) when first needed."""
        vector = np.asarray(self._retriever.embed(word), dtype=np.float32)
        return any(float(vector @ np.asarray(self._retriever.embed(w))) >= PAY_MEANING for w in SALARY_WORDS)

    def read_acronyms(self, query: str) -> str:
        """The question with its acronyms that the documents never write read as the terms they stand for
        ("RL?" -> "reinforcement learning?"): a clear one always, a guess ("GANs") when the question's own
        vector finds the sentence that says the guessed term (the planner has embedded the question: cached)."""
        query = self._retriever.names.spell_out(query)
        guesses = self._retriever.names.guesses(query)
        if guesses:
            plain = self._retriever.embed(query)
            # the adapted vector in its ranking uses only: the others add candidates, they never choose a reading
            adapted = self._retriever.toward_documents(plain) if self._retriever.adapter_use in RANKING_USES else None
            nearest = self._sentences.nearest(adapted or plain, n=GUESS_SENTENCES)
            for token, term, sentence in guesses:
                if sentence in nearest:
                    query = re.sub(rf"\b{re.escape(token)}\b", term, query)
        return query
