"""What the section- and list-shaped answers read alike: every unit of a passage's whole section, whether a
question asks about something a section never says, which of a list's items a question narrows it to, and
whether a question names one unit by a specific word. Shared by answer_sections.py (a section the question
names, quoted whole) and answer_lists.py (a list written as bullets).
"""

from __future__ import annotations

from assistant.answer_roles import LIST_WORDS, Scored, heading_of
from assistant.answer_scoring import UnitScorer
from assistant.passage_units import Unit, units
from assistant.retrieval import Passage, Retriever
from assistant.text_terms import found_in, split_sentences, terms


class SectionReader:
    """Reads whole sections of the loaded build for the section and list answers (built once per build)."""

    def __init__(self, retriever: Retriever, scorer: UnitScorer) -> None:
        self._retriever = retriever
        self._scorer = scorer
        self._topics = retriever.heading_terms()

    def lead_in_names(self, passage: Passage, query: str, passages: list[Passage]) -> bool:
        """The section's opening ends by saying what the sections under it are, in the words the question shares
        with its heading: "Industry Trends", opened by "... Here are the key trends shaping the field:", is what
        "what are the main trends in AI?" asks, though the question names only half its heading."""
        # cheapest checks first: this runs for every passage of a list question
        if not passage.heading_match or not passage.text.rstrip().endswith(":"):
            return False
        last = split_sentences(passage.text.strip().splitlines()[-1])[-1]
        shared = set(terms(heading_of(passage))) & set(terms(query))
        if not (last.endswith(":") and shared and shared <= set(terms(last))):
            return False
        if not self._retriever.subsections(passage):
            return False
        # ... and no other heading found holding those words is named more ("what skills does an AI engineer
        # need?": Essential Skills, not Essential Soft Skills, whose opening ends "... a range of soft skills ...:")
        return not any(
            p.heading_match > passage.heading_match and shared <= set(terms(heading_of(p)))
            for p in passages
            if p.section != passage.section
        )

    def _asks_beyond(
        self, query: str, top: Passage, section: list[tuple[Unit, Passage]], elsewhere: list[Scored]
    ) -> bool:
        """The question names something specific besides the section's heading that the section never says and
        a close answer elsewhere does: "how can a generative model be used for *classification*" is not
        answered by the Generative Models section but by the sentence on generative models classifying."""
        heading = set(terms(heading_of(top)))
        # Only a topic the documents have a heading for counts ("classification"); a verb the question happens
        # to use ("keep ... up to date") is the question's wording, not something else it asks about.
        specific = self._topics_beyond(query, heading)
        if not specific:
            return False
        said = set(terms(" ".join(u.as_sentence() for u, _ in section)))
        if found_in(specific, said):
            return False
        return any(found_in(specific, set(terms(s.unit.as_sentence()))) for s in elsewhere)

    def _items_about(
        self, query: str, section_name: str, section: list[tuple[Unit, Passage]]
    ) -> list[tuple[Unit, Passage]]:
        """The items of a named list that the question narrows it to ("which of those responsibilities involve
        deployment?", "ml engineer responsibilities around documentation?"): the items naming a specific topic
        the question asks beyond the list's heading, when only some do; else the whole section. A topic is what
        the documents name as one: a heading's word, or a word of an item's label in this list ("Documentation
        and Support: ..."); a verb the question happens to use ("involve") is its wording, not a topic."""
        heading = set(terms(section_name)) | LIST_WORDS
        items = [(u, p) for u, p in section if u.is_item]
        labelled = {t for u, _ in items if u.label for t in terms(u.label)}
        narrowing = self._topics_beyond(query, heading, labelled)
        if not narrowing or len(items) < 3:
            return section
        hits = [(u, p) for u, p in items if found_in(narrowing, set(terms(u.as_sentence())))]
        return hits if 0 < len(hits) <= len(items) // 2 else section

    def _topics_beyond(self, query: str, heading: set[str], also: set[str] | frozenset[str] = frozenset()) -> set[str]:
        """The specific (rare) topics the question names that the heading does not hold: a word is a topic when a
        heading of the documents has it, or when it is among `also`."""
        return {
            t
            for t in terms(query)
            if (t in self._topics or t in also) and self._retriever.lexical.rare(t) and not found_in({t}, heading)
        }

    def _names_specifically(self, question: str, unit: Unit, section: str) -> bool:
        """The question shares a specific (rare) word with the unit that its heading does not already hold and
        that is not the question asking for a list ("examples of regression algorithms" names the Regression
        Models list, not its item "It can, for example, ... polynomial regression")."""
        shared = found_in(set(terms(question)), set(terms(unit.as_sentence())))
        shared -= found_in(shared, set(terms(section)) | LIST_WORDS)
        return any(self._retriever.lexical.rare(t) for t in shared)

    def _section_units(self, passage: Passage) -> list[tuple[Unit, Passage]]:
        """Every unit of the passage's whole section (a section can span chunks), with the chunk it is in.

        Neighbouring chunks overlap by a few lines; each line is read once, from the first chunk holding it.
        """
        chunks = self._retriever.section_of(passage) or [passage]
        seen: set[str] = set()
        found: list[tuple[Unit, Passage]] = []
        for chunk in chunks:
            fresh = [ln for ln in chunk.text.split("\n") if ln.strip() and ln.strip() not in seen]
            seen.update(ln.strip() for ln in fresh)
            found.extend((u, chunk) for u in units("\n".join(fresh)))
        return found
