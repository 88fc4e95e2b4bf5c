"""Follow-ups: what a question leaves out is taken from the turn before it ("and in 2024?", "what about
Seattle?", "how much did it change?"), so the planner can answer it as if it were asked in full: the slots it
inherits (`inherit`), the topic it goes on with (`continues`, `turn_topic`), the figure it sets a new role beside
the figure an "it" stands for (`figure_named`), the two roles "which is higher?" chooses
between (`between_the_two`), the question it asks again of another
role (`role_swapped`), what a bare "examples?" asks it of (`asked_of_topic`), the job a list is asked of after its
pay or path (`job_pointed_at`), and the roles and the part before that a later part follows (`context_roles`,
`as_turn`)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.list_things import points_at_listed_things, without_roles
from assistant.part_context import topicless
from assistant.pay_raising import asks_to_raise_pay, raises_pointed_pay
from assistant.phrase_match import phrase_pattern
from assistant.pointed_items import ITEM, head_noun, instances_of, item_words, roles_of
from assistant.question_kinds import PlanVocabulary, generic_form
from assistant.rank_dimensions import rank_dimension
from assistant.sessions import Turn
from assistant.slot_reading import names_something
from assistant.text_terms import STOPWORDS, terms
from assistant.understanding import FOLLOWUP_START, Slots, Vocabulary, understand
from assistant.vocabulary_words import section

if TYPE_CHECKING:
    from assistant.planning import PlannedPart

REFERS_BACK = re.compile(r"\b(?:that|this|it|those|them|they|then)\b", re.IGNORECASE)
MORE = re.compile(r"\b(?:higher|lower|more|less|better|worse|bigger|smaller)\b", re.IGNORECASE)
_WHICH = re.compile(r"\b(?:which|the two|both|either)\b", re.IGNORECASE)  # a choice among what was asked
_THING = re.compile(r"\b(?:it|its)\b", re.IGNORECASE)  # a thing pointed back to, never a person ("they")


def inherit(current: Slots, previous: Turn | None, history_years: list[int]) -> Slots:
    """Fill what a follow-up leaves out from the previous turn ("and in 2024?", "how much did it change?")."""
    # A figure the data lacked ("what do data scientists make in Seattle?") still sets what "what about ML
    # engineers?" asks of; any other refused turn sets nothing.
    refused = previous is not None and previous.route == "out_of_scope" and previous.slots.get("kind") != "figure"
    if refused and current.place_pointer and not current.city and previous is not None and previous.slots.get("city"):
        # ... but "there" still names the place it asked about: "what's the weather like in Seattle?" (refused),
        # then "what do ML engineers earn there?" asks Seattle's figure. Only the place pointed at is taken.
        return replace(current, city=str(previous.slots["city"]))
    if previous is None or previous.route == "invalid" or refused:
        return current
    before = previous.slots
    own_topic = (
        current.platform_metric
        or current.roles
        or current.market_metric
        or current.tools
        or current.companies
        or current.extra_comp
        or current.coverage
        # "and for Java developers?" after the platform median: a title the data lacks, set in the place of the
        # figure's population, keeps the figure asked (its refusal then names the title); asked with a topic of
        # its own ("what do Java developers earn?") it is the topic.
        or (current.unknown_role and not current.followup)
    )
    is_followup = current.followup or (
        not own_topic
        and (
            current.years
            or current.compare
            or current.level
            or current.city
            or current.national  # "and in the US overall?" after a city's figure (or a place the data lacks)
            or current.year_relative
            or current.monthly
            or current.experience_years is not None
        )
    )
    if not is_followup or (current.doc_cue and not own_topic and not current.compare and not current.years):
        return current
    merged = replace(current)
    if current.year_relative and not current.years and previous.years:
        merged.years = [previous.years[-1] + current.year_relative]
        # "how much did it change the next year?" after 2024: a year past, no forecast
        merged.prediction = merged.prediction and merged.years[0] > date.today().year
    if merged.compare and not merged.years and len(set(history_years)) >= 2:
        distinct = list(dict.fromkeys(history_years))
        merged.years = sorted(distinct[-2:])
    if not own_topic:
        merged.platform_metric = before.get("platform_metric")
        merged.market_metric = before.get("market_metric")
        merged.platform_population = bool(before.get("platform_population"))
        # "how much extra is that per year?" after the bonuses: the same figure (the guide's extras, companies' pay)
        merged.extra_comp = bool(before.get("extra_comp"))
        merged.companies = bool(before.get("companies"))
        merged.tools = bool(before.get("tools"))  # "and in 2024?" after the 2025 trending tools: that list, of 2024
        if not merged.roles and not merged.city and not merged.unknown_role:
            merged.roles = list(before.get("roles") or [])
        if not merged.roles and merged.city and before.get("roles") and not merged.unknown_role:
            merged.roles = list(before.get("roles") or [])
        if not merged.level and merged.experience_years is None and not merged.unknown_level:
            merged.level = before.get("level")
        if not merged.salary:
            merged.salary = bool(before.get("salary"))
        if not merged.monthly and not merged.compare:
            merged.monthly = bool(before.get("monthly"))
        if before.get("rank_dimension") and (merged.rank_word or merged.rank) and not merged.rank_dimension:
            # "Which city pays the most?" then "and the least?": the same ranking, the other end.
            merged.rank = merged.rank or merged.rank_word
            merged.rank_dimension = before.get("rank_dimension")
        elif merged.rank and merged.salary and not (merged.rank_dimension or merged.roles or merged.city):
            # "Which cities lead in AI jobs?" then "and which pay the most?": "which" are the things asked before.
            merged.rank_dimension = rank_dimension(previous.message.lower())
        merged.doc_cue = False
    if merged.compare and merged.level and before.get("level") and before.get("level") != merged.level:
        merged.levels = [before["level"], merged.level]  # "how much more at Late Career?" -> the gap
    if merged.compare and merged.city and before.get("city") and before.get("city") != merged.city:
        # "how does that compare to Seattle?" after San Francisco's figure: the two places side by side, as
        # "San Francisco vs Seattle" asked at once (a comparison names only its new side).
        merged.cities = [str(before["city"]), merged.city]
    if current.companies and current.followup and not (current.roles or current.unknown_role) and before.get("salary"):
        # "and at the top companies?" after an entry-level ML engineer's pay: the companies qualify that pay (the
        # role's own top-company figure), as a city or a year would; the guide's line on the companies follows
        merged.roles, merged.salary = list(before.get("roles") or []), True
        merged.level = merged.level or before.get("level")
    if own_topic and merged.roles and not merged.level and merged.experience_years is None and not merged.unknown_level:
        merged.level = before.get("level")  # "and a data scientist?" keeps "mid-career"
    if own_topic and merged.roles and not (merged.city or merged.unknown_place) and before.get("city"):
        merged.city = str(before["city"])  # "what about ML engineers?" after data scientists in Seattle: Seattle
    if current.place_pointer and not merged.city and before.get("city"):
        merged.city = str(before["city"])  # "what about data scientists there?" keeps Seattle
    elif current.place_pointer and not (merged.city or merged.unknown_place) and before.get("unknown_place"):
        merged.unknown_place = str(before["unknown_place"])  # "is Austin good for AI? what do they make there?"
    elif current.place_pointer and merged.salary and rank_dimension(previous.message.lower()) == "city":
        # "best cities for AI jobs" then "and salaries there?": the cities' figures, highest first.
        merged.rank, merged.rank_dimension = merged.rank or "highest", "city"
    if not merged.years and not merged.compare and before.get("years") and merged.platform_metric:
        merged.years = list(before.get("years") or [])
    merged.followup = True
    return merged


_POSSESSIVE_NOUN = re.compile(r"^(?:their|his|her)\s+(\S+)$", re.IGNORECASE)  # "their job": the job of a person


def role_put_in(text: str, role: str, words: PlanVocabulary) -> str | None:
    """The text with its reference to a role replaced by `role` (PlanVocabulary.resolve_role), a person's own
    thing kept as theirs: "what's their job like day to day?" -> "what's a Data Scientist's job like day to day?"
    (replacing "their job" by the role alone asked what a Data Scientist is like, and found a trend)."""
    found = words.role_noun.search(text)
    owned = _POSSESSIVE_NOUN.match(found.group(0)) if found else None
    if found is None or owned is None:
        return words.resolve_role(text, role)
    one = "an" if role[:1].upper() in "AEIOU" else "a"
    return f"{text[: found.start()]}{one} {role}'s {owned.group(1)}{text[found.end() :]}"


def continues(text: str, own: Slots, previous: Turn, refers_back: bool = False) -> bool:
    """The part goes on with the last documentation question's topic: it has none of its own, or it points
    back to it ("can you give me a few examples of them?", "why does that happen?") and names nothing else."""
    if previous.route not in ("documents", "both"):
        return False
    if ITEM.search(text):
        return True  # "tell me more about the product manager one" after the career paths: that list's item
    if own.roles and _THING.search(text) and not names_something(replace(own, roles=[])):
        return True  # "is it going to replace data scientists?" after AutoML: "it" is AutoML, the role context
    if names_something(own) or own.roles:
        return False
    return refers_back or topicless(text)


@lru_cache(maxsize=1)
def _asked_of_topic_words() -> frozenset[str]:
    """The words a follow-up asks of the topic before ("examples", "risks"): [references] asked_of_topic."""
    words = [*(section("references").get("asked_of_topic") or []), *_qualifier_words()]
    return frozenset(t for w in words for t in terms(str(w)))


def _qualifier_words() -> list[str]:
    """Words that only qualify a request of the topic ("real-world", "concrete"): [references] request_qualifiers."""
    return [str(w) for w in section("references").get("request_qualifiers") or []]


@lru_cache(maxsize=1)
def _qualifiers() -> re.Pattern[str]:
    words = sorted(_qualifier_words(), key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE) if words else re.compile(r"(?!)")


def asked_of_topic(text: str, query: str, topic: str) -> str | None:
    """'examples?', 'any risks?', 'tell me more' after a documents answer: a follow-up whose words only ask
    something of a subject (vocabulary [references] asked_of_topic) asks them OF the topic, so the topic is searched
    as part of what is asked, not as context only: "examples?" after discriminative models' uses searches
    "examples? discriminative models used" (with the topic as context only, "examples" alone chose the Examples
    of Generative Models heading). A word of any other kind names a subject of its own ("what is RAG?"), and an
    opener ("and unsupervised?", "what about discriminative ones?") asks the last question of something else:
    None then."""
    if not topic or FOLLOWUP_START.match(text) or ITEM.search(text):
        return None
    if not _only_asks_of(text):
        return None
    asked = " ".join(_qualifiers().sub(" ", query).split())  # "some real-world uses" searches "some uses"
    return f"{asked} {topic}"


def _only_asks_of(text: str) -> bool:
    """Whether every content word of the text only asks something of a subject ("got any examples?")."""
    return set(terms(text)) <= _asked_of_topic_words()


# What a list is asked of after a job's pay or path: the job ("what skills do I need for it?"), never the figure or
# the path. (A path asked of "it" is already searched with the role: the kinds of question_examples role_context.)
_JOB_ASKED_KINDS = frozenset({"list"})
_ABOUT_A_JOB_KINDS = frozenset({"figure", "path"})  # kinds of turn whose subject is a job (its pay, its path)


def job_pointed_at(text: str, kind: str, own: Slots, previous_kind: str, earlier_roles: list[str]) -> str | None:
    """The role "it"/"that" stands for in "what skills do I need for it?" after a data scientist's salary, or "what
    degree do I need for that?" after the AI product manager's career path: a follow-up with a topic of its own that
    asks for a list points back to the job the turn before was about (its pay or its path), not to that
    turn's figure ("skills for the salary") nor its words ("a degree for the career path"). A question about the
    figure itself ("why is it so high?", "is that per month?") is no list: the figure stays what it means. None
    when the part is no such follow-up."""
    if kind not in _JOB_ASKED_KINDS or previous_kind not in _ABOUT_A_JOB_KINDS or not earlier_roles:
        return None
    if own.roles or own.unknown_role or topicless(text) or not REFERS_BACK.search(text):
        return None
    return earlier_roles[0]


def goes_on_with(
    text: str, query: str, own: Slots, source: Turn | None, refers_back: bool, words: PlanVocabulary
) -> tuple[str, ...] | None:
    """The documents search of a part that goes on with the topic of `source` (the last turn, or the part before in
    the message): the question as if asked afresh ("where is it used?" -> "where is reinforcement learning used?",
    "what's the difference between those two?" -> both topics, "examples?" -> asked of the topic), else its own words
    with the topic as context ("the product manager one"): (query, *context). None when it does not go on."""
    if source is None:
        return None
    # "got any examples?": words that only ask something of a subject go on with the topic however many they are
    asks_of = source.route in ("documents", "both") and not names_something(own) and _only_asks_of(text)
    if not (asks_of or continues(text, own, source, refers_back)):
        return None
    topic = content_words(turn_topic(source))
    if points_at_listed_things(text, own, source):  # "why are they important?": the skills, not what they were for
        topic = without_roles(topic, roles_of(source.slots))
    resolved = (
        instances_of(query, topic)
        or both_topics(query, source, words.pair)
        or (words.resolve(query, topic) if refers_back and topic else None)
        or asked_of_topic(text, query, topic)
    )
    if resolved:
        return (resolved,)
    named = item_words(query, head_noun(topic))
    if FOLLOWUP_START.match(text) and named != item_words(query):
        # "and the discriminative ones?" after generative models: the last question asked of another thing of the
        # same kind, named in full ("and the discriminative models?"); the topic before is no context of it.
        # (Without the opener, "what's the spam one used for?" is an item of what was said: "spam models" is none.)
        return (named,)
    return (item_words(query), turn_topic(source))


def role_swapped(text: str, own: Slots, previous: Turn | None, vocabulary: Vocabulary) -> str | None:
    """The last documentation question asked again of the role (or place) a follow-up names and nothing else
    ("and ML engineers?", "what about for robotics engineers specifically?", "what about in NYC?"), or None."""
    if previous is None or previous.route not in ("documents", "both") or not own.followup:
        return None
    new = own.roles[:1] or ([own.unknown_role] if own.unknown_role else [])
    place = own.city or own.unknown_place
    if not (new or place) or own.doc_cue:
        return None
    if names_something(replace(own, roles=[], unknown_role=None, city=None, unknown_place=None)):
        return None
    named = {own.unknown_role or "": "this job", own.unknown_place or "": "this city"}
    rest = generic_form(text, named).replace("this job", " ").replace("this city", " ")
    if not topicless(rest):
        return None
    message = " ".join(previous.message.lower().split())
    if not new:  # "what about in NYC?" after the in-demand skills: the same question, of that place
        return f"{message.rstrip('?.! ')} in {place}"
    before = roles_of(previous.slots)
    for role in before:
        for phrase in sorted(vocabulary.roles.get(role, (role.lower(),)), key=len, reverse=True):
            message = phrase_pattern(phrase).sub(new[0], message)
    return message if new[0] in message else f"{message.rstrip('?.! ')} for {new[0]}"


def every_part_again(message: str, previous: Turn | None, vocabulary: Vocabulary) -> str | None:
    """'and for data scientists?' after "what's the average ML engineer salary and what do they do?": a follow-up
    naming a new role and nothing else asks every part of the last question again, of that role (the last message
    with the role put in: its pay AND what it does); None unless the turn before was answered by both routes."""
    if previous is None or previous.route != "both":
        return None
    own = understand(message, vocabulary)
    new = own.roles[:1]
    if not new or names_something(replace(own, roles=[])) or own.doc_cue:
        return None
    rest = generic_form(message).replace("this job", " ")
    if not topicless(rest):
        return None
    before = " ".join(previous.message.lower().split())
    asked = before
    for role in roles_of(previous.slots):
        for phrase in sorted(vocabulary.roles.get(role, (role.lower(),)), key=len, reverse=True):
            asked = phrase_pattern(phrase).sub(new[0], asked)
    return asked if asked != before else None


def turn_topic(turn: Turn) -> str:
    """What a turn was about: the words its documents search used (a follow-up's resolved topic), else its text."""
    return str(turn.slots.get("topic") or turn.message)


def figure_named(turn: Turn | None) -> str:
    """What a figure turn gave, in words: its platform or market metric, else "the salary" for a pay figure."""
    if turn is None:
        return ""
    metric = turn.slots.get("platform_metric") or turn.slots.get("market_metric")
    if metric and metric != "all":
        return "the " + str(metric).replace("_", " ")
    return "the salary" if turn.slots.get("salary") or turn.slots.get("roles") else ""


def pay_pointed_at(text: str, before: Turn | None, previous_kind: str, other_referent: bool) -> str:
    """What "that" stands for after a figure ("the salary", "the median salary expectation"), or "". A job or a
    person the part points at (`other_referent`: "what skills do I need for it?") is what it asks about instead,
    except in a question asking how to raise pay: "what would help raise that?" raises the pay, not the job."""
    if previous_kind != "figure" or (other_referent and not asks_to_raise_pay(text)):
        return ""
    return figure_named(before)


def figure_query(query: str, text: str, kind: str, own: Slots, figure: str, words: PlanVocabulary) -> str:
    """The documents query of a part after a figure: "why is it so high?" -> "why is the salary so high?" (`figure`,
    what "it" stands for; "" when it stands for nothing of the figure)."""
    if kind == "figure" or not figure or names_beyond_raising(own, text):
        return query
    return words.resolve(query, figure) or query


def names_beyond_raising(own: Slots, text: str) -> bool:
    """Whether the part names something of its own, besides the pay (and the "more") a question asking how to raise
    pay names as what it raises: "what can I do to earn more than that?" names nothing else, "that" is the pay."""
    if raises_pointed_pay(text):
        own = replace(own, salary=False, compare=False, rank=None, rank_word=None)
    return names_something(own)


def between_the_two(text: str, own: Slots, words: PlanVocabulary) -> bool:
    """'which is higher?', 'which one pays more?', 'how do the two compare?': a choice between what was
    asked before, naming nothing of its own."""
    choice = own.compare or own.rank or own.rank_word or words.asks_to_compare(text) or MORE.search(text)
    return bool(choice) and not (own.roles or own.unknown_role or own.city) and _WHICH.search(text) is not None


def content_words(text: str) -> str:
    """The words of a topic without its function words ("what are regression models?" -> "regression models")."""
    return " ".join(w for w in re.findall(r"[\w'/+#-]+", text) if w.lower() not in STOPWORDS)


def both_topics(query: str, previous: Turn, pair: re.Pattern[str]) -> str | None:
    """'what's the difference between those two?' after "what are regression models?" then "and classification
    models?": the two topics the pair stands for, in the order they were asked; None without a pair pointer or
    without a documents turn before the last."""
    found = pair.search(query)
    earlier, last = content_words(str(previous.slots.get("topic_before") or "")), content_words(turn_topic(previous))
    if found is None or not earlier or not last:
        return None
    return f"{query[: found.start()]}{earlier} and {last}{query[found.end() :]}"


def context_roles(slots: Slots, previous: Turn | None, earlier: list[PlannedPart]) -> list[str]:
    """The roles a part is about: its own, else the earlier part's, else the previous turn's."""
    if slots.roles:
        return list(slots.roles)
    for part in reversed(earlier):
        if part.slots.roles or part.slots.unknown_role:
            return roles_of(part.slots.to_dict())
    if previous is not None and previous.route not in ("out_of_scope", "invalid"):
        return roles_of(previous.slots)
    return []


def as_turn(part: PlannedPart) -> Turn:
    """The part before, as the turn a later part of the same message follows (its kind included: "the average
    AI engineer pay; what about data scientists?" asks the same kind of question again)."""
    slots = {**part.slots.to_dict(), "kind": part.kind}
    return Turn(message=part.text, route=part.route, slots=slots, years=part.slots.years)
