"""What a question sets aside inside itself ("what else besides the company decides how much they get?", "which
skills apart from Python matter?"): the thing named after "besides" / "apart from" / "other than" is what the
asker already has, not what is asked, so it names no item of a list to answer with alone (the list of salary
factors narrowed to "Company size and industry" answered "what else besides the company ..." with the company).
A clause opening with such a cue ("apart from pay, ...") is context already (part_context.EXCLUSION); this reads
the cue anywhere in the question."""

from __future__ import annotations

import re

from assistant.text_terms import terms

# The cues that set a thing aside, read here anywhere in a question and by part_context.EXCLUSION at a clause's start.
SET_ASIDE_CUES = (
    r"besides|apart\s+from|aside\s+from|other\s+than|except(?:\s+for)?|excluding|not\s+counting|leaving\s+out"
)
# the cue, an optional determiner, then the thing set aside: at most two words, up to a comma or a question mark
# ("besides the company decides ..." sets aside "company decides": a verb there names no item either)
_SET_ASIDE = re.compile(
    rf"\b(?:{SET_ASIDE_CUES})"
    r"\s+(?:(?:the|a|an|my|your|their|his|her|its|this|that|those|these)\s+)?([\w'/+#-]+(?:\s+[\w'/+#-]+)?)",
    re.IGNORECASE,
)


def set_aside(text: str) -> tuple[str, set[str]]:
    """The text without what it sets aside, and the terms set aside; (text, set()) when it sets nothing aside."""
    found = list(_SET_ASIDE.finditer(text))
    if not found:
        return text, set()
    aside = {t for f in found for t in terms(f.group(1))}
    kept = _SET_ASIDE.sub(" ", text)
    return kept, aside
