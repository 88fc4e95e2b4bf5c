"""A figure said back in another form than the answer printed it: "is 5.6k a lot?", "is $129k good money?", "so 5,640
dollars, is that good?" after $5,640 or $129,640. The number stands for the figure just given, as "that" does: the
follow-up is read as "is that a lot?", so it asks about that figure, never about another figure that merely shares
its digits ("640" of $129,640). The figures an answer gave are kept with its turn (slots "figures"), so every worker
holding the session reads the same; the multiplier and currency words are data (stats/vocabulary.toml [figures])."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.grounding import numbers_in
from assistant.phrase_match import longest_first
from assistant.sessions import Turn
from assistant.vocabulary_words import section

MOST_FIGURES = 12  # an answer's figures kept with its turn (a table of levels holds five or six)
SMALLEST = 100  # below this a number is a count of years, levels or items, not a figure said back
CLOSE = 0.01  # a figure said back rounded is within a hundredth of it ("5.6k" of $5,640, "130k" of $129,640)
_YEARS = range(1900, 2101)  # a bare four-digit number in this range is a year ("and in 2025?"), not a figure


def figures_given(answer: str) -> list[float]:
    """The figures an answer printed (years and small counts left out), in order, at most MOST_FIGURES."""
    found = [v for v in numbers_in(answer) if v >= SMALLEST and not (v.is_integer() and int(v) in _YEARS)]
    return list(dict.fromkeys(found))[:MOST_FIGURES]


@lru_cache(maxsize=1)
def _said_back() -> tuple[re.Pattern[str], dict[str, float]]:
    figures = section("figures")
    multipliers = {str(k): float(v) for k, v in (figures.get("said_back_multipliers") or {}).items()}
    currency = [str(w) for w in figures.get("said_back_currency") or []]
    money = longest_first(currency) if currency else "(?!)"
    times = longest_first(list(multipliers)) if multipliers else "(?!)"
    pattern = re.compile(
        rf"(?<![\w.])(?:(?:{money})\s?)?(?P<number>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<times>{times}))?(?![\w.])"
        rf"(?:\s?(?:{money})(?![\w]))?"
    )
    return pattern, multipliers


def _value_and_unit(number: str, times: str | None, multipliers: dict[str, float]) -> tuple[float, float]:
    """The value a number says and how far from it a figure it rounds may be: "5.6k" is 5,600 to the hundred, "129k"
    129,000 to the thousand, "5,600" 5,600 to the hundred (its trailing zeros), "5640" exact."""
    digits = number.replace(",", "")
    scale = multipliers.get(times or "", 1.0)
    if "." in digits:
        unit = 10.0 ** -len(digits.split(".")[1])
    else:
        zeros = len(digits) - len(digits.rstrip("0"))
        unit = 10.0**zeros if zeros < len(digits) else 1.0
    value = float(digits) * scale
    # ... but never looser than a hundredth of it: "120k" is no $129,640 said back, nor "6k" $5,640
    return value, max(min(unit * scale, value * CLOSE), 1.0)


def figure_said_back(message: str, previous: Turn | None) -> str:
    """The message with a figure of the answer before, said back in any form, put as "that" ("is 5.6k a lot?" ->
    "is that a lot?"); the message unchanged when it says none."""
    given = [float(v) for v in (previous.slots.get("figures") or [])] if previous is not None else []
    if not given:
        return message
    pattern, multipliers = _said_back()
    for found in pattern.finditer(message):
        value, unit = _value_and_unit(found.group("number"), found.group("times"), multipliers)
        bare_year = found.group(0).strip().isdigit() and int(found.group(0).strip()) in _YEARS
        if value < SMALLEST or bare_year:
            continue
        if any(abs(value - figure) < unit for figure in given):
            return f"{message[: found.start()]}that{message[found.end() :]}"
    return message
