"""Splitting a message into its parts ("X and how Y?", "X? Also Y", "X, what Z?"), and telling a part with
no topic of its own ("what do they do?") from one that names what it asks about."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.phrase_match import longest_first
from assistant.question_kinds import generic_form
from assistant.text_terms import STOPWORDS, terms
from assistant.vocabulary_words import section

TOPICLESS_WORDS = 1  # a part with this few content words goes on with the topic before it

# "X and how ...?", "X? Also Y", "X; Y": a new part starts where a new question starts.
_QUESTION_WORDS = (
    r"what|what's|whats|wat|wats|which|how|why|who|where|when|is|are|do|does|did|can|could|should|would|will|"
    r"tell|explain|describe|list|give|name|compare"
)
# "X pay along with the duties", "... as well as how Y" (and as typed: "aswell as", "w/")
_WITH_JOINERS = r"as well as|aswell as|along with|together with|w/"
# "I'm a junior dev. what do entry level DS earn ...": a lower-case question word after a full stop starts anew.
_SENTENCE_SPLIT = re.compile(
    r"(?<=[?!])\s+|(?<=[.])\s+(?=[A-Z])|(?<=\w\w[.])\s+(?=(?:what|what's|whats|which|how|why|who|where|when)\s)"
    # "X pay. also: which industries ...", "X pay. and what do they do": a joiner after a full stop starts anew
    r"|(?<=\w\w[.])\s+(?=(?:also|and|plus|btw|oh|ps|p\.s\.)\W)"
)
_CLAUSE_SPLIT = re.compile(
    rf",?\s+(?:and|n|'n'|also|plus|but|\+|&|{_WITH_JOINERS})\s+(?:also\s+|then\s+)?(?=(?:{_QUESTION_WORDS})\b)"
    r"|\s*;\s*"  # "X salary; how do they move up?": a clause each side, the first a request if it asks by itself
    rf"|,\s*then\s+(?=(?:{_QUESTION_WORDS})\b)"  # "explain X, then tell me Y"
    r"|,\s+(?:(?:btw|by the way|oh|also)\W*\s+(?:and\s+)?)?(?=(?:what|what's|whats|which|how|why|where|when|who)\s)"
    # "X range btw how do I ...", "X oh and what's Y", "P.S. what is Z": an aside's marker before a question
    rf"|\s+(?:btw|by the way|oh and|oh also|oh|p\.?s\.?)\W*\s+(?=(?:{_QUESTION_WORDS})\b)"
    # "X, what degree ..., and Y?", "X, btw what's a GAN?"
    r"|,?\s+and\s+(?=(?:in|for|at|what about|how about)\s)"  # "in Seattle and in Boston": a second place
    # "whats the avg X salary, is that good": a yes/no question about what the clause before asked.
    r"|,\s+(?=(?:is|are|was|were|does|do|did)\s+(?:that|it|this|those|these)\b)",
    re.IGNORECASE,
)
_IMPERATIVE = re.compile(
    r"\s*(?:please\s+)?(?:tell|explain|describe|list|give|name|compare|show|define|summari[sz]e|help)\b", re.IGNORECASE
)
# fmt: off
_PREPOSITIONS = frozenset([
    "in", "for", "at", "on", "during", "from", "as", "with", "by", "since", "after", "before", "among", "amongst",
    "between", "across", "within", "of", "about", "regarding", "considering", "given", "if", "when", "while",
    "unlike", "compared", "besides", "under", "over", "per", "according",
])
# fmt: on
_LEADING_JOINER = re.compile(r"^\s*(?:also|and|plus|oh and|btw|by the way)\b[,:]?\s*", re.IGNORECASE)
# "X, also the number of offers", "the salary plus the skills needed": a joiner that adds a second request with
# no question word of its own. Taken as a split only when both sides ask for something (`asks`).
# "X pay — what do they do though?": a dash before a question, a split only when what stands before it asks
# something by itself ("rules engines vs ML models - whats the difference" names the topic the question is about).
# A spaced slash ("X pay / how to move up") and a bare "then" ("give me X then tell me Y") join the same way; an
# unspaced slash is a word's ("AI/ML"), and "then" after a condition ("if ... then what?") is context (_is_context).
_DASH = re.compile(rf"\s+(?:(?:[—–]|--?|/)\s*(?:then\s+)?|then\s+)(?=(?:{_QUESTION_WORDS})\b)", re.IGNORECASE)
# A second question typed straight after a first with no mark between ("... on average what skills do they need"):
# a question word and its auxiliary verb after at least three words that ask something by themselves.
# Its auxiliary before its subject ("what skills do they need", "how is it calculated"), which a question inside a
# sentence lacks ("tell the model which pics are dogs", "decide what to do").
_RUN_ON = re.compile(
    r"(?<=\w)\s+(?=(?:what|which|how|why|where|who)\s+(?:(?!to\b)[\w'-]+\s+){0,2}?"
    r"(?:(?:do|does|did|can|could|should|would|will)\s+\w"
    r"|(?:is|are|was|were)\s+(?:it|they|that|this|those|these|he|she|i|you|we)\b))",
    re.IGNORECASE,
)
_ENDS_JOINED = re.compile(r"(?:[-—–/+&,;:(]|\b(?:then|and|plus|also|btw|oh|or|but|n))\s*$", re.IGNORECASE)
_RUN_ON_WORDS = 3  # words a first question needs before a second one typed straight after it
_ADDED_REQUEST = re.compile(
    r",\s*(?:and\s+)?(?:also|plus)\s+(?!known\b|called\b)|\s+(?:and|plus)\s+also\s+"
    rf"|\s+(?:plus|\+|&|{_WITH_JOINERS})\s+(?=(?:the|a|an|their|its|his|her|what|how)\s)"
    r"|\s+[+&]\s+",  # "2024 median + 2024 proposals": a sign between two requests (each must ask: _requests_of)
    re.IGNORECASE,
)
# "the median in 2025 and the number of proposals": 'and' before a determiner joins two requests when each asks.
_AND_THE = re.compile(r"\s+and\s+(?=(?:the|their|its|his|her)\s)", re.IGNORECASE)
# "the duties and the salary of a data scientist", "skills and pay for robotics engineers": two words joined that
# ask different things (the documents, the statistics) share the rest of the clause.
# ... "robotics engineer: entry pay, and skills needed" too.
_CONJUNCTS = re.compile(
    r"\b([a-z][\w-]*)(\s*(?:,\s*and|,|and|&|\+)\s*(?:(?:the|their|its|also)\s+)?)([a-z][\w-]*)\b", re.I
)
# "AI researcher avg pay & career path?": the second of the two joined is a two-word term ending the clause.
_LAST_CONJUNCTS = re.compile(
    r"\b([a-z][\w-]*)(\s*(?:,\s*and|,|and|&|\+)\s*(?:(?:the|their|its|also)\s+)?)([a-z][\w-]*\s+[a-z][\w-]*)(?=\W*$)",
    re.I,
)
# A definition asked of several terms at once (_defined_topics).
_DEFINES = re.compile(
    r"\s*(?:(?:please\s+|pls\s+)?(?:explain|define|describe)|what\s+(?:is|are)|what's|whats|wat\s+is|wats)\s+",
    re.IGNORECASE,
)
_TERM_JOINER = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&|plus|as well as|along with)\s+", re.IGNORECASE)
_TERM_WORDS = 4
_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z]s?")  # "RL", "GANs", "AutoML"
_NOT_A_TERM = frozenset(
    {
        "the",
        "a",
        "an",
        "their",
        "its",
        "his",
        "her",
        "my",
        "your",
        "our",
        "of",
        "for",
        "in",
        "at",
        "on",
        "to",
        "with",
        "by",
        "from",
        "about",
        "they",
        "them",
        "it",
        "this",
        "that",
        "these",
        "those",
        "i",
        "you",
        "we",
        "do",
        "does",
        "is",
        "are",
        "how",
        "what",
        "why",
        "which",
        "who",
        "where",
        "when",
        "vs",
        "or",
    }
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
# Terms listed, then one question of them all: "A, B and C - what are they", "A; B - explain each".
_TERMS_THEN_ASKED = re.compile(
    r"^\s*(.+?)\s*(?:[-—–:,]+\s*)?(?:so\s+|pls\s+|please\s+)?(?:what\s+are\s+(?:they|these|those|them)"
    r"|(?:explain|define|describe)\s+(?:each|them|these|those|all|both|each of them|all of them|them all)"
    r"|what\s+(?:do|does)\s+(?:they|these|each)\s+mean|what\s+is\s+each(?:\s+one)?)\W*$",
    re.IGNORECASE,
)
_BARE_REASON = re.compile(
    rf"^\W*(?:{longest_first([str(w) for w in section('reasons').get('cues') or []]) or '(?!)'})(?:\s+so)?\W*$",
    re.IGNORECASE,
)
_SAME_QUESTION = re.compile(
    rf"^\W*(?:{longest_first([str(w) for w in section('references').get('same_question') or []]) or '(?!)'})\s+",
    re.IGNORECASE,
)
_COMPARED = re.compile(r"\b(?:between|differen\w*|compare\w*|vs\.?|versus)\b", re.IGNORECASE)
# "how do the salary and the experience relate?": 'and' joins two subjects of one question.
_RELATED = re.compile(r"\b(?:relat\w*|correlat\w*|connect\w*|together|both)\b", re.IGNORECASE)
_POINTS_BACK = re.compile(r"\b(?:it|its|them|this|that|those)\b", re.IGNORECASE)  # "... and the reasons for it"
_OWN_REQUEST_WORDS = 2  # content words a phrase after "and the" needs to be a request of its own
_NEW_PHRASE = re.compile(
    r"\s*(?:the|a|an|their|its|his|her|my|your|what|wat|how|which|who|why|where|when)\s+\w", re.IGNORECASE
)
# "salary aside, ...", "apart from pay, ...", "other than Python, ...": what is set aside is context, not asked.
_EXCLUSION = re.compile(
    r"(?:.*\b(?:aside|apart)\W*$|\s*(?:apart from|aside from|other than|except(?: for)?|excluding|ignoring|never mind"
    r"|not counting|leaving out|besides|forget(?: about)?)\b)",
    re.IGNORECASE,
)
_ASKED_BOUNDARY = re.compile(rf"(?<=[.!?])\s+|,\s+(?=(?:{_QUESTION_WORDS})\b)", re.IGNORECASE)
_RESTATES = re.compile(
    r"\s*(?:please\s+|pls\s+)?(?:list|name|explain|describe|give|show|tell)\b(?:\s+me)?\s+(?:them|it|those|these|that|this)\b",
    re.IGNORECASE,
)
_SOURCE_REFERENCE = re.compile(
    r"^(\W*(?:what|how|where)\s+(?:does|do|did)|\W*according to)\s+(?:the|your|this|that)\s+[^?]*?\s*"
    r"((?:say|says|said|write|writes|mention|mentions|tell us)\s+(?:about|on|regarding)\b|,)",
    re.IGNORECASE,
)
_TRAILING_STATEMENT = re.compile(
    r"[,;.!?]\s*(?:btw\s+|fyi\s+)?(?:i'm|i am|im|i've|i have|i work|i live|my|[a-z]{3,}ing\s+(?:over\s+)?from)\b[^?]*$",
    re.IGNORECASE,
)
# A topic named first and asked after: a few words, then "whats the difference", "how does it work", "why".
_TOPIC_FIRST = re.compile(
    r"\s*(?:[\w'/.+#-]+\s+){1,5}?(?:what's|whats|what\s+is|what\s+are|how\s+(?:does|do|is|are|to)|why)\s+\w",
    re.IGNORECASE,
)
_WH_LATER = re.compile(r"\s(?:what|what's|whats|which|how|why|where|when|who)\s", re.IGNORECASE)
# A numbered list's item marker ("1)", "2.", "(3)", "Q1:"), or an ordinal opening ("first,", "secondly:").
_MARKER = (
    r"(?:\d{1,2}[.)]|\(\d{1,2}\)|q\d{1,2}[:.)]|q\d{1,2}(?=\s)|[a-f]\)|\([a-f]\)"
    r"|(?:first|second|third|fourth|last|final)(?:ly)?\s*[,:])"
)
# "what do AI researchers earn (and do they need a phd?)": a parenthesised aside that asks (opens with a question word,
# after a joiner, or ends with "?"); "(e.g. Python)", "(MLOps)" or "(I'm new to this)" stay in their sentence.
_PAREN_QUESTION = re.compile(
    rf"^([^()\n]*\w[^()\n]*?)\s*\(\s*((?:(?:and|also|plus|but|or|n)\s+)?(?:{_QUESTION_WORDS})\b[^()\n]*"
    rf"|[^()\n]*\?)\s*\)([^()\n]*)$",
    re.IGNORECASE | re.MULTILINE,
)
_ITEM_MARKER = re.compile(rf"\s*{_MARKER}\s*", re.IGNORECASE)
_ITEM_START = re.compile(rf"\s+(?={_MARKER}\s*[A-Za-z])", re.IGNORECASE)
_LINE_START = re.compile(rf"(?:[A-Z0-9(\-*•]|(?i:{_QUESTION_WORDS})\b)")  # a line that starts anew
_HYPOTHETICAL = re.compile(r"\s*(?:if|suppose|supposing|say|imagine|assuming|what if|let's say)\s+\w", re.IGNORECASE)
_STATEMENT = re.compile(r"^\s*(?:i|i'm|im|i've|my|we|we're|our)\b", re.IGNORECASE)
# "thinking about AI researcher positions, ...", "looking into ML roles, ...": a participle opening the message says
# what the asker is doing, the context of the question after it (as "I'm thinking about ..." would).
_DOING = re.compile(
    r"^\s*(?:just\s+|currently\s+|still\s+|been\s+)?[a-z]{3,}ing\s+(?:over\s+)?(?:about|at|into|for|to|from|as|on|towards?|with)\b",
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
    sentences = _sentences(message)
    for sentence, listed in sentences:
        # "1) the 2025 median 2) ...", "Q1: ...", "first, ...", a line of its own: an item asks, whatever its form.
        marker = _ITEM_MARKER.match(sentence)
        sentence = sentence[marker.end() :] if marker else sentence
        listed_terms = _terms_then_asked(sentence, asks) if asks is not None else []
        clauses = listed_terms or _CLAUSE_SPLIT.split(sentence)
        for clause, requested in [(c, True) for c in listed_terms] or _added_requests(clauses, asks, figure_only):
            item = listed or marker is not None
            requested = requested or bool(item and asks is not None and asks(clause) and not _is_context(clause))
            # "data scientist mid career pay. also: which industries hire them": a sentence of a few words that
            # asks something by itself is a request, not the context of the sentence after it.
            requested = requested or bool(
                len(sentences) > 1
                and clause.rstrip().endswith(".")
                and len(clause.split()) >= _RUN_ON_WORDS
                and asks is not None
                and asks(clause)
                and not _is_context(clause)
            )
            # "Also, Y" after X is a part of its own; "And a data scientist?" opening a message is a follow-up
            # of the last turn and keeps its "and" for the slot rules that recognise one.
            clause = (_LEADING_JOINER.sub("", clause) if parts else clause).strip(" ,")
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
        if len(parts) > 1 and not _is_question(part) and _EXCLUSION.match(part):
            continue  # "salary aside, ...": what is set aside is neither asked nor context to search with
        if pending:  # the statement keeps its boundary, so the question after it can be told apart
            part, pending = f"{pending}{'' if pending[-1] in '.!?,;:' else ','} {part}", ""
        asked = requested or _is_question(part)
        restated = _RESTATES.match(part)
        if merged and restated and len(terms(part[restated.end() :])) <= 1:
            continue  # "which jobs ...? list them pls": the same question again, nothing to add to its search
        elif merged and len(part.split()) <= 2 and not asked and not greeting(part):
            merged[-1] = f"{merged[-1]} {part}"
        elif merged and _names_the_asked_roles(merged[-1], part):
            merged[-1] = f"{merged[-1].rstrip(' ,;:')}: {part}"  # "Which pays better; DS or ML engineer?": one
        elif not asked and not greeting(part) and not _IMPERATIVE.match(part):
            pending = part
        else:
            merged.append(part)
    if pending and merged and (_STATEMENT.match(pending) or _DOING.match(pending)):
        # "which frameworks should I learn? I work in Seattle", "... to prod? coming from a devops background": context
        merged[-1] = f"{merged[-1]} {pending}"
    elif pending:
        merged.append(pending)
    return merged or [message.strip()]


def _sentences(message: str) -> list[tuple[str, bool]]:
    """The message's sentences: after '?', '!', '. X', on each line ("what is X\nwhat skills do they need"), and
    at each item of a numbered list ("1) ... 2) ...", "Q1: ... Q2: ...") when it has two or more; with whether the
    sentence is such a line or item (a request, whatever its form, when it asks something). A question inside
    parentheses ("X salary (and how high does it get later?)") is a sentence of its own after the one around it."""
    message = _PAREN_QUESTION.sub(_paren_sentence, message)
    lines: list[str] = []
    for line in (raw.strip() for raw in message.strip().splitlines()):
        if lines and line and not _LINE_START.match(line) and lines[-1][-1:] not in ".?!:;":
            lines[-1] = f"{lines[-1]} {line}"  # "what does an ML engineer\nearn in Seattle?": one sentence wrapped
        elif line:
            lines.append(line)
    listed = len(_ITEM_START.findall(message)) + bool(_ITEM_MARKER.match(message.strip())) >= 2
    pieces: list[tuple[str, bool]] = []
    for line in lines:
        for sentence in (p for p in _SENTENCE_SPLIT.split(line) if p.strip()):
            items = [q for q in _ITEM_START.split(sentence) if q.strip()] if listed else [sentence]
            pieces.extend((item, listed or len(lines) > 1) for item in items)
    return pieces or [(message.strip(), False)]


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


def _terms_then_asked(sentence: str, asks: Callable[[str], str | bool]) -> list[str]:
    """'VAEs, diffusion models and GPT - what are they', 'deep learning; backprop; forward propagation - explain
    each': terms listed first, then one question of each -> one definition part per term. The closing question
    says the terms are several, so a one-word term counts here ("backpropagation")."""
    found = _TERMS_THEN_ASKED.match(sentence)
    if found is None:
        return []
    listed = [t.strip() for t in re.split(r"\s*;\s*|\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", found.group(1))]
    if len(listed) < 2 or not all(_bare_term(t, asks, 1) for t in listed):
        return []
    return [f"what is {t}" for t in listed]


def _bare_term(term: str, asks: Callable[[str], str | bool], fewest_words: int) -> bool:
    """A term named bare: a few words, no article, preposition or pronoun (which share a phrase), at least
    `fewest_words` words unless an acronym, and asking nothing of the figures or a role's sections by itself."""
    words = term.split()
    if not 1 <= len(words) <= _TERM_WORDS or any(w.lower() in _NOT_A_TERM for w in words):
        return False
    if len(words) < fewest_words and not _ACRONYM.fullmatch(term):
        return False
    return not asks(term) and bool(terms(term))


