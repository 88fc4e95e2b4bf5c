"""The number parser reads figures the way answers write them."""

from __future__ import annotations

import pytest

from eval.numbers import find_number, matches, parse_numbers


def values(text: str) -> list[tuple[float, str | None]]:
    return [(number.value, number.unit) for number in parse_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$5,808", [(5808.0, "usd")]),
        ("5.8k", [(5800.0, None)]),
        ("5808", [(5808.0, None)]),
        ("$120,368 – $193,263", [(120368.0, "usd"), (193263.0, "usd")]),
        ("$120,368 - $193,263", [(120368.0, "usd"), (193263.0, "usd")]),
        ("3.0%", [(3.0, "percent")]),
        ("+$168 (+3.0%)", [(168.0, "usd"), (3.0, "percent")]),
        ("fell -2.5 percent", [(-2.5, "percent")]),
        ("Entry Level (0-1 year): $100,324", [(0.0, None), (1.0, None), (100324.0, "usd")]),
        ("$50,000+ annually", [(50000.0, "usd")]),
        ("US$1.2M", [(1_200_000.0, "usd")]),
        ("120K USD", [(120_000.0, "usd")]),
        ("it was 45.", [(45.0, None)]),
        ("2024,2025", [(2024.0, None), (2025.0, None)]),
    ],
)
def test_parses_formats(text: str, expected: list[tuple[float, str | None]]) -> None:
    assert values(text) == expected


def test_citation_markers_are_not_figures() -> None:
    assert values("The median was $5,808 [1][2] and offers 59 [3, 4].") == [(5808.0, "usd"), (59.0, None)]


def test_word_tails_are_not_figures() -> None:
    assert values("GPT3 and v2") == []


def test_units_must_agree_when_both_are_stated() -> None:
    (dollars,) = parse_numbers("$85")
    (percent,) = parse_numbers("85%")
    (bare,) = parse_numbers("85")
    assert matches(85, "percent", percent, 0, 0)
    assert not matches(85, "percent", dollars, 0, 0)
    assert matches(85, "percent", bare, 0, 0)
    assert matches(85, "number", dollars, 0, 0)


def test_tolerance_absolute_and_relative() -> None:
    parsed = parse_numbers("about $9,588 a month, or 5.8k")
    assert find_number(9587.75, "usd", parsed) is None
    assert find_number(9587.75, "usd", parsed, tolerance=0.5) is not None
    assert find_number(5808, "usd", parsed) is None  # "5.8k" is not the exact figure
    assert find_number(5808, "usd", parsed, rel_tolerance=0.01) is not None


def test_sign_is_kept() -> None:
    parsed = parse_numbers("a change of -$168")
    assert find_number(168, "usd", parsed) is None
    assert find_number(-168, "usd", parsed) is not None
