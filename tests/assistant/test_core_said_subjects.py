"""A follow-up pointing back at what the last answer said to ask something new of it ("how do I learn those?"): a
demonstrative ending its clause points back, and the list just given is not given again as the answer.
Phrasings here are not in the eval cases."""

from __future__ import annotations

import pytest

from assistant.models import Reply
from assistant.pipeline import Assistant
from assistant.question_kinds import PLAN_VOCABULARY_PATH, PlanVocabulary
from assistant.said_subjects import units_said


@pytest.mark.parametrize(
    ("text", "pointer"),
    [
        ("how would I practise that at work?", "that"),
        ("where would I learn this tho", "this"),
        ("how do people get good at these?", "these"),
    ],
)
def test_a_demonstrative_ending_its_clause_points_back(text: str, pointer: str) -> None:
    words = PlanVocabulary.load(PLAN_VOCABULARY_PATH)
    found = words.demonstrative.search(text)
    assert found is not None and found.group(0) == pointer and words.points_back(text)
    assert words.resolve(text, "the topic") == text.replace(pointer, "the topic", 1)


@pytest.mark.parametrize(
    "text", ["which are the skills that matter most for ML?", "what skills that employers want are rare"]
)
def test_a_demonstrative_before_a_noun_or_verb_points_nowhere(text: str) -> None:
    assert not PlanVocabulary.load(PLAN_VOCABULARY_PATH).points_back(text)


def conversation(assistant: Assistant, first: str, then: str) -> tuple[Reply, Reply]:
    reply = assistant.ask(first)
    return reply, assistant.ask(then, reply.session_id)


# The guide's sections that say how one learns (courses, degrees, training, hands-on work).
LEARNING = ("Continuous Learning", "Educational Background", "Education and Training", "Practical Experience")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("which skills do AI experts need?", "where can i learn those?"),
        ("what are the skills needed to be an AI expert?", "how can I learn these?"),
    ],
)
def test_how_to_learn_what_a_list_said_is_not_that_list_again(real_assistant: Assistant, first: str, then: str) -> None:
    listed, reply = conversation(real_assistant, first, then)
    assert not reply.abstained and reply.route == "documents", reply.plan
    assert reply.answer != listed.answer
    assert any(c.section.endswith(LEARNING) for c in reply.citations), [c.section for c in reply.citations]


def test_a_list_is_said_when_every_item_of_it_was() -> None:
    from assistant.passage_units import Unit
    from assistant.retrieval import Passage

    passage = Passage("c", "- Communication\n- Teamwork", "S", "T", "f.md:1", ("f.md:1",), ("T",), 0.5)
    said = "Soft Skills [1]:\n- Communication: Strong written skills [1]\n- Teamwork [1]"
    items = [(Unit(text=t, is_item=True), passage) for t in ("Communication: Strong written skills", "Teamwork")]
    assert units_said(items, said)
    assert not units_said([*items, (Unit(text="Empathy", is_item=True), passage)], said)
    assert not units_said(items, "")