def _paren_sentence(found: re.Match[str]) -> str:
    """'X (and do they need a phd?) Y' -> 'X Y\nand do they need a phd?': the aside asked after the sentence."""
    sentence = " ".join(p for p in (found.group(1).strip(), found.group(3).strip()) if p)
    asked = found.group(2).strip()
    end, asked_end = ("" if t[-1:] in ".?!" else "?" for t in (sentence, asked))
    return f"{sentence}{end}\n{asked}{asked_end}"


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
        dashed = _DASH.split(whole, maxsplit=1)
        if len(dashed) > 1 and asks is not None and asks(dashed[0]) and not _is_context(dashed[0]):
            # "entry X salary and the Seattle X figure - why ...?": what asks before the dash may be two requests.
            out.extend((piece, True) for piece, _ in _requests_of(dashed[0], True, asks, figure_only))
            whole = dashed[1]
        out.extend(_requests_of(whole, len(clauses) > 1, asks, figure_only))
    return out


def _run_on(clause: str, asks: Callable[[str], str | bool]) -> int | None:
    """Where a second question starts in a clause typed with no mark between two ("X on average what skills do
    they need"): after at least three words that ask something by themselves and are no context."""
    for found in _RUN_ON.finditer(clause):
        first = clause[: found.start()]
        if _ENDS_JOINED.search(first):
            continue  # "X salary - then how do ...": a joiner's split (_DASH, _CLAUSE_SPLIT) takes it
        if len(first.split()) >= _RUN_ON_WORDS and asks(first) and not _is_context(first):
            return found.start()
    return None


