"""The numeric check that stands between a composed answer and the user."""

from __future__ import annotations

from assistant.grounding import evidence_numbers, numbers_in, ungrounded_numbers


def test_numbers_are_parsed_with_formats_and_markers_ignored() -> None:
    assert numbers_in("The median was $5,808 [1], +3.0% [2], from 59 offers.") == [5808.0, 3.0, 59.0]
    assert numbers_in("$120,368 - $193,263 a year") == [120368.0, 193263.0]


def test_a_number_missing_from_the_evidence_is_caught() -> None:
    evidence = evidence_numbers(["Median Salary Expectations: $5,808"], [{"difference": 168, "pct": 3.0}])
    assert ungrounded_numbers("It was $5,808 (+$168, +3.0%) [1].", evidence) == []
    assert ungrounded_numbers("It was $5,900 [1].", evidence) == [5900.0]
    assert ungrounded_numbers("About 6k.", evidence) == [6.0]
