"""A unit holding the documents' words for two things the question says answers it in other words
(assistant/said_otherwise.py), and the vocabulary's casual words for a pilot scaled up, offers turned down, crafted
inputs (stats/search_synonyms.toml)."""

from __future__ import annotations

import pytest

from assistant.lexical import SEARCH_SYNONYMS_PATH, Synonyms
from assistant.pipeline import Assistant
from assistant.said_otherwise import said_otherwise

_LINE = "Scaling AI solutions from proof-of-concept to enterprise-wide implementation"


def test_two_things_said_in_the_documents_words() -> None:
    synonyms = Synonyms.load(SEARCH_SYNONYMS_PATH)
    assert said_otherwise(synonyms, "our pilot worked but going company-wide failed, is that common?", _LINE)
    # one thing alone is chance ("prototype" -> proof-of-concept), and so is a line holding neither
    assert not said_otherwise(synonyms, "is building a prototype hard?", _LINE)
    assert not said_otherwise(synonyms, "our pilot worked but going company-wide failed", "Conduct regular audits")


@pytest.mark.parametrize(
    ("message", "phrase"),
    [
        # said otherwise: proof-of-concept and enterprise-wide, far from the question as a whole
        ("the POC went fine but the org-wide launch is a mess. is that a typical challenge?", "proof-of-concept"),
        (
            "our prototype was great, the entire company rollout not so much. does the guide mention that?",
            "enterprise-wide",
        ),
        # the vocabulary's words alone
        ("does the upstaff median count offers that candidates turned down?", "rejected"),
        ("someone could fool our classifier with malicious inputs. is that listed as a challenge?", "adversarial"),
    ],
)
def test_casual_words_find_the_line_in_the_documents_words(
    real_assistant: Assistant, message: str, phrase: str
) -> None:
    reply = real_assistant.ask(message)
    assert reply.route == "documents" and not reply.abstained, reply.answer
    assert phrase in reply.answer.lower(), reply.answer


@pytest.mark.parametrize(
    "message",
    [
        "nothing of ours is in prod after a quarter. is slowness normal?",
        "the team lead asks why our models take months. is slowness a usual thing?",
    ],
)
def test_a_unit_saying_every_word_asked_in_the_documents_words(real_assistant: Assistant, message: str) -> None:
    """One phrase said otherwise is enough when the unit says every other word the question asks ("usual" and
    "normal" only frame it): slowness is the time-intensive nature of model training."""
    reply = real_assistant.ask(message)
    assert not reply.abstained and "time-intensive" in reply.answer, reply.answer


def test_one_phrase_said_otherwise_is_not_all_the_question_asks() -> None:
    synonyms = Synonyms.load(SEARCH_SYNONYMS_PATH)
    line = "Managing the time-intensive nature of model training and deployment"
    assert said_otherwise(synonyms, "is slowness normal when training models?", line)
    assert not said_otherwise(synonyms, "is slowness in hiring normal for recruiters?", line)  # hiring: unsaid
