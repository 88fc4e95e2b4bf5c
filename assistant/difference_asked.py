"""Words that ask how two named things differ, in any phrasing: "what's the core difference", "how are they
different", "which one is better", "what sets them apart". A question word opens the clause and a word of differing
or comparing closes it; what stands between says how it is asked and is never a side of the comparison."""

from __future__ import annotations

import re

_ASKS = (
    r"(?:so\s+|and\s+|but\s+)?(?:what(?:['’]?s)?|how|which|any|is\s+there|are\s+there)\b[^,;:()?]{0,40}?"
    r"\b(?:differ\w*|distinct\w*|distinguish\w*|compar\w*|contrast\w*|better|apart)\b"
)
# closing a comparison after a separator: "rules engines vs ML models - what's the difference"
ASKING_TAIL = re.compile(rf"\s*[-–—:,;]+\s*{_ASKS}.*$", re.IGNORECASE)
_ASKING_WHOLE = re.compile(rf"\s*{_ASKS}[^,;:()]*$", re.IGNORECASE)


def asks_how_they_differ(question: str) -> bool:
    """The whole question asks how the two things named before it differ ("..., what's the core difference?")."""
    return _ASKING_WHOLE.fullmatch(question.strip().rstrip("?.! ")) is not None
