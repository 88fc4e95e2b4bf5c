"""A list answering whole (assistant/answer_lists.py), on the real build: a list section as bullets under its lead,
the one item the question names, the subsection a question names, a bare item with its short list."""

from __future__ import annotations

import re

import pytest

from assistant.draft import Draft
from assistant.models import PartKind
from assistant.pipeline import Assistant
from tests.assistant.test_core_answer_documents import answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "context"),
    [
        ("What are the daily tasks of a machine learning engineer?", ["Machine Learning Engineer"]),
        ("what are an AI engineer's responsibilities", ["AI Engineer"]),
    ],
)
def test_duties_are_the_core_responsibilities_list(
    real_assistant: Assistant, question: str, context: list[str]
) -> None:
    draft = answer(real_assistant, question, "other", context)
    text = draft.text()
    assert "- Model Deployment and Monitoring: Deploy models to production environments" in text
    assert "$" not in text  # a role named as context does not pull in its salary section
    assert len(re.findall(r"^- Data Preparation and Analysis", text, re.MULTILINE)) == 1  # chunk overlap read once


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "kind"),
    # "which technical skills are required?" is a list question to the planner; read as "other" it passed only by
    # "required" matching "... individuals need to meet specific requirements" (a frame word, no longer counted).
    [("What technical skills do I need?", "list"), ("which technical skills are required?", "list")],
)
def test_a_list_section_is_answered_as_bullets_under_its_heading(
    real_assistant: Assistant, question: str, kind: PartKind
) -> None:
    draft = answer(real_assistant, question, kind)
    lines = draft.text().splitlines()
    assert lines[0] == "Technical Skills [1]:"
    assert lines[1] == "- Programming Languages: Proficiency in Python, R, Java, C++, and Scala [1]"
    assert all(line.startswith("- ") and line.endswith("[1]") for line in lines[1:])
    assert ":;" not in draft.text()
    assert draft.citations[0].section == "Requirements > Technical Skills"


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["Which soft skills do AI professionals need?", "what soft skills matter in an AI career"]
)
def test_soft_skills_are_the_soft_skills_list(real_assistant: Assistant, question: str) -> None:
    text = answer(real_assistant, question, "list").text()
    bullets = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(bullets) >= 3 and "Communication" in text and "Critical Thinking" in text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["What is the career path for an AI Product Manager?", "how does an AI product manager progress in their career"],
)
def test_the_one_item_the_question_names_is_the_answer(real_assistant: Assistant, question: str) -> None:
    text = answer(real_assistant, question, "path").text()
    assert text.startswith("AI Product Manager: Start as an Associate Product Manager")
    assert "Robotics" not in text


@pytest.mark.slow
@pytest.mark.parametrize("question", ["What skills does a robotics engineer need?", "robotics engineer skills?"])
def test_a_salary_table_is_never_a_list_answer(real_assistant: Assistant, question: str) -> None:
    draft = Draft(documents=real_assistant.build.documents)
    real_assistant.build.document_answerer.answer(question, "list", draft, ["Robotics Engineer"])
    assert "$" not in draft.text() and "Average Base Salary" not in draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["what do I need to learn to become an ML engineer", "What do I need to become a machine learning engineer?"],
)
def test_a_section_announcing_its_subsections_lists_their_headings(real_assistant: Assistant, question: str) -> None:
    text = answer(real_assistant, question, "path", ["Machine Learning Engineer"]).text()
    assert "- Educational Background" in text and "- Technical Skills" in text


