"""Answer one message: plan its parts, answer each (statistics or documents), say which were not covered.

The step between understanding and composing in the pipeline (assistant/pipeline.py): every part gets its route,
is answered by its own reading, or says the sources do not cover it; the whole reply abstains only when no part is.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from assistant.answer_parts import answer_beyond_repeat, answer_part, not_covered
from assistant.answer_reasons import answer_pay_reason, pay_reason_slots
from assistant.divided_parts import divided
from assistant.draft import Draft
from assistant.figures_said_back import figure_said_back, figures_given
from assistant.half_answered import say_missing_half, years_unsaid
from assistant.message_rewrites import titles_spelled_out
from assistant.models import PlanPart, Route
from assistant.part_said_before import asked_of_part_before
from assistant.phrase_match import longest_first
from assistant.planning import PlannedPart, Planner
from assistant.ranked_referent import ranked_role, with_ranked_role
from assistant.sessions import SessionState
from assistant.text_terms import terms
from assistant.understanding import INJECTION
from assistant.vocabulary_words import word_list

if TYPE_CHECKING:
    from assistant.loaded_build import LoadedBuild

TOLD_CHARS = 6000  # what a turn keeps of what was said on its topic (a few answers' worth; "go on" twice)
# How the asker wants the answer ("short version", "tl;dr", "in simple terms"; stats/vocabulary.toml answer_form),
# with the punctuation that sets it off
_FORMS = longest_first(word_list("answer_form"))
_ANSWER_FORM = re.compile(rf"[\s,;:(-]*(?<![\w'])(?:{_FORMS})(?![\w'])[\s,;:)-]*", re.IGNORECASE)


def answer_message(
    build: LoadedBuild, planner: Planner, question: str, state: SessionState, draft: Draft
) -> tuple[Route, dict[str, Any], list[PlanPart]]:
    """Plan the message, answer each part (statistics or documents), and say which parts were not covered."""
    if not _mostly_latin(question) or INJECTION.search(question):
        draft.abstained = True
        draft.say(
            "I can only answer questions in English."
            if not _mostly_latin(question)
            else "I only answer from my sources and can't follow instructions to change or invent answers."
        )
        draft.say(build.answerer.coverage_summary(draft))
        return "out_of_scope", {}, [PlanPart(text=question, kind="other", route="out_of_scope", covered=False)]
    question = titles_spelled_out(without_answer_form(question))  # "an AI PM's job": an AI product manager's
    history_years = [y for turn in state.turns for y in turn.years]
    previous = state.last_asked()  # "thanks!" between a salary and "what about data scientists?" is no turn
    question = figure_said_back(question, previous)  # "is 5.6k a lot?" after $5,640: "is that a lot?"
    parts = planner.plan(
        question,
        build.vocabulary,
        previous,
        history_years,
        state.roles_asked(),
        state.levels_asked(),
        state.cities_asked(),
    )
    asked = [p for p in divided(parts) if p.route != "smalltalk"]
    if not asked:
        draft.say(planner.examples.smalltalk_reply(parts[0].text))
        return "smalltalk", {}, [_plan_entry(p, "smalltalk", True) for p in parts]
    routes: dict[int, Route] = {}
    figure_before = False  # an earlier part of this message gave a figure ("who makes more ..., and why?")
    led: str | None = None  # the role a ranking part of this message led with ("what does that role do?")
    # ... or the ranking of the turn before: "What does that role involve?" asked as a turn of its own
    leader = str(previous.slots.get("leader") or "") or None if previous is not None else None
    said_before = ""  # what the part before wrote
    for i, part in enumerate(asked):
        alone = len(asked) == 1
        again = with_ranked_role(part, led or leader, planner, build.vocabulary, history_years)
        # "..., and what are they mostly pointing it at?": asked of the sentence the part before quoted
        again = asked_of_part_before(again, said_before, routes[id(asked[i - 1])], planner.words) if i else again
        if again is not part:
            parts[parts.index(part)] = asked[i] = part = again
        results_before = len(draft.results)
        why_pay = pay_reason_slots(part, previous, figure_before)
        said, mark = len(draft.parts), draft.mark()
        if why_pay is not None:
            routes[id(part)] = answer_pay_reason(build, why_pay, draft, figure_before, alone)
        else:
            routes[id(part)] = answer_part(build, planner, part, draft, alone=alone)
        # Every part is answered or explicitly not: one that only repeated the part before looks further.
        repeated = i and routes[id(part)] == "statistics" and len(draft.parts) == said
        if repeated and answer_beyond_repeat(build, planner, part, asked[i - 1], draft):
            routes[id(part)] = "documents"
        elif repeated and years_unsaid(part.text, draft.parts):
            draft.echo(not_covered(part))  # "..., and how much will they grow in 2026?": the same figure, not 2026's
        if routes[id(part)] == "documents" and why_pay is None:  # "how many AI ethics jobs?": no number said
            say_missing_half(part.text, draft, mark, planner.words.asks_what_drives(part.text))
        said_before = " ".join(draft.parts[said:])
        figure_before = figure_before or (routes[id(part)] == "statistics" and part.kind == "figure")
        led = ranked_role(draft, results_before) or led
    covered = {r for r in routes.values() if r != "out_of_scope"}
    plan = [
        _plan_entry(p, routes.get(id(p), "smalltalk"), routes.get(id(p), "smalltalk") != "out_of_scope") for p in parts
    ]
    last = next((p for p in reversed(asked) if routes[id(p)] == "statistics"), asked[-1])
    slots = {**last.slots.to_dict(), "kind": last.kind}
    slots["figures"] = figures_given(" ".join(draft.parts))  # what a figure said back ("is 5.6k a lot?") stands for
    if routes[id(last)] == "statistics" and draft.citations:
        # a figure quoted from the documents' own sentence ("85% of enterprises ..."): what is asked of it next
        # ("what are they using it for?") is near where it was said (asked_anew.py)
        slots["quoted"] = " ".join(draft.parts)[-TOLD_CHARS:]
    if led:
        slots["leader"] = led  # stored with the turn (any worker reads it): what "that role" next stands for
    if routes[id(last)] == "documents":
        slots["topic"] = planner.topic_of(last)  # what a pointing follow-up goes on with
        # what was said of it, so "go on" goes on from there: kept in the stored turn, which every worker reads
        slots["told"] = f"{last.told} {' '.join(draft.parts)}".strip()[-TOLD_CHARS:]
        if previous is not None and previous.route in ("documents", "both") and previous.slots.get("topic"):
            slots["topic_before"] = previous.slots["topic"]  # "the difference between those two?" names both
    if not covered:
        if len(asked) > 1:  # one part alone has said what the sources cover already
            draft.abstained = True
            draft.say(build.answerer.coverage_summary(draft))
        return "out_of_scope", slots, plan
    draft.abstained = False
    build.answerer.note_quoted_claims(draft)
    route: Route = "both" if len(covered) > 1 else covered.pop()
    return route, slots, plan


def _plan_entry(part: PlannedPart, route: Route, covered: bool) -> PlanPart:
    return PlanPart(
        text=part.text,
        kind=part.kind,
        route=route,
        covered=covered,
        confidence=part.confidence,
        entities=part.entities(),
    )


def _mostly_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    latin = sum(1 for ch in letters if ch.isascii() or "LATIN" in unicodedata.name(ch, ""))
    return latin / len(letters) >= 0.6


def without_answer_form(question: str) -> str:
    """The message without the words saying how to answer it: "backprop, short version" asks what backprop is
    (its "version" is no topic), "overfitting tl;dr" is no greeting. A message that is nothing else stays as it is."""
    stripped = re.sub(r"\s+([?.!])", r"\1", _ANSWER_FORM.sub(" ", question)).strip()
    return stripped if terms(stripped) else question
