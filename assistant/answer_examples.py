"""Answered example questions as evidence for choosing a documentation answer's sentences.

stats/answer_examples.yaml pairs questions people asked with the sentence of the documents that answered them.
A new question near some of them lends those sentences weight: the nearer, the more (0 at NEAR, 1 for the same
question). Near both as asked and with its entities masked (question_kinds.generic_form): the named things
dominate an embedding, so "what's the mid-career ML engineer range" lies at 0.83 to "where does an ML engineer's
career lead long term?" as asked, though it asks something else; masked, the forms of the questions differ.
It is one feature of the unit score among the others (answer_scoring.py), not an answer: a sentence the
search did not find, or one the other evidence weighs down ("what is UNsupervised learning" lies near "what is
supervised learning"), is not chosen for it.

The examples do not depend on the build: embedded once per process (a file under the model cache makes it a
read). A quote is matched to units by its text, so a document edited since matches fewer quotes, and a new
document works without any example.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import yaml
from langchain_core.embeddings import Embeddings

from assistant.embeddings import embedded_texts
from assistant.question_kinds import generic_form
from assistant.settings import PROJECT_ROOT
from assistant.unanswered_examples import UnansweredExamples
from assistant.understanding import Slots

log = logging.getLogger(__name__)

ANSWER_EXAMPLES_PATH = PROJECT_ROOT / "stats" / "answer_examples.yaml"
# The questions the documents do not answer (unanswered_examples.py) sit beside the answered ones: the two sides
# are read together, and a test's answered file with no sibling refuses nothing by topic.
UNANSWERED_NAME = "unanswered_examples.yaml"
# Below this cosine two questions are as often about different sentences as about the same one (our question
# files, each file's questions against the other files': 0.7 -> the nearest example's sentence is the right one
# 90% of the time, 0.6 -> 81%).
NEAR = 0.7
# A part the planner sent to the statistics or small talk goes to the documents when an example is this near, as
# asked and masked (two-fold cross-validation over the probe files: 0.75 +3 -0 with the tables' own figures kept
# out; 0.8 +0; 0.75 with them in +4 -3: "what perks besides salary", "the trending tools of 2025").
ROUTE_NEAR = 0.75
NEIGHBOURS = 5  # examples consulted per question
# The weight (see weights) of an example asked ROUTE_NEAR alike: a sentence that answered a question this near
# answers, though the refusal gates doubt it (vouch_for).
VOUCH = (ROUTE_NEAR - NEAR) / (1.0 - NEAR)
SAYS_SOMETHING = 4  # words of a sentence that can vouch (fewer: a bare label)
# The NEAREST example alone, this alike as asked and masked, vouches for the sentence that answered it against the
# refusal checks that read words and the passage (answer_refusals.py: shared word, passage relevance), not those
# that read what a term means: two-fold CV over the probe files and the unanswered examples' questions
# (findings-refuse7.md; both folds chose 0.5-0.55: 7 answerable probes answered, none of ~560 unanswerable).
NEAREST_VOUCHES = 0.55


@dataclass(frozen=True)
class AnswerExamples:
    questions: tuple[str, ...]
    quotes: tuple[str, ...]
    matrix: np.ndarray | None
    generic: np.ndarray | None = None  # the questions with their entities masked, embedded
    unanswered: UnansweredExamples = field(default_factory=UnansweredExamples.none)  # the other side

    @classmethod
    def none(cls) -> AnswerExamples:
        """No examples: the answerer scores and routes as it would without them."""
        return cls((), (), None)

    @classmethod
    def load(
        cls,
        path: Path,
        embeddings: Embeddings,
        cache_dir: Path | None = None,
        unanswered_path: Path | None = None,
        forms: list[str] | None = None,
    ) -> AnswerExamples:
        """The examples of `path` (none when it is missing: the answerer then works as before), embedded, with the
        unanswered ones of `unanswered_path` (by default the file beside `path`) and the answered forms `forms`
        (UnansweredExamples.load)."""
        unanswered_path = unanswered_path or path.with_name(UNANSWERED_NAME)
        unanswered = UnansweredExamples.load(unanswered_path, embeddings, cache_dir, forms)
        if not path.exists():
            return replace(cls.none(), unanswered=unanswered)
        try:
            # libyaml's loader when PyYAML has it: the pure-Python one takes 0.1 s of every start for this file
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            items = (yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}).get("examples") or []
        except yaml.YAMLError as exc:
            log.warning("answer examples %s unreadable, not used: %s", path, exc)
            return replace(cls.none(), unanswered=unanswered)
        pairs = [(str(i["q"]), str(i["quote"])) for i in items if isinstance(i, dict) and i.get("q") and i.get("quote")]
        if not pairs:
            return replace(cls.none(), unanswered=unanswered)
        questions, quotes = zip(*pairs, strict=True)
        masked = [generic_form(q) for q in questions]
        return cls(
            tuple(questions),
            tuple(quotes),
            embedded_texts(list(questions), embeddings, cache_dir, "answer"),
            embedded_texts(masked, embeddings, cache_dir, "answer-generic"),
            unanswered,
        )

    def uncovered_topic(
        self, vector: list[float] | np.ndarray, generic: list[float] | np.ndarray, closest: float
    ) -> str | None:
        """The topic of the unanswered examples a question asks, when they are clearly nearer to it than these
        answered ones and nothing of the documents is near it (`closest`): UnansweredExamples.topic."""
        return self.unanswered.topic(vector, generic, (self.matrix, self.generic), closest)

    def names_topic(self, vector: list[float] | np.ndarray, generic: list[float] | np.ndarray) -> bool:
        """The uncovered topic of a question is near enough to be named in its refusal (UnansweredExamples.names)."""
        return self.unanswered.names(vector, generic, (self.matrix, self.generic))

    def route_is_theirs(
        self, route: str, own: Slots, text: str, generic: list[float], embed: Callable[[str], list[float]]
    ) -> bool:
        """A small-talk or statistics part (planning.Planner) whose question was asked before and answered from the
        documents (answered_near), unless it names what only the tables hold (tools, companies, a metric, pay)."""
        held = own.tools or own.companies or own.extra_comp or own.platform_metric or own.market_metric or own.salary
        if route != "smalltalk" and (route != "statistics" or held):
            return False
        return self.answered_near(text, generic, embed)

    def answered_near(self, text: str, generic: list[float] | np.ndarray, embed: Callable[[str], list[float]]) -> bool:
        """A question asked before, as asked and with its entities masked at least ROUTE_NEAR alike, was answered by
        a sentence of the documents: the part is theirs whatever its words suggested ("what roles sit above a
        junior ML engineer" is no salary question; "SageMaker" alone is no greeting). The masked vector (made by
        the planner) is compared first; the part is embedded as asked only when that is near."""
        if self.generic is None or self.matrix is None:
            return False
        masked = self.generic @ np.asarray(generic, dtype=np.float32)
        candidates = masked >= ROUTE_NEAR
        if not candidates.any():
            return False
        full = self.matrix[candidates] @ np.asarray(embed(text), dtype=np.float32)
        return bool((full >= ROUTE_NEAR).any())

    def weights(self, vector: list[float] | np.ndarray, generic: list[float] | np.ndarray) -> dict[str, float]:
        """Quote -> weight in (0, 1] for the examples near a question: `vector` is its normalised MiniLM vector as
        asked, `generic` with its entities masked; an example counts by the lower of the two similarities."""
        if self.matrix is None or self.generic is None:
            return {}
        full = self.matrix @ np.asarray(vector, dtype=np.float32)
        masked = self.generic @ np.asarray(generic, dtype=np.float32)
        sims = np.minimum(full, masked)
        out: dict[str, float] = {}
        for i in np.argsort(-sims)[:NEIGHBOURS]:
            sim = float(sims[i])
            if sim < NEAR:
                break
            quote = self.quotes[int(i)]
            out[quote] = max(out.get(quote, 0.0), (sim - NEAR) / (1.0 - NEAR))
        return out

    def nearest(self, vector: list[float] | np.ndarray, generic: list[float] | np.ndarray) -> tuple[str, float]:
        """The quote of the example nearest to a question (`vector` as asked, `generic` masked; by the lower of the
        two similarities, as weights()) and that similarity; ("", -1) with no examples."""
        if self.matrix is None or self.generic is None:
            return "", -1.0
        sims = np.minimum(
            self.matrix @ np.asarray(vector, dtype=np.float32), self.generic @ np.asarray(generic, dtype=np.float32)
        )
        i = int(np.argmax(sims))
        return self.quotes[i], float(sims[i])

    def nearest_vouches(
        self, lines: list[str], vector: list[float] | np.ndarray, generic: list[float] | np.ndarray
    ) -> bool:
        """The nearest example was asked NEAREST_VOUCHES alike and a line of the unit (`lines`) answered it: "are
        there tools that clean up unfairness in datasets" shares no word the search reads with the sentence on
        algorithms that remove bias, but "examples of algorithms that fix unfair bias in training data" (0.62) was
        answered by it."""
        quote, sim = self.nearest(vector, generic)
        return sim >= NEAREST_VOUCHES and quote in [line for line in lines if len(line.split()) >= SAYS_SOMETHING]

    @staticmethod
    def vouch_for(lines: list[str], prior: dict[str, float]) -> bool:
        """A unit (its `lines`) answered a question at least ROUTE_NEAR alike, as asked and masked (`prior`: the
        weights() of the question): "whats a gan" was asked before, and the documents' sentence on generative
        adversarial networks answered it, though they never write "GAN"."""
        # A bare label ("Azure Machine Learning", an item of the tools list) says nothing on its own (as
        # answer_scoring's BARE_LABEL): it answered "does anyone use it", not "which company built it".
        said = [line for line in lines if len(line.split()) >= SAYS_SOMETHING]
        return max((prior.get(line, 0.0) for line in said), default=0.0) >= VOUCH
