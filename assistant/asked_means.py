"""What a part asks, read before its kind and route, where a named thing is context and not what is asked:
- the means to a pay goal ("how can I earn more?"): its "more" is the goal, no ranking of the figures;
- a ranking of what the tables do not rank ("which skill pays the most?"): no ranking of the roles' pay;
- a company named as a modifier or context ("whats meta learning", "how do the top companies hire ...?"): no
  question of the companies' pay;
- a market figure named only by a topic's words ("models in production", "retrain a model"): not the figure;
- a title named by its field ("head of AI", "head of data science") or by a role's name before a title noun
  ("ML engineering manager"): a title the tables lack, not the role its words name.
The words are data (stats/vocabulary.toml: ranked_nouns, market_topic_phrases, market_subjects, titles_of_a_field,
company_words)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.part_context import without_source
from assistant.pay_raising import asks_to_raise_pay, names_a_raise
from assistant.phrase_match import first_key, longest_first
from assistant.phrase_reading import PhraseReader, asked_level
from assistant.question_kinds import PlanVocabulary
from assistant.text_terms import STOPWORDS
from assistant.understanding import MARKET_METRICS, ROLE_SYNONYMS, Slots, Vocabulary
from assistant.vocabulary_words import word_list
from assistant.word_senses import ROLE_NOUN, unknown_role

_RANKED_NOUNS = frozenset(word_list("ranked_nouns"))
# "which <thing> pays the most?": the thing ranked, up to the verb of pay ("which programming language pays ...")
_RANKED_SUBJECT = re.compile(
    r"\b(?:which|what)\s+((?:[\w/+#'-]+\s+){1,4}?)(?:pays?|earns?|makes?|gets?\s+paid|is|are|offers?)\b", re.IGNORECASE
)
_TITLE_OF = re.compile(
    rf"\b({longest_first(word_list('titles_of_a_field'))})\s+of\s+((?:[\w/&.+-]+\s*){{1,3}})", re.IGNORECASE
)
# What ends a title's field: a function word or a word of pay ("head of AI salary", "head of ML in Seattle")
_NOT_A_FIELD = frozenset([*STOPWORDS, *word_list("salary_words"), "do", "does", "pay", "range", "comp", "package"])
_TITLE_NOUNS = frozenset([*word_list("titles_of_a_field"), "lead", "architect"])
_ROLE_PHRASES = frozenset(p for phrases in ROLE_SYNONYMS.values() for p in phrases)
_MARKET_TOPIC = re.compile(rf"\b(?:{longest_first(word_list('market_topic_phrases'))})\b", re.IGNORECASE)
_MARKET_SUBJECT = re.compile(rf"\b(?:{longest_first(word_list('market_subjects'))})\b", re.IGNORECASE)
_SHARE = re.compile(rf"\b(?:{longest_first(word_list('share_asked'))})\b", re.IGNORECASE)
_COMPANY = re.compile(rf"\b(?:{longest_first(word_list('company_words'))})\b", re.IGNORECASE)
# A question's frame around a company named alone ("how about the big tech firms then?"): it asks nothing of its own
_COMPANY_FRAME = frozenset(
    ["company", "companies", "firm", "firms", "giants", "what", "whats", "what's", "how", "about", "then", "there"]
    + [t for w in word_list("request_frame") + word_list("closing_fillers") for t in w.split()]
)


def part_slots(read: PhraseReader, plain: str, vocabulary: Vocabulary, words: PlanVocabulary) -> Slots:
    """What a part itself asks: its phrases read without a source request ("according to the guide"), the level
    its question asks (not its statement's), no ranking where the means to a pay goal are asked, and no company
    pay where a company is only named as context."""
    own = goal_not_ranked(asked_level(read(without_source(plain)), plain, vocabulary), plain, words)
    own = role_as_raising_context(own, plain, words)
    own = company_as_context(other_things_ranked(metric_as_topic(own, plain, words), plain), plain, words)
    return role_in_a_title(title_of_a_field(own, plain), plain)


def goal_not_ranked(own: Slots, text: str, words: PlanVocabulary) -> Slots:
    """The part's slots with a ranking dropped when a how-to opening asks what to do to earn more and nothing
    ranked is named (no "which role", "by city", no levels or place to set in order); "how can I find which
    role pays the most?" and "how much more ...?" still rank or ask a number."""
    # "besides base salary, how can they make more?"; read with typos fixed ("how can i incrase my salary")
    means = words.asks_how_to(text) or asks_to_raise_pay(own.corrected or text)
    if not own.rank or own.rank_dimension or not means or words.asks_for_number(text):
        return own
    if own.city or own.cities or own.level or own.levels or own.years:
        return own
    # The rank word stays said ("rank_word"), as for "the most important skills": a follow-up may still read it.
    return replace(own, rank=None, rank_word=own.rank)


def role_as_raising_context(own: Slots, text: str, words: PlanVocabulary) -> Slots:
    """The part's slots without its role when it asks how to raise pay ("how can a data scientist raise their
    salary?"): the role says who asks, and the answer is the documents' advice on raising pay, never the role's
    salary section; a number asked ("how much can a data scientist raise their salary?") keeps the role. A raise
    named ("how do I get a raise as an AI researcher?") names pay as a pay word does."""
    pay = own.salary or names_a_raise(text)
    if not pay or words.asks_for_number(text) or not asks_to_raise_pay(own.corrected or text):
        return own
    return replace(own, roles=[], salary=True)


def other_things_ranked(own: Slots, text: str) -> Slots:
    """The part's slots with a ranking dropped when what it ranks is named and is none of what the figure tables
    rank ("which skill pays the most?", "what specialization pays best?": not the roles' pay); "which job pays
    the most?", "which ML role earns more?" and "what pays the most?" still rank."""
    if not own.rank or own.rank_dimension or own.roles or own.unknown_role or own.city or own.level or own.levels:
        return own
    ranked = _RANKED_SUBJECT.search(text)
    if ranked is None:
        return own
    subject = re.findall(r"[a-z][a-z'-]*", ranked.group(1).lower())
    if not subject or any(w in _RANKED_NOUNS or ROLE_NOUN.fullmatch(w) for w in subject):
        return own
    return replace(own, rank=None, rank_word=own.rank)


def title_of_a_field(own: Slots, text: str) -> Slots:
    """The part's slots with a title named by the field it heads ("head of AI", "how much does a head of data
    science make?") as a title the tables lack, not the role its field's words name ("data science")."""
    titled = _TITLE_OF.search(text)
    if titled is None:
        return own
    field: list[str] = []
    for word in titled.group(2).split():
        if word.lower() in _NOT_A_FIELD:
            break
        field.append(word)
    if not field:
        return own
    noun = titled.group(1)
    noun = noun.upper() if len(noun) <= 2 else noun[0].upper() + noun[1:]  # "VP", "Head"
    return replace(own, roles=[], unknown_role=f"{noun} of {' '.join(field)}")


def role_in_a_title(own: Slots, text: str) -> Slots:
    """The part's slots with a title whose field is a role's name ("ML engineering manager", "data science
    director") as a title the tables lack, not the role: the role's words name what the title manages."""
    if not own.roles:
        return own
    title = unknown_role(text.lower(), text, own.salary)
    *field, noun = (title or "x").lower().split()
    if noun.rstrip("s") not in _TITLE_NOUNS or " ".join(field) not in _ROLE_PHRASES:
        return own
    return replace(own, roles=[], unknown_role=title)


def metric_as_topic(own: Slots, text: str, words: PlanVocabulary) -> Slots:
    """The part's slots without a market figure named only by a topic's words ("what happens to models in
    production?", "how do I retrain a model?") with no number or share asked and no one the figure counts named
    ("how many enterprises use AI in production?", "are organizations retraining their staff?" still name it)."""
    if not own.market_metric or words.asks_for_number(text) or _SHARE.search(text) or _MARKET_SUBJECT.search(text):
        return own
    said = _MARKET_TOPIC.sub(" ", text)
    if first_key(said, MARKET_METRICS) is not None:
        return own  # the figure is named by its own words too ("job postings", "ML experts")
    return replace(own, market_metric=None)


def company_as_context(own: Slots, text: str, words: PlanVocabulary) -> Slots:
    """The part's slots without the companies' pay when a company is named with no pay, ranking or number asked
    and the part asks something of its own ("does Google use TensorFlow?"); the companies' table holds only their
    pay. "what about Google?" after a salary names the company alone and still asks it."""
    if not own.companies or own.salary or own.rank or own.rank_word or words.asks_for_number(text):
        return own
    rest = _COMPANY.sub(" ", text).lower()
    if not any(t not in STOPWORDS and t not in _COMPANY_FRAME for t in re.findall(r"[a-z][a-z'/+-]*", rest)):
        return own
    return replace(own, companies=False)
