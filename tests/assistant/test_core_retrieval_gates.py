"""The documentation answer's relevance gates: what makes a retrieved passage an answer, and a mere mention not.

Through the real pipeline (real model, Chroma and BM25 over the real corpus). The questions are paraphrases
written for these tests, none of them in the eval.
"""

from __future__ import annotations

import pytest

from assistant.lexical import SEARCH_SYNONYMS_PATH, Synonyms
from assistant.pipeline import Assistant


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        # acronyms the documents never write: the initials of the term they repeat or title-case
        ("RL?", "trial and error"),
        ("what's RL", "trial and error"),
        ("what is LDA in ML", "contradictory overlap"),
        ("LDA?", "contradictory overlap"),
        # two words for the documents' one ("backpropagation")
        ("what is back prop", "weights and biases"),
        ("explain back prop", "weights and biases"),
    ],
)
def test_a_term_asked_by_another_name_is_answered_where_the_documents_define_it(
    real_assistant: Assistant, question: str, said: str
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and reply.route == "documents", reply.answer
    assert said in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["black box problem?", "the black box problem in AI"])
def test_a_list_item_that_says_all_the_question_says_answers_though_its_list_is_far(
    real_assistant: Assistant, question: str
) -> None:
    """Common Challenges > Ethical Considerations and Bias, one item among three: its chunk's cosine is low."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and "interpretability" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["who invented Python?", "is Python free?", "is Java hard to learn?", "how long has Scala been around?"],
)
def test_a_list_that_only_names_the_thing_does_not_answer_what_else_is_asked(
    real_assistant: Assistant, question: str
) -> None:
    """The skills lists name Python, Java and Scala; they say nothing about who made them, cost or difficulty."""
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "explain transfer learning",
        "what is transfer learning?",
        "explain k-means clustering",
        "what's a vector database",
    ],
)
def test_a_definition_of_a_term_the_documents_never_write_is_refused(real_assistant: Assistant, question: str) -> None:
    """The documents say "style transfer" and "clusters", never these terms: sharing a word is not defining."""
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("what is naive bayes good for", "spam filtering"),  # written "Naïve Bayes"
        ("define supervised learning please", "expert knowledge"),
        ("what's unsupervised learning mostly used for", "recommendation engines"),
        # a frame noun before the term ("the point of", "the purpose of") is not a word of the term
        ("what's the point of backpropagation", "weights and biases"),
        ("what is the purpose of synthetic data, in short?", "privacy concerns"),
    ],
)
def test_a_term_the_documents_write_is_answered_whatever_frames_it(
    real_assistant: Assistant, question: str, said: str
) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and said in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what is deap learning", "whats dep learning"])
def test_a_short_misspelt_word_is_read_as_the_documents_word_beside_its_neighbour(
    real_assistant: Assistant, question: str
) -> None:
    """Under five letters the planner corrects nothing; "learning" picks "deep" among the close spellings."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and "deep learning" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["do I need calculus", "is calculus needed?", "is probability important?"])
def test_words_that_only_frame_the_question_need_not_be_in_the_item_that_answers(
    real_assistant: Assistant, question: str
) -> None:
    """ "need" / "important" say how it is asked; the maths item names the rest ([frame] in search_synonyms)."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and "linear algebra" in reply.answer, reply.answer


def test_the_frame_words_come_from_the_data_file() -> None:
    synonyms = Synonyms.load(SEARCH_SYNONYMS_PATH)
    assert {"need", "important"} <= synonyms.frame
    assert "hard" not in synonyms.frame and "invent" not in synonyms.frame


@pytest.mark.slow
@pytest.mark.parametrize(("question", "said"), [("what are NNs", "neural networks"), ("how is RL used?", "trial")])
def test_an_unwritten_acronym_is_searched_and_embedded_as_the_term_it_stands_for(
    real_assistant: Assistant, question: str, said: str
) -> None:
    """A bare "NNs" lies near nothing; "neural networks" is what the documents write and explain."""
    assert real_assistant.build.retriever.names.spell_out(question) != question
    reply = real_assistant.ask(question)
    assert not reply.abstained and said in reply.answer, reply.answer


def test_a_question_without_unwritten_acronyms_is_searched_as_asked(real_assistant: Assistant) -> None:
    for question in ("What is MLOps?", "does AI matter in logistics", "what is rl", "how big is GPT-3?"):
        assert real_assistant.build.retriever.names.spell_out(question) == question


@pytest.mark.slow
@pytest.mark.parametrize("question", ["GANs??", "what is a GAN"])
def test_an_acronym_said_once_in_passing_is_read_when_the_question_lies_near_its_sentence(
    real_assistant: Assistant, question: str
) -> None:
    """ "generative adversarial network" is written once, in lower case; the model puts "GAN" next to it."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and "generative adversarial network" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what is PCA", "how do I become a CTO"])
def test_a_chance_run_with_the_same_initials_is_not_read_as_the_acronym(
    real_assistant: Assistant, question: str
) -> None:
    """ "prioritizing critical areas" and "clear training objectives" have those initials; nothing asked is near."""
    assert real_assistant.build.retriever.names.guesses(question)  # the initials do match a run
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["is Vertex a tool people use", "do folks use Vertex?", "is Knime a thing"])
def test_a_tool_named_in_the_trending_list_is_answered_by_its_item(real_assistant: Assistant, question: str) -> None:
    """ "people", "use", "a thing" frame the question; the item and its heading (tech & tools) say the rest."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and "Trending AI and Machine Learning tech & tools" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["is Rust a thing in ML?", "do people use Docker?"])
def test_a_tool_the_documents_never_name_is_still_refused(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
def test_the_undefined_term_gate_yields_to_a_sentence_that_defines_the_asked_name(real_assistant: Assistant) -> None:
    """ "GPT ChatGPT" is no phrase the documents write, but they say what the GPT in Chat-GPT stands for."""
    reply = real_assistant.ask("whats the GPT in ChatGPT short for")
    assert not reply.abstained and "Generative Pretrained Transformer" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("what's shadow deploying", "shadow deployment"),  # another form
        ("what is a rules based model", "rule"),  # the documents' "rule-based" (or "rules engines")
        ("explain model monitoring", "Monitor"),  # the other order: "Monitor model performance"
        ("what is hyperparameter optimisation", "adjusting hyperparameters"),  # "hyper-parameter optimization"
    ],
)
def test_a_term_the_documents_write_in_another_form_is_not_undefined(
    real_assistant: Assistant, question: str, said: str
) -> None:
    """ "shadow deploying" is the documents' "shadow deployment": the undefined-term gate matches word forms."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and said in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["do I need to know PyTorch", "do I need to know Keras?"])
def test_need_to_know_frames_a_tool_the_documents_list(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained and question.split()[-1].strip("?") in reply.answer, reply.answer


def test_a_thing_standing_only_as_a_list_item_is_named_not_said_of() -> None:
    """The rankings' agreement does not vouch for a line that only lists the thing asked about (list_mentions.py)."""
    from assistant.list_mentions import named_only_in_a_list

    assert named_only_in_a_list("Programming proficiency (Python, Java, R)", {"java"})
    assert named_only_in_a_list("Programming Languages: Proficiency in Python, R, Java, C++, and Scala.", {"scala"})
    label = "Business Acumen: Understanding of business context and ability to translate technical ideas"
    assert not named_only_in_a_list(label, {"understand"})
    assert not named_only_in_a_list("Strong written and oral communication skills", {"oral"})
