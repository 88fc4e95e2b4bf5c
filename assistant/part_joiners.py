"""The marks a message is cut into parts at: sentence ends and lines, a numbered list's items, a question in
parentheses, and the joiners typed between two requests ("X and how Y?", "X; Y", "X - why?", "X btw what's Y",
"X, also the number of offers", a second question run on with no mark at all)."""

from __future__ import annotations

import re

from assistant.phrase_match import longest_first
from assistant.vocabulary_words import section

# "X and how ...?", "X? Also Y", "X; Y": a new part starts where a new question starts.
QUESTION_WORDS = (
    r"what|what's|whats|wat|wats|which|how|why|who|where|when|is|are|do|does|did|can|could|should|would|will|"
    r"tell|explain|describe|list|give|name|compare"
)
# "name the tools and say what the median was", "..., then show me ...": a verb that asks only with what follows it
# (a question word, "me"), so "say I have a PhD, ..." stays a hypothetical's context (not in QUESTION_WORDS).
_ASKING_VERB = (
    r"(?:say|show|write|share|outline|define|summari[sz]e)\s+(?:me\s+)?(?:what|which|how|who|where|when|why|whether|if)\b"
    r"|(?:show|share|outline|define|summari[sz]e)\b"
)
# "what are generative models, examples?", "is AutoML useful, any downsides?": an aspect of the topic asked after
# a comma, ending the message ([references] aspect_requests; qualified by request_qualifiers: "real-world uses?").
_ASPECT = longest_first(section("references").get("aspect_requests") or []) or "(?!)"
_QUALIFIER = longest_first(section("references").get("request_qualifiers") or []) or "(?!)"
_ASPECT_ASKED = (
    rf"(?:and\s+)?(?:(?:any|some|a\s+few|got\s+any|what\s+about|and\s+the)\s+)?(?:(?:{_QUALIFIER})\s+)?"
    rf"(?:{_ASPECT})(?:\s*(?:and|or|&|/)\s*(?:{_ASPECT}))?\s*\?+\s*$"
)
# "X pay along with the duties", "... as well as how Y" (and as typed: "aswell as", "w/")
_WITH_JOINERS = r"as well as|aswell as|along with|together with|w/"
# "I'm a junior dev. what do entry level DS earn ...": a lower-case question word after a full stop starts anew.
_SENTENCE_SPLIT = re.compile(
    r"(?<=[?!])\s+|(?<=[.])\s+(?=[A-Z])|(?<=\w\w[.])\s+(?=(?:what|what's|whats|which|how|why|who|where|when)\s)"
    # "X pay. also: which industries ...", "X pay. and what do they do": a joiner after a full stop starts anew
    r"|(?<=\w\w[.])\s+(?=(?:also|and|plus|btw|oh|ps|p\.s\.)\W)"
    # "X pay. another one: what do they ...", "X pay. next q: ...": a short label and its colon after a full stop
    r"|(?<=\w\w[.])\s+(?=[a-z][a-z0-9']*(?:\s+[a-z0-9']+){0,2}:\s+\w)"
)
CLAUSE_SPLIT = re.compile(
    rf",?\s+(?:and|n|'n'|also|plus|but|\+|&|{_WITH_JOINERS})\s+(?:also\s+|then\s+)?(?=(?:{QUESTION_WORDS})\b|{_ASKING_VERB})"
    r"|\s*;\s*"  # "X salary; how do they move up?": a clause each side, the first a request if it asks by itself
    rf"|,\s*then\s+(?=(?:{QUESTION_WORDS})\b|{_ASKING_VERB})"  # "explain X, then tell me Y"
    r"|,\s+(?:(?:btw|by the way|oh|also)\W*\s+(?:and\s+)?)?(?=(?:what|what's|whats|which|how|why|where|when|who)\s)"
    # "is synthetic data worth it, why": a bare reason asked after a comma, ending the message (question_parts
    # reads it as "why is that?")
    r"|,\s+(?=(?:why|how come)\W*$)"
    rf"|,\s+(?={_ASPECT_ASKED})"
    # "X range btw how do I ...", "X oh and what's Y", "P.S. what is Z": an aside's marker before a question
    rf"|\s+(?:btw|by the way|oh and|oh also|oh|p\.?s\.?)\W*\s+(?=(?:{QUESTION_WORDS})\b)"
    # "X, what degree ..., and Y?", "X, btw what's a GAN?"
    r"|,?\s+and\s+(?=(?:in|for|at|what about|how about)\s)"  # "in Seattle and in Boston": a second place
    # "what does the graph column show, and were there more offers in 2025": a yes/no question in the past after
    # ", and" (was/were are no QUESTION_WORDS: "and was wondering ..." goes on a sentence)
    r"|,\s+and\s+(?=(?:was|were)\s+(?:there|it|they|the|that|this|those|these)\b)"
    # "whats the avg X salary, is that good": a yes/no question about what the clause before asked.
    r"|,\s+(?=(?:is|are|was|were|does|do|did)\s+(?:that|it|this|those|these)\b)",
    re.IGNORECASE,
)
LEADING_JOINER = re.compile(r"^\s*(?:also|and|plus|oh and|btw|by the way)\b[,:]?\s*", re.IGNORECASE)
# "X, also the number of offers", "the salary plus the skills needed": a joiner that adds a second request with
# no question word of its own. Taken as a split only when both sides ask for something (`asks`).
# "X pay — what do they do though?": a dash before a question, a split only when what stands before it asks
# something by itself ("rules engines vs ML models - whats the difference" names the topic the question is about).
# A spaced slash ("X pay / how to move up") and a bare "then" ("give me X then tell me Y") join the same way; an
# unspaced slash is a word's ("AI/ML"), and "then" after a condition ("if ... then what?") is context (is_context).
DASH = re.compile(rf"\s+(?:(?:[—–]|--?|/)\s*(?:then\s+)?|then\s+)(?=(?:{QUESTION_WORDS})\b)", re.IGNORECASE)
# A second question typed straight after a first with no mark between ("... on average what skills do they need"):
# a question word and its auxiliary verb after at least three words that ask something by themselves.
# Its auxiliary before its subject ("what skills do they need", "how is it calculated"), which a question inside a
# sentence lacks ("tell the model which pics are dogs", "decide what to do").
RUN_ON = re.compile(
    r"(?<=\w)\s+(?=(?:what|which|how|why|where|who)\s+(?:(?!to\b)[\w'-]+\s+){0,2}?"
    r"(?:(?:do|does|did|can|could|should|would|will)\s+\w"
    r"|(?:is|are|was|were)\s+(?:it|they|that|this|those|these|he|she|i|you|we)\b))",
    re.IGNORECASE,
)
ENDS_JOINED = re.compile(r"(?:[-—–/+&,;:(]|\b(?:then|and|plus|also|btw|oh|or|but|n))\s*$", re.IGNORECASE)
RUN_ON_WORDS = 3  # words a first question needs before a second one typed straight after it
ADDED_REQUEST = re.compile(
    r",\s*(?:and\s+)?(?:also|plus)\s+(?!known\b|called\b)|\s+(?:and|plus)\s+also\s+"
    rf"|\s+(?:plus|\+|&|{_WITH_JOINERS})\s+(?=(?:the|a|an|their|its|his|her|what|how)\s)"
    # "2024 median + 2024 proposals", "2025 offers total / 2025 median": a sign, or a spaced slash, between two
    # requests (each must ask: see question_parts); an unspaced slash is a word's ("AI/ML", "A/B testing").
    r"|\s+[+&/]\s+",
    re.IGNORECASE,
)
# "the median in 2025 and the number of proposals": 'and' before a determiner joins two requests when each asks.
AND_THE = re.compile(r"\s+and\s+(?=(?:the|their|its|his|her)\s)", re.IGNORECASE)
# "2024 median and 2025 proposals", "data scientist entry pay and ML engineer late career pay": a bare 'and'
# between two figure requests; a split only when each side asks the statistics by itself (question_parts).
BARE_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
# "what's a discriminative model, and 2024 vs 2025 total offers": a comma and "and" before a request with no
# question word; a split only when each side asks something by itself (question_parts).
COMMA_AND = re.compile(r",\s+and\s+(?!also\b|then\b)", re.IGNORECASE)
# A numbered list's item marker ("1)", "2.", "(3)", "Q1:"), or an ordinal opening ("first,", "secondly:").
_MARKER = (
    r"(?:\d{1,2}[.)]|\(\d{1,2}\)|q\d{1,2}[:.)]|q\d{1,2}(?=\s)|[a-f]\)|\([a-f]\)"
    r"|(?:first|second|third|fourth|last|final)(?:ly)?\s*[,:])"
)
# "what do AI researchers earn (and do they need a phd?)": a parenthesised aside that asks (opens with a question word,
# after a joiner, or ends with "?"); "(e.g. Python)", "(MLOps)" or "(I'm new to this)" stay in their sentence.
_PAREN_QUESTION = re.compile(
    rf"^([^()\n]*\w[^()\n]*?)\s*\(\s*((?:(?:and|also|plus|but|or|n)\s+)?(?:{QUESTION_WORDS})\b[^()\n]*"
    rf"|[^()\n]*\?)\s*\)([^()\n]*)$",
    re.IGNORECASE | re.MULTILINE,
)
ITEM_MARKER = re.compile(rf"\s*{_MARKER}\s*", re.IGNORECASE)
_ITEM_START = re.compile(rf"\s+(?={_MARKER}\s*[A-Za-z])", re.IGNORECASE)
_LINE_START = re.compile(rf"(?:[A-Z0-9(\-*•]|(?i:{QUESTION_WORDS})\b)")  # a line that starts anew


def sentences_of(message: str) -> list[tuple[str, bool]]:
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
    listed = len(_ITEM_START.findall(message)) + bool(ITEM_MARKER.match(message.strip())) >= 2
    pieces: list[tuple[str, bool]] = []
    for line in lines:
        for sentence in (p for p in _SENTENCE_SPLIT.split(line) if p.strip()):
            items = [q for q in _ITEM_START.split(sentence) if q.strip()] if listed else [sentence]
            pieces.extend((item, listed or len(lines) > 1) for item in items)
    return pieces or [(message.strip(), False)]


def _paren_sentence(found: re.Match[str]) -> str:
    """'X (and do they need a phd?) Y' -> 'X Y\nand do they need a phd?': the aside asked after the sentence."""
    sentence = " ".join(p for p in (found.group(1).strip(), found.group(3).strip()) if p)
    asked = found.group(2).strip()
    end, asked_end = ("" if t[-1:] in ".?!" else "?" for t in (sentence, asked))
    return f"{sentence}{end}\n{asked}{asked_end}"
