"""Questions the documents do not answer, as evidence that a new question is one of them: refused by its topic.

stats/unanswered_examples.yaml lists questions candidates ask about AI/ML careers that the documents never answer
(work-life balance, negotiation, a signing bonus, how a CNN sees images, ...), each under the topic it asks. It
is the other side of stats/answer_examples.yaml (questions the documents did answer): a question whose nearest
unanswered examples are clearly nearer than its nearest answered ones, and that no sentence of the documents is
near either, is one the documents do not cover, however many words it shares with them ("how stressful is being
an ML engineer" shares the role with the career path; "do ML engineers get a signing bonus" the bonus with the
additional-compensation line). Word rules (never_said.py) catch a name or a rare word never written; these
questions are in plain words the documents do write, and only what was asked before tells them apart.

Nearness is a mean of best similarities, each the mean of the question's similarity as asked and with its
entities masked (question_kinds.generic_form): the named role or city dominates a vector as asked, the form of
the question ("how do I negotiate", "is it stressful") the masked one. The unanswered side is the nearest topic,
by its two nearest examples; the answered side the NEIGHBOURS nearest answered questions. The answered side has
several times the examples of this one, so a best single neighbour favours it by density alone; a mean of a few
is steadier on both sides.

The examples do not depend on the build: embedded once per process (a file under the model cache makes it a
read). A topic nobody asks about costs nothing; a new document that answers a topic here needs its examples
removed (they would refuse what it now answers), a new topic needs examples only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from langchain_core.embeddings import Embeddings

from assistant.embeddings import embedded_texts
from assistant.question_kinds import generic_form
from assistant.settings import PROJECT_ROOT

log = logging.getLogger(__name__)

UNANSWERED_EXAMPLES_PATH = PROJECT_ROOT / "stats" / "unanswered_examples.yaml"
# The answered side also holds the forms of the questions the statistics and the follow-ups answer, from the files
# beside this one: the planner's labelled kinds (stats/question_examples.yaml; not small talk or "other") and the
# follow-up forms (stats/followup_forms.yaml). The answered examples are documentation answers only: without
# these, "average data scientist salary" lay nearer to "what's the salary of a chief data officer" than to any
# answered question, and "is that before bonuses?" nearer to a signing bonus.
QUESTION_KINDS_NAME = "question_examples.yaml"
FOLLOWUP_FORMS_NAME = "followup_forms.yaml"
UNANSWERED_KINDS = frozenset({"smalltalk", "other"})
NEIGHBOURS = 3  # answered examples averaged
TOPIC_NEIGHBOURS = 2  # unanswered examples of one topic averaged (cross-validated: 1 and 3 did worse)
# How much nearer the unanswered examples must be than the answered ones, and how far the question may be from
# every sentence of the documents: two-fold cross-validation over the probe files (findings-silence6.md; the
# folds chose 0.04-0.07 and 0.65-0.70; 0.05 with the file's answered contrast kept every answerable probe).
MARGIN = 0.05
# The documents' evidence: their nearest sentence to the question as asked, and their nearest passage (heading
# path and text, as the search embeds it) to the question masked. A new document that answers an example's topic
# is found so and answers ("how long should a take-home assignment take?" lies 0.68 from a page's passage on
# take-home assignments, 0.64 from its sentence); on the probe files the passage costs no refusal.
WEAK_EVIDENCE = 0.65
# A refusal names the topic only when its examples are this near (the mean of its TOPIC_NEIGHBOURS, as topic()
# reads them); below, the question is refused as not covered, unnamed. On the probe files every topic refusal
# named right lay at 0.55 or more but one (0.48, "how do word embeddings work": AI topics the documents never
# explain); those named wrong lay at 0.43 and 0.47 ("will i have to help write bids for clients" named freelancing,
# "how much time goes into gathering and cleaning up raw records" work-life balance): findings-refuse7.md.
NAMED_NEAR = 0.5


@dataclass(frozen=True)
class UnansweredExamples:
    questions: tuple[str, ...]
    topics: tuple[str, ...]
    matrix: np.ndarray | None  # the questions as asked, embedded
    generic: np.ndarray | None  # ... and with their entities masked
    forms: np.ndarray | None = None  # the answered forms of the kinds and follow-ups (masked, as the planner's)
    contrast: np.ndarray | None = None  # the file's own answered near misses, as asked
    contrast_generic: np.ndarray | None = None  # ... and masked

    @classmethod
    def none(cls) -> UnansweredExamples:
        """No examples: nothing is refused by topic."""
        return cls((), (), None, None)

    @classmethod
    def load(
        cls, path: Path, embeddings: Embeddings, cache_dir: Path | None = None, forms: list[str] | None = None
    ) -> UnansweredExamples:
        """The examples of `path` (none when it is missing or unreadable: nothing is refused by topic), embedded.
        `forms`: the answered forms (forms_of) of the kinds and follow-up forms the caller has loaded; by default
        read from the data files beside `path` (answered_forms)."""
        if not path.exists():
            return cls.none()
        try:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        except yaml.YAMLError as exc:
            log.warning("unanswered examples %s unreadable, not used: %s", path, exc)
            return cls.none()
        groups = data.get("topics") or []
        contrast = [str(q) for q in data.get("answered") or [] if q]
        pairs = [
            (str(q), str(group["topic"]))
            for group in groups
            if isinstance(group, dict) and group.get("topic")
            for q in group.get("questions") or []
            if q
        ]
        if not pairs:
            return cls.none()
        questions, topics = zip(*pairs, strict=True)
        forms = answered_forms(path.parent) if forms is None else forms
        return cls(
            tuple(questions),
            tuple(topics),
            embedded_texts(list(questions), embeddings, cache_dir, "unanswered"),
            embedded_texts([generic_form(q) for q in questions], embeddings, cache_dir, "unanswered-generic"),
            embedded_texts(forms, embeddings, cache_dir, "answered-forms") if forms else None,
            embedded_texts(contrast, embeddings, cache_dir, "contrast") if contrast else None,
            embedded_texts([generic_form(q) for q in contrast], embeddings, cache_dir, "contrast-generic")
            if contrast
            else None,
        )

    def topic(
        self,
        vector: list[float] | np.ndarray,
        generic: list[float] | np.ndarray,
        answered: tuple[np.ndarray | None, np.ndarray | None],
        closest: float,
    ) -> str | None:
        """The topic a question asks that the documents do not cover, or None. `vector` is its normalised vector
        as asked, `generic` with its entities masked; `answered` the answered examples' matrices (as asked,
        masked); `closest` the documents' evidence for it: the similarity of their nearest sentence or passage."""
        if self.matrix is None or closest >= WEAK_EVIDENCE:
            return None
        topic, unanswered, answered_near = self.nearness(vector, generic, answered)
        return topic if unanswered - answered_near >= MARGIN else None

    def names(
        self,
        vector: list[float] | np.ndarray,
        generic: list[float] | np.ndarray,
        answered: tuple[np.ndarray | None, np.ndarray | None],
    ) -> bool:
        """The topic a question is refused by is near enough to be named (NAMED_NEAR): "The sources don't say
        anything about signing bonuses" rather than "... don't cover that"."""
        return self.nearness(vector, generic, answered)[1] >= NAMED_NEAR

    def nearness(
        self,
        vector: list[float] | np.ndarray,
        generic: list[float] | np.ndarray,
        answered: tuple[np.ndarray | None, np.ndarray | None],
    ) -> tuple[str, float, float]:
        """The nearest topic, its nearness (the mean of its TOPIC_NEIGHBOURS nearest examples) and the answered
        side's (the mean of the NEIGHBOURS nearest answered questions and forms; -1 with none): what topic()
        decides on, and what scripts/unanswered_thresholds.py fits MARGIN and WEAK_EVIDENCE with."""
        if self.matrix is None or self.generic is None:
            return "", -1.0, -1.0
        v, g = np.asarray(vector, dtype=np.float32), np.asarray(generic, dtype=np.float32)
        near = (self.matrix @ v + self.generic @ g) / 2
        # Each topic by its TOPIC_NEIGHBOURS nearest examples: a question near two of one topic's examples asks it
        # (one near example alone is as often a shared word); the nearest topic is the one named.
        by_topic: dict[str, list[float]] = {}
        for i in np.argsort(-near):
            nearest = by_topic.setdefault(self.topics[int(i)], [])
            if len(nearest) < TOPIC_NEIGHBOURS:
                nearest.append(float(near[i]))
        topic, unanswered = max(((t, sum(s) / len(s)) for t, s in by_topic.items()), key=lambda ts: ts[1])
        full, masked = answered
        sims = [(full @ v + masked @ g) / 2] if full is not None and masked is not None else []
        if self.forms is not None:
            sims.append(self.forms @ g)  # a form is masked already: its vector as asked is the same
        if self.contrast is not None and self.contrast_generic is not None:
            sims.append((self.contrast @ v + self.contrast_generic @ g) / 2)
        answered_near = float(np.sort(np.concatenate(sims))[-NEIGHBOURS:].mean()) if sims else -1.0
        return topic, unanswered, answered_near


