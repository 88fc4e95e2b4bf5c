"""A figure asked that the statistics do not hold, though the part names what they hold figures for.

The statistics key their figures by role, level, city and year, and every guide figure for a role or a city is an
amount of pay. A part that names a role or a city and asks for a count, a share or an average of something else
("what percent of ML engineers work remotely", "the average age of data scientists", "how many robotics engineers
are there") is not answered by that role's pay: the part is refused, with what the sources cover. A share asked
of a pay figure given only in dollars ("the average bonus percentage") says the sources give no percentage, then
gives the dollars they state. The words are data (stats/vocabulary.toml [words]), not code.
"""

from __future__ import annotations

import re

from assistant.phrase_match import has_any
from assistant.text_terms import terms
from assistant.understanding import Slots
from assistant.vocabulary_words import table, word_list

# Words that ask for pay, frame a request about someone, or only say who is meant: what is left after them (and
# after the names of roles, levels and cities) is what the part asks about besides pay.
_FRAME_LISTS = (
    "salary_words",
    "ai_words",
    "request_frame",
    "metric_neutral",
    "closing_fillers",
    "pay_alone",
    "pay_informal",
)
_NAMED_TABLES = ("roles", "levels", "cities")


def _frame_terms() -> frozenset[str]:
    words = [w for name in _FRAME_LISTS for w in word_list(name)]
    words += [p for name in _NAMED_TABLES for phrases in table(name).values() for p in phrases]
    return frozenset(t for w in words for t in terms(w))


_FRAME = _frame_terms()
SHARE_WORDS = word_list("share_asked")  # "percent", "percentage", "proportion", "%"
COUNT_WORDS = word_list("count_asked")  # "how many": people or things counted, never an amount of pay
_AVERAGE = re.compile(r"\baverage\b|\bmean\b", re.IGNORECASE)


def asks_share(text: str) -> bool:
    """The part asks for a percentage or a share ("what percent ...", "bonus as a % of base")."""
    return has_any(f" {text.lower()} ", SHARE_WORDS) or "%" in text


def words_beyond_pay(text: str) -> list[str]:
    """The part's words that neither ask for pay nor name a role, level, city or year ("remotely", "age")."""
    return [t for t in terms(text) if t not in _FRAME and not t.isdigit()]


def other_figure_asked(s: Slots) -> bool:
    """A role's or a city's figure part that asks a count, a share or an average of something besides pay: no
    pay, metric, level of the guide, year, ranking or comparison named, a count/share/average word, and words of
    its own left when the ones that ask for pay or say who is meant are taken out."""
    text = s.corrected or ""
    if not (s.roles or s.city) or s.salary or s.level not in (None, "Average"):
        return False
    if (
        s.years
        or s.experience_years is not None
        or s.level_span
        or s.monthly
        or s.compare
        or s.rank
        or s.platform_metric
        or s.market_metric
        or s.companies
        or s.extra_comp
        or s.tools
        or s.unstated_period
        or s.unstated_currency
    ):
        return False
    if has_any(f" {text.lower()} ", COUNT_WORDS):
        return True  # "how many ML engineers are in Seattle": people counted, which no figure of theirs is
    asks = asks_share(text) or _AVERAGE.search(text) is not None
    return asks and bool(words_beyond_pay(text))


PRICE_WORDS = word_list("price_asked")  # "cost", "price", "subscription": what a product costs, never pay


def price_asked(s: Slots) -> bool:
    """The part asks what something costs ("how much does Google AutoML cost per month?") and names no pay, role,
    platform or market figure: the companies or tools it names have no price in the sources, only salaries."""
    if s.salary or s.roles or s.platform_metric or s.market_metric or s.extra_comp or s.compare or s.rank:
        return False
    return has_any(f" {(s.corrected or '').lower()} ", PRICE_WORDS)


def share_of_dollars(s: Slots) -> bool:
    """A percentage asked where the figure the sources give is an amount in dollars (pay, extra compensation,
    the companies' range); the market figures are the sources' percentages, and a comparison may compute one."""
    if not asks_share(s.corrected or "") or s.market_metric or s.compare or s.rank or s.platform_metric:
        return False
    if len(s.roles) > 1 or len(s.cities) > 1 or len(s.levels) > 1:
        return False  # two figures named: the share is the one between them ("by what percent does NYC out-pay SF")
    return bool(s.extra_comp or s.companies or (s.salary and (s.roles or s.city or s.level)))
