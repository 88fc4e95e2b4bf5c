"""Understanding a question: what it asks for (slots), before anything is looked up.

Deterministic and cheap: typo-tolerant vocabulary matching (rapidfuzz), synonym tables, and patterns for
years ("last year", "the following year"), experience ("5 years"), places and roles. What the question
leaves out is inherited from the previous turn of the same session by `followups.inherit()`.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from assistant.phrase_match import all_keys, first_key, has_any, has_phrase, longest_first, phrase_pattern
from assistant.rank_dimensions import rank_dimension
from assistant.ranked_across import rank_across_object
from assistant.spelling import English, load_english
from assistant.vocabulary_words import table as _table
from assistant.vocabulary_words import word_list as _word_list
from assistant.word_forms import folded
from assistant.word_senses import EXTRA_COMP_WORDS, asks_which, names_extra_comp, unknown_role, without_verb_uses

ROLE_SYNONYMS = _table("roles")
LEVEL_SYNONYMS = _table("levels")
CITY_SYNONYMS = _table("cities")
PLATFORM_METRICS = _table("platform_metrics")
MARKET_METRICS = _table("market_metrics")
# The platform pages are about "AI and Machine Learning developers": their median is not a role of the guide.
PLATFORM_POPULATION = _word_list("platform_population")
# Places people ask about that the data has no salary figure for (some are named in the guide as hubs).
OTHER_PLACES = _word_list("other_places")
US_WORDS = _word_list("us_words")
_COUNTRY_WORDS = tuple(w for w in US_WORDS if w != "us")
SALARY_WORDS = _word_list("salary_words")
LEVEL_SPAN_WORDS = _word_list("level_span")
COMPARE_WORDS = _word_list("compare_words")
RANK_HIGH = _word_list("rank_high")
RANK_LOW = _word_list("rank_low")
MONTHLY_WORDS = _word_list("monthly_words")
UNSTATED_PERIODS = _table("unstated_periods")
# An amount of money the asker states ("is 150k good?", "$95,000 offer"): pay is what the part is about.
# An amount the asker states ("is 150k good?", "$120,000 offer"); "5k+" with its plus is a range's label (a
# chart's bucket) whose meaning may be asked, not an amount of pay.
# "what makes NYC a hotspot?", "it makes data harder to get": "make" as a cause, not as pay ("what makes the most?"
# and "which role makes more" still ask pay).
_CAUSATIVE_MAKE = re.compile(r"\b(?:what|that|it|this)\s+makes?\b(?!\s+(?:more|less|the most|the least|money)\b)")
# "can AI researchers make a difference in healthcare?", "how do ML models make predictions?": "make" with an object
# it does (vocabulary.toml make_objects, after at most two words) is no pay ("make a living" is: not listed).
_MAKE_DOES = re.compile(rf"\bmak(?:e|es|ing)\s+(?:\S+\s+){{0,2}}?(?:{longest_first(_word_list('make_objects'))})\b")
STATED_AMOUNT = re.compile(r"\$\s?\d|\b\d+(?:[.,]\d+)?\s?k\b(?!\+)")
UNSTATED_CURRENCIES = _table("unstated_currencies")
PREDICTION_WORDS = _word_list("prediction_words")
TOOLS_WORDS = _word_list("tools_words")
TOOLS_ASKED = _word_list("tools_asked")
TOOLS_TRENDING = _word_list("tools_trending")
TOOLS_OF_A_YEAR = _word_list("tools_of_a_year")
COMPANY_WORDS = _word_list("company_words")
COMPANY_QUESTIONS = _word_list("company_questions")
COVERAGE_WORDS = _word_list("coverage_words")
METHOD_WORDS = _word_list("method_words")
# Comparison phrases that hold a method word ("measure up"): they set two things side by side, and ask no method.
_COMPARING_WITH_A_METHOD_WORD = re.compile(
    "|".join(
        [phrase_pattern(p).pattern for p in COMPARE_WORDS if p not in METHOD_WORDS and has_any(p, METHOD_WORDS)]
        or ["(?!)"]
    ),
    re.IGNORECASE,
)
DOC_CUES = _word_list("doc_cues")
DOC_OPENERS = _word_list("doc_openers")

INJECTION = re.compile(
    r"ignore (?:all |any |your |the |previous |prior |above )*(?:instructions|rules|prompt|sources)|"
    r"system prompt|disregard (?:your|the|all)|you are now|pretend (?:to be|you)|jailbreak|"
    r"(?:say|tell me|answer|respond) (?:that |with )?(?:the )?(?:median|salary|answer) (?:is|was) \$?\d",
    re.IGNORECASE,
)
FOLLOWUP_START = re.compile(
    r"^\s*(?:and|what about|how about|also|same for|ok(?:ay)?,? (?:and|what about)|"
    r"then|for|in|at)\b",
    re.IGNORECASE,
)
# "earn there", "in that city" point back to a place; "is there", "are there" do not, nor "to get there" (a goal).
PLACE_POINTER = re.compile(
    r"(?<!\bis )(?<!\bare )(?<!\bget )(?<!\bgetting )\b(?:(?:in|over|out)\s+)?"
    r"(?:there|(?:that|this|the same|same) city)\b",
    re.I,
)
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
EXPERIENCE = re.compile(
    r"\b(\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)(?:\s+of)?(?:\s+(?:experience|exp|in))?", re.IGNORECASE
)
WORD = re.compile(r"[a-z0-9][a-z0-9'&/.+#-]*[a-z0-9+#]|[a-z0-9]", re.IGNORECASE)


@dataclass
class Slots:
    """What the question asks for. Empty fields are what a follow-up may inherit."""

    years: list[int] = field(default_factory=list)
    year_relative: int | None = None  # -1 "the year before", +1 "the following year" (session-relative)
    platform_metric: str | None = None
    # each one named, when several: "offers, median, proposals"
    platform_metrics: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    platform_population: bool = False
    unknown_role: str | None = None
    level: str | None = None
    levels: list[str] = field(default_factory=list)  # every level named, in order ("gap between X and Y")
    unknown_level: str | None = None
    experience_years: float | None = None
    level_span: bool = False  # "how many years is early career?": the level's year range is what is asked
    city: str | None = None
    cities: list[str] = field(default_factory=list)  # every city named, in order ("SF vs Seattle")
    unknown_place: str | None = None
    market_metric: str | None = None
    salary: bool = False
    compare: bool = False
    rank: str | None = None  # "highest" | "lowest"
    rank_word: str | None = None  # "highest" | "lowest" said with nothing to rank ("and the least?")
    rank_dimension: str | None = None  # "city" | "role" | "level"
    monthly: bool = False
    unstated_period: str | None = None  # "hourly": a pay period no source states
    unstated_currency: str | None = None  # "euros": a currency no source states
    tools: bool = False
    companies: bool = False
    extra_comp: bool = False
    coverage: bool = False
    method: bool = False
    prediction: bool = False
    doc_cue: bool = False
    doc_topic: bool = False  # a documentation cue beyond the opening ("skills", "career path", not "what's")
    injection: bool = False
    followup: bool = False
    place_pointer: bool = False  # "what about data scientists there?": the place of the turn before
    national: bool = False  # "in the US", "nationally": the whole market the guide's figures are of, no one city
    corrected: str = ""  # the question with typos fixed, for retrieval

    def wants_documents_about_role(self) -> bool:
        """'What skills does an ML engineer need?': a role named, but nothing numeric asked."""
        numeric = self.salary or self.level or self.experience_years is not None or self.city or self.rank
        numeric = numeric or self.monthly or self.platform_metric or self.market_metric or self.years
        return bool(self.roles and self.doc_cue and not numeric)

    def has_stats(self) -> bool:
        if self.wants_documents_about_role():
            return False
        return bool(
            self.platform_metric
            or self.roles
            or self.city
            or self.market_metric
            or self.tools
            or self.companies
            or self.extra_comp
            or self.rank
            or self.level
            or self.experience_years is not None
            or (self.salary and (self.years or self.platform_population))
            or (self.compare and len(self.years) > 1)  # "how do the 2024 and 2025 pages differ?": their figures
            or self.unknown_role
            or (self.unknown_place and self.salary)
            or (self.salary and not self.doc_cue)
        )

    def copy(self) -> Slots:
        """A copy whose lists are its own: the planner changes the slots it is given."""
        lists = {"years": list(self.years), "roles": list(self.roles), "levels": list(self.levels)}
        return replace(self, **lists, cities=list(self.cities))

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, False, [], "") and k != "corrected"}


def _with_names(table: dict[str, tuple[str, ...]], names: list[str]) -> dict[str, tuple[str, ...]]:
    """The synonym table plus every name the data holds, each known at least by itself."""
    merged = dict(table)
    for name in names:
        merged[name] = tuple(dict.fromkeys([*merged.get(name, ()), name.lower()]))
    return merged


class Vocabulary:
    """Words the assistant knows (cue words plus every corpus word), for correcting typos."""

    def __init__(
        self,
        corpus_words: set[str],
        names: dict[str, list[str]] | None = None,
        dictionary: Container[str] = frozenset(),
    ) -> None:
        """`names`: the roles, levels and cities the statistics tables hold, recognised by their own names.
        `dictionary`: ordinary English words that are never "corrected" though the corpus lacks them."""
        names = names or {}
        self._dictionary = dictionary
        self.roles = _with_names(ROLE_SYNONYMS, names.get("roles", []))
        self.levels = _with_names(LEVEL_SYNONYMS, names.get("levels", []))
        self.cities = _with_names(CITY_SYNONYMS, names.get("cities", []))
        cue_phrases: list[str] = []
        for table in (self.roles, self.levels, self.cities, PLATFORM_METRICS, MARKET_METRICS):
            for phrases in table.values():
                cue_phrases.extend(phrases)
        for group in (
            SALARY_WORDS,
            COMPARE_WORDS,
            RANK_HIGH,
            RANK_LOW,
            MONTHLY_WORDS,
            TOOLS_WORDS,
            COMPANY_WORDS,
            COMPANY_QUESTIONS,
            EXTRA_COMP_WORDS,
            PLATFORM_POPULATION,
            OTHER_PLACES,
            DOC_CUES,
            DOC_OPENERS,
        ):
            cue_phrases.extend(group)
        words = {w.lower() for p in cue_phrases for w in WORD.findall(p)}
        words |= {w for w in corpus_words if len(w) >= 4}
        self.words = sorted(words)
        self._known = set(self.words)

    def correct(self, text: str) -> str:
        """Replace unknown words of 5+ letters by the closest known word (1 edit, 2 for 8+ letters). A real English
        word is no typo ("federated" never becomes "generated"), a British one is its American spelling ("specialise"
        is "specialize", not "specialist"); nor is a name as typed: a capital inside the word ("LaTeX") is never
        corrected, a capitalised one only by one edit ("Seatle" -> seattle, but "Coursera" never -> "course"): a name
        the documents lack is then seen as one by the off-topic gates, not answered as the corpus word it resembles."""

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            lower = word.lower()
            us = folded(lower)  # -ise as -ize, accents dropped (a British spelling the English list holds too)
            if us != lower and lower.isalpha() and (us in self._known or self._is_english(us)):
                return us
            if len(lower) < 5 or lower in self._known or not lower.isalpha() or self._is_english(lower):
                return word
            if any(c.isupper() for c in word[1:]):
                return word
            limit = 1 if len(lower) < 8 or word[0].isupper() else 2
            best = process.extractOne(lower, self.words, scorer=DamerauLevenshtein.distance, score_cutoff=limit)
            return best[0] if best else word

        return WORD.sub(fix, text)

    def _is_english(self, word: str) -> bool:
        """A real word the corpus happens not to use ("employers", "mitigated") is not a typo of a corpus word:
        correcting it ("employee", "mitigate") changes the question. Inflections count through their stem."""
        if word in self._dictionary:
            return True
        for suffix in ("s", "es", "d", "ed", "ing", "ly", "er", "ers"):
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= 4 and (stem in self._dictionary or stem in self._known):
                return True
        return False


def load_dictionary(model_path: Path) -> English:
    """Real English words (see spelling.load_english): the offline dictionary that tells a real word from a typo."""
    return load_english(model_path)


def understand(message: str, vocabulary: Vocabulary, today: date | None = None) -> Slots:
    today = today or date.today()
    corrected = vocabulary.correct(message)
    text = " " + re.sub(r"\s+", " ", corrected.lower()).strip() + " "
    s = Slots(corrected=corrected)
    s.injection = bool(INJECTION.search(message))
    s.years = [int(y) for y in YEAR.findall(text)]
    if re.search(r"\blast year\b", text):
        s.years.append(today.year - 1)
    if re.search(r"\bthis year\b|\bcurrent(?:ly)? year\b", text):
        s.years.append(today.year)
    # ... "a year later", "one year on" / "a year earlier", "the year prior": a year counted from the one asked
    if re.search(r"\b(?:the )?(?:following|next) year\b|\byear (?:after|later|on)\b", text):
        s.year_relative = 1
    if re.search(r"\b(?:the )?(?:previous|prior|preceding) year\b|\byear (?:before|earlier|prior)\b", text):
        s.year_relative = -1
    s.platform_population = has_any(text, PLATFORM_POPULATION)
    s.roles = all_keys(text, vocabulary.roles)
    s.level = first_key(text, vocabulary.levels)
    s.levels = [lv for lv in all_keys(text, vocabulary.levels) if lv != "Average"]
    if s.level == "Average" and not (s.roles or "base" in text):
        s.level = None  # "average salary for ML experts" is a market figure, not a role level
    # "a lead engineer" is a level; "cities that lead in AI jobs" is a verb.
    unlisted = re.search(
        r"\b(senior)s?\b|\bsr\b|\b(lead)\b(?!\s+(?:in|to|into|the|a|an|on|at|by|with|from|for)\b)|\b(principal|staff)\b",
        text,
    )
    if unlisted and not s.level:  # named as written ("principal"), "sr" as "senior": what the reply says is missing
        s.unknown_level = next((g for g in unlisted.groups() if g), "senior")
    experience = EXPERIENCE.search(text)
    if experience and not YEAR.fullmatch(experience.group(1)):
        s.experience_years = float(experience.group(1))
    elif re.search(r"\b(?:less than|under|below) (?:a|one|1) years?\b|\bfirst year\b|\bno experience\b", text):
        s.experience_years = 0.5
    # A named level with a question about its length, and no experience of the asker's own given
    # ... or "how long does that level last?" after a level was named (the follow-up brings the level)
    # ... or "how many years is that?" right after a level's figure (the pointer brings the level)
    pointed = re.search(r"\b(?:that|it|this)\b", text) is not None
    named_level = (s.level and s.level != "Average") or (not s.level and (has_phrase(text, "level") or pointed))
    s.level_span = bool(named_level and s.experience_years is None and has_any(text, LEVEL_SPAN_WORDS))
    s.city = first_key(text, vocabulary.cities)
    # "earn there", "in that city" point back to a place; "is there", "are there" do not.
    # ... nor "to get there" (a goal reached, the role of the part before).
    s.place_pointer = PLACE_POINTER.search(text) is not None
    s.cities = all_keys(text, vocabulary.cities)
    if not s.city and has_any(text, OTHER_PLACES):  # one alternation first: most questions name no place
        other = next((p for p in OTHER_PLACES if has_phrase(text, p)), None)
        s.unknown_place = other.title() if other else None
    # "us" alone is as often the asker ("tell us"): the country is "the US" (any other us_words phrase says it).
    country = has_any(text, _COUNTRY_WORDS) or re.search(r"\bthe us\b", text) is not None
    s.national = country and not (s.city or s.unknown_place)
    s.platform_metric = first_key(without_verb_uses(text), PLATFORM_METRICS)
    named_metrics = all_keys(without_verb_uses(text), PLATFORM_METRICS)
    s.platform_metrics = named_metrics if len(named_metrics) > 1 else []
    if not s.platform_metric and re.search(r"\bheadline\b|\bplatform (?:figures|statistics|stats|numbers)\b", text):
        s.platform_metric = "all"
    if s.platform_metric == "offers_total" and "top companies" in text:
        s.platform_metric = None
    if s.platform_metric == "median_salary_expectation" and _expectations_of_a_job(text, s):
        s.platform_metric = None
    s.market_metric = first_key(text, MARKET_METRICS)
    if s.market_metric in ("ml_expert_average_salary", "ml_expert_salary_premium") and not (
        has_any(text, SALARY_WORDS) or "average" in text
    ):
        s.market_metric = None  # "what should an AI/ML expert know" is not about their salary
    s.salary = (
        has_any(_MAKE_DOES.sub(" ", _CAUSATIVE_MAKE.sub(" ", text)), SALARY_WORDS)
        or STATED_AMOUNT.search(text) is not None
    )
    s.compare = has_any(text.replace("grow into", " "), COMPARE_WORDS)
    # "which is higher, entry or late career?": the two levels side by side, not a ranking of the roles
    two_levels = len(s.levels) >= 2 and re.search(r"\b(?:higher|lower|more|less|better|worse|or)\b", text)
    s.compare = s.compare or bool(two_levels)
    s.rank = (
        "highest" if has_any(text, RANK_HIGH) else "lowest" if has_any(text, RANK_LOW) else rank_across_object(text)
    )
    if s.rank and (two_levels or re.search(r"\b(?:more|less|higher|lower|better|worse) than\b", text)):
        s.rank = None  # "do data scientists make more than AI researchers?" sets two side by side, ranks nothing
    if s.rank:
        without_levels = text
        for phrases in vocabulary.levels.values():
            for phrase in phrases:
                without_levels = phrase_pattern(phrase).sub(" ", without_levels)
        s.rank_dimension = rank_dimension(text, without_levels)
        if not s.rank_dimension and not (s.salary or s.roles or s.city):
            s.rank_word, s.rank = s.rank, None  # "the most important skills" is not a salary ranking
        if s.rank_dimension == "city" and not (s.salary or s.roles or s.level or s.platform_metric or s.market_metric):
            s.rank = s.rank_dimension = None  # "which cities have the most AI jobs?" ranks no figure we hold
    s.monthly = has_any(text, MONTHLY_WORDS)
    s.unstated_period = first_key(text, UNSTATED_PERIODS)
    s.unstated_currency = first_key(text, UNSTATED_CURRENCIES)
    tools_named = has_any(text, TOOLS_WORDS) or (bool(s.years) and has_any(text, TOOLS_OF_A_YEAR))
    # "what tools should a data scientist know?" asks the guide about a role's toolkit; the trending list of a
    # year is not by role ("which tools are trending for data scientists?" still asks it).
    for_a_role = bool(s.roles) and not s.years and not has_any(text, TOOLS_TRENDING)
    s.tools = tools_named and has_any(text, TOOLS_ASKED) and not re.search(r"\bskills?\b", text) and not for_a_role
    # "which companies pay most?" asks the companies' figures; "my company pays me 100k" is the asker's context.
    asks_pay = s.salary or bool(s.rank or s.rank_word) or len(text.split()) <= 3  # "which companies?" after pay too
    asked = has_any(text, COMPANY_WORDS) or (asks_pay and asks_which(text, COMPANY_QUESTIONS))  # not "A or what ..."
    s.companies = asked and not re.search(r"\b(?:my|our)\s+(?:company|employer)", text)
    s.extra_comp = names_extra_comp(text)  # not "stock trading"
    # "which cities do you have?" asks what the data covers; "which cities pay the most?" ranks them.
    s.coverage = has_any(text, COVERAGE_WORDS) and not (s.roles or s.rank) and s.platform_metric in (None, "all")
    s.method = has_any(_COMPARING_WITH_A_METHOD_WORD.sub(" ", text), METHOD_WORDS)  # not "how do they measure up?"
    s.prediction = has_any(text, PREDICTION_WORDS) or any(y > today.year for y in s.years)
    s.doc_topic = has_any(text, DOC_CUES)
    s.doc_cue = s.doc_topic or has_any(text, DOC_OPENERS)
    s.unknown_role = None if s.roles else unknown_role(text, corrected, s.salary)
    refers_back = re.search(r"\b(?:that|it|they|them|those|this|these|their|he|she)\b", text) is not None
    s.followup = (
        bool(FOLLOWUP_START.match(text))
        or (len(text.split()) <= 4 and not s.doc_cue)
        or (refers_back and (s.monthly or s.compare or bool(s.level) or bool(s.city) or s.salary))
        or (s.place_pointer and s.salary)
    )
    return s


def _expectations_of_a_job(text: str, s: Slots) -> bool:
    """'what expectations do employers have of ML engineers?': "expectations" with no pay, median or year named is
    what a job expects, not the platform's median salary expectation (a terse "and the expectation?" still is)."""
    if s.years or has_any(text, SALARY_WORDS) or re.search(r"\bmedian\b", text):
        return False
    return len(text.split()) >= 5