@pytest.mark.slow
@pytest.mark.parametrize("question", ["what are the core responsibilities of an AI/ML expert", "list ML duties"])
def test_a_list_announced_by_its_own_text_keeps_the_heading_lead(real_assistant: Assistant, question: str) -> None:
    """'... These include:' announces the list rather than saying what it is about: the heading leads."""
    text = answer(real_assistant, question, "list").text()
    assert text.startswith("Core Responsibilities ["), text
    assert "These include" not in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "alone", "wanted"),
    [
        # Only common words ("AI solutions") shared with one unlabelled item: the whole list answers.
        ("how should live AI solutions be evaluated", False, ["performance metrics", "regular audits", "A/B testing"]),
        ("how are AI solutions evaluated once they are running", False, ["performance metrics", "A/B testing"]),
        # A specific word ("black box") names the one item: it answers alone.
        ("is the black box problem a challenge for AI", True, ["'black box' problem"]),
    ],
)
def test_an_item_is_named_by_a_label_or_a_specific_word_not_by_common_ones(
    real_assistant: Assistant, question: str, alone: bool, wanted: list[str]
) -> None:
    text = answer(real_assistant, question, "list").text()
    assert all(w in text for w in wanted), text
    assert (text.count("\n- ") == 1) is alone, text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "heading", "items"),
    [
        ("why does data quality matter in ML", "Data Quality and Availability", 3),
        ("why is explainability important in AI", "Explainability and Trust", 3),
    ],
)
def test_a_bare_item_under_a_named_heading_is_answered_with_its_short_list(
    real_assistant: Assistant, question: str, heading: str, items: int
) -> None:
    """'Poor or biased data leading to inaccurate predictions (listed under ...)' with sentences on other topics
    around it says less than the short list it belongs to, whose heading the question names."""
    text = answer(real_assistant, question, "explanation").text()
    assert text.startswith(f"{heading} ["), text
    assert text.count("\n- ") == items, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["give me examples of regression algorithms", "what types of regression algorithms are there"]
)
def test_asking_for_examples_names_the_list_not_the_item_that_says_for_example(
    real_assistant: Assistant, question: str
) -> None:
    """'examples'/'types' ask for a list; the item 'It can, for example, ...' is not named by them. The list's
    opening sentences lead it."""
    text = answer(real_assistant, question, "list").text()
    assert text.startswith("Regression models involve continuous values"), text
    assert text.count("\n- ") == 3, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["what soft skills do ai people need", "which soft skills should AI folks work on"]
)
def test_a_list_question_found_in_a_subsection_answers_at_the_level_it_names(
    real_assistant: Assistant, question: str
) -> None:
    """The best item sits under Essential Soft Skills > Contextual Understanding, but the question names 'soft
    skills' (the enclosing heading), not contextual understanding: the enclosing section answers."""
    draft = answer(real_assistant, question, "list")
    text = draft.text()
    assert text.count("\n- ") >= 3 and "Communication" in text, text
    assert {c.section.split(" > ")[0] for c in draft.citations} <= {"Essential Soft Skills", "Requirements"}, text
    assert not text.startswith("Contextual Understanding"), text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["what are some ethical skills ai pros need", "list the ethical skills for AI work"]
)
def test_a_list_comes_from_the_heading_path_that_names_the_question(real_assistant: Assistant, question: str) -> None:
    """The best item ('Ethical Considerations: Growing demand ...', among market challenges) sits under a heading
    that names nothing asked; a close item under Essential Soft Skills > Ethical Judgment ... names 'ethical' and
    'skills': its list answers."""
    draft = answer(real_assistant, question, "list")
    assert "privacy, bias, and fairness" in draft.text(), draft.text()
    assert draft.citations[0].section.endswith("Ethical Judgment and Decision-Making"), draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["what goes wrong with the data in ML projects, usually", "what typically goes wrong with data on ML projects"],
)
def test_the_only_subsection_sharing_a_word_with_the_question_answers(real_assistant: Assistant, question: str) -> None:
    """Ten challenge headings, one sharing a word with the question ('data'): that subsection's list answers,
    not the ten headings."""
    draft = answer(real_assistant, question, "list")
    assert draft.citations[0].section == "Common Challenges > Data Quality and Availability", draft.text()
    assert "Poor or biased data" in draft.text(), draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["best coding practices for an AI team", "what coding practices should ML teams follow"]
)
def test_of_headings_named_equally_the_one_holding_more_of_the_question_answers(
    real_assistant: Assistant, question: str
) -> None:
    """Best Practices > Coding and Engineering and > Team Collaboration and Governance are both named whole
    with their parent; 'coding' is the question's more specific word: Coding and Engineering answers."""
    draft = answer(real_assistant, question, "list")
    assert draft.citations[0].section == "Best Practices > Coding and Engineering", draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "kept", "dropped"),
    [
        ("which core responsibilities involve deployment", "Model Deployment and Monitoring:", "Data Preparation"),
        ("which best practices for deployment and operations involve monitoring", "monitor deployed", "rollbacks"),
    ],
)
def test_a_question_narrowing_a_named_list_gets_the_items_it_names(
    real_assistant: Assistant, question: str, kept: str, dropped: str
) -> None:
    """'which of <list> involve <topic>': the items naming that specific topic, not the whole list."""
    text = answer(real_assistant, question, "list").text()
    assert kept in text and dropped not in text, text