def _requests_of(
    clause: str, among: bool, asks: Callable[[str], str | bool] | None, figure_only: Callable[[str], str] | None
) -> list[tuple[str, bool]]:
    """One clause's requests (see _added_requests); `among`: the clause is one of several of its sentence."""
    shared = _shared_requests(clause, asks, figure_only) if asks is not None else []
    if shared:
        return [(p, True) for p in shared]
    topics = _defined_topics(clause, asks) if asks is not None else []
    if topics:
        return [(p, True) for p in topics]
    listed = _listed_requests(clause, asks) if asks is not None else []
    if listed:
        return [(p, True) for p in listed]
    pieces = _ADDED_REQUEST.split(clause) if asks is not None else [clause]
    if len(pieces) == 1 and asks is not None:
        halves = _AND_THE.split(clause)
        pieces = halves if len(halves) > 1 and _joins_requests(clause, halves, asks) else pieces
    # The first piece asks something and each later one names something: "..., plus the weather in Paris"
    # is a part the sources may not cover, and says so.
    later = pieces[1:]
    if len(pieces) > 1 and asks(pieces[0]) and all(asks(p) or _NEW_PHRASE.match(p) for p in later):  # type: ignore[misc]
        return [(p, True) for p in pieces]
    # "ML eng salary, and what do they need?": a request without a question's form stands alone, where a
    # statement ("I'm a data analyst") or a leading phrase ("In 2024,") is context for what follows.
    alone = asks is not None and among and bool(asks(clause)) and not _is_context(clause)
    return [(clause, alone)]


