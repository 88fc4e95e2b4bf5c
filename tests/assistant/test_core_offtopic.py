"""Near-miss questions: a plausible AI-career question about something the documents never discuss is refused,
not answered with a passage that shares a word ("edge AI" is not "cutting-edge AI").

Through the real pipeline (real model, Chroma and BM25 over the real corpus) where the behaviour is an answer;
the paraphrases are written for these tests, none of them in the eval.
"""

from __future__ import annotations

import pytest

from assistant.explain_requests import as_definition
from assistant.pipeline import Assistant
from assistant.text_terms import terms
from assistant.word_forms import written_pairs


def test_a_hyphenated_word_pairs_with_its_neighbours_as_a_whole() -> None:
    pairs = set(written_pairs("contribute to cutting-edge AI research"))
    assert tuple(terms("edge AI")) not in pairs  # "cutting-edge AI" never writes "edge AI"
    assert (terms("cutting")[0], "edge") in pairs and (terms("cutting-edge")[0], "ai") in pairs
    assert tuple(terms("AI research")) in pairs


def test_the_parts_of_a_hyphenated_word_still_stand_together() -> None:
    assert tuple(terms("rule based")) in set(written_pairs("rule-based systems"))  # "rules based" finds it


def test_words_either_side_of_a_conjunction_or_a_comma_do_not_stand_together() -> None:
    pairs = set(written_pairs("systems that reason, learn and act in order to solve a problem"))
    assert (terms("learn")[0], terms("act")[0]) not in pairs and (terms("reason")[0], terms("learn")[0]) not in pairs
    assert (terms("act")[0], terms("order")[0]) in pairs  # a stopword between two words still leaves them together


@pytest.mark.slow
@pytest.mark.parametrize("question", ["define active learning", "what does active learning mean"])
def test_a_term_whose_words_stand_only_across_a_conjunction_is_refused(
    real_assistant: Assistant, question: str
) -> None:
    """ "reason, learn and act" writes no "active learning": the two words are two things listed, not one name."""
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["what is edge AI?", "explain edge AI", "what does edge AI mean", "what is an AI safety researcher"],
)
def test_a_name_whose_words_the_documents_write_only_apart_is_refused(real_assistant: Assistant, question: str) -> None:
    """The words "edge" and "AI" stand together only across a hyphen ("cutting-edge AI research"); "AI safety"
    nowhere. The AI word the documents write everywhere is a word of the name like the others."""
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("what is multimodal AI", "virtual agents"),
        ("what's open source AI", "pre-trained"),
        ("what is AI governance", "governance"),
        ("what's the best way to network in AI", "LinkedIn"),
    ],
)
def test_a_name_with_the_ai_word_that_the_documents_write_is_still_answered(
    real_assistant: Assistant, question: str, said: str
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and said in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "is Julia good for machine learning?",
        "do MLOps engineers need Kubernetes",
        "should a data scientist learn XGBoost",
        "Hey, is Kaggle worth it for an AI job?",
        "RLHF?",
        "as a data scientist, do i need Docker?",  # a name after the asker's background is still asked about
        "can I get an AI job with a Coursera certificate",
    ],
)
def test_a_name_the_documents_never_write_is_refused(real_assistant: Assistant, question: str) -> None:
    """Nothing in the documents says "Julia", "Kubernetes", "XGBoost", "Kaggle" or "RLHF" in any form: the
    passages sharing the question's other words (ML engineers, data scientists) do not answer it."""
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("is Naive Bayes generative", "spam filtering"),  # written "Naïve"
        ("what's SageMaker", "SageMaker"),
        ("how does an AI PM get promoted to director?", "Director of AI Products"),  # PM: product manager
        ("is a PhD worth it for AI research?", "Ph.D"),  # another name in search_synonyms.toml
        ("OK what is MLOps", "MLOps"),  # a filler word before the question word
        ("Im in Denver - what soft skills matter for AI jobs?", "Communication"),  # a clause that tells
        # who the asker is (vocabulary.toml asker_background): a name there is no topic
        ("as a SWE what kind of hands-on experience counts for ML roles", "Hands-on experience"),
        ("coming from a QA background, how do i get into machine learning", "[1]"),
        ("how do i build a portfolio for ML jobs coming from regular SWE work", "open-source"),
    ],
)
def test_a_name_the_documents_write_or_a_name_given_as_context_is_still_answered(
    real_assistant: Assistant, question: str, said: str
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and said in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "named"),
    [("is Julia good for machine learning?", "Julia"), ("do I need Docker or Kubernetes for MLOps?", "Kubernetes")],
)
def test_the_refusal_names_what_the_sources_never_mention_and_what_they_cover(
    real_assistant: Assistant, question: str, named: str
) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained and "don't say anything about" in reply.answer and named in reply.answer, reply.answer
    assert "I can answer from these sources" in reply.answer  # what they do cover


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "what does an AI product manager do, and should they know Kubernetes?",
        "what does an AI product manager do and is Jupyter a must for them",
    ],
)
def test_a_part_about_an_unwritten_name_is_refused_by_name_beside_the_answered_part(
    real_assistant: Assistant, question: str
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and "Director of AI Products" in reply.answer, reply.answer
    assert "don't say anything about" in reply.answer, reply.answer


def test_a_name_is_not_read_as_a_form_of_the_word_it_starts_with(real_assistant: Assistant) -> None:
    """The search reads "Coursera" as a form of "course" (five letters in common); whether a name is written
    asks more: the word itself, or it with a short ending ("APIs")."""
    names = real_assistant.build.retriever.names
    assert names.unwritten_names("can I get an AI job with a Coursera certificate") == ["Coursera"]
    assert names.unwritten_names("is Databricks used by ML engineers?") == ["Databricks"]
    assert names.unwritten_names("what's needed to build AI as an API?") == []  # the documents write "APIs"
    assert names.unwritten_names("what is Naive Bayes") == []  # written "Naïve"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "named"),
    [("how much does Microsoft pay data scientists", "Microsoft"), ("what's the average salary at Nvidia", "Nvidia")],
)
def test_figures_are_not_given_for_a_name_the_documents_never_write(
    real_assistant: Assistant, question: str, named: str
) -> None:
    """The guide's Data Scientist figures are national; nothing is about Microsoft or Nvidia."""
    reply = real_assistant.ask(question)
    assert reply.abstained and f"don't say anything about {named}" in reply.answer, reply.answer
    assert "$" not in reply.answer.split("I can answer")[0], reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("what's the median salary on Upstaff in 2025", "5,808"),  # the pages' own platform (their origin)
        ("what do ML engineers earn in Sydney", "no salary data for Sydney"),  # the statistics' own reason stays
    ],
)
def test_a_name_of_the_documents_own_or_a_place_keeps_the_statistics_answer(
    real_assistant: Assistant, question: str, said: str
) -> None:
    reply = real_assistant.ask(question)
    assert said in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["how does a support vector machine work?", "what is a support vector machine"])