@pytest.mark.slow
def test_a_follow_up_narrowing_the_previous_list_gets_its_items(real_assistant: Assistant) -> None:
    first = real_assistant.ask("what are the core responsibilities of an ML engineer")
    assert "Data Preparation and Analysis" in first.answer
    follow = real_assistant.ask("which of those involve deployment?", first.session_id)
    assert "Model Deployment and Monitoring" in follow.answer and "Data Preparation" not in follow.answer, follow.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["examples of discriminative models?", "give me examples of discriminative models"]
)
def test_a_list_named_only_by_common_words_does_not_answer_another_topic(
    real_assistant: Assistant, question: str
) -> None:
    """'Examples of Generative Models' shares 'examples' and 'models' with the question, not 'discriminative',
    which the documents say elsewhere: the discriminative models' own sentence answers."""
    text = answer(real_assistant, question, "list").text()
    assert "Examples of Generative Models" not in text and "Diffusion" not in text, text
    assert "decision tree and random forest" in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("what documentation duties does an ML engineer have", "Documentation and Support"),
        ("which ML engineer responsibilities cover deployment", "Model Deployment and Monitoring"),
    ],
)
def test_a_list_question_naming_an_items_label_word_gets_that_item(
    real_assistant: Assistant, question: str, label: str
) -> None:
    """The list's own item labels are the topics it names: a question narrowing the list by one of their words
    gets the items holding it, not the whole list."""
    text = answer(real_assistant, question, "list", ["Machine Learning Engineer"]).text()
    bullets = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(bullets) == 1 and bullets[0].startswith(f"- {label}: "), text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("how is classification used in radiology", "list"),
        ("how do classification models help with medical imaging", "explanation"),
    ],
)
def test_a_subsection_sharing_only_its_parents_word_does_not_take_over(
    real_assistant: Assistant, question: str, kind: PartKind
) -> None:
    """'Common Examples of Classification Models' shares 'classification' with its parent 'Classification Models':
    that word names the parent, whose sentence on radiology answers; the examples list does not."""
    text = answer(real_assistant, question, kind).text()
    assert "radiology" in text, text
    assert "Naïve Bayes" not in text and "Common Examples" not in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what's the weakness of rule-based AI?", "need to be explicitly programmed"),
        ("what's the biggest hurdle with training data?", "not always possible"),
    ],
)
def test_a_list_question_answered_by_a_prose_sentence_is_not_turned_into_headings(
    real_assistant: Assistant, question: str, expected: str
) -> None:
    """Read as a list question, but the best answer is a sentence of a prose section (AI Models and Machine
    Learning, Training AI Models): that sentence answers, not the section's subsection headings as bullets."""
    text = answer(real_assistant, question, "list").text()
    assert expected in text, text
    assert "\n- " not in text, text


@pytest.mark.slow
@pytest.mark.parametrize("question", ["examples of regression algorithms", "list a few regression algorithm examples"])
def test_a_list_named_by_the_list_word_only_yields_to_the_section_the_topic_heads(
    real_assistant: Assistant, question: str
) -> None:
    """'Common Examples of Classification Models' is named by 'examples' alone (its 'Logistic Regression' item says
    'regression'); the question's topic heads Regression Models, whose bullets answer."""
    text = answer(real_assistant, question, "list").text()
    assert text.startswith("Regression models involve continuous values"), text
    assert "Naïve Bayes" not in text, text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "what does career development look like in machine learning?",
        "how does career development work in machine learning?",
        "give me an overview of career development in deep learning",
    ],
)
def test_the_field_named_as_context_names_no_subsection(real_assistant: Assistant, question: str) -> None:
    """'in machine learning' closes the question with the field every document is about: its 'learning' does not
    name Continuous Learning among Career Development's subsections; the section as a whole answers."""
    text = answer(real_assistant, question, "path").text()
    assert "Education and Training" in text and "Career Paths" in text, text
    assert not text.startswith("Continuous Learning"), text


@pytest.mark.parametrize(
    "question", ["which classification algorithms are worth knowing", "classification algorithms i should learn?"]
)
def test_a_section_with_one_subsection_lists_that_subsections_items(real_assistant: Assistant, question: str) -> None:
    """Classification Models has one subsection (Common Examples of Classification Models): its heading alone as a
    one-bullet list says nothing; the algorithms it lists answer."""
    reply = real_assistant.ask(question)
    assert not reply.abstained and "Linear Discriminant Analysis" in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question", ["any advice on networking for ML people", "tips on networking as an AI engineer?"]
)
def test_a_heading_the_question_names_itself_beats_one_named_by_a_synonym(
    real_assistant: Assistant, question: str
) -> None:
    """ "tips"/"advice" stand for best practices in the search, which made Best Practices' subsection headings the
    answer; the heading holding the question's own word (Networking) is the list asked for."""
    reply = real_assistant.ask(question)
    assert "LinkedIn" in reply.answer and "Data Management and Quality" not in reply.answer, reply.answer


@pytest.mark.parametrize(
    "question", ["besides location what else pushes salaries up", "apart from location what else moves salaries"]
)
def test_a_list_asked_beside_one_of_its_items_is_the_whole_list(real_assistant: Assistant, question: str) -> None:
    """The item set aside narrowed the list to itself ("Geographic location" alone)."""
    reply = real_assistant.ask(question)
    assert "Educational background" in reply.answer and "Job performance" in reply.answer, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["which specialized knowledge does an AI career call for", "what specialized knowledge do I need"]
)
def test_an_item_labelled_with_more_of_the_question_beats_a_list_named_in_part(
    real_assistant: Assistant, question: str
) -> None:
    """Essential Skills' "Specialized Knowledge: Deep learning, ..." item, not the Specialization list that
    "specialized" alone names."""
    text = answer(real_assistant, question, "list").text()
    assert "natural language processing" in text, text
    assert "Identify a niche" not in text, text
