"""Reading a message's phrases with the vocabulary: what a phrase asks by itself, the level a question asks
about, and a phrase without the levels it names (question_parts cuts the message into those parts)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.part_context import asked_sentence
from assistant.phrase_match import phrase_pattern
from assistant.question_kinds import generic_form
from assistant.understanding import Slots, Vocabulary, understand


def asked_level(own: Slots, text: str, vocabulary: Vocabulary) -> Slots:
    """'I'm a junior ML engineer. how much will I make when I'm mid-career?': the level the question asks about,
    not the one the statement before it gives, when the two differ."""
    question = asked_sentence(text)
    if question == text or len(own.levels) < 2:
        return own
    asked = understand(question, vocabulary)
    return replace(own, level=asked.level, levels=asked.levels) if asked.level else own


class PhraseReader:
    """understand() of a message's phrases, each read once (the splitter reads a clause to see whether it asks
    something, the planner reads it again as a part); each caller gets its own copy, the planner changes it."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary
        self._read: dict[str, Slots] = {}

    def __call__(self, text: str) -> Slots:
        slots = self._read.get(text)
        if slots is None:
            slots = self._read[text] = understand(text, self._vocabulary)
        return slots.copy()


def asks_by_itself(slots: Slots) -> str:
    """What a phrase asks by itself: 'statistics' ("the number of offers"), 'documents' ("the skills needed"),
    or '' for nothing."""
    if slots.wants_documents_about_role() or (slots.doc_cue and not slots.salary):
        return "documents"
    return "statistics" if slots.has_stats() else ""


def without_levels(text: str, vocabulary: Vocabulary) -> str:
    """The text without the experience levels it names ("entry level", "average"), spacing kept tidy."""
    for phrases in vocabulary.levels.values():
        for phrase in phrases:
            text = re.sub(phrase_pattern(phrase).pattern, " ", text, flags=re.IGNORECASE)
    # "ML engineer in New York: pay and duties": the place is where the figure is asked; a role's duties or
    # skills are the role's wherever it works. A place with no role named stays ("Seattle: pay and demand").
    if "this job" in generic_form(text):
        for phrases in vocabulary.cities.values():
            for phrase in phrases:
                text = re.sub(rf"\b(?:in|at|from)\s+{phrase_pattern(phrase).pattern}", " ", text, flags=re.IGNORECASE)
    return re.sub(r"\s+(?=[:,;])", "", re.sub(r"\s{2,}", " ", text)).lstrip()
