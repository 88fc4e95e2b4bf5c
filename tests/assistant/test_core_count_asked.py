"""A count asked ("how many X") is answered by a number or a list of the X, never by a passage that names the thing
without counting it (asked_measure.py). Questions are paraphrases in no eval case, probe file or examples file."""

from __future__ import annotations

import pytest

from assistant.asked_measure import count_unstated
from assistant.lexical import Synonyms
from assistant.passage_units import Unit
from assistant.pipeline import Assistant
from assistant.retrieval import Passage


def _passage(section: str, text: str) -> Passage:
    return Passage(
        chunk_id="c", text=text, section=section, title="t", source="g.md:1", locations=(), titles=(), score=0.5
    )


def test_a_count_needs_a_number_or_a_list_of_what_is_counted() -> None:
    glossary = _passage("Examples of Generative Models", "Diffusion Models: they add noise, then denoise.")
    line = Unit(text="Diffusion Models: they add noise, then denoise.", is_item=True, label="Diffusion Models")
    assert count_unstated("how many denoising passes are run?", line, glossary)
    assert not count_unstated("what do diffusion models do?", line, glossary)  # no count asked
    # the thing counted heads the list: its items are the count
    assert not count_unstated("how many generative models are there?", line, glossary)
    # a number of the thing counted, or of a word the search reads for it (stats/search_synonyms.toml), is the count
    sized = _passage("Increasing Model Size", "Each has more than 175 billion parameters.")
    weights = Synonyms({"weights": ["parameters"]})
    assert not count_unstated("how many weights do they have?", Unit(text=sized.text, is_item=False), sized, weights)
    skills = Unit(text="Soft Skills:", is_item=True, children=("Communication", "Teamwork"))
    assert not count_unstated("how many soft skills are listed?", skills, _passage("Essential Skills", "Soft Skills:"))


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "how many layers does a deep neural network usually have?",  # the deep learning sentence counts none
        "how many hackathons should I do before applying for jobs?",  # the practical-experience bullet
        "how many clusters does unsupervised learning usually find?",
        "how many denoising passes does a diffusion model run?",
    ],
)
def test_a_count_the_documents_never_state_is_refused(real_assistant: Assistant, question: str) -> None:
    reply = real_assistant.ask(question)
    assert reply.abstained, reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("how many parameters do the largest language models have?", "175 billion"),
        ("how many career paths does the guide describe?", "Robotics Engineer"),
        ("how many soft skills are listed?", "Communication"),
    ],
)
def test_a_count_stated_or_listed_is_answered(real_assistant: Assistant, question: str, said: str) -> None:
    reply = real_assistant.ask(question)
    assert not reply.abstained, reply.answer
    assert said in reply.answer, reply.answer