def _defined_topics(clause: str, asks: Callable[[str], str | bool]) -> list[str]:
    """'what is supervised learning, unsupervised learning and reinforcement learning' -> one definition asked of
    each term: terms of two or more words (or acronyms: "RAG & RL"), bare (no article, preposition or pronoun,
    which share a phrase: "the skills and the duties of X"), that ask nothing of the figures or the roles' sections
    by themselves. "supervised and unsupervised learning" (a word sharing its noun) and "data preparation and
    analysis" (a one-word term: a heading's two halves) stay one question."""
    opening = _DEFINES.match(clause)
    if opening is None:
        return []
    rest = clause[opening.end() :].rstrip(" ?.!")
    if _COMPARED.search(rest) or _RELATED.search(rest) or _POINTS_BACK.search(rest):
        return []
    terms_asked = [t.strip() for t in _TERM_JOINER.split(rest)]
    if len(terms_asked) < 2:
        return []
    if not all(_bare_term(term, asks, 2) for term in terms_asked):
        return []
    return [f"{clause[: opening.end()]}{term}" for term in terms_asked]


def _listed_requests(clause: str, asks: Callable[[str], str | bool]) -> list[str]:
    """'robotics engineer: avg salary, entry salary, experienced salary' -> three requests: a comma list whose every
    item (two words or more) asks something by itself. Not "in 2024, what was ...": an item that is context."""
    items = [i.strip() for i in re.split(r"\s*,\s*(?:and\s+)?", clause)]
    if len(items) < 2 or not all(items):
        return []
    last = [i.strip() for i in re.split(r"\s+(?:and|&)\s+", items[-1], maxsplit=1)]
    if len(last) == 2 and all(len(i.split()) >= 2 and asks(i) for i in last):
        items[-1:] = last  # "entry pay, mid career pay and experienced pay"
    for item in items:
        if len(item.split()) < 2 or _is_context(item) or not asks(item):
            return []
        if re.match(rf"\W*(?:{_QUESTION_WORDS})\b", item, re.IGNORECASE):
            return []  # "what do ML engineers, who usually start around $105k, earn ...": clauses, not a list
    # "entry level, mid career, and late career AI engineer salary": the role and what is asked of it close the
    # list and are every item's ("entry level AI engineer salary", ...), where "robotics engineer: avg salary,
    # entry salary" names the role first (the items after it take it from the part before).
    if "this job" not in generic_form(items[0]) and any("this job" in generic_form(i) for i in items[1:]):
        size = len(items[0].split())
        if any(len(i.split()) != size for i in items[:-1]) or len(items[-1].split()) <= size:
            return []
        tail = " ".join(items[-1].split()[size:])
        if not generic_form(tail).startswith("this job"):
            return []  # "early career, experienced salary for data scientists": what is shared is unclear
        items = [*(f"{i} {tail}" for i in items[:-1]), items[-1]]
    return items


