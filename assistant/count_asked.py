"""Whether a passage can answer a count asked of it ("how many denoising steps does a diffusion model need?").

"How many X" asks for a number of X. A passage answers it with a number (digits or a number word: "175 billion
parameters", "three classes") or by listing the X themselves (a section headed by them: "how many career paths are
there?" -> Career Paths). A passage that states no number and is not a list of the X names the thing the question is
about without counting it: the diffusion models' glossary line for the denoising steps, the portfolio bullets for
"how many projects should be in my portfolio?". The reply would read as an answer while giving no count.
"""

from __future__ import annotations

import re

from assistant.passage_units import Unit
from assistant.retrieval import Passage
from assistant.text_terms import found_in, terms
from assistant.unwritten import counted_things

# A number as digits or in words ("no more than four hours", "a dozen years")
A_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|half|dozen|decades?)\b",
    re.IGNORECASE,
)


def count_unstated(query: str, unit: Unit, passage: Passage) -> bool:
    """`query` counts things ("how many X") and `passage` neither states a number anywhere nor lists the X: its
    heading path and the unit's label ("Soft Skills: Effective communication, ...") name none of them. The whole
    passage, not the unit: the count may stand in the sentence after the one that matched ("We count how many
    offers ... For example, ... 10 offers, ... count him 10 times")."""
    counted = counted_things(query)
    if not counted or A_NUMBER.search(passage.text):
        return False
    label = unit.label or (unit.text.rstrip(":") if unit.children else "")
    heading = set(terms(f"{passage.section} {label}"))
    return not any(found_in(set(terms(thing)), heading) for thing in counted)
