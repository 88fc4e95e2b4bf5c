"""Answering one part of a question plan: by its route (the statistics' tools or the documents), then its
fallback; a part the sources do not cover says so in its own sentence, by name when it names something the
documents never write. The pipeline plans, calls this per part, then composes and checks the numbers."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant.answer_figures import source_notes
from assistant.draft import Draft, DraftMark, is_cited
from assistant.models import Route
from assistant.pay_raising import asks_raise_size, asks_to_raise_pay, names_pay, raising_search, with_pay_factors
from assistant.planning import PlannedPart, Planner
from assistant.refusal_sentences import is_coverage_summary, last_own_sentence
from assistant.text_terms import terms
from assistant.unasked_figures import other_figure_asked
from assistant.vocabulary_words import word_list

if TYPE_CHECKING:
    from assistant.loaded_build import LoadedBuild

# "what would I be doing all day?", "what will my work involve?": the asker imagined in the job ("do I need a
# master's?" asks a requirement in its own words, which find it).
_JOB_ACTIVITY = frozenset(t for w in word_list("job_activity") for t in terms(w))
_ASKER = re.compile(r"\b(?:would|will)\s+(?:i|my|me)\b|\b(?:i'd|i'll)\b", re.IGNORECASE)


def answer_part(build: LoadedBuild, planner: Planner, part: PlannedPart, draft: Draft, alone: bool) -> Route:
    """Answer one part by its route, then its fallback; an uncovered part says so in its own words."""
    mark = draft.mark()
    if asks_raise_size(part.text, part.slots):
        # "what's the typical yearly raise at Apple?": no source gives one; a role's or a company's pay is no answer
        draft.say(source_notes()["raise_not_given"])
        if alone:
            draft.abstained = True
            draft.say(build.answerer.coverage_summary(draft))  # what they hold instead, as other refusals say
        return "out_of_scope"
    # What the part names that the documents never write ("Julia", "Microsoft"): no passage or figure is about it.
    # Their titles and origins count as written ("on Upstaff": the platform the statistics pages come from).
    query = planner.search_text(part)
    # "how can a data scientist raise their salary?", "... and how can they earn more?": the role is who asks
    # ("how might they push it up?" after a salary: the query names the pay pointed at, followups.figure_query)
    pay = part.slots.salary or names_pay(query)
    raising = pay and part.kind != "figure" and asks_to_raise_pay(part.slots.corrected or part.text)
    query = raising_search(query) if raising else query
    unmentioned = [
        name
        for name in build.document_answerer.topics.unmentioned(query, part.kind)
        if not any(
            re.search(rf"\b{re.escape(name)}\b", f"{d.title} {d.origin}", re.I) for d in build.documents.values()
        )
    ]
    figure_from = _figure_sources(build, part, draft) if part.kind == "method" else {}
    before: dict[str, Any] = {"told": part.told, "quoted": part.said, "anew": part.anew}  # what was said before
    role = _role_asked_of(part, alone)  # tried first: its own words find other things ("Work on personal projects")
    for route in (part.route, part.fallback):
        if route == "documents":
            if (
                role
                and _ASKER.search(part.text)
                and build.document_answerer.answer(
                    query, part.kind, draft, [*part.context, role], part.generic, **before
                )
            ):
                return "documents"  # "..., and what would I be working on?": the asker in the role asked about
            if build.document_answerer.answer(query, part.kind, draft, part.context, part.generic, **before):
                if figure_from and not _cites_any(draft, mark, figure_from):
                    # "how was that measured?" after a guide salary: the method found is another source's, for
                    # its own figures; the figure's source says nothing of how it was made, and the reply says so.
                    draft.rollback(mark)
                    draft.abstained = True
                    titles = " or ".join(f"“{t}”" for t in dict.fromkeys(figure_from.values()))
                    draft.say(f"{titles} does not say how its figures were measured.")
                    return "out_of_scope"
                if raising:
                    with_pay_factors(build.document_answerer, draft, mark)
                return "documents"
            if part.earlier and build.document_answerer.answer(
                query, part.kind, draft, [*part.context, part.earlier], part.generic, **before
            ):
                return "documents"  # an elliptical follow-up, found with the question it follows
        elif route == "statistics":
            build.answerer.answer(part.slots, draft)
            if draft.abstained and _year_carried_to_guide(part):
                # "the 2025 median, and which city is second highest for ML engineers": the year is the part
                # before's (the platform's); a role's or a city's figures are the guide's, of its own year.
                draft.rollback(mark)
                build.answerer.answer(replace(part.slots, years=[]), draft)
            said = " ".join(draft.parts[mark.parts :]).lower()  # "... no figures for Berlin": named already
            if (
                unmentioned
                and (not draft.abstained or other_figure_asked(part.slots))
                and not all(name.lower() in said for name in unmentioned)
            ):
                # "what does Microsoft pay data scientists?": the figures are not about the name asked; "how many
                # sick days do data scientists get": no figure of theirs is, and the refusal names what was asked
                break
            if not draft.abstained:
                return "statistics"
            if route == part.route and part.fallback is not None:
                draft.rollback(mark)  # the documents may answer it; the statistics' refusal is re-made below
                continue
            if alone:
                return "out_of_scope"  # the statistics' own refusal says what they hold instead
            if all(is_coverage_summary(p) for p in draft.parts[mark.parts :]):
                # "what's the AI researcher salary in Seattle, and is Seattle a hub?": the refusal is the part
                # before's, said already (taken over with its role); the part's own words may be the documents'
                draft.rollback(mark)
                if build.document_answerer.answer(query, part.kind, draft, part.context, part.generic, **before):
                    return "documents"
            written = draft.parts[mark.parts :]
            cited = [i for i, sentence in enumerate(written) if is_cited(sentence)]
            if cited:
                # "what do ML engineers earn in Chicago and ...?": what the sources do say of it (a cited note,
                # "no figure, only ...") is this part's answer; what they cover in general is not. The refusal
                # said after a cited figure ("... no count of ds job openings" after the role's salaries) is
                # the part's own answer and stays.
                del draft.parts[mark.parts + last_own_sentence(written, cited[-1]) + 1 :]
                draft.abstained = mark.abstained
                return "out_of_scope"
            reason = draft.rollback(mark)[:1]
            draft.echo(not_covered(part))
            if reason and "[" not in reason[0]:
                draft.say(reason[0])  # the statistics' own reason: what they hold instead
            return "out_of_scope"
    if alone and part.slots.has_stats() and part.route == "statistics" and not unmentioned:
        build.answerer.answer(part.slots, draft)  # its refusal names what the data holds instead
        return "statistics" if not draft.abstained else "out_of_scope"
    draft.rollback(mark)
    if alone and unmentioned:
        draft.abstained = True
        draft.echo(not_mentioned(unmentioned))  # the asker's own words: their numbers ("H-1B") are no claim
        draft.say(build.answerer.coverage_summary(draft))
    elif alone:
        build.answerer.abstain(draft, "The sources I have don't cover that.")
    else:
        draft.echo(not_mentioned(unmentioned) if unmentioned else not_covered(part))
    return "out_of_scope"


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _year_carried_to_guide(part: PlannedPart) -> bool:
    """The part's year came from the part before it (its own words name none) and it asks a role's or a city's
    figure (the guide's tables), not a platform metric (whose years the carried one is one of)."""
    s = part.slots
    return bool(s.years and (s.roles or s.city) and not s.platform_metric and not _YEAR.search(part.text))


def _role_asked_of(part: PlannedPart, alone: bool) -> str | None:
    """The role a part of a message asks about when it names none but imagines the asker in a job: "what would I
    actually be doing day to day" after "I'm looking at ML engineer roles, what's the entry salary" asks what an
    ML engineer does. Only among parts, and only so: a part that names nothing the documents write ("what's a good
    laptop for ML?") searched with the role would find the role's overview; a question alone that names no role
    takes none from an earlier turn."""
    if (
        alone
        or part.slots.unknown_role
        or part.kind not in ("explanation", "list", "path")
        or not _ASKER.search(part.text)
        or not set(terms(part.text)) <= _JOB_ACTIVITY
    ):
        return None
    return next((r for r in part.context_roles if r not in part.context), None)


def _figure_sources(build: LoadedBuild, part: PlannedPart, draft: Draft) -> dict[str, str]:
    """The documents (file -> title) the figure a method part asks about comes from: a role's salary, a city's
    (a platform metric's method is asked of its own page, so only figures keyed by role or place are checked)."""
    s = part.slots
    if not (s.roles or s.city) or s.platform_metric or s.market_metric or s.tools or s.companies:
        return {}
    mark = draft.mark()
    build.answerer.answer(s, draft)
    found = {c.source.split(":")[0]: c.title for c in draft.citations[mark.citations :]}
    draft.rollback(mark)
    return found


def _cites_any(draft: Draft, mark: DraftMark, sources: dict[str, str]) -> bool:
    """Whether a citation written since `mark` is from one of the `sources` files."""
    return any(c.source.split(":")[0] in sources for c in draft.citations[mark.citations :])


def not_covered(part: PlannedPart) -> str:
    asked = part.text.strip().rstrip("?.! ")
    return f"The sources I have don't say anything about “{asked}”."


def not_mentioned(names: list[str]) -> str:
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f"The sources I have don't say anything about {listed}."


def answer_beyond_repeat(
    build: LoadedBuild, planner: Planner, part: PlannedPart, before: PlannedPart, draft: Draft
) -> bool:
    """A part whose figure only repeats what the part before said ("what share of enterprises use AI and what
    for?": "what for" finds the 85% sentence again, and a sentence is never said twice) would get no sentence of
    its own. The documents, searched with the part before as its topic, may say what it adds ("customer
    interactions, sales forecasting"); True when they wrote something new."""
    mark = draft.mark()
    kind = "explanation" if part.kind == "figure" else part.kind
    found = build.document_answerer.answer(
        planner.search_text(part), kind, draft, [*part.context, before.text], part.generic
    )
    if found and len(draft.parts) > mark.parts:
        return True
    draft.rollback(mark)
    return False
