"""Acronyms the documents define, in every way they write them: hyphenated and quoted expansions too."""

from __future__ import annotations

import pytest

from assistant.lexical import SEARCH_SYNONYMS_PATH, Synonyms
from assistant.other_names import initialisms
from assistant.passage_units import defines
from assistant.pipeline import Assistant


def test_a_quoted_expansion_before_the_acronym_defines_it() -> None:
    sentence = "Most applications, such as the ‘large language models’ (LLMs) behind chatbots, use deep learning."
    assert defines(sentence, "LLM", {"llm": "large language models"})
    assert not defines("When an LLM produces text, it computes a probability.", "LLM", {"llm": "large language models"})


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "expansion"),
    [
        ("what does RAG stand for", "retrieval-augmented generation"),
        ("RAG - what's that?", "retrieval-augmented generation"),
        ("what is an LLM?", "large language models"),
        ("what are LLMs?", "large language models"),
    ],
)
def test_an_acronym_question_is_answered_with_its_expansion(
    real_assistant: Assistant, question: str, expansion: str
) -> None:
    reply = real_assistant.ask(question)
    assert reply.route == "documents" and not reply.abstained
    first = reply.answer.split("[1]")[0].lower()
    assert expansion in first


# -- acronyms the documents never write: the initials of a term they repeat -----------------------------

_TERMS = [
    "In reinforcement learning, an agent learns by trial and error.",
    "Reinforcement models inform trading; reinforcement learning also drives vehicles.",
    "Linear Discriminant Analysis: used to resolve overlap between features.",
    "The median salary rose. The model size grew. A median salary is a figure. Bigger model size costs.",
    "Our mean squared error fell.",
]


def test_initials_of_a_repeated_or_title_cased_term_read_as_its_acronym() -> None:
    found = initialisms(_TERMS)
    assert found["rl"] == "reinforcement learning"  # two distinct sentences
    assert found["lda"] == "linear discriminant analysis"  # written once, but as a name (title case)


def test_initials_shared_by_rival_runs_or_said_once_in_passing_are_no_acronym() -> None:
    found = initialisms(_TERMS)
    assert "ms" not in found  # median salary (2) against model size (2): no clear winner
    assert "mse" not in found  # "mean squared error" once, in lower case: a chance run, not a term
    assert "is" not in initialisms(["internal state. An internal state holds it. Internal state is kept."])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("RL?", "Reinforcement Learning"),
        ("how is RL used in practice", "Reinforcement Learning"),
        ("what is LDA in ML", "Classification Models"),
        ("LDA for classification - what does it do?", "Classification Models"),
    ],
)
def test_an_acronym_the_documents_never_write_finds_its_term(
    real_assistant: Assistant, question: str, section: str
) -> None:
    assert any(section in s for s in _sections(real_assistant, question)[:2])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "section"),
    [
        # both skill lists name "natural language processing", neither writes "NLP"
        ("is NLP one of the skills companies want?", ("In-Demand Skills", "Essential Skills")),
        ("do employers look for NLP skills?", ("In-Demand Skills", "Essential Skills")),
        ("what is back prop", ("Reinforcement Learning",)),  # backpropagation is explained in that section
        ("how does back propagation work", ("Reinforcement Learning",)),
    ],
)
def test_an_acronym_searches_its_expansion_and_split_words_their_compound(
    real_assistant: Assistant, question: str, section: tuple[str, ...]
) -> None:
    found = _sections(real_assistant, question)[:3]
    assert all(any(name in s for s in found) for name in section), found


def test_a_written_acronym_is_not_expanded_by_guess_and_common_words_not_at_all(real_assistant: Assistant) -> None:
    retriever = real_assistant.build.retriever
    assert retriever.names.expand("RL?") == ["reinforcement learning"]
    assert retriever.names.expand("how big is GPT-3?") == []  # the documents write "GPT-3": found as written
    assert retriever.names.expand("does AI matter in logistics") == []  # "AI" is everywhere: its expansion adds nothing
    assert retriever.names.expand("what is rl") == []  # lower case: a word, not an acronym


def _sections(real_assistant: Assistant, question: str, k: int = 8) -> list[str]:
    """Sections ranked for a question as the document answerer searches (search synonyms added)."""
    retriever = real_assistant.build.retriever
    text = f"{question} {Synonyms.load(SEARCH_SYNONYMS_PATH).words_for(question)}".strip()
    vector = retriever.embed(question)
    by_sentence = real_assistant.build.document_answerer._sentences.best_chunks(vector, n=4)
    return [p.section for p in retriever.hybrid(text, vector, by_sentence, k=k, focus=text)]


def test_a_misspelt_word_is_respelled_only_where_its_neighbour_decides(real_assistant: Assistant) -> None:
    retriever = real_assistant.build.retriever
    assert retriever.names.expand("nueral networks", unwritten=True) == ["neural"]
    assert retriever.names.expand("sofft skills for AI", unwritten=True) == ["soft"]
    assert retriever.names.expand("what is federated learning", unwritten=True) == []  # a real word, not "generated"


@pytest.mark.parametrize(
    "question",
    [
        "RL vs supervised learning?",
        "is automated machine learning replacing people",
        "what is back prop",
        "whats deap learning used for",
        "how big is GPT-3?",
        "NLP jobs - are they growing",
    ],
)
def test_other_names_are_read_once_and_hybrid_takes_them_as_given(real_assistant: Assistant, question: str) -> None:
    """The documents answer reads a question's other names once (expand_both) and hands them to hybrid: the same
    names as the two separate readings, and the same ranking as hybrid reading them itself."""
    retriever = real_assistant.build.retriever
    every, unwritten = retriever.names.expand_both(question)
    assert (every, unwritten) == (retriever.names.expand(question), retriever.names.expand(question, unwritten=True))
    assert set(unwritten) <= set(every)
    vector = retriever.embed(question)
    given = retriever.hybrid(question, vector, k=8, named=every)
    assert [p.chunk_id for p in given] == [p.chunk_id for p in retriever.hybrid(question, vector, k=8)]