def _joins_requests(clause: str, halves: list[str], asks: Callable[[str], str | bool]) -> bool:
    """'the median in 2025 and the number of proposals': each half asks. 'the median in 2024 and the capital of
    Australia': the first asks and the second names a thing of its own (a part the sources may not cover, and
    say so). Not when the clause sets them side by side ("the gap between the median and the average")."""
    if _COMPARED.search(clause) or _RELATED.search(clause):
        return False
    if not asks(halves[0]):
        return False
    if all(asks(h) for h in halves[1:]):
        return True
    return all(len(set(terms(h))) >= _OWN_REQUEST_WORDS or _POINTS_BACK.search(h) for h in halves[1:])


def _shared_requests(
    clause: str, asks: Callable[[str], str | bool], figure_only: Callable[[str], str] | None = None
) -> list[str]:
    """'Tell me the duties and the salary of a data scientist' -> the duties of ..., the salary of ...: each word
    joined asks a different thing (one the documents, the other the statistics), the rest is shared."""
    for match in [*_CONJUNCTS.finditer(clause), *_LAST_CONJUNCTS.finditer(clause)]:
        first, second = asks(match.group(1)), asks(match.group(3))
        # "the difference between pay and skills" sets the two side by side; "DS vs MLE: pay and duties" asks
        # both of the two roles compared (a comparison before a colon or comma is not about the two words).
        lead = re.split(r"[:,;]|\s(?:[—–]|--?)\s", clause[: match.start()])[-1]  # "X vs Y - pay and path?" too
        if not first or not second or first == second or _COMPARED.search(lead):
            continue
        before, after = clause[: match.start()], clause[match.end() :]
        own, shared = _own_tail(after)
        # The words only a figure asks by go with the figure's word: "entry level AI engineer pay and skills".
        lead = [figure_only(before) if figure_only and asked == "documents" else before for asked in (first, second)]
        return [f"{lead[0]}{match.group(1)}{shared}", f"{lead[1]}{match.group(3)}{own}{shared}"]
    return []


