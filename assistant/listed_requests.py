"""Terms and levels listed in one clause that share the rest of it, read as one request each: "the duties and
the salary of a data scientist", "what is supervised learning, unsupervised learning and reinforcement learning",
"entry pay, mid career pay and experienced pay", "VAEs, diffusion models and GPT - what are they", "the median in
2025 and the number of proposals"."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.part_context import POINTS_BACK, PREPOSITIONS, is_context, is_question
from assistant.part_joiners import QUESTION_WORDS
from assistant.question_kinds import generic_form
from assistant.text_terms import terms
from assistant.vocabulary_words import table

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
# A definition asked of several terms at once (defined_topics).
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
# Terms listed, then one question of them all: "A, B and C - what are they", "A; B - explain each".
_TERMS_THEN_ASKED = re.compile(
    r"^\s*(.+?)\s*(?:[-—–:,]+\s*)?(?:so\s+|pls\s+|please\s+)?(?:what\s+are\s+(?:they|these|those|them)"
    r"|(?:explain|define|describe)\s+(?:each|them|these|those|all|both|each of them|all of them|them all)"
    r"|what\s+(?:do|does)\s+(?:they|these|each)\s+mean|what\s+is\s+each(?:\s+one)?"
    # "AutoML, RAG and multimodal AI - explain": a bare closing verb, several terms only by a list of three or more
    r"|(?P<bare>explain|define|describe)(?:\s+(?:pls|please|plz))?)\W*$",
    re.IGNORECASE,
)
_BARE_CLOSING_TERMS = 3  # terms a list needs before a bare "explain" (not "supervised and unsupervised learning")
_COMPARED = re.compile(r"\b(?:between|differen\w*|compare\w*|vs\.?|versus)\b", re.IGNORECASE)
# "how do the salary and the experience relate?": 'and' joins two subjects of one question.
_RELATED = re.compile(r"\b(?:relat\w*|correlat\w*|connect\w*|together|both)\b", re.IGNORECASE)
_OWN_REQUEST_WORDS = 2  # content words a phrase after "and the" needs to be a request of its own
_ASKED_AFTER_TOPIC = re.compile(rf"[:–—-]\s*(?:{QUESTION_WORDS})\b", re.IGNORECASE)  # "robotics engineer: what do ..."
_NAMES_ITS_OWN = re.compile(r"\s*(?:the|their|its|his|her)\s+\w", re.IGNORECASE)


def terms_then_asked(sentence: str, asks: Callable[[str], str | bool]) -> list[str]:
    """'VAEs, diffusion models and GPT - what are they', 'deep learning; backprop; forward propagation - explain
    each': terms listed first, then one question of each -> one definition part per term. The closing question
    says the terms are several, so a one-word term counts here ("backpropagation")."""
    found = _TERMS_THEN_ASKED.match(sentence)
    if found is None:
        return []
    listed = [t.strip() for t in re.split(r"\s*;\s*|\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", found.group(1))]
    if len(listed) < (_BARE_CLOSING_TERMS if found.group("bare") else 2) or not all(
        _bare_term(t, asks, 1) for t in listed
    ):
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


def defined_topics(clause: str, asks: Callable[[str], str | bool]) -> list[str]:
    """'what is supervised learning, unsupervised learning and reinforcement learning' -> one definition asked of
    each term: terms of two or more words (or acronyms: "RAG & RL"), bare (no article, preposition or pronoun,
    which share a phrase: "the skills and the duties of X"), that ask nothing of the figures or the roles' sections
    by themselves. "supervised and unsupervised learning" (a word sharing its noun) and "data preparation and
    analysis" (a one-word term: a heading's two halves) stay one question."""
    opening = _DEFINES.match(clause)
    if opening is None:
        return []
    rest = clause[opening.end() :].rstrip(" ?.!")
    if _COMPARED.search(rest) or _RELATED.search(rest) or POINTS_BACK.search(rest):
        return []
    terms_asked = [t.strip() for t in _TERM_JOINER.split(rest)]
    if len(terms_asked) < 2:
        return []
    if not all(_bare_term(term, asks, 2) for term in terms_asked):
        return []
    return [f"{clause[: opening.end()]}{term}" for term in terms_asked]


def listed_requests(clause: str, asks: Callable[[str], str | bool]) -> list[str]:
    """'robotics engineer: avg salary, entry salary, experienced salary' -> three requests: a comma list whose every
    item (two words or more) asks something by itself. Not "in 2024, what was ...": an item that is context."""
    items = [i.strip() for i in re.split(r"\s*,\s*(?:and\s+)?", clause)]
    if len(items) < 2 or not all(items):
        return []
    last = [i.strip() for i in re.split(r"\s+(?:and|&)\s+", items[-1], maxsplit=1)]
    if len(last) == 2 and all(len(i.split()) >= 2 and asks(i) for i in last):
        items[-1:] = last  # "entry pay, mid career pay and experienced pay"
    # "robotics engineer: what do they do, entry pay, experienced pay": a question, then two or more requests that
    # each ask by themselves (a question word or an asking form opens none of them) - a list after its question.
    opened = len(items) > 2 and not asks(items[0]) and (is_question(items[0]) or _ASKED_AFTER_TOPIC.search(items[0]))
    # "what do AI researchers do, their late career pay": a question that asks by itself, then requests that ask
    # something else (the statistics after the documents) and open with no question word - one request each.
    opened = opened or _question_then_other_requests(items, asks)
    for n, item in enumerate(items):
        # "for an AI engineer: responsibilities, ...": what the list is of, before a colon, is context of every item
        item = item.split(":", 1)[1].strip() if n == 0 and ":" in item and len(items) > 2 else item
        # one word asks by itself in a list of three or more ("skills, salary, career path"); in two it is noise
        if (len(item.split()) < 2 and (len(items) < 3 or not asks(item))) or is_context(item):
            return []
        if n == 0 and opened:
            continue
        if not asks(item) and not (n and _NAMES_ITS_OWN.match(item) and _own_request(item)):
            return []  # "X salary, their career path, and the tools they use": a later item of its own is asked too
        if re.match(rf"\W*(?:{QUESTION_WORDS})\b", item, re.IGNORECASE):
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
    return _closing_year_shared(items)


# "total offers, median and proposals for 2025": a year phrase closing the list is the year of every item.
_CLOSING_YEAR = re.compile(r"\s+(?:in|for|of|during|from)\s+(?:the\s+year\s+)?(?:19|20)\d\d\W*$", re.IGNORECASE)
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _closing_year_shared(items: list[str]) -> list[str]:
    """The year closing the last item goes to every earlier item naming none (the offers part was answered for
    both years while the median and proposals were 2025's). Not when an earlier item names a year of its own."""
    closing = _CLOSING_YEAR.search(items[-1])
    if closing is None or any(_ANY_YEAR.search(i) for i in items[:-1]):
        return items
    year = closing.group(0).rstrip(" ?.!")
    return [*(f"{i.rstrip(' ?.!')}{year}" for i in items[:-1]), items[-1]]


def _question_then_other_requests(items: list[str], asks: Callable[[str], str | bool]) -> bool:
    """The first item a question (its form asks: "what does a robotics engineer do"); every later one asks by
    itself, and not what the first asks."""
    first = asks(items[0])
    if not is_question(items[0]) or is_context(items[0]):
        return False
    return all(
        (asked := asks(item)) and asked != first and not re.match(rf"\W*(?:{QUESTION_WORDS})\b", item, re.IGNORECASE)
        for item in items[1:]
    )


# The place names the vocabulary knows ([cities]): one of two places listed after "in" must be one of them.
_CITY_NAMES = frozenset(name for names in table("cities").values() for name in names)
_TWO_PLACES = re.compile(
    r"^(?P<head>.*\b(?:in|at|for)\s+)(?P<a>[a-z][\w.-]*(?:\s+[a-z][\w.-]*){0,2}?)\s+(?:and|&)\s+(?:in\s+)?"
    r"(?P<b>[a-z][\w.-]*(?:\s+[a-z][\w.-]*){0,2}?)(?P<end>\W*)$",
    re.IGNORECASE,
)


def places_listed(clause: str, asks: Callable[[str], str | bool]) -> list[str]:
    """'ML engineer pay in seattle and austin' -> the figure in each place, one part each (the second place was
    dropped: the figure of the first was the whole answer, and Austin's "no figure" never said). One of the two
    must be a place the vocabulary names; the words before them must ask a figure by themselves ("ML engineer pay")."""
    found = _TWO_PLACES.match(clause)
    if found is None or _COMPARED.search(found.group("head")):
        return []
    a, b = found.group("a"), found.group("b")
    asked = re.sub(r"\s*\b(?:in|at|for)\s+$", "", found.group("head"), flags=re.IGNORECASE)
    if not ({a.lower(), b.lower()} & _CITY_NAMES) or asks(asked) != "statistics":
        return []  # "AI jobs in seattle and austin" asks no figure without its places: one question of both
    return [f"{found.group('head')}{place}{found.group('end')}" for place in (a, b)]


def joins_requests(clause: str, halves: list[str], asks: Callable[[str], str | bool]) -> bool:
    """'the median in 2025 and the number of proposals': each half asks. 'the median in 2024 and the capital of
    Australia': the first asks and the second names a thing of its own (a part the sources may not cover, and
    say so). Not when the clause sets them side by side ("the gap between the median and the average")."""
    if _COMPARED.search(clause) or _RELATED.search(clause):
        return False
    if not asks(halves[0]):
        return False
    if all(asks(h) for h in halves[1:]):
        return True
    return all(_own_request(h) for h in halves[1:])


def _own_request(phrase: str) -> bool:
    """A phrase that names a thing of its own (two content words: "the tools they use") or points back ("its
    meaning"): a request after one that asks, though it asks nothing of the figures or sections by itself."""
    return len(set(terms(phrase))) >= _OWN_REQUEST_WORDS or POINTS_BACK.search(phrase) is not None


def shared_requests(
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
        if word.group(1).lower() in PREPOSITIONS:
            return after[: word.start()], after[word.start() :]
    trailing = re.search(r"\W*$", after)
    end = trailing.start() if trailing else len(after)
    return after[:end], after[end:]
