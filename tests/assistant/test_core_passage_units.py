"""A passage as answer units (assistant/passage_units.py): list items with their labels and sub-items, a
closing remark glued to the last item, framing sentences, definitions, the two sides of a comparison. No model."""

from __future__ import annotations

import pytest

from assistant.passage_units import (
    asked_phrase,
    comparison_sides,
    defines,
    is_framing,
    is_list,
    mentions,
    trim_glued_tail,
    units,
)
from assistant.text_terms import terms

GUIDE_LIST = """- Programming Languages:
- Proficiency in Python, R, Java, C++, and Scala
- Mathematics and Statistics:
- Strong foundation in linear algebra, calculus, probability, and statistics
- Soft Skills: Excellent communication and collaboration skills."""


def test_a_label_line_keeps_its_items() -> None:
    found = units(GUIDE_LIST)
    assert [u.label for u in found] == ["Programming Languages", "Mathematics and Statistics", "Soft Skills"]
    assert found[0].children == ("Proficiency in Python, R, Java, C++, and Scala",)
    assert found[0].as_bullet() == "Programming Languages: Proficiency in Python, R, Java, C++, and Scala"
    assert is_list(found)
    assert all(":;" not in u.as_bullet() for u in found)


def test_short_titles_followed_by_sentences_are_labels() -> None:
    text = "- Robotics Engineer\n- Advance from Junior Robotics Engineer to Director of Robotics.\n- Design systems."
    (unit,) = units(text)
    assert unit.label == "Robotics Engineer" and len(unit.children) == 2


def test_label_lines_without_bullets_form_a_list() -> None:
    text = "Naive Bayes: A generative algorithm used in spam filtering.\nLogistic Regression: Predicts probabilities."
    found = units(text)
    assert [u.label for u in found] == ["Naive Bayes", "Logistic Regression"] and is_list(found)


def test_a_closing_remark_glued_to_the_last_item_is_dropped() -> None:
    glued = "Enhancing decision-making processes Their work has significant applications in healthcare and finance."
    assert trim_glued_tail(glued) == "Enhancing decision-making processes"
    last = (
        "Emerging centers are seeing demand. The AI and ML job market presents a landscape of abundant "
        "opportunities for skilled professionals in every sector of the economy."
    )
    assert trim_glued_tail(last, last=True) == "Emerging centers are seeing demand."
    assert trim_glued_tail(last) == last


@pytest.mark.parametrize(
    "text",
    [
        "- Transforming data into actionable insights\n- Improving operational efficiency\n"
        "- Enhancing decision-making processes Their work has significant applications in healthcare and finance.",
        "- Cutting costs\n- Faster releases\n- Better hiring decisions These gains appear in retail and banking.",
    ],
)
def test_a_short_item_before_an_item_with_a_glued_remark_is_no_label(text: str) -> None:
    """The last item's glued-on closing sentence ends with a full stop; the item itself does not, so the short
    item before it is a sibling, not a label line over it."""
    found = [u for u in units(text) if not u.closing]  # the remark is a sentence of its own after the items
    assert [u.label for u in found] == ["", "", ""] and all(not u.children for u in found)
    assert found[2].text.endswith(("processes", "decisions"))


def test_a_glued_closing_remark_is_a_sentence_of_its_own() -> None:
    text = (
        "- Improving operational efficiency\n- Enhancing decision-making processes Their work has significant "
        "applications in healthcare, finance, manufacturing, and other sectors."
    )
    found = units(text)
    assert [u.text for u in found if u.is_item] == [
        "Improving operational efficiency",
        "Enhancing decision-making processes",
    ]
    (remark,) = [u for u in found if u.closing]
    assert remark.text.startswith("Their work has significant applications") and not remark.is_item