def _own_tail(after: str) -> tuple[str, str]:
    """What follows the second of two joined words: the words up to a preposition are its own ("the salary and
    the skills they need", "pay and education needed", "pay and promotion path for AI engineers"), the phrase
    from the preposition on is shared ("the duties and the salary of a data scientist")."""
    for word in re.finditer(r"\s*([\w'-]+)", after):
        if word.group(1).lower() in _PREPOSITIONS:
            return after[: word.start()], after[word.start() :]
    trailing = re.search(r"\W*$", after)
    end = trailing.start() if trailing else len(after)
    return after[:end], after[end:]


def _is_context(text: str) -> bool:
    """'I'm a data analyst', 'For ML engineers', 'salary aside', 'say someone gets 4 offers': what the question is
    asked in."""
    words = text.split()
    if _STATEMENT.match(text) or _DOING.match(text) or _EXCLUSION.match(text) or is_hypothetical(text):
        return True
    # "in 2024 what was the median, and ...": a question after its leading phrase is asked, not context.
    return bool(words) and words[0].lower() in _PREPOSITIONS and _WH_LATER.search(text) is None


def without_source(text: str) -> str:
    """'What does the 2025 salary page say about deep learning?' asks about deep learning: the source named (its
    year, its 'salary') is not what is asked, so it is left out of what the question is understood to ask."""
    return _SOURCE_REFERENCE.sub(
        lambda m: f"{m.group(1)} the source{'' if m.group(2) == ',' else ' '}{m.group(2)}", text
    )


