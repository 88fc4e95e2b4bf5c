"""A British spelling is no typo of a corpus word: "specialise" is "specialize" (the documents' Specialization),
never the nearest corpus word "specialist" (understanding.Vocabulary.correct). Each check fails without the change."""

from __future__ import annotations

from assistant.settings import Settings
from assistant.understanding import Vocabulary, load_dictionary


def test_a_british_spelling_is_read_as_the_american_one_not_as_a_near_corpus_word() -> None:
    dictionary = load_dictionary(Settings().model_path)
    vocab = Vocabulary({"specialist", "specialization", "organizations", "optimization", "salary"}, None, dictionary)
    assert vocab.correct("should I specialise in one corner of AI?") == "should I specialize in one corner of AI?"
    assert vocab.correct("is specialising worth it") == "is specializing worth it"
    assert vocab.correct("how do organisations use AI") == "how do organizations use AI"
    assert vocab.correct("are Coursera courses worth it") == "are Coursera courses worth it"
    # a typo is still a typo
    assert vocab.correct("salery") == "salary"