@pytest.mark.parametrize(
    "sentence",
    [
        "That is to say, what is the difference between ML and AI?",
        "As such, let’s start with AI vs ML, and uncover how these 2 new concepts are intertwined.",
        "Here’s an overview of the main differences between artificial intelligence and machine learning.",
        "Here are the key areas to focus on:",
        "To become an expert in AI, individuals need to meet these requirements and develop these skills:",
    ],
)
def test_framing_sentences_are_recognised(sentence: str) -> None:
    assert is_framing(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Machine learning is a subfield of artificial intelligence.", "Programming Languages:", "Soft Skills: talk."],
)
def test_statements_are_not_framing(sentence: str) -> None:
    assert not is_framing(sentence)


def test_definitions_name_the_term_or_its_expansion() -> None:
    expansions = {"mlop": "machine learning operations", "ai": "artificial intelligence"}  # as acronyms() reads them
    assert asked_phrase("What is semi-supervised learning?") == "semi-supervised learning"
    assert defines("MLOps (Machine Learning Operations)", "MLOps")
    assert defines("In reinforcement learning, an agent learns by trial and error.", "reinforcement learning")
    assert defines("Artificial intelligence (AI) is an umbrella term.", "AI", expansions)
    assert not defines("Proficiency in Python, Java, and R.", "Java")


def test_a_name_a_few_words_before_what_it_stands_for_is_defined() -> None:
    """'X stands for Y' is a definition, also with a few words of the same clause between them."""
    assert defines("The 'GPT' in OpenAI's Chat-GPT standing for 'Generative Pretrained Transformer'.", "GPT")
    assert defines("RAG stands for retrieval-augmented generation.", "RAG")
    assert not defines("GPT models are large. Many teams stand by them for text.", "GPT")


@pytest.mark.parametrize("name", ["rules engines", "expert systems", "knowledge graphs"])
def test_each_name_listed_after_called_is_defined(name: str) -> None:
    """'Such models are called A, B, or C' names each of the three, not only the first."""
    assert defines("Such models are called rules engines, expert systems, or knowledge graphs.", name)
    assert not defines("Such models are called rules engines, expert systems, or knowledge graphs.", "graphs")


def test_comparison_sides() -> None:
    assert comparison_sides("What's the difference between generative and discriminative models?") == (
        "generative",
        "discriminative models",
    )
    assert comparison_sides("supervised vs unsupervised learning") == ("supervised", "unsupervised learning")
    assert comparison_sides("How do ML engineers differ from data scientists?") == ("ML engineers", "data scientists")
    assert comparison_sides("What do data scientists focus on compared to ML engineers?") == (
        "What do data scientists focus on",
        "ML engineers",
    )
    assert comparison_sides("What is MLOps?") is None
    assert comparison_sides("how do generative and discriminative models differ?") == (
        "generative",
        "discriminative models",
    )
    assert comparison_sides("AI and ML - what is the difference") == ("AI", "ML")
    assert comparison_sides("what separates symbolic AI from machine learning") == ("symbolic AI", "machine learning")
    assert comparison_sides("how do I move into AI and ML") is None


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("rules engines vs ML models - whats the difference", ("rules engines", "ML models")),
        ("linear regression vs logistic regression, which is better?", ("linear regression", "logistic regression")),
        ("P(x,y) vs P(y|x)", ("P(x,y)", "P(y|x)")),
    ],
)
def test_comparison_sides_leave_the_asking_words_and_keep_formulas(question: str, sides: tuple[str, str]) -> None:
    assert comparison_sides(question) == sides


def test_a_side_read_as_a_name_is_mentioned_only_where_the_name_is() -> None:
    name = {" ".join(terms("linear regression"))}
    assert mentions("Algorithms such as linear regression are useful for forecasting.", name)
    assert not mentions("Linear Discriminant Analysis: used to resolve overlap in regression features.", name)
    assert mentions("the joint probability P(x,y) that a datapoint occurs", {"p(x,y)"})
    assert not mentions("the conditional probability P(y|x)", {"p(x,y)"})
    # a heading joined to its sentence does not make a name across the two
    assert not mentions(
        "AI Models and Machine Learning\nSuch models are called rules engines",
        {" ".join(terms("machine learning models"))},
    )