def without_trailing_statement(text: str) -> str:
    """'tell me about AI ethics, I'm a senior data scientist' -> 'tell me about AI ethics': who asks is context
    (the planner keeps its entities), not words to search for."""
    stripped = _TRAILING_STATEMENT.sub("", text).strip()
    return stripped if terms(stripped) else text


def is_hypothetical(text: str) -> bool:
    """'If a developer gets 10 offers, ...', 'say someone ...': a worked case the question is about."""
    return _HYPOTHETICAL.match(text) is not None


def asked_sentence(text: str) -> str:
    """The question of a part that opens with a statement ("I live in Seattle. is AI a good career?", "I have
    3 years of experience, what should I learn next?")."""
    pieces = [s for s in _ASKED_BOUNDARY.split(text.strip()) if s]
    # "ML engineer or data scientist, which one deploys models?": the roles named before are what it asks of.
    topic = len(pieces) > 1 and all(names_only(p) for p in pieces[:-1])
    return pieces[-1] if len(pieces) > 1 and _is_question(pieces[-1]) and not topic else text


def with_statement_topic(text: str, question: str) -> str:
    """The question after a statement, with the statement added when the question only points back to it: in
    "I keep hearing about MLOps in job ads, what is it exactly?" the "it" is the statement's topic."""
    statement = text[: len(text) - len(question)].strip(" ,.;:-")
    if question == text or not statement or not topicless(question) or not _POINTS_BACK.search(question):
        return question
    return f"{question} ({statement})"


