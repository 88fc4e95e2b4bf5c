"""Reading a part that is context rather than a request: a statement about the asker ("I'm a data analyst"),
what they are doing ("thinking about ML roles, ..."), a hypothetical ("say someone gets 4 offers"), what is set
aside ("salary aside"), a leading phrase ("In 2024,"), a source named, roles named as the topic of the question
after them; and a part with no topic of its own ("what do they do?")."""

from __future__ import annotations

import re

from assistant.difference_asked import asks_how_they_differ
from assistant.part_joiners import LEADING_JOINER, QUESTION_WORDS
from assistant.passage_units import comparison_sides
from assistant.phrase_match import longest_first
from assistant.question_kinds import generic_form
from assistant.set_aside import SET_ASIDE_CUES
from assistant.statement_asked import asks_of_statement
from assistant.text_terms import SENTENCE_BREAK, STOPWORDS, terms
from assistant.understanding import EXPERIENCE, US_WORDS
from assistant.vocabulary_words import section

TOPICLESS_WORDS = 1  # a part with this few content words goes on with the topic before it
BARE_TOPIC_WORDS = 3  # a topic named before its question is a term, not a clause ("federated learning")
# fmt: off
PREPOSITIONS = frozenset([
    "in", "for", "at", "on", "during", "from", "as", "with", "by", "since", "after", "before", "among", "amongst",
    "between", "across", "within", "of", "about", "regarding", "considering", "given", "if", "when", "while",
    "unlike", "compared", "besides", "under", "over", "per", "according",
])
# fmt: on
POINTS_BACK = re.compile(r"\b(?:it|its|them|this|that|those)\b", re.IGNORECASE)  # "... and the reasons for it"
_THEY = re.compile(r"\b(?:they|their)\b", re.IGNORECASE)
# "salary aside, ...", "apart from pay, ...", "other than Python, ...": what is set aside is context, not asked.
EXCLUSION = re.compile(
    rf"(?:.*\b(?:aside|apart)\W*$|\s*(?:{SET_ASIDE_CUES}|ignoring|never mind|forget(?: about)?)\b)", re.IGNORECASE
)
# "I'm a junior dev: what's the entry pay ...": a statement, then (after a comma or a colon) its question.
_ASKED_BOUNDARY = re.compile(rf"(?<=[.!?])\s+|[,:]\s+(?=(?:{QUESTION_WORDS})\b)", re.IGNORECASE)
# ... or after a dash, when what comes before it is a statement ("data scientist here - what ...?"); a topic before a
# dash is what the question asks about ("AI developer path - what senior roles ...?")
_DASHED = re.compile(rf"\s+(?:[—–]|--?)\s+(?=(?:{QUESTION_WORDS})\b)", re.IGNORECASE)
# "junior ML engineer here. ...", "data scientist here - ...": the asker introduces themself (a few words and "here",
# no question word first): who is asking is the context of the question, as "I'm a junior ML engineer" is.
INTRODUCTION = re.compile(rf"^\s*(?!(?:{QUESTION_WORDS})\b)(?:[\w'/.+#-]+\s+){{1,5}}here\s*[.!,;:]?\s*$", re.IGNORECASE)
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
_POLITE = re.compile(r"^\s*(?:pls|plz|please|kindly|pretty\s+please)\b[,:]?\s*", re.IGNORECASE)
_TOPIC_FIRST = re.compile(
    # ("classification vs regression: whats the difference": the topic may end with a colon)
    r"\s*(?:[\w'/.+#-]+:?\s+){1,5}?(?:what's|whats|what\s+is|what\s+are|how\s+(?:does|do|is|are|to)|why)\s+\w",
    re.IGNORECASE,
)
# "for a data scientist: what do they do, ...", "robotics engineer - which skills ...": a topic, its colon or dash,
# then any question (the part asks; it is no statement to glue to the part after it)
_TOPIC_SET_OFF = re.compile(
    rf"\s*(?:[\w'/.+#-]+\s+){{0,4}}[\w'/.+#-]+\s*(?::|\s[-–—])\s*(?:{QUESTION_WORDS})\s+\w", re.I
)
# "when we collect data", "where I live": "when"/"where" and then a subject opens a clause, not a question (which
# puts its verb first: "when do we ...").
_SUBORDINATE = re.compile(r"\s*(?:when|where|whenever|while)\s+(?:i|we|you|they|i'm|we're|you're|they're)\b", re.I)
_OPENS_QUESTION = re.compile(rf"\s*(?:{QUESTION_WORDS})\b", re.IGNORECASE)
_WH_LATER = re.compile(r"\s(?:what|what's|whats|which|how|why|where|when|who)\s", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"\s*(?:if|suppose|supposing|say|imagine|assuming|what if|let's say)\s+\w", re.IGNORECASE)
# ... but "I'd like to know X", "I was wondering X" ask X ([yes_no] asking_statements, data).
_ASKING = longest_first([str(w) for w in section("yes_no").get("asking_statements") or []]) or "(?!)"
ASKING_STATEMENT = re.compile(rf"^\W*(?:{_ASKING})\b", re.IGNORECASE)
STATEMENT = re.compile(rf"^\s*(?!(?:{_ASKING})\b)(?:i|i'm|im|i've|my|we|we're|our)\b", re.IGNORECASE)
# "thinking about AI researcher positions, ...", "looking into ML roles, ...": a participle opening the message says
# what the asker is doing, the context of the question after it (as "I'm thinking about ..." would).
DOING = re.compile(
    r"^\s*(?:just\s+|currently\s+|still\s+|been\s+)?[a-z]{3,}ing\s+(?:over\s+)?(?:about|at|into|for|to|from|as|on|towards?|with)\b",
    re.IGNORECASE,
)


