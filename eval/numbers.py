"""Numbers as people write them in answers: "$5,808", "5.8k", "5808", "$120,368 – $193,263", "3.0%", "+$168".

`parse_numbers` finds every figure in a text with its unit (usd, percent or none); `[n]` citation markers are
not figures. A hyphen between two figures is a range ("0-1 year", "$1 - $2"), not a minus sign.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKER = re.compile(r"\[\d+(?:\s*[,–-]\s*\d+)*\]")
_NUMBER = re.compile(
    r"""
    (?<![\w.$])                                    # not the tail of a word, a decimal or a currency
    (?P<sign>[-−+](?=\s?(?:\$|US\$|USD)?\s?\d))?    # a sign right before a figure
    (?P<currency>US\$|\$|USD\s?)?
    (?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|\.\d+)
    (?P<scale>\s?(?:thousand|million|billion)\b|(?:k|K|M|bn)(?![A-Za-z]))?
    (?P<suffix>\s?%|\s?(?:percent|per\ cent)\b|\s?(?:USD|dollars?)\b)?
    """,
    re.VERBOSE,
)
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
_RANGE_BEFORE = re.compile(r"[\d%kKM]\s*$")


@dataclass(frozen=True)
class ParsedNumber:
    """One figure found in a text."""

    value: float
    unit: str | None  # "usd", "percent" or None when the text gives no unit
    text: str


def strip_markers(text: str) -> str:
    """Remove [n] citation markers so they are not read as figures."""
    return _MARKER.sub(" ", text)


def parse_numbers(text: str) -> list[ParsedNumber]:
    """Every figure in `text`, in order, with its unit and scale applied ("5.8k" -> 5800.0)."""
    clean = strip_markers(text)
    found: list[ParsedNumber] = []
    for match in _NUMBER.finditer(clean):
        value = float(match.group("digits").replace(",", ""))
        scale = (match.group("scale") or "").strip().lower()
        if scale:
            value *= _SCALES[scale]
        sign = match.group("sign")
        # "0-1 year" and "$100 - $200" are ranges: a hyphen right after a figure is not a minus sign.
        if sign in ("-", "−") and not _RANGE_BEFORE.search(clean[: match.start()]):
            value = -value
        suffix = (match.group("suffix") or "").strip().lower()
        if match.group("currency") or suffix in ("usd", "dollar", "dollars"):
            unit: str | None = "usd"
        elif suffix in ("%", "percent", "per cent"):
            unit = "percent"
        else:
            unit = None
        found.append(ParsedNumber(value=value, unit=unit, text=match.group(0).strip()))
    return found


def matches(expected: float, unit: str, parsed: ParsedNumber, tolerance: float, rel_tolerance: float) -> bool:
    """Does a parsed figure state the expected one? A figure without a unit may match any expected unit."""
    if unit in ("usd", "percent") and parsed.unit not in (unit, None):
        return False
    allowed = max(tolerance, rel_tolerance * abs(expected), 1e-9)
    return abs(parsed.value - expected) <= allowed


def find_number(
    expected: float, unit: str, parsed: list[ParsedNumber], tolerance: float = 0.0, rel_tolerance: float = 0.0
) -> ParsedNumber | None:
    """The first parsed figure that states `expected`, or None."""
    return next((item for item in parsed if matches(expected, unit, item, tolerance, rel_tolerance)), None)
