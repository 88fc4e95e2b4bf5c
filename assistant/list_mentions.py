"""Whether a sentence only names a thing among others: "Programming proficiency (Python, Java, R)" names Java; it says
nothing about how hard Java is to learn, what it costs or who made it.

The retrieval's rankings agree on such a line for "is Java hard to learn?" (its one shared word is rare, so every
ranking leads with it), and ranking agreement is evidence of meaning only where the words do not already explain the
lead. A shared word that stands elsewhere in the unit ("Business Acumen: Understanding of business context ...") is
said of; one standing only as an item of an enumeration is merely named.
"""

from __future__ import annotations

import re

from assistant.text_terms import found_in, terms

# An item of at most three words; three or more of them joined by commas (the last may follow "and"/"or"): "Python,
# Java, and R", "(Python, Java, R)". Two items joined by "and" are a phrase, not a list ("written and oral").
_ITEM = r"[\w+#./-]+(?:\s+[\w+#./-]+){0,2}"
ENUMERATION = re.compile(rf"{_ITEM}(?:\s*,\s*(?:(?:and|or)\s+)?{_ITEM}){{2,}}", re.IGNORECASE)


def named_only_in_a_list(sentence: str, shared: set[str]) -> bool:
    """Every one of the `shared` terms (the question's words the sentence holds) stands in the sentence only as an
    item of an enumeration: the sentence names them, it says nothing of them."""
    if not shared:
        return False
    outside = ENUMERATION.sub(" ", sentence)
    inside = " ".join(m.group(0) for m in ENUMERATION.finditer(sentence))
    listed = found_in(set(shared), set(terms(inside)))
    return listed == shared and not found_in(set(shared), set(terms(outside)))
