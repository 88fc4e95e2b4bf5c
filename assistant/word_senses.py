"""Words whose sense decides a slot: a job title the tables lack ("Java developers", "MLOps people" whose pay is
asked), a platform metric's name used as a verb ("the field offers lots of paths" names no offers)."""

from __future__ import annotations

import re

from assistant.phrase_match import has_any, longest_first
from assistant.text_terms import STOPWORDS
from assistant.vocabulary_words import table, word_list

PLATFORM_METRICS = table("platform_metrics")
ROLE_MODIFIER_NOISE = frozenset(word_list("role_modifier_noise"))
AI_WORDS = frozenset(word_list("ai_words"))
EXTRA_COMP_WORDS = tuple(word_list("extra_comp_words"))
_OTHER_COMP_SENSES = re.compile(rf"\b(?:{longest_first(word_list('extra_comp_other_senses'))})\b", re.IGNORECASE)
# "the field offers lots of paths": a metric's word used as a verb (a subject before it, an object after it)
VERB_OBJECTS = word_list("verb_objects")
NOUN_MARKERS = word_list("noun_markers")
ROLE_NOUN = re.compile(
    r"\b((?:[a-z+#./-]+\s+){0,3}?)(developers?|devs?|engineers?|scientists?|researchers?|analysts?|managers?|"
    r"architects?|designers?|programmers?|consultants?|administrators?|testers?|specialists?|officers?|"
    r"directors?|strategists?|ethicists?|interns?|"
    r"people|folks?|professionals?|practitioners?|experts?|pros)\b"
)
# "MLOps people", "NLP folks": who they are is the word before; a title only when their pay is asked
_SHORT_NOUNS = {"dev": "developer"}
# Job titles no AI/ML role of the data is called by, with or without an AI word before them ("AI product manager")
_OTHER_TITLES = frozenset(
    {
        "manager",
        "architect",
        "designer",
        "analyst",
        "consultant",
        "administrator",
        "officer",
        "director",
        "strategist",
        "ethicist",
        "intern",
    }
)
_PERSON_NOUNS = frozenset({"people", "folk", "folks", "professional", "practitioner", "expert", "pros"})


def _verb_use_pattern() -> re.Pattern[str] | None:
    """A one-word platform metric name ("offers") with a subject word before it and an object after it."""
    words = {p for phrases in PLATFORM_METRICS.values() for p in phrases if " " not in p}
    if not (VERB_OBJECTS and words):
        return None
    names = longest_first(words)
    objects = "|".join(re.escape(w) for w in VERB_OBJECTS)
    return re.compile(rf"(\b[\w'-]+\s+)(?:{names})(?=\s+(?:{objects})\b)")


_VERB_USE = _verb_use_pattern()


def _qualifying_use_pattern() -> re.Pattern[str] | None:
    """A noun-only metric word ("total") before a word it qualifies, or in "in total"; a metric phrase it begins
    ("total offers") is the metric's own name and stays."""
    only = [w for w in word_list("noun_only_metric_words") if " " not in w]
    if not only:
        return None
    phrases = {p for ps in PLATFORM_METRICS.values() for p in ps if " " in p}
    own = longest_first(sorted(phrases)) if phrases else "(?!)"
    names = longest_first(only)
    function = "|".join(re.escape(w) for w in sorted(STOPWORDS, key=len, reverse=True))
    return re.compile(
        rf"\bin\s+(?:{names})\b|\b(?!(?:{own})\b)(?:{names})(?=\s+(?!(?:{function})\b)[a-z])", re.IGNORECASE
    )


_QUALIFYING_USE = _qualifying_use_pattern()


def without_verb_uses(text: str) -> str:
    """The text with a one-word metric name that is used as a verb blanked out: "AI offers lots of paths" (an
    object after it, no determiner or quantifier before it) names no offers, where "how many offers a dev got"
    does; and one that names a metric only as a noun, blanked where it qualifies another ("total pay")."""
    if _VERB_USE is None:
        return _QUALIFYING_USE.sub("_", text) if _QUALIFYING_USE is not None else text

    def blank(match: re.Match[str]) -> str:
        before = match.group(1).strip()
        return match.group(0) if before in NOUN_MARKERS or before.isdigit() else match.group(1) + "_"

    text = _QUALIFYING_USE.sub("_", text) if _QUALIFYING_USE is not None else text
    return _VERB_USE.sub(blank, text)


def unknown_role(text: str, corrected: str, salary: bool) -> str | None:
    """'Java developers', 'data engineer': a job title the data does not have."""
    for match in ROLE_NOUN.finditer(text):
        # The title is the run of words right before the noun: "the path to AI architect" names an AI architect.
        modifiers: list[str] = []
        for word in reversed(match.group(1).split()):
            if word in ROLE_MODIFIER_NOISE or word in STOPWORDS:
                break
            modifiers.insert(0, word)
        if match.group(2) in _PERSON_NOUNS or match.group(2).rstrip("s") in _PERSON_NOUNS:
            if not (salary and len(modifiers) == 1 and modifiers[0] not in AI_WORDS and len(modifiers[0]) > 2):
                continue
            # "MLOps people" is no title of the tables: named as written, as the specialists they are
            written = re.search(rf"\b{re.escape(modifiers[0])}\b", corrected, re.IGNORECASE)
            return f"{written.group(0) if written else modifiers[0]} specialist"
        # "java devs" is Java developers written short: named by the full noun ("Java Developers")
        noun = _SHORT_NOUNS.get(match.group(2).rstrip("s"), match.group(2).rstrip("s"))
        ai_title = any(w in AI_WORDS for w in modifiers)
        if ai_title and noun in _OTHER_TITLES:
            return " ".join([*modifiers, noun]).title().replace("Ai ", "AI ").replace("Ml ", "ML ")
        if salary and not modifiers and noun in _OTHER_TITLES:
            return noun.title()  # "analyst salary", "how much do managers earn in AI": a title the data lacks
        if len(modifiers) >= 2 and modifiers[-1] == "learning" and modifiers[-2] not in AI_WORDS:
            # "reinforcement learning engineer": a specialism the data has no title for (not "machine learning").
            return " ".join([modifiers[-2], "learning", noun]).title()
        if not modifiers or ai_title or any(w.isdigit() for w in modifiers):
            continue
        if modifiers[-1] in ("learning", "intelligence"):
            continue
        modifiers = [w for w in modifiers if len(w) > 1 and w not in ("salary", "expectation", "median", "pay")]
        if not modifiers:
            continue
        return " ".join([*modifiers, noun]).title()
    return None


def names_extra_comp(text: str) -> bool:
    """Bonuses, stock or equity named as pay on top of salary; not "stock" of "ML for stock trading" or "stock
    prices" (stats/vocabulary.toml extra_comp_other_senses), which names no compensation."""
    return has_any(_OTHER_COMP_SENSES.sub(" ", text), EXTRA_COMP_WORDS)


# "are the numbers what devs ask for, or what companies offer them?": "what companies" as one side of an alternative
# is a clause the question names, not a question about which companies
_ALTERNATIVE_SIDE = re.compile(r"\bor\s+(?:what|which)\s+[\w'-]+", re.IGNORECASE)


def asks_which(text: str, openings: tuple[str, ...]) -> bool:
    """A "which companies"-like opening (`openings`) asked, not named as a side of an "A or B" alternative."""
    return has_any(_ALTERNATIVE_SIDE.sub(" ", text), openings)
