"""The data's words added to a documents part's search (stats/question_examples.yaml search_hints): by the part's kind
when it names something ("how is the median calculated" finds the page's methodology section), and what drives a
figure ("what decides how much someone gets paid?") by the words the documents list such drivers under."""

from __future__ import annotations

import re

from assistant.models import PartKind
from assistant.part_routes import LOW_CONFIDENCE
from assistant.pay_raising import names_pay
from assistant.planned_part import PlannedPart
from assistant.question_kinds import PlanVocabulary
from assistant.role_spelling import roles_spelled_out
from assistant.slot_reading import names_something

# pay named by a noun ("salary", "pay") or "paid": "make" and "pays" are other verbs too ("why does size make data
# harder to get?")
_PAID = re.compile(r"\bpaid\b", re.IGNORECASE)


def search_hint(
    kind: PartKind, text: str, hints: dict[str, str], words: PlanVocabulary, named: bool, pay: bool
) -> str | None:
    """The hint for a part of `kind` asked in `text` (`named`: it names something, or is surely a method; `pay`: it
    names pay)."""
    # what drives pay is asked of any kind but a figure ("which factors ...", "what decides ..."), named or not; what
    # drives anything else ("why does business acumen matter?") is the documents' own words on it
    pay = pay and (names_pay(text) or _PAID.search(text) is not None)
    if kind != "figure" and pay and hints.get("drives") and words.asks_what_drives(text):
        return hints["drives"]
    return hints.get(kind) if named else None


def part_search_text(part: PlannedPart, hints: dict[str, str], words: PlanVocabulary) -> str:
    """The documents query for a part: its own corrected words, plus the data's hint for its kind. Its own words:
    "what education do they need?" searches for education, not for the role "they" was."""
    text = roles_spelled_out(part.query or part.text, part.context)  # "a DS": the role the documents write
    sure_method = part.kind == "method" and part.confidence >= LOW_CONFIDENCE  # "how is the 5k+ bucket defined?"
    named = names_something(part.slots) or bool(part.context) or sure_method
    hint = search_hint(part.kind, text, hints, words, named, part.slots.salary)
    return f"{text} ({hint})" if hint else text
