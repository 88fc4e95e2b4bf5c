"""The typo corrector changes only clear typos: a real English word the corpus lacks, or a name as typed, is never
rewritten into the corpus word it resembles (then answered as that word). Real English list (the installed
pyspellchecker frequency file + the model's vocabulary), real model and real build for the end-to-end checks;
the questions are written for these tests, none of them in the eval."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from assistant.settings import Settings
from assistant.spelling import load_english
from assistant.understanding import Vocabulary, load_dictionary

CORPUS = {"generated", "current", "ethics", "course", "courses", "later", "latest", "seattle", "salary", "learning"}
CORPUS |= {"machine", "engineer", "engineers", "reinforcement", "network", "networks", "research", "papers"}


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary(CORPUS, None, load_dictionary(Settings().model_path))


@pytest.mark.parametrize(
    "text",
    [
        "is federated learning covered?",  # not "generated"
        "how do recurrent networks remember",  # not "current"
        "what would an ethicist at a lab do",  # not "ethics"
        "tips for writing papers in latex",  # a real word, lower case
    ],
)
def test_a_real_english_word_is_not_corrected_into_a_corpus_word(vocab: Vocabulary, text: str) -> None:
    assert vocab.correct(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "do I need LaTeX for research papers",  # a capital inside the word: a name as typed
        "are Coursera courses worth it",  # a capitalised word inside the sentence, two edits from "course"
        "is a Coursera certificate enough",
        "Coursera or a degree?",  # opening the question: still two edits from "courses"
    ],
)
def test_a_name_as_typed_is_not_corrected_into_a_corpus_word(vocab: Vocabulary, text: str) -> None:
    assert vocab.correct(text) == text


def test_clear_typos_are_still_corrected(vocab: Vocabulary) -> None:
    assert vocab.correct("salry of a machin lerning enginer") == "salary of a machine learning engineer"
    assert vocab.correct("ML engineer pay in Seatle") == "ML engineer pay in seattle"  # a name one edit away
    assert vocab.correct("Reinforcment learning?") == "reinforcement learning?"  # an opening capital is no name


def test_the_english_list_has_frequencies_and_real_words() -> None:
    english = load_english(Settings().model_path)
    assert all(w in english for w in ("federated", "recurrent", "ethicist", "visa", "laptop"))
    assert not any(w in english for w in ("salry", "lerning", "enginer", "reinforcment"))
    assert english.zipf("salary") > english.zipf("federated") > 0 == english.zipf("salry")


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["is federated learning covered?", "tell me about recurrent neural networks"],
)
def test_a_real_word_question_is_refused_not_answered_as_its_look_alike(
    real_assistant: Assistant, question: str
) -> None:
    """Corrected to "generated learning" / "current neural networks" these were answered from the passages on
    generative models and neural networks."""
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("should AI researchers learn LaTeX?", "LaTeX"),
        ("is a Coursera course enough to land an ML job", "Coursera"),
    ],
)
def test_a_name_the_documents_never_write_is_refused_by_name(
    real_assistant: Assistant, question: str, name: str
) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained and name in reply.answer, reply.answer
    assert "I can answer" in reply.answer  # says what the sources do cover


def test_a_written_name_with_a_version_or_plural_is_written_but_not_a_shorter_word_plus_letters(
    real_assistant: Assistant,
) -> None:
    names = real_assistant.build.retriever.names
    assert names.unwritten_names("is TensorFlow2 worth learning") == []
    assert names.unwritten_names("should I learn Python3.11 for ML") == []
    assert names.unwritten_names("do ML teams use GPUs") == ["GPUs"]  # "GPU" itself is never written
    assert names.unwritten_names("do I need LaTeX for papers") == ["LaTeX"]  # not "late" + x
    assert names.unwritten_names("is a Coursera course enough") == ["Coursera"]  # not "course" + ra
    # A two- or three-letter acronym is read as the search reads it: too short to call unwritten by its spelling.
    assert names.unwritten_names("should ML code go through CI?") == []
    assert names.unwritten_names("does every ML team need CI") == []
