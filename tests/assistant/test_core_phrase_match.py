"""Finding a synonym table's phrases in a question (assistant/phrase_match.py): whole words, plurals, and which
key a table's phrases name first."""

from __future__ import annotations

from assistant.phrase_match import all_keys, first_key, has_any, has_phrase

LEVELS = {
    "Entry Level": ("entry", "entry level", "junior"),
    "Senior": ("senior", "senior level"),
    "Lead": ("lead",),
}


def test_the_earliest_phrase_names_the_key() -> None:
    assert first_key(" junior or senior pay? ", LEVELS) == "Entry Level"
    assert first_key(" senior or junior pay? ", LEVELS) == "Senior"
    assert first_key(" what do data scientists earn? ", LEVELS) is None


def test_at_the_same_place_the_longest_phrase_names_the_key() -> None:
    table = {"Short": ("machine learning",), "Long": ("machine learning engineer",)}
    assert first_key(" a machine learning engineer's pay ", table) == "Long"
    assert first_key(" machine learning pay ", table) == "Short"


def test_equal_phrases_at_the_same_place_go_to_the_first_key_of_the_table() -> None:
    assert first_key(" ml pay ", {"A": ("ml",), "B": ("ml",)}) == "A"
    assert first_key(" ml pay ", {"B": ("ml",), "A": ("ml",)}) == "B"


def test_phrases_match_whole_words_and_plurals() -> None:
    assert first_key(" two seniors and a lead ", LEVELS) == "Senior"
    assert first_key(" misleading figures ", LEVELS) is None  # 'lead' inside a word
    assert first_key(" the entries ", {"Entry": ("entry",)}) == "Entry"  # y -> ies
    assert has_phrase(" top-paying companies ", "top-paying company")
    assert has_any(" pay per /month ", ("/month",)) and not has_any(" monthly ", ("/month", "weekly"))


def test_every_key_in_the_order_its_first_phrase_occurs() -> None:
    assert all_keys(" lead, junior and senior level ", LEVELS) == ["Lead", "Entry Level", "Senior"]
    assert all_keys(" senior level then entry ", LEVELS) == ["Senior", "Entry Level"]
    assert all_keys(" nothing here ", LEVELS) == []
    # A key counts from its earliest phrase, even when a later phrase of it is longer.
    assert all_keys(" junior, lead, entry level ", LEVELS) == ["Entry Level", "Lead"]


def test_a_table_built_anew_is_read_anew() -> None:
    assert first_key(" staff pay ", {"Staff": ("staff",)}) == "Staff"
    assert first_key(" staff pay ", {"Principal": ("staff",)}) == "Principal"