def is_context(text: str) -> bool:
    """'I'm a data analyst', 'For ML engineers', 'salary aside', 'say someone gets 4 offers': what the question is
    asked in."""
    words = text.split()
    if STATEMENT.match(text) or DOING.match(text) or EXCLUSION.match(text) or is_hypothetical(text):
        return True
    if INTRODUCTION.match(text):
        return True
    sentences = SENTENCE_BREAK.split(text.strip())
    if len(sentences) > 1 and INTRODUCTION.match(sentences[0]):
        # "junior ML engineer here. my lead keeps telling me to fine tune my models": the asker, then their situation
        return all(is_context(s) for s in sentences[1:] if s)
    # "in 2024 what was the median, and ...": a question after its leading phrase is asked, not context.
    return bool(words) and words[0].lower() in PREPOSITIONS and _WH_LATER.search(text) is None


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
    dashed = _DASHED.split(text.strip(), maxsplit=1) if len(pieces) == 1 else []
    pieces = dashed if len(dashed) == 2 and is_context(dashed[0]) else pieces
    # "ML engineer or data scientist, which one deploys models?": the roles named before are what it asks of.
    topic = len(pieces) > 1 and all(names_only(p) for p in pieces[:-1])
    # "regression vs classification models, what's the core difference?": the question asks only how the two
    # things named before it differ; the whole is one comparison, its sides named before the asking words
    topic = topic or (len(pieces) > 1 and asks_how_they_differ(pieces[-1]) and comparison_sides(text) is not None)
    # "how should a team share what it learns, is there a recommended setup?": a question first is no statement;
    # the second only asks more of it, and the first names what both are about.
    asks_first = len(pieces) > 1 and _OPENS_QUESTION.match(_POLITE.sub("", LEADING_JOINER.sub("", pieces[0])))
    return pieces[-1] if len(pieces) > 1 and is_question(pieces[-1]) and not topic and not asks_first else text


def with_statement_topic(text: str, question: str) -> str:
    """The question after a statement, with the statement added when the question only points back to it: in
    "I keep hearing about MLOps in job ads, what is it exactly?" the "it" is the statement's topic."""
    statement = text[: len(text) - len(question)].strip(" ,.;:-")
    if question == text or not statement:
        return question
    # "what about roles outside of tech, do they want AI skills too?": the topic named by "what about" is the
    # statement's own topic, as if named bare ("roles outside of tech, ...")
    about = _WHAT_ABOUT.match(statement)
    statement = statement[about.end() :] if about else statement
    if about or bare_topic(statement):
        # "discriminative models: which probability do they target?": a plural topic is "they" as well; "generative
        # vs discriminative models, whats the difference": a question naming nothing asks of the topic before it
        asks_of_it = POINTS_BACK.search(question) or _THEY.search(question) or topicless(question)
        return f"{question} ({statement})" if asks_of_it else question
    # what is set aside ("apart from pay, ...") is context whatever the question points at
    if not (topicless(question) or (not EXCLUSION.match(statement) and asks_of_statement(statement, question))):
        return question
    # "what is it exactly?" after a statement of its topic, and "trying to break into AI with no background, what
    # should I do?": a question with no topic of its own asks about the situation the statement describes; so does
    # one pointing back at it or asking only what the documents say of it (statement_asked.py)
    return f"{question} ({statement})"


