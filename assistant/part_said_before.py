"""A part that asks something new of what the part before it in the same message quoted: "what % of enterprises are
using AI in production, and what are they mostly pointing it at?". The first part is answered by the statistics with
the documents' own sentence ("85% of enterprises ..."); "they" and "it" in the second point at that sentence, and
its answer is the sentence beside it ("Key focus areas include ..."), as a follow-up turn's would be (asked_anew.py
reads the turn's stored "quoted"). Searched with its own words alone, the part found whatever "they" match."""

from __future__ import annotations

from dataclasses import replace

from assistant.asked_anew import NewAsk
from assistant.draft import is_cited
from assistant.planned_part import PlannedPart
from assistant.question_kinds import PlanVocabulary
from assistant.said_subjects import points_back


def asked_of_part_before(part: PlannedPart, said: str, route_before: str, words: PlanVocabulary) -> PlannedPart:
    """`part` set to ask anew of `said` (what the part before wrote, answered by `route_before`) when it points back
    at it; otherwise `part` as it is. (Its context is what it carried from the part before: the metric quoted.)"""
    if (
        part.route != "documents"
        or part.anew is not None
        or route_before != "statistics"
        or not is_cited(said)
        or not points_back(part.text, part.kind, words)
    ):
        return part
    return replace(part, anew=NewAsk(said, part.text))
