"""The role a ranking just answered leads with, as what a later part of the same message refers to.

"Which role pays the most on average? What does that role involve?": "that role" is the ranking's answer, which the
planner cannot know (it plans before anything is looked up). Once the ranking part is answered, the part that
points back at a role and names none of its own is planned again with the leading role put in its place
("What does a Data Scientist involve?"), so it is searched as that role's question. Only a single leader: when the
sources disagree on who leads, no one role is what "that role" means.
"""

from __future__ import annotations

import re

from assistant.answer_figures import possible_leaders
from assistant.draft import Draft
from assistant.followups import role_put_in
from assistant.planned_part import PlannedPart
from assistant.planning import Planner
from assistant.statistics.conflicts import group_figures
from assistant.understanding import Vocabulary

_PERSON = re.compile(r"\b(?:they|them|their|theirs)\b", re.IGNORECASE)  # "what do they do?": a person pointed at


def ranked_role(draft: Draft, since: int) -> str | None:
    """The one role leading the last role ranking answered since `since` (an index into draft.results)."""
    for result in reversed(draft.results[since:]):
        if result.tool != "rank" or not result.found or result.arguments.get("dimension") != "role":
            continue
        groups = group_figures("role_salaries", result.rows)
        if not groups:
            return None
        compared = str(result.derived.get("compared", "value_low"))
        leaders = possible_leaders(groups, "role", compared, str(result.arguments.get("order") or "highest"))
        return str(leaders[0]) if len(leaders) == 1 else None
    return None


def with_ranked_role(
    part: PlannedPart, role: str | None, planner: Planner, vocabulary: Vocabulary, years: list[int]
) -> PlannedPart:
    """The part planned again with `role` in place of the role it points back at ("that role", "they"), when it
    names no role of its own; else the part as planned."""
    if role is None or part.slots.roles or part.slots.unknown_role or part.route == "statistics":
        return part
    if planner.words.role_noun.search(part.text) is None and _PERSON.search(part.text) is None:
        return part
    resolved = role_put_in(part.text, role, planner.words)
    if not resolved or resolved == part.text:
        return part
    again = planner.plan(resolved, vocabulary, None, years)
    return again[0] if len(again) == 1 and again[0].route != "out_of_scope" else part
