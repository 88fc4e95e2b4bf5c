"""A part the documents answer only in half: what they say of its topic is given, and what it asks beyond that
is said to be missing in the same reply, not left for the asker to notice. "how many AI ethics jobs are there?"
found sentences on AI ethics with no number in them; "which online course is best?" found the guide's mentions
of online courses, none of which ranks one. The ranking words are the vocabulary's ([words] choice_superlatives,
ranked_in_text)."""

from __future__ import annotations

import re

from assistant.asked_measure import A_NUMBER, NUMBER_ASKED
from assistant.draft import Draft, DraftMark, without_markers
from assistant.phrase_match import longest_first
from assistant.text_terms import STOPWORDS
from assistant.vocabulary_words import word_list

_SUPERLATIVES = longest_first(word_list("choice_superlatives")) or "(?!)"
# "which online course is best", "which certification would be the best", "what's the best certification"
_WHICH_IS_BEST = re.compile(
    rf"\b(?:which|what)\s+(?P<a>[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,2}}?)\s+(?:is|are|would be|will be)\s+(?:the\s+)?"
    rf"(?:{_SUPERLATIVES})\b"
    # "the" before it: "what are best practices for ..." names a set of advice, no choice
    rf"|\b(?:which|what)\s*(?:is|are|'s|s)\s+the\s+(?:{_SUPERLATIVES})\s+(?P<b>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)",
    re.IGNORECASE,
)
_RANKED = re.compile(rf"\b(?:{longest_first(word_list('ranked_in_text')) or '(?!)'})\b", re.IGNORECASE)
_LISTED = re.compile(r"^\s*- ", re.MULTILINE)  # an item of a list the answer gives
_NOT_A_THING = frozenset({"one", "ones", "way", "ways", "option", "options", "it", "that", "this"})


def say_missing_half(part_text: str, draft: Draft, mark: DraftMark, drives: bool = False) -> None:
    """After a documents part's sentences (written since `mark`): the number it asked for, when none of them has
    one, or the choice it asked for, when none of them ranks anything, is said to be missing. `drives`: the part
    asks what a thing weighs, no number ("how much does adaptability matter?")."""
    # a part whose sentences were all said for the part before ("why does AI ethics matter, and how many AI ethics
    # jobs are there?") is answered by those: a number among them answers it
    written = [without_markers(s) for s in (draft.parts[mark.parts :] or draft.parts)]
    if not written or draft.abstained:
        return
    asked = part_text.strip().rstrip("?.! ")
    # ... and a year it names that none of them says ("how much will they increase in 2028?")
    no_number = not any(A_NUMBER.search(s) for s in written) or years_unsaid(part_text, written)
    # ... unless they list the things counted ("how many soft skills are listed?": the list is the count)
    no_number = no_number and not any(_LISTED.search(s) for s in written)
    if NUMBER_ASKED.search(part_text) and not drives and no_number:
        draft.echo(f"The sources don't give a figure for “{asked}”.")
        return
    chosen = _WHICH_IS_BEST.search(part_text)
    named = (chosen.group("a") or chosen.group("b") or "").split() if chosen else []
    # the thing's words up to a function word ("the best practices for deployment" -> "practices")
    thing = " ".join(next((named[:i] for i, w in enumerate(named) if w.lower() in STOPWORDS), named))
    # "the best practices for deployment": a heading the answer came from names it, a term and no choice
    sections = " | ".join(c.section for c in draft.citations[mark.citations :])
    named_term = bool(thing) and re.search(rf"\b(?:{_SUPERLATIVES})\s+{re.escape(thing)}\b", sections, re.I)
    ranked = any(_RANKED.search(s) for s in written)
    if chosen and thing and thing.split()[-1].lower() not in _NOT_A_THING and not named_term and not ranked:
        verb = "are" if re.search(r"\bare\b", chosen.group(0), re.I) else "is"
        draft.echo(f"The sources don't say which {thing} {verb} best.")


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def years_unsaid(part_text: str, said: list[str]) -> bool:
    """The part names a year that no sentence of the reply says: a part whose figure was the one already given
    ("how much did postings grow, and how much will they grow in 2026?") is not answered by it."""
    years = set(_YEAR.findall(part_text))
    return bool(years) and not any(y in sentence for y in years for sentence in said)
