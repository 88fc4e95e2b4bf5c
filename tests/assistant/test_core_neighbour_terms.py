"""A term the documents never write ("transfer learning") is not answered by a neighbour term that shares one of
its words ("style transfer"): OtherNames.unwritten_compounds finds the term, UnitRefusals.without_neighbours
drops the units found by its specific word alone. Paraphrases not in the eval."""

from __future__ import annotations

import pytest

from assistant.draft import Draft
from assistant.models import PartKind
from assistant.pipeline import Assistant


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "compounds"),
    [
        ("any drawbacks to transfer learning", [("transfer", "learn")]),
        # a verb after the thing ("work"), a frame word, a written term before a general noun: no unwritten term
        ("how does a VAE work", []),
        ("is python useful for nlp", []),
        ("do employers want computer vision skills", []),
        # words a stopword stands between name nothing together
        ("what data problems do ml engineers run into", []),
    ],
)
def test_an_unwritten_member_of_a_family_of_terms_is_found(
    real_assistant: Assistant, question: str, compounds: list[tuple[str, str]]
) -> None:
    assert real_assistant.build.retriever.names.unwritten_compounds(question) == compounds


def _answer(assistant: Assistant, question: str, kind: PartKind) -> tuple[bool, str]:
    draft = Draft(documents=assistant.build.documents)
    answered = assistant.build.document_answerer.answer(question, kind, draft)
    return answered, draft.text()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "kind"),
    [("upsides and downsides of transfer learning?", "list"), ("any drawbacks to transfer learning", "explanation")],
)
def test_transfer_learning_is_not_answered_by_style_transfer(
    real_assistant: Assistant, question: str, kind: PartKind
) -> None:
    answered, text = _answer(real_assistant, question, kind)
    assert "style transfer" not in text, text


@pytest.mark.slow
def test_the_written_term_itself_is_still_answered(real_assistant: Assistant) -> None:
    answered, text = _answer(real_assistant, "what is style transfer used with", "explanation")
    assert answered and "style transfer" in text, text