def answered_forms(stats_dir: Path) -> list[str]:
    """The masked forms of the questions the planner's kinds and the follow-ups answer (see QUESTION_KINDS_NAME),
    from the data files in `stats_dir` (none when they are missing or unreadable)."""
    kinds: dict[str, list[str]] = {}
    followups: list[str] = []
    for name, key in ((QUESTION_KINDS_NAME, "kinds"), (FOLLOWUP_FORMS_NAME, "forms")):
        path = stats_dir / name
        if not path.exists():
            continue
        try:
            groups = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(key) or {}
        except yaml.YAMLError as exc:
            log.warning("%s unreadable, not used as answered forms: %s", path, exc)
            continue
        for group, questions in groups.items():
            texts = [str(q) for q in questions or [] if q]
            if key == "kinds":
                kinds[str(group)] = texts
            else:
                followups += texts
    return forms_of(kinds, followups)


def forms_of(kinds: Mapping[str, Iterable[str]], followups: Iterable[str]) -> list[str]:
    """The masked forms of the kinds' labelled questions (not small talk or "other") and of the follow-up forms,
    each once, in order: the answered side's forms (see QUESTION_KINDS_NAME)."""
    forms = [generic_form(q) for kind, questions in kinds.items() if kind not in UNANSWERED_KINDS for q in questions]
    forms += [generic_form(text) for text in followups]
    return list(dict.fromkeys(forms))
