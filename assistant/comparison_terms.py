"""The words that tell two compared things apart, as these documents write them: "supervised vs unsupervised
learning" shares its head noun, "discriminative models vs generative ones" writes it once, "linear regression" vs
"logistic regression" is each a name the documents write in a row. The composer reads them to keep sentences that
speak of both sides (answer_scoring.py)."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.acronyms import expansion_of
from assistant.passage_units import NOTATION, side_terms
from assistant.text_terms import terms


def distinguishing_terms(
    sides: tuple[str, str], expansions: dict[str, str], corpus: str, corpus_terms: str
) -> tuple[set[str], set[str]]:
    """Each side's own words, with a head noun written once for both sides set aside: in "supervised vs
    unsupervised learning" and "generative and discriminative models" the last word belongs to both sides
    (the documents write "supervised learning", "generative models"), so it tells neither apart. "ones"
    stands for the other side's head noun ("discriminative models vs generative ones"), so it is that noun;
    a word both sides hold tells neither apart either."""
    sides = _pro_form_resolved(sides)
    left, right = side_terms(sides, expansions)
    if left - right and right - left:
        left, right = left - right, right - left
    elliptical = False
    for one, other in (sides, sides[::-1]):
        one_words, other_words = one.lower().split(), other.lower().split()
        if len(one_words) != 1 or len(other_words) < 2:
            continue
        head = other_words[-1].strip("?.,!")
        if terms(head) and re.search(rf"\b{re.escape(one_words[0])}\s+{re.escape(head)}\b", corpus):
            shared = set(terms(head))
            left, right = (left - shared) or left, (right - shared) or right
            elliptical = True
    # "Is Scala or C++ useful for an AI job?": after a one-word first side, the second side is its first word;
    # the rest is what is asked about both ("useful for an AI job"), not a side.
    first, second = sides[0].split(), sides[1].split()
    if len(first) == 1 and len(second) > 2 and set(terms(second[0])):
        right = set(terms(second[0])) - left or right
    # A side that is a name the documents write ("linear regression" vs "logistic regression", "forward
    # propagation" vs "backpropagation", "rules engines" vs "ML models") is spoken of where that name is, not
    # wherever one of its words is ("Linear Discriminant Analysis", "the forward pass"); a formula ("P(x,y)")
    # is its own side, whatever words stand around it. Not when one side stands for a head noun of the
    # other ("supervised vs unsupervised learning": "supervised" is "supervised learning").
    named = [written_name(side, expansions, corpus_terms) for side in sides]
    left, right = (
        {t.lower() for t in NOTATION.findall(sides[0])} or (set() if elliptical else named[0]) or left,
        {t.lower() for t in NOTATION.findall(sides[1])} or (set() if elliptical else named[1]) or right,
    )
    return left, right


def written_name(side: str, expansions: dict[str, str], corpus_terms: str) -> set[str]:
    """The side's words as the documents write them in a row, an acronym also read as its expansion ("ML models" ->
    'ml model', 'machin learn model'), a one-word acronym also as itself ("not all AI is ML" speaks of "AI")."""
    words = [w for w in side.split() if terms(w)]
    readings: list[list[str]] = [[]]
    for word in words:
        forms = [terms(word)]
        expansion = expansion_of(word.strip("?.,!"), expansions)
        if expansion:
            forms.append(terms(expansion))
        readings = [r + f for r in readings for f in forms][:8]
    found = {n for n in {" ".join(r) for r in readings if len(r) >= 2} if f" {n} " in corpus_terms}
    return found | set(terms(words[0])) if found and len(words) == 1 else found


_PRO_FORM = re.compile(r"\s+ones?$", re.IGNORECASE)


def _pro_form_resolved(sides: tuple[str, str]) -> tuple[str, str]:
    """'discriminative models' vs 'generative ones' -> 'generative models': "one(s)" after a modifier stands
    for the head noun of the other side (general English)."""
    first, second = sides
    for a, b, swap in ((first, second, False), (second, first, True)):
        words = b.split()
        if _PRO_FORM.search(a) and len(words) >= 2:
            resolved = _PRO_FORM.sub(f" {words[-1]}", a)
            return (b, resolved) if swap else (resolved, b)
    return sides


def with_side_synonyms(
    found: tuple[set[str], set[str]],
    sides: tuple[str, str],
    words_for: Callable[[str], str] | None,
    frame: frozenset[str],
    rare: Callable[[str], bool],
) -> tuple[set[str], set[str]]:
    """Each side's terms with the documents' words for it ("are certs worth it or is a degree all that matters":
    certifications, education) and without the words that only frame the asking ("worth", "matters"); a word
    both sides would then hold tells neither apart. A side holding a specific word is spoken of where that word
    is, not wherever a common word of it stands ("AI" in "certs ... for getting into AI")."""
    left, right = ((side - frame) or side for side in found)
    if words_for is not None:
        extra = [set(terms(words_for(side))) - frame for side in sides]
        left, right = left | (extra[0] - right), right | (extra[1] - left)
    return ({t for t in left if rare(t)} or left), ({t for t in right if rare(t)} or right)
