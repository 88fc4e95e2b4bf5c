"""A "why" about pay figures: "why do robotics engineers earn less than data scientists?", "why is that lower than
the others?" after an average, "... and why?" after a comparison. The sources state the figures and, separately,
what influences salaries in general; they never give the reason for one figure or one difference. So the reply
gives the figures, says plainly that no reason is stated, and then gives what the sources do say about what
influences pay, each cited. Before this, such questions went to the documents and came back with whichever sentence
mentioned salaries ("Moving into management ... salary jumps"), which reads as a reason the sources never gave.

The cue words and the general question that finds the factors are data (stats/vocabulary.toml [reasons]); the
wording of the reply is data too (stats/source_notes.toml)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from assistant.answer_figures import source_notes
from assistant.draft import Draft
from assistant.models import Route
from assistant.phrase_match import has_any
from assistant.understanding import COMPARE_WORDS, Slots
from assistant.vocabulary_words import section

if TYPE_CHECKING:
    from assistant.loaded_build import LoadedBuild
    from assistant.planning import PlannedPart
    from assistant.sessions import Turn

# A "why" with this many words or fewer besides the cue and pointers ("why?", "why is that?", "how come it's so
# high?") asks about the figure just given; "why is there a skills gap?" names a topic of its own.
ELLIPTICAL_WORDS = 1


@cache
def _reasons() -> tuple[re.Pattern[str], str, frozenset[str], tuple[str, ...]]:
    raw = section("reasons")
    cues = sorted((str(c) for c in raw.get("cues") or []), key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.I) if cues else re.compile(r"$^")
    pointers = frozenset(str(w) for w in raw.get("pointers") or [])
    return pattern, str(raw.get("pay_factors_query") or ""), pointers, tuple(str(w) for w in raw.get("pay_nouns") or [])


def bare_reason(text: str) -> bool:
    """Whether a message asks only "why?" of what was just said ("why not?", "how come?", "why is that?"): a reason
    cue and at most ELLIPTICAL_WORDS words besides the pointers."""
    cues, _, pointers, _ = _reasons()
    if not cues.search(text):
        return False
    return (
        len([w for w in re.findall(r"[a-z']+", cues.sub(" ", text.lower())) if w not in pointers]) <= ELLIPTICAL_WORDS
    )


def pay_reason_slots(part: PlannedPart, previous: Turn | None, figure_before: bool) -> Slots | None:
    """The figure a part asks the reason for ("why ...?" about pay: its own figure, or the one just given), or None."""
    cues, _, pointers, pay_nouns = _reasons()
    if part.kind == "smalltalk" or not cues.search(part.text):
        return None
    s = part.slots
    if s.unknown_role or s.unknown_place or s.unstated_period or s.unstated_currency:
        return None  # "why do MLOps engineers earn so much?": no figure to explain; the usual refusal says so
    rest = [w for w in re.findall(r"[a-z']+", cues.sub(" ", part.text.lower())) if w not in pointers]
    elliptical = len(rest) <= ELLIPTICAL_WORDS
    # Its own comparison words: one inherited from the part before ("how much did postings grow, and why ...?")
    # is not what this part asks.
    inherited = figure_before or s.followup
    compares = has_any(part.text.lower(), COMPARE_WORDS) if inherited else s.compare
    before = _slots_of(previous) if previous is not None and previous.slots.get("kind") == "figure" else None
    follows_figure = figure_before or (
        before is not None
        and previous is not None
        and previous.route in ("statistics", "both")
        and _about_pay(before)
        and (s.followup or elliptical)
    )
    if elliptical and follows_figure and not figure_before and before is not None:
        return before  # "how come?" after a city's figure: that figure, city and all
    if s.salary and not inherited and (compares or _names_figure(s) or has_any(part.text.lower(), pay_nouns)):
        return s  # "why are salaries not the same in every city?", not "why does size make data harder to get?"
    if s.platform_metric == "median_salary_expectation" and not inherited:
        return s if compares else None  # "why did the median go up?", not "why is it called a weighted average?"
    if not (follows_figure and (compares or elliptical)):
        return None
    return s if _about_pay(s) else None


def _about_pay(s: Slots) -> bool:
    """Slots that name a pay figure: a salary, the platform's median, or what the guide keys salaries by."""
    return bool(s.salary or s.platform_metric == "median_salary_expectation" or s.roles or s.city or s.level)


def _names_figure(s: Slots) -> bool:
    return bool(s.roles or s.city or s.level or s.years or s.platform_metric)


def _slots_of(turn: Turn) -> Slots:
    fields = Slots.__dataclass_fields__
    return Slots(**{k: v for k, v in turn.slots.items() if k in fields})


def answer_pay_reason(build: LoadedBuild, asked: Slots, draft: Draft, figure_before: bool, alone: bool) -> Route:
    """The figures (unless the same message has just given them), that no reason is stated, and what the guide
    says influences salaries. Two kinds of figure set side by side carry their own note on why they differ."""
    notes = source_notes()
    _, factors_query, _, _ = _reasons()
    route: Route = "out_of_scope"
    slots = asked
    both_kinds = bool(slots.platform_metric and slots.salary) and not (
        slots.years or slots.roles or slots.city or slots.level
    )
    if both_kinds:
        # "why is the platform median so much lower than the guide's salaries?": both kinds, and their note
        slots = replace(slots, platform_metric=None, compare=False)
    if not figure_before and (_names_figure(slots) or both_kinds):  # a bare "why do salaries differ?" needs no table
        mark = draft.mark()
        build.answerer.answer(slots, draft)
        if draft.abstained:
            draft.rollback(mark)
        else:
            route = "statistics"
            if notes["kinds_differ"] in draft.parts[mark.parts :]:
                return route  # platform expectation vs guide salary: the note says why they differ
    draft.say(notes["no_reason_given"])
    platform_only = bool(slots.platform_metric) and not (slots.roles or slots.city)
    if factors_query and not platform_only:
        mark = draft.mark()
        draft.say(notes["pay_factors_lead"])
        if build.document_answerer.answer(factors_query, "list", draft):
            return route if route != "out_of_scope" else "documents"
        draft.rollback(mark)
    if route == "out_of_scope" and alone:
        draft.abstained = True
        draft.say(build.answerer.coverage_summary(draft))
    return route