def _is_question(text: str) -> bool:
    """Ends with "?" or opens with a question word, after a joiner ("and what do they need to know, ..."), or
    names its topic first and asks after it ("AI vs ML whats the difference", "overfitting - how to avoid it")."""
    opening = _LEADING_JOINER.sub("", text)
    if text.rstrip().endswith("?") or re.match(rf"(?:{_QUESTION_WORDS})\b", opening, re.IGNORECASE) is not None:
        return True
    return _TOPIC_FIRST.match(opening) is not None and not _is_context(opening)


def _is_greeting_only(text: str) -> bool:
    """'Thanks!', 'hi there': a short fragment that is not a phrase of the question ('In 2024, ...')."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return len(words) <= 3 and not any(w.isdigit() for w in words) and words[:1] != [] and words[0] not in _PREPOSITIONS


def topicless(text: str) -> bool:
    """At most a couple of content words: 'how can it be avoided?', 'what do they do?'."""
    return len(set(terms(text))) <= TOPICLESS_WORDS  # distinct content words, as retrieval sees them ("day to day")


def _names_the_asked_roles(question: str, part: str) -> bool:
    """'Which pays better; data scientist or ML engineer?': roles named after a question that names none are whom
    it asks about, not a part of their own. A place named after it ("...? and in Boston?") asks again there."""
    masked = generic_form(part)
    if re.match(rf"\W*(?:{_QUESTION_WORDS})\b", part, re.IGNORECASE):  # "what does a data scientist do?" asks
        return False
    return names_only(part) and "this city" not in masked and "this job" not in generic_form(question)


def names_only(text: str) -> bool:
    """'data scientists', 'ML engineers in Seattle': a role or a place and nothing asked of it (no figure named,
    no word of its own): the topic of the question that follows it, not a request."""
    masked = generic_form(text)
    if "this figure" in masked or not re.search(r"\bthis (?:job|city)\b", masked):
        return False
    rest = re.sub(r"\b(?:this job|this city|that year)\b", " ", masked)
    return not [w for w in re.findall(r"[a-z']+", rest) if w not in STOPWORDS and w not in _SIDE_BY_SIDE]


_SIDE_BY_SIDE = frozenset({"vs", "versus", "or", "and", "v"})  # "ML engineer vs data scientist": still names only
