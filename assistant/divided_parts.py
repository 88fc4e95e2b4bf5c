"""Parts of one message that divide the work: a figure part unsure of its route goes to the statistics when another
part of the message asks the documents how that figure is made or what it means.

"what's the median and how is it calculated": asked alone, "what's the median?" is unsure between the figure and its
definition (part_routes sends it to the documents first, the statistics after), and the documents' definition
answered it; the method part then said the same again and no figure was given. The other part asks the documents
already, so the figure part asks the figure.
"""

from __future__ import annotations

from assistant.planned_part import PlannedPart

_DOCUMENTED = ("method", "explanation")  # kinds of a part that asks what a figure is or how it is made


def divided(parts: list[PlannedPart]) -> list[PlannedPart]:
    """The parts, a figure part that tries the documents before the statistics turned round when another part of
    the message asks the documents what a figure is or how it is made (in place: the planner's objects)."""
    for part in parts:
        unsure = part.kind == "figure" and part.route == "documents" and part.fallback == "statistics"
        if unsure and any(o is not part and o.kind in _DOCUMENTED and o.route == "documents" for o in parts):
            part.route, part.fallback = "statistics", "documents"
    return parts