def bare_topic(statement: str) -> bool:
    """'automl', 'transfer learning': a few words named before a question that points back to them ("automl, what
    parts of the workflow does it take over?"): the "it" is that topic, however much else the question says. Not
    the asker ("I'm a data analyst"), what they are doing, a phrase set aside or a leading phrase ("In 2024")."""
    words = statement.split()
    # "generative vs discriminative models": two terms compared are a topic as well, each side a term
    sides = comparison_sides(statement) or (statement,)
    if not all(0 < len(side.split()) <= BARE_TOPIC_WORDS for side in sides) or words[0].lower() in PREPOSITIONS:
        return False
    return not (
        STATEMENT.match(statement) or DOING.match(statement) or EXCLUSION.match(statement) or is_hypothetical(statement)
    )


def is_question(text: str) -> bool:
    """Ends with "?" or opens with a question word, after a joiner ("and what do they need to know, ..."), or
    names its topic first and asks after it ("AI vs ML whats the difference", "overfitting - how to avoid it")."""
    opening = _POLITE.sub("", LEADING_JOINER.sub("", text))  # "pls tell me what X is": a request all the same
    if _SUBORDINATE.match(opening) and not text.rstrip().endswith("?"):
        return False  # "when we collect data for ML, what ...": the situation the question is asked in
    if text.rstrip().endswith("?") or re.match(rf"(?:{QUESTION_WORDS})\b", opening, re.IGNORECASE) is not None:
        return True
    if ASKING_STATEMENT.match(opening):
        return True  # "i'd like to know the entry pay": a request in a statement's form
    topic_first = _TOPIC_FIRST.match(opening) or _TOPIC_SET_OFF.match(opening)
    return topic_first is not None and not is_context(opening)


def topicless(text: str) -> bool:
    """At most a couple of content words: 'how can it be avoided?', 'what do they do?'."""
    return len(set(terms(text))) <= TOPICLESS_WORDS  # distinct content words, as retrieval sees them ("day to day")


def names_the_asked_roles(question: str, part: str) -> bool:
    """'Which pays better; data scientist or ML engineer?': roles named after a question that names none are whom
    it asks about, not a part of their own. A place named after it ("...? and in Boston?") asks again there."""
    masked = generic_form(part)
    if re.match(rf"\W*(?:{QUESTION_WORDS})\b", part, re.IGNORECASE):  # "what does a data scientist do?" asks
        return False
    return names_only(part) and "this city" not in masked and "this job" not in generic_form(question)


def names_only(text: str) -> bool:
    """'data scientists', 'ML engineers in Seattle': a role or a place and nothing asked of it (no figure named,
    no word of its own): the topic of the question that follows it, not a request."""
    masked = generic_form(text)
    if "this figure" in masked or not re.search(r"\bthis (?:job|city)\b", masked):
        return False
    rest = re.sub(r"\b(?:this job|this city|that year)\b", " ", masked)
    # "ai researcher with 5 yrs experience, what's the pay?": the asker's years name a level, as a level would
    # the asker's years, or a level the role is "at", name where the role stands as its name does: "ai researcher
    # with 5 yrs experience, what's the pay?", "AI researcher at mid-career level, ..." ("data scientist average and
    # the SF figure" asks the average: a level without "at" is a figure named)
    rest = _AT_LEVEL.sub(" ", EXPERIENCE.sub(" ", rest))
    rest = _IN_THE_US.sub(" ", rest)  # "data scientist in the US - what do they make?": the guide's own market
    return not [w for w in re.findall(r"[a-z']+", rest) if w not in STOPWORDS and w not in _SIDE_BY_SIDE]


_WHAT_ABOUT = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\s+", re.IGNORECASE)
_AT_LEVEL = re.compile(
    rf"\bat\s+(?:the\s+)?(?:{longest_first([str(p) for ps in section('levels').values() for p in ps])})(?:\s+level)?\b",
    re.IGNORECASE,
)
_IN_THE_US = re.compile(rf"\b(?:in|across)\s+(?:the\s+)?(?:{longest_first(list(US_WORDS))})(?![\w.])", re.IGNORECASE)
_SIDE_BY_SIDE = frozenset({"vs", "versus", "or", "and", "v"})  # "ML engineer vs data scientist": still names only