def test_another_member_of_a_defined_family_is_refused(real_assistant: Assistant, question: str) -> None:
    """The documents define "support vector regression (SVR)"; "support vector" stands together there, but a
    support vector machine is another method they never explain."""
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [("what is support vector regression", "non-linear"), ("what are large language models", "chatbots")],
)
def test_the_defined_term_itself_is_still_answered(real_assistant: Assistant, question: str, said: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and said in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "turns",
    [
        ("do data scientists get paid overtime?",),
        ("do ML engineers get overtime pay?",),
        ("ML engineer entry pay", "do they get overtime pay?"),
    ],
)
def test_the_pay_word_of_a_perk_the_documents_never_mention_asks_no_pay(
    real_assistant: Assistant, turns: tuple[str, ...]
) -> None:
    """'paid overtime', 'overtime pay': what is paid is overtime, which the sources never mention; the salary
    table (or the guide's pay sentences) answered it before."""
    reply = real_assistant.ask(turns[0])
    for then in turns[1:]:
        reply = real_assistant.ask(then, session_id=reply.session_id)
    assert reply.abstained and "overtime" in reply.answer and "$" not in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "figure"),
    [("how much remuneration do ML engineers get", "$126,397"), ("do data scientists get paid well", "$129,640")],
)
def test_pay_asked_in_other_words_is_still_answered(real_assistant: Assistant, question: str, figure: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and figure in reply.answer, reply.answer


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("could you please describe k-means clustering", "what is k-means clustering"),
        ("ok can you explain word2vec", "what is word2vec"),
        ("tell me about random forests", "what is random forests"),
        ("random forests?", "what is random forests?"),
        ("and data scientists?", "and data scientists?"),  # a follow-up, not a term
        ("can you recommend a good book?", "can you recommend a good book?"),
    ],
)
def test_a_request_to_explain_reads_as_what_the_thing_is(question: str, read: str) -> None:
    assert as_definition(question) == read


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["could you describe k-means clustering", "tell me about transfer learning", "contrastive pretraining?"],
)
def test_an_unwritten_term_asked_in_a_request_shape_is_refused(real_assistant: Assistant, question: str) -> None:
    """ "style transfer" and the clustering sentence share a word with the term; they do not explain it."""
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["tell me about supervised learning", "could you explain backpropagation please", "tell me about MLOps"],
)
def test_a_written_term_asked_in_a_request_shape_is_answered(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer
