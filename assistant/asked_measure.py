"""Whether the unit found for a question states the measure the question asks for, or only names its topic.

A question may ask for a property of its topic rather than for the topic itself: a count of something ("how many
layers does GPT-3 have?"), a length of time ("on average how long does it take to get hired?"), a figure ("how
much does a bootcamp cost?"), or which of two things is the faster, cheaper, more accurate one. A sentence that
carries the topic's words without that property reads as an answer while giving none: GPT-3's "175 billion
parameters" counts no layers, the WEF's "by 2027" is a year and counts no jobs, a duty line naming TensorFlow and
PyTorch compares nothing. What is asked is read from the question's words; what is stated, from the unit's:
- a count of X ("how many X"): a number with X (or a word the search reads for X, stats/search_synonyms.toml) just
  after it somewhere in the passage ("175 billion parameters", "three classes"), never a year; or the passage is a
  list of the X (its heading names them: "how many soft skills are listed?");
- a length of time ("how long", "how old"): a number in the unit;
- a figure ("how much does X cost", "what percentage ..."): a number in the unit, unless what weighs on a figure
  is asked ("how much does experience matter?", vocabulary.toml figures.drivers);
- a comparison (a comparative of two sides, "which is faster, A or B", "is A easier than B"): the unit compares
  ("easier to train", "larger amounts", "superior to", "than", vocabulary.toml words.compared_in_text).
A NUMBER is the one reading of "a number as digits or in words" (half_answered.py reads it too).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.lexical import Synonyms
from assistant.passage_units import Unit
from assistant.phrase_match import longest_first
from assistant.retrieval import Passage
from assistant.text_terms import STOPWORDS, found_in, terms
from assistant.vocabulary_words import section, word_list

# A number as digits or in words ("no more than four hours", "a dozen years", "twice as many")
A_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|millions?|billions?|half|dozens?|decades?|double|twice)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# "how long does it take", "on average how long ...", "how old": a length of time asked, anywhere in the question
_DURATION = re.compile(
    r"\bhow\s+(?:long|old)\b|^\s*how\s+many\s+(?:years|months|"
    r"weeks|days|hours)\b",
    re.IGNORECASE,
)
# "is the offers number basically how many positions there are?": a yes or no asked; the measure words only say of what
# (after an acknowledgement or a joiner: "ok, is that how many vacancies there were?", "and is it ...")
_YES_NO = re.compile(
    r"^\s*(?:[a-z]+,\s*)?(?:(?:and|so|but|then)\s+)?(?:is|are|was|were|does|do|did|can|could|will|would|should|has|have)\b",
    re.IGNORECASE,
)
# The question word among the first three words ("on average how long ...", "and how many ..."): further on, "how
# many" is inside a statement ("the offers total how many vacancies there were?", a follow-up read with its context)
_LEADS = re.compile(r"^\s*(?:\S+\s+){0,2}?(?:how|what)\b", re.IGNORECASE)
# "how many X": the words counted, up to three, before a verb or a function word ("how many AI job postings were")
_HOW_MANY = re.compile(r"\bhow\s+many\s+((?:[a-z][\w'-]*\s*){1,3})", re.IGNORECASE)
# ... not things when a change or a share is counted ("how many more", "how many times", "how many percent")
# (function words, "how many of them", "how many do", end it as STOPWORDS do)
_NOT_THINGS = frozenset({"more", "fewer", "less", "times", "percent", "percentage", "have", "has", "had"})
# A figure asked: "how much does/did/will ...", "how much in 2024", "what percentage / share of ..."
NUMBER_ASKED = re.compile(
    r"\bhow\s+many\b|\bhow\s+much\s+(?:do|does|did|will|would|can|could|is|are|was|were|has|have)\b"
    r"|\bhow\s+much\s+(?:in|for|by|during)\s+(?:19|20)\d\d\b|\bwhat\s+(?:percentage|percent|share|proportion)\b",
    re.IGNORECASE,
)
_DRIVERS = re.compile(rf"\b(?:{longest_first((section('figures') or {}).get('drivers') or []) or '(?!)'})\b", re.I)
_COMPARATIVES = longest_first(word_list("comparatives")) or "(?!)"
# "which trains faster, A or B", "is A more accurate than B", "A vs B, which is cheaper": a comparative and two sides
# ("more than once", "tell me more about", "more like a bunch of": no quality compared)
_COMPARATIVE_ASKED = re.compile(
    rf"\b(?:{_COMPARATIVES}|(?:more|less)\s+(?!(?:than|about|info|information|details?|like)\b)[a-z]{{4,}})\b", re.I
)
# "how can I push my pay higher than that?", "how much faster is ...": a way or an amount asked, read elsewhere
_HOW = re.compile(r"\bhow\b", re.IGNORECASE)
_TWO_SIDES = re.compile(r"\b(?:or|than|vs\.?|versus)\b", re.IGNORECASE)
_IN_TEXT = longest_first(word_list("compared_in_text")) or "(?!)"
_COMPARED = re.compile(
    rf"\b(?:{_COMPARATIVES}|{_IN_TEXT})\b|\b[a-z]{{3,}}(?:er|ier)\s+than\b",
    re.IGNORECASE,
)
# "... longer than planned", "slower than I expected": the other side is an expectation ([words] expected_sides)
_THAN_EXPECTED = re.compile(
    rf"\bthan\s+(?:(?:i|we|you|they|it|was|were|is|had|have|originally|first|initially)\s+){{0,2}}"
    rf"(?:{longest_first(word_list('expected_sides')) or '(?!)'})\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'-]+")
_TIME_UNIT = re.compile(r"^(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|decades?)$", re.IGNORECASE)
_SHARE_OF = re.compile(r"\d%\s+of\b")  # "85% of enterprises": a part of a whole, whatever it is called
_ABOUT_DOCUMENTS = frozenset(word_list("about_the_documents"))  # "how many skills are listed": no thing measured
_FIELD = frozenset(word_list("ai_words"))  # "how many AI jobs": every document is about AI; the thing is jobs
CLIPPED = 5  # the letters a clipped word keeps of the one it stands for ("params", "stats")
NUMBER_REACH = 4  # the words after a number that may be what it counts ("175 billion parameters", "10 offers")


def measure_unstated(
    query: str, unit: Unit, passage: Passage, synonyms: Synonyms, written: Callable[[str], bool] | None = None
) -> bool:
    """The question asks for a measure (a count, a length of time, a figure, a comparison) that the unit and its
    passage do not state: they name the topic only. `written`: whether the documents write a word in some form
    (UnwrittenWords.counted_written: clipped or whole); a measure of something they never name is stated nowhere."""
    sentence = unit.as_sentence()
    if _YES_NO.match(query) or not _LEADS.match(query):
        return comparison_unstated(query, sentence)  # "is Keras faster than PyTorch?" still asks a comparison
    if written is not None and measured_unwritten(query, synonyms, written):
        return True  # "what percentage of AI jobs are remote?": no document says "remote", so no share of them
    if _DURATION.search(query) and not _lasts(sentence):
        return True  # "how long does it take to become an ML engineer?": a career path states no duration
    if count_unstated(query, unit, passage, synonyms):
        return True  # "how many layers does GPT-3 have?": its 175 billion parameters count no layers
    figure = NUMBER_ASKED.search(query) and not _HOW_MANY.search(query)  # a count is read above: a list may be it
    if figure and not _DRIVERS.search(query) and not A_NUMBER.search(_unlabelled(sentence)):
        return True  # "how much does a bootcamp cost?": "Participation in online courses or bootcamps" has no figure
    return comparison_unstated(query, sentence)


def measured_unwritten(query: str, synonyms: Synonyms, written: Callable[[str], bool]) -> list[str]:
    """The words of a question asking for a measure (a count, a figure, a share, a length of time) that the
    documents never write in any form nor by another name: what the measure would be of. Not a word that only
    frames the question ([frame] of stats/search_synonyms.toml: "typical", "usually"), the field every document
    is about, a number, nor a word ending in -ly ("roughly", "fully"), which modifies what is measured."""
    if not (_HOW_MANY.search(query) or NUMBER_ASKED.search(query) or _DURATION.search(query)):
        return []
    # the measure's own words ("how long", "what percentage") are what is asked, not what it is of
    asked = _DURATION.sub(" ", NUMBER_ASKED.sub(" ", query.lower()))
    return [
        word
        for word in _WORD.findall(asked)
        if terms(word)
        and not set(terms(word)) & synonyms.frame
        and word not in _FIELD
        and word not in _ABOUT_DOCUMENTS
        and not word.endswith("ly")
        and not A_NUMBER.match(word)
        and not synonyms.words_for(word)
        and not written(word)
    ]


def figure_unstated(query: str, text: str) -> str:
    """The measure a figure's line (a statistics row's sentence) does not state, "" when it states what is asked: a
    length of time ("how long do stock options take to vest?" -> "$50,000+ annually") or a count ("how many
    postings" -> a growth in percent)."""
    if _YES_NO.match(query) or not _LEADS.match(query):
        return ""
    if _DURATION.search(query) and not _lasts(text):
        return "length of time"
    counted = counted_words(query)
    return f"count of {' '.join(counted)}" if counted and not counts_stated(counted, text) else ""


def _lasts(text: str) -> bool:
    """`text` states a length of time: a number with a unit of time just after it ("4-6 years", "four hours")."""
    words = _WORD.findall(text)
    return any(
        A_NUMBER.search(word) and any(_TIME_UNIT.match(w) for w in words[i + 1 : i + 3]) for i, word in enumerate(words)
    )


def comparison_unstated(query: str, sentence: str) -> bool:
    """The question asks which of two sides is the more of something ("which trains models faster, PyTorch or
    TensorFlow?") and the sentence compares nothing: it names the sides."""
    asked = _COMPARATIVE_ASKED.search(query)
    if not asked or not _TWO_SIDES.search(query) or _HOW.search(query) or _THAN_EXPECTED.search(query):
        return False
    return not _COMPARED.search(sentence)


def counted_words(query: str) -> list[str]:
    """The words of what "how many" counts, up to three, the field every document is about aside ("how many AI job
    postings were there" -> 'job', 'postings'; "how many companies use AutoML" -> 'companies', 'use', 'automl': no
    part of speech is read, so a verb after the thing may be among them), or nothing when no thing is counted ("how
    many more", "how many of them")."""
    found = _HOW_MANY.search(query)
    if not found:
        return []
    words: list[str] = []
    for word in found.group(1).lower().split():
        if word in _NOT_THINGS or word in STOPWORDS or not terms(word):
            break
        if word not in _FIELD:
            words.append(word)
    return words


def count_unstated(query: str, unit: Unit, passage: Passage, synonyms: Synonyms | None = None) -> bool:
    """`query` counts things ("how many X") and `passage` states no number of them: no number anywhere, or none
    with a counted word (or a word the search reads for it) just after it, a year being no count; and it does not
    list the X (its heading path and the unit's label, "Soft Skills: Effective communication, ...", name the first
    counted word). The whole passage, not the unit: the count may stand in the sentence after the one that matched
    ("We count how many offers ... For example, ... 10 offers")."""
    if not _HOW_MANY.search(query):
        return False
    counted = counted_words(query)
    label = unit.label or (unit.text.rstrip(":") if unit.children else "")
    heading = set(terms(f"{passage.section} {label}"))
    if counted and found_in(set(terms(counted[0])), heading):
        return False  # the things counted head the list: its items are the count
    return not counts_stated(counted, passage.text, synonyms)


def counts_stated(counted: list[str], text: str, synonyms: Synonyms | None = None) -> bool:
    """`text` states a count of the `counted` words (counted_words): a number, a year aside, with one of them (or a
    word the search reads for them) among the NUMBER_REACH words after it, or a share of a whole ("85% of
    enterprises" counts the companies using AI, in other words); any number when no thing is named."""
    if _SHARE_OF.search(text):
        return True
    if not counted:
        return bool(A_NUMBER.search(text))
    head = set(terms(" ".join(counted)))
    if synonyms is not None:
        head |= set(terms(synonyms.words_for(" ".join(counted))))
    return _counts(text, head)


def _counts(text: str, head: set[str]) -> bool:
    """Some number in `text` (a year aside) has a word of `head` among the NUMBER_REACH words after it."""
    words = _WORD.findall(text)
    for i, word in enumerate(words):
        if not A_NUMBER.search(word) or _YEAR.match(word):
            continue
        after = set(terms(" ".join(words[i + 1 : i + 1 + NUMBER_REACH])))
        # ... or a word there that the counted one clips ("params": "175 billion parameters")
        if found_in(head, after) or any(w.startswith(h) for h in head if len(h) >= CLIPPED for w in after):
            return True
    return False


def _unlabelled(sentence: str) -> str:
    """The sentence without a list item's appended heading ("... (listed under Trending ... in 2025)"): a year in
    the heading is no figure of the item."""
    return re.sub(r"\s*\(listed under [^)]*\)\s*$", "", sentence)
