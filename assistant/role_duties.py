"""What a question about a role alone asks: "what does an ML engineer do?", "what's the job of an MLE?", "what are
ML engineers responsible for?" ask for the role's duties, though they name no duty word. Without one the question's
only topic is the role, and the item that merely names it wins (a Career Paths entry: "Machine Learning Engineer:
Progress from Junior ML Engineer ..."), not the section on what the role does (Core Responsibilities).

The documents' words for what such a question asks are data (stats/search_synonyms.toml [roles] asks:
"responsibilities"). They join the question's words only when a passage of the documents opens by naming that role
and those words together ("AI/ML Experts, often referred to as Machine Learning Engineers ..., have a diverse set
of core responsibilities ..."): a role no passage says the duties of ("what does a data scientist do?") keeps
its own entry, rather than another role's duties.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from assistant.acronyms import expansion_of
from assistant.lexical import SEARCH_SYNONYMS_PATH, _root
from assistant.passage_units import units
from assistant.text_terms import found_in, terms


class RoleDuties:
    """Reads, once per build, which passages open by saying whose duties they list (see the module docstring)."""

    def __init__(
        self,
        texts: list[str],
        asks: list[str],
        frame: frozenset[str],
        expansions: dict[str, str],
    ) -> None:
        self._asks = " ".join(asks)
        self._ask_terms = set(terms(self._asks))
        # their Snowball roots: "responsible" is "responsibilities" in another form (the light stemmer keeps apart)
        self._ask_roots = {_root(w) for w in self._asks.lower().split()}
        self._frame = frame
        self._expansions = expansions
        # each passage's opening sentence, as terms, when it holds one of the words (a passage opening on a list
        # item opens on no one's duties)
        openings = []
        for text in texts:
            first = next(iter(units(text)), None)
            said = set(terms(first.text)) if first is not None and not first.is_item else set()
            if self._ask_terms and found_in(self._ask_terms, said):
                openings.append(frozenset(said))
        self._openings = openings

    @classmethod
    def load(
        cls, texts: list[str], frame: frozenset[str], expansions: dict[str, str], path: Path = SEARCH_SYNONYMS_PATH
    ) -> RoleDuties:
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        asks = [str(w) for w in data.get("roles", {}).get("asks", [])]
        return cls(texts, asks, frame, expansions)

    def asked(self, query: str, roles: list[str]) -> str:
        """The question in the documents' words ("Machine Learning Engineer responsibilities"), when `query` asks
        about one of `roles` (the context entities) alone and a passage opens by naming that role with those words;
        else ''. Asked so, it is no definition of the role ("what does X do?" reads as one) and names no other
        topic: the passage on the role's duties answers it, not an item that only names the role."""
        for role in roles:
            entity = set(terms(role))
            if not entity or not self._alone(query, entity):
                continue
            if any(entity <= opening for opening in self._openings):
                return f"{role} {self._asks}"
        return ""

    def _alone(self, query: str, entity: set[str]) -> bool:
        """Once the role's words (its acronym read as its expansion: "ML engineer"), the words that only frame a
        question ("all day", "job", "role") and the duty words' own forms ("responsible") are set aside, nothing
        is left that the question asks about."""
        left: set[str] = set()
        for word in query.split():
            own, bare = set(terms(word)), word.strip("?,.!'\"").lower()
            expanded = set(terms(expansion_of(bare, self._expansions)))
            if own & entity or expanded & entity or _root(bare) in self._ask_roots:
                continue
            left |= own
        return not (left - self._frame)
