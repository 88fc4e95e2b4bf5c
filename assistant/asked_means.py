"""A question that asks the means to a pay goal ("how can I earn more?", "what helps you get a higher salary?"):
its "more" or "higher" is the goal, not a ranking of the figures. Read once per part, before its kind and route."""

from __future__ import annotations

from dataclasses import replace

from assistant.part_context import without_source
from assistant.phrase_reading import PhraseReader, asked_level
from assistant.question_kinds import PlanVocabulary
from assistant.understanding import Slots, Vocabulary


def goal_not_ranked(own: Slots, text: str, words: PlanVocabulary) -> Slots:
    """The part's slots with a ranking dropped when a how-to opening asks what to do to earn more and nothing
    ranked is named (no "which role", "by city", no levels or place to set in order); "how can I find which
    role pays the most?" and "how much more ...?" still rank or ask a number."""
    if not own.rank or own.rank_dimension or not words.asks_how_to(text) or words.asks_for_number(text):
        return own
    if own.city or own.cities or own.level or own.levels or own.years:
        return own
    # The rank word stays said ("rank_word"), as for "the most important skills": a follow-up may still read it.
    return replace(own, rank=None, rank_word=own.rank)


def part_slots(read: PhraseReader, plain: str, vocabulary: Vocabulary, words: PlanVocabulary) -> Slots:
    """What a part itself asks: its phrases read without a source request ("according to the guide"), the level
    its question asks (not its statement's), and no ranking where the means to a pay goal are asked."""
    return goal_not_ranked(asked_level(read(without_source(plain)), plain, vocabulary), plain, words)
