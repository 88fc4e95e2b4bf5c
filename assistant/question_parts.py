"""Splitting a message into its parts ("X and how Y?", "X? Also Y", "X, what Z?"): split_parts, the entry point.
Where a message is cut is in part_joiners, what a part read as context is in part_context, and terms or levels
listed in one clause that share the rest of it in listed_requests."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.listed_requests import (
    defined_topics,
    joins_requests,
    listed_requests,
    places_listed,
    shared_requests,
    terms_then_asked,
)
from assistant.part_context import (
    DOING,
    EXCLUSION,
    PREPOSITIONS,
    STATEMENT,
    asked_sentence,
    is_context,
    is_hypothetical,
    is_question,
    names_the_asked_roles,
)
from assistant.part_joiners import (
    ADDED_REQUEST,
    AND_THE,
    BARE_AND,
    CLAUSE_SPLIT,
    COMMA_AND,
    DASH,
    ENDS_JOINED,
    ITEM_MARKER,
    LEADING_JOINER,
    RUN_ON,
    RUN_ON_WORDS,
    sentences_of,
)
from assistant.phrase_match import longest_first
from assistant.side_references import asked_of_each
from assistant.text_terms import STOPWORDS, terms
from assistant.vocabulary_words import section

# "apart from location what else ...", "X pay, and besides python which languages ...": a thing set aside, then the
# question (opening a clause)
_EXCLUDED_BEFORE = re.compile(
    r"(^\s*(?:(?:and|also|plus|but)\s+)?|[,;]\s*(?:(?:and|also|plus|but)\s+)?|\b(?:and|also|plus|but)\s+)"
    r"(?:apart from|aside from|other than|except(?: for)?|besides|not counting)\s+[\w/&+#.-]+(?:\s+[\w/&+#.-]+){0,3}?"
    r"\s*,?\s+(?=(?:what|which|who|where|how|is|are|do|does|can)\b)",
    re.IGNORECASE,
)
_IMPERATIVE = re.compile(
    r"\s*(?:(?:please|pls|plz)\s+)?(?:tell|explain|describe|list|give|name|compare|show|define|summari[sz]e|help)\b",
    re.IGNORECASE,
)
# "a generative one", "the late career one": a describing word (or two) before "one" (_one_named).
_ONE = re.compile(r"\b(?:a|an|the)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+one\b", re.IGNORECASE)
_NOT_DESCRIBING = frozenset(
    {
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "last",
        "next",
        "previous",
        "same",
        "only",
        "other",
        "this",
        "that",
        "which",
        "each",
        "every",
        "no",
        "any",
        "some",
        "right",
        "top",
        "bottom",
        "latter",
        "former",
    }
)
_BARE_REASON = re.compile(
    rf"^\W*(?:{longest_first([str(w) for w in section('reasons').get('cues') or []]) or '(?!)'})(?:\s+so)?\W*$",
    re.IGNORECASE,
)
_SAME_QUESTION = re.compile(
    rf"^\W*(?:{longest_first([str(w) for w in section('references').get('same_question') or []]) or '(?!)'})\s+",
    re.IGNORECASE,
)
_NEW_PHRASE = re.compile(
    r"\s*(?:the|a|an|their|its|his|her|my|your|what|wat|how|which|who|why|where|when)\s+\w", re.IGNORECASE
)
# "whats AutoML whats MLOps", "what is RAG what is RL": a definition's opening typed again after a short term.
_DEFINING = r"(?:what(?:'s|s|\s+is|\s+are)|wat(?:'s|s|\s+is)|define)"
_DEFINED_AGAIN = re.compile(rf"^\W*{_DEFINING}\s+(.+?)\s+(?={_DEFINING}\s+\w)", re.IGNORECASE)
_TERM_WORDS = 4  # words of a term named between two such openings
_NAMED_AGAIN_WORDS = 3  # words a sentence opened by a joiner may name to ask the request before again of them
# "another one:", "next q:": a short label before a colon ([references] message_labels)
_LABEL = re.compile(r"\s*([a-z][a-z0-9'.-]*(?:\s+[a-z0-9'.-]+){0,2})\s*:\s+(?=\w)", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_LIST_COMMAS = 2  # commas of a list of three or more requests
_NOUN_PHRASE_WORDS = 5  # a request named as a noun phrase is short ("the main risks of generative AI")
_DETERMINERS = frozenset({"the", "a", "an", "any", "some"})
_ASKED_OF_TOPIC = frozenset(t for w in section("references").get("asked_of_topic") or [] for t in terms(str(w)))
_LABEL_WORDS = frozenset(str(w).lower() for w in section("references").get("message_labels") or [])
# "...? just the main categories", "list pls": how to answer, no part of its own ([references] presentation_words)
_PRESENTATION = frozenset(str(w).lower() for w in section("references").get("presentation_words") or [])
_RESTATES = re.compile(
    r"\s*(?:please\s+|pls\s+)?(?:list|name|explain|describe|give|show|tell)\b(?:\s+me)?\s+(?:them|it|those|these|that|this)\b",
    re.IGNORECASE,
)


def split_parts(
    message: str,
    is_greeting: Callable[[str], bool] | None = None,
    asks: Callable[[str], str | bool] | None = None,
    figure_only: Callable[[str], str] | None = None,
) -> list[str]:
    """'X and how Y?', 'X? Also Y', 'X; Y' -> their parts; one question stays whole.

    `is_greeting` tells a greeting ("Hi!") from a short statement that is context ("I'm in NYC, ..."); the
    planner passes its small-talk cues (data). `asks` says whether a phrase asks for something on its own;
    without it, a joiner with no question word after it ("..., also the number of offers") never splits.
    `figure_only` takes out of a phrase the words only a figure is asked by (an experience level): "the average
    AI researcher salary and the skills they need" asks the skills of an AI researcher, not of an average one.
    """
    greeting = is_greeting or _is_greeting_only
    parts: list[tuple[str, bool]] = []  # (text, a request by itself though it has no question's form)
    sentences = sentences_of(message)
    for sentence, listed in sentences:
        # "1) the 2025 median 2) ...", "Q1: ...", "first, ...", a line of its own: an item asks, whatever its form.
        marker = ITEM_MARKER.match(sentence)
        sentence = sentence[marker.end() :] if marker else sentence
        labelled = _LABEL.match(sentence) if parts or sentences[0][0] != sentence else None
        if labelled and all(w in _LABEL_WORDS for w in labelled.group(1).lower().split()):
            sentence = sentence[labelled.end() :]  # "X pay. another one: what do they do": the label asks nothing
        # "apart from location what else moves salaries?": what is set aside is neither asked nor searched with
        sentence = _EXCLUDED_BEFORE.sub(r"\1", sentence)
        listed_terms = terms_then_asked(sentence, asks) if asks is not None else []
        clauses = listed_terms or CLAUSE_SPLIT.split(sentence)
        for clause, requested in [(c, True) for c in listed_terms] or _added_requests(clauses, asks, figure_only):
            item = listed or marker is not None
            requested = requested or bool(item and asks is not None and asks(clause) and not is_context(clause))
            # "data scientist mid career pay. also: which industries hire them": a sentence of a few words that
            # asks something by itself is a request, not the context of the sentence after it.
            requested = requested or bool(
                len(sentences) > 1
                and clause.rstrip().endswith(".")
                and len(clause.split()) >= RUN_ON_WORDS
                and asks is not None
                and asks(clause)
                and not is_context(clause)
            )
            # "Also, Y" after X is a part of its own; "And a data scientist?" opening a message is a follow-up
            # of the last turn and keeps its "and" for the slot rules that recognise one.
            joined = bool(parts) and LEADING_JOINER.match(clause) is not None
            clause = (LEADING_JOINER.sub("", clause) if parts else clause).strip(" ,")
            if joined and _named_again(clause, greeting):
                # "explain AutoML. and RAG": the request before asked again of what the joiner adds (it was glued
                # into the part before: "explain AutoML. RAG" found nothing), as "..., what about RAG?" is.
                clause, requested = f"what about {clause.rstrip(' ?.!')}?", True
            # "X pay, same for robotics engineers?": the part before asked again of what follows, as a follow-up
            # turn's "same for ..." is read ([references] same_question) - "what about robotics engineers?".
            clause = _SAME_QUESTION.sub("what about ", clause) if parts else clause
            clause = _one_named(clause, parts[-1][0]) if parts else clause  # "..., and whats a generative one"
            # "which city pays the most and why": a reason asked bare is asked of what the part before says.
            clause = "why is that?" if parts and _BARE_REASON.match(clause) else clause
            if clause:
                parts.append((clause, requested))
    # A fragment of one or two words ("ok" after a question is noise) joins its neighbour, and a statement
    # ("I am an AI engineer with 5 years of experience.") is context for the question that follows it.
    merged: list[str] = []
    pending = ""
    for part, requested in parts:
        if len(parts) > 1 and not is_question(part) and EXCLUSION.match(part):
            continue  # "salary aside, ...": what is set aside is neither asked nor context to search with
        if pending:  # the statement keeps its boundary, so the question after it can be told apart
            part, pending = f"{pending}{'' if pending[-1] in '.!?,;:' else ','} {part}", ""
        # "I'm a junior dev: what's the entry pay ... and what should I learn": a statement and its question is a
        # request (the statement its context), not a statement that is context of the part after it.
        asked = (
            requested
            or is_question(part)
            or (is_context(part) and asked_sentence(part) != part)
            or (len(parts) > 1 and _asks_of_a_topic(part))
        )
        restated = _RESTATES.match(part)
        if merged and restated and len(terms(part[restated.end() :])) <= 1:
            continue  # "which jobs ...? list them pls": the same question again, nothing to add to its search
        if merged and _says_how_to_answer(part):
            continue  # "what areas do the best practices cover? just the headings pls": how, not what
        elif merged and len(part.split()) <= 2 and not asked and not greeting(part):
            merged[-1] = f"{merged[-1]} {part}"
        elif merged and names_the_asked_roles(merged[-1], part):
            merged[-1] = f"{merged[-1].rstrip(' ,;:')}: {part}"  # "Which pays better; DS or ML engineer?": one
        elif not asked and not greeting(part) and not _IMPERATIVE.match(part):
            pending = part
        else:
            merged.append(part)
    if pending and merged and (STATEMENT.match(pending) or DOING.match(pending)):
        # "which frameworks should I learn? I work in Seattle", "... to prod? coming from a devops background": context
        merged[-1] = f"{merged[-1]} {pending}"
    elif pending:
        merged.append(pending)
    if asks is not None:
        merged = asked_of_each(merged, asks)  # "A vs B, and give an example of each": one part per side
    return merged or [message.strip()]


def _says_how_to_answer(part: str) -> bool:
    """'just the main categories', 'headings only pls', 'keep it short': words that shape the answer to the question
    before ([references] presentation_words) and function words, nothing asked of its own."""
    words = re.findall(r"[\w'-]+", part.lower())
    shaping = [w for w in words if w in _PRESENTATION]
    return bool(shaping) and all(w in _PRESENTATION or w in STOPWORDS for w in words)


def _asks_of_a_topic(part: str) -> bool:
    """'unsupervised learning example', 'the risks of AI': a topic and a word asking something of it ([references]
    asked_of_topic) are a request in a noun phrase, not context for the part after it ("... + whats a discriminative
    model"). Not the asker or what they do ("I'm a data analyst"), nor a word asking of nothing ("for example")."""
    opening = part.split()[0].lower() if part.split() else ""
    if len(part.split()) > _NOUN_PHRASE_WORDS or (opening in STOPWORDS and opening not in _DETERMINERS):
        return False  # "it works in the lab but ...", "if i only have a few tagged examples": a clause, not a name
    words = set(terms(part))
    asking = words & _ASKED_OF_TOPIC
    clause = STATEMENT.match(part) or DOING.match(part) or is_hypothetical(part)  # "say someone gets 4 offers"
    return bool(asking) and bool(words - asking) and not clause


def _named_again(clause: str, greeting: Callable[[str], bool]) -> bool:
    """'RAG', 'AI engineers' after a joiner opening a sentence: a few words that name something and neither ask
    (a question of their own), set context ("in Seattle", "I live in Austin") nor greet ("thanks")."""
    words = clause.rstrip(" ?.!").split()
    return (
        0 < len(words) <= _NAMED_AGAIN_WORDS
        and not is_question(clause)
        and not is_context(clause)
        and not greeting(clause)
        and not _BARE_REASON.match(clause)
        and bool(terms(clause))
    )


def _one_named(clause: str, before: str) -> str:
    """'whats a discriminative model oh and whats a generative one' -> '... a generative model': "one" after a
    describing word stands for the thing the part before ends with. Not "the third one" (an item of a list),
    "which one", "this one"."""
    found = _ONE.search(clause)
    noun = re.search(r"([a-z][a-z-]{2,})\W*$", before, re.IGNORECASE)
    if found is None or noun is None or noun.group(1).lower() in STOPWORDS:
        return clause
    if terms(clause[: found.start()]):
        return clause  # "how is a generative model different from a discriminative one": its own noun before it
    if any(w.lower() in _NOT_DESCRIBING for w in found.group(1).split()):
        return clause
    return f"{clause[: found.end(1)]} {noun.group(1)}{clause[found.end() :]}"


def _added_requests(
    clauses: list[str], asks: Callable[[str], str | bool] | None, figure_only: Callable[[str], str] | None = None
) -> list[tuple[str, bool]]:
    """Each clause split again where a joiner adds a request that asks for something on its own; the pieces
    of such a split are requests whatever their form ("the number of offers")."""
    out: list[tuple[str, bool]] = []
    for whole in clauses:
        run_on = _run_on(whole, asks) if asks is not None else None
        if run_on is not None:  # "what do AI engineers earn on average what skills do they need": two questions
            out.append((whole[:run_on], True))
            whole = whole[run_on:].strip()
        dashed = DASH.split(whole, maxsplit=1)
        if len(dashed) > 1 and asks is not None and asks(dashed[0]) and not is_context(dashed[0]):
            # "entry X salary and the Seattle X figure - why ...?": what asks before the dash may be two requests.
            out.extend((piece, True) for piece, _ in _requests_of(dashed[0], True, asks, figure_only))
            whole = dashed[1]
        out.extend(_requests_of(whole, len(clauses) > 1, asks, figure_only))
    return out


def _run_on(clause: str, asks: Callable[[str], str | bool]) -> int | None:
    """Where a second question starts in a clause typed with no mark between two ("X on average what skills do
    they need"): after at least three words that ask something by themselves and are no context; or where a
    definition's opening comes again after a short term ("whats AutoML whats MLOps")."""
    for found in RUN_ON.finditer(clause):
        first = clause[: found.start()]
        if ENDS_JOINED.search(first):
            continue  # "X salary - then how do ...": a joiner's split (DASH, CLAUSE_SPLIT) takes it
        if len(first.split()) >= RUN_ON_WORDS and asks(first) and not is_context(first):
            return found.start()
    again = _DEFINED_AGAIN.match(clause)
    if again is not None and len(again.group(1).split()) <= _TERM_WORDS:
        last = again.group(1).split()[-1].lower()
        if last not in STOPWORDS and last not in PREPOSITIONS and terms(again.group(1)):
            return again.end()
    return None


def _requests_of(
    clause: str, among: bool, asks: Callable[[str], str | bool] | None, figure_only: Callable[[str], str] | None
) -> list[tuple[str, bool]]:
    """One clause's requests (see _added_requests); `among`: the clause is one of several of its sentence."""
    # "for an AI engineer: responsibilities, entry pay, late career pay, career path": a list of three or more is
    # read as a list before two of its items are read as words sharing the rest of the clause.
    long_list = asks is not None and clause.count(",") >= _LIST_COMMAS
    listed_first = listed_requests(clause, asks) if long_list and asks is not None else []
    if listed_first:
        return [(p, True) for p in listed_first]
    shared = shared_requests(clause, asks, figure_only) if asks is not None else []
    if shared:
        return [(p, True) for p in shared]
    topics = defined_topics(clause, asks) if asks is not None else []
    if topics:
        return [(p, True) for p in topics]
    listed = listed_requests(clause, asks) if asks is not None else []
    listed = listed or (places_listed(clause, asks) if asks is not None else [])
    if listed:
        return [(p, True) for p in listed]
    pieces = ADDED_REQUEST.split(clause) if asks is not None else [clause]
    if len(pieces) == 1 and asks is not None:
        halves = AND_THE.split(clause)
        pieces = halves if len(halves) > 1 and joins_requests(clause, halves, asks) else pieces
    if len(pieces) == 1 and asks is not None:
        pieces = _figures_joined(clause, asks) or pieces
    if len(pieces) == 1 and asks is not None:
        # "what's a discriminative model, and 2024 vs 2025 total offers": each side of ", and" asks by itself
        halves = COMMA_AND.split(clause)
        if len(halves) == 2 and all(asks(h) and not is_context(h) for h in halves):
            pieces = halves
    # The first piece asks something and each later one names something: "..., plus the weather in Paris"
    # is a part the sources may not cover, and says so.
    later = pieces[1:]
    if len(pieces) > 1 and asks(pieces[0]) and all(asks(p) or _NEW_PHRASE.match(p) for p in later):  # type: ignore[misc]
        return [(p, True) for p in pieces]
    # "ML eng salary, and what do they need?": a request without a question's form stands alone, where a
    # statement ("I'm a data analyst") or a leading phrase ("In 2024,") is context for what follows.
    alone = asks is not None and among and bool(asks(clause)) and not is_context(clause)
    return [(clause, alone)]


def _figures_joined(clause: str, asks: Callable[[str], str | bool]) -> list[str]:
    """'2024 median and 2025 proposals', 'data scientist entry pay and ML engineer late career pay': two figure
    requests joined by a bare 'and', each of two words or more asking the statistics by itself (a figure's tool
    answers one of them: the second was dropped, or crossed with the first's role). Not roles or levels alone
    ("data scientists and ML engineers", "entry and late career"), nor two things set side by side. The first a
    noun phrase: in a question the 'and' as often joins the things it asks of ("what do google, apple and meta
    offer?", "how much can bonuses and stock add?")."""
    halves = BARE_AND.split(clause)
    if len(halves) != 2 or is_question(halves[0]) or "," in halves[0]:
        return []  # "offers, median and proposals in 2024": the 'and' closes a list the figure tool reads whole
    if _YEAR.search(halves[1]) and not _YEAR.search(halves[0]):
        return []  # "total offers and median salary in 2025": the year closing the clause is both figures' year
    # (a follow-up's opening "and" is no word of its first request: "and bonuses and stock on top of that?" is one)
    worded = all(len(LEADING_JOINER.sub("", h).split()) >= 2 for h in halves)
    if not (worded and all(asks(h) == "statistics" and not is_context(h) for h in halves)):
        return []
    return halves if joins_requests(clause, halves, asks) else []


def _is_greeting_only(text: str) -> bool:
    """'Thanks!', 'hi there': a short fragment that is not a phrase of the question ('In 2024, ...')."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return len(words) <= 3 and not any(w.isdigit() for w in words) and words[:1] != [] and words[0] not in PREPOSITIONS
