"""What kinds of question there are, from data: the labelled examples, the cue words, and the classifier.

`stats/question_examples.yaml` holds example questions per kind (PartKind), the small-talk replies and the
suggested questions; `stats/vocabulary.toml` holds the cue words the planner's slot rules read (a number
asked, a comparison, a definition, a career path, how a figure is made; dimension words; back-references).
`KindClassifier` embeds the examples once (cached on disk per model) and votes a question's kind by its
nearest examples, with the question's entities masked so that its form, not its topic, decides.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import numpy as np
import yaml
from langchain_core.embeddings import Embeddings

from assistant.embeddings import embedded_texts
from assistant.models import PartKind
from assistant.phrase_match import longest_first, phrase_pattern
from assistant.settings import PROJECT_ROOT
from assistant.text_terms import STOPWORDS
from assistant.understanding import CITY_SYNONYMS, PLATFORM_METRICS, ROLE_SYNONYMS, YEAR

KINDS: tuple[str, ...] = get_args(PartKind)
QUESTION_EXAMPLES_PATH = PROJECT_ROOT / "stats" / "question_examples.yaml"
PLAN_VOCABULARY_PATH = PROJECT_ROOT / "stats" / "vocabulary.toml"
NEIGHBOURS = 7  # examples that vote on a part's kind
SHARPNESS = 12.0  # softmax temperature over cosine similarity: higher lets the nearest example dominate
# Market-figure words ("in production", "enterprises", "retraining") stay: they are as often the topic of a
# documentation question ("how do I roll out models in production?") as the name of a figure.
MASKS: list[tuple[list[str], str]] = [
    (sorted({p for ps in table.values() for p in ps}, key=len, reverse=True), placeholder)
    for table, placeholder in (
        (ROLE_SYNONYMS, "this job"),
        (CITY_SYNONYMS, "this city"),
        (PLATFORM_METRICS, "this figure"),
    )
]


@dataclass(frozen=True)
class SmalltalkGroup:
    cues: list[str]
    reply: str


@dataclass(frozen=True)
class QuestionExamples:
    """The labelled examples and the small-talk texts (data, so a new kind of question needs no code)."""

    kinds: dict[str, list[str]]
    smalltalk: list[SmalltalkGroup]
    suggestions: list[str]
    hints: dict[str, str]
    role_context: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> QuestionExamples:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        kinds = {str(k): [str(q) for q in v or []] for k, v in (raw.get("kinds") or {}).items()}
        unknown = sorted(set(kinds) - set(KINDS))
        if unknown:
            raise ValueError(f"{path}: unknown kinds {unknown} (known: {', '.join(KINDS)})")
        suggestions = [str(s) for s in raw.get("suggestions") or []]
        with_digits = [s for s in suggestions if re.search(r"\d", s)]
        if with_digits:
            # A reply's numbers must come from the sources; a suggestion's would be checked as figures too.
            raise ValueError(f"{path}: suggestions may not contain digits: {with_digits}")
        return cls(
            kinds=kinds,
            smalltalk=[
                SmalltalkGroup([str(c).lower() for c in g.get("cues") or []], str(g.get("reply") or "").strip())
                for g in raw.get("smalltalk") or []
            ],
            suggestions=suggestions,
            hints={str(k): str(v) for k, v in (raw.get("search_hints") or {}).items()},
            role_context=frozenset(str(k) for k in raw.get("role_context") or []),
        )

    def smalltalk_reply(self, text: str) -> str:
        """The reply of the first group whose cue leads the text, then the example questions as a list."""
        lowered = text.lower()
        reply = next(
            (g.reply for g in self.smalltalk for c in g.cues if re.match(rf"\W*{re.escape(c)}\b", lowered)),
            self.smalltalk[-1].reply if self.smalltalk else "",
        )
        return "\n".join([reply, *(f"- {s}" for s in self.suggestions)])


@dataclass(frozen=True)
class PlanVocabulary:
    """Dimension words ("seniority", "by city") and back-references ("they") from stats/vocabulary.toml."""

    dimensions: dict[str, re.Pattern[str]]
    pronoun: re.Pattern[str]
    number: re.Pattern[str]
    drivers: re.Pattern[str]
    comparison: re.Pattern[str]
    explanation: re.Pattern[str]
    path: re.Pattern[str]
    method: re.Pattern[str]
    definition: re.Pattern[str]
    why: re.Pattern[str]
    yes_no: re.Pattern[str]
    how_to: re.Pattern[str]
    request: re.Pattern[str]
    kept: re.Pattern[str]  # "the same", "that": a dimension word after one names the value already in play
    role_noun: re.Pattern[str]  # "the job" in "what does the job involve?": the role in play
    correction: re.Pattern[str]  # "sorry, I meant AI researcher": the last question, of what follows
    source_question: re.Pattern[str]  # "where is that from?": the last answer again, with its sources
    pair: re.Pattern[str]  # "those two", "both of them": the last two topics
    demonstrative: re.Pattern[str]  # "how do I learn that?": what was just said, as the object of a question

    @classmethod
    def load(cls, path: Path) -> PlanVocabulary:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        discourse = (raw.get("yes_no") or {}).get("discourse") or []
        return cls(
            dimensions={name: _words(words) for name, words in (raw.get("dimensions") or {}).items()},
            pronoun=_words((raw.get("references") or {}).get("pronouns") or []),
            demonstrative=_demonstratives(raw.get("references") or {}),
            number=_words((raw.get("figures") or {}).get("asks_for_number") or []),
            drivers=_words((raw.get("figures") or {}).get("drivers") or []),
            comparison=_words((raw.get("comparisons") or {}).get("cues") or []),
            explanation=_words((raw.get("explanations") or {}).get("cues") or []),
            path=_words((raw.get("paths") or {}).get("cues") or []),
            method=_words((raw.get("methods") or {}).get("cues") or []),
            definition=_opening(
                (raw.get("definitions") or {}).get("openings") or [],
                int((raw.get("definitions") or {}).get("definition_words") or 0),
            ),
            why=_opening((raw.get("definitions") or {}).get("why") or [], 40),
            yes_no=_leading((raw.get("yes_no") or {}).get("openings") or [], discourse),
            how_to=_leading((raw.get("how_to") or {}).get("openings") or [], discourse),
            request=_leading((raw.get("yes_no") or {}).get("requests") or [], discourse),
            kept=_before_word((raw.get("references") or {}).get("kept") or []),
            role_noun=_followed_by(
                (raw.get("references") or {}).get("role_nouns") or [],
                (raw.get("references") or {}).get("role_noun_followers") or [],
                modified=True,
            ),
            pair=_words((raw.get("references") or {}).get("pairs") or []),
            source_question=_whole((raw.get("references") or {}).get("source_questions") or [], discourse),
            correction=_correction(
                (raw.get("references") or {}).get("corrections") or [],
                discourse,
                int((raw.get("references") or {}).get("correction_words") or 0),
            ),
        )

    def asks_definition(self, text: str) -> bool:
        """'What is symbolic AI?': an opening that asks what a short named thing is."""
        return self.definition.match(text.strip()) is not None

    def asks_why(self, text: str) -> bool:
        return self.why.match(text.strip()) is not None

    def asks_request(self, text: str) -> bool:
        """'Can you recommend ...?', 'could you list ...?': a polite request, not a yes/no question."""
        return self.request.match(text.strip()) is not None

    def asks_how_to(self, text: str) -> bool:
        """'How can I get a raise?', 'what should I do to ...?': asks for steps or advice."""
        return self.how_to.match(text.strip()) is not None

    def asks_yes_no(self, text: str) -> bool:
        """'Do I need a PhD to ...?', 'Is there a shortage of ...?': opened by an auxiliary verb."""
        return self.yes_no.match(text.strip()) is not None

    def known_words(self) -> set[str]:
        """Every word of the cue lists, so the typo fixer leaves them alone ("apart" is not "part")."""
        found: set[str] = set()
        patterns = (self.pronoun, self.number, self.drivers, self.comparison, self.explanation, self.path, self.method)
        for pattern in (*patterns, *self.dimensions.values()):
            found |= {w.lower() for w in re.findall(r"[A-Za-z]+", pattern.pattern) if len(w) > 1}
        return found

    def asks_for_explanation(self, text: str) -> bool:
        return self.explanation.search(text) is not None

    def asks_to_compare(self, text: str) -> bool:
        return self.comparison.search(text) is not None

    def asks_for_number(self, text: str) -> bool:
        """'How much ...?' asks for a figure; 'what affects how much ...?' asks what drives it."""
        number = self.number.search(text)
        return number is not None and not self.asks_what_drives(text)

    def asks_what_drives(self, text: str) -> bool:
        """'Which factors influence how much ... get paid?', 'why do they earn more?': what makes a figure."""
        driver = self.drivers.search(text)
        number = self.number.search(text)
        if driver is None:
            return False
        # "how much does experience matter for salaries?": the driver is the verb the number words ask about.
        verb_asked = number is not None and _HOW_MUCH_DOES.match(text[number.start() :]) is not None
        return number is None or driver.start() < number.start() or (verb_asked and _no_pay_before(text, driver))

    def names_dimension(self, text: str, dimension: str) -> bool:
        """'with seniority', 'at the same level': the part speaks of a dimension of the figures."""
        pattern = self.dimensions.get(dimension)
        return bool(pattern and pattern.search(text))

    def asks_across(self, text: str, dimension: str) -> bool:
        """'how does that change with seniority?' asks across levels; 'at the same level' keeps the one in play."""
        pattern = self.dimensions.get(dimension)
        if pattern is None:
            return False
        return any(self.kept.search(text[: m.start()]) is None for m in pattern.finditer(text))

    def restated(self, message: str, last_question: str | None) -> str:
        """The message as the question it stands for in a conversation: "where is that from?" is the last question
        again (its answer cites its sources), "sorry, I meant AI researcher" the last question of what it names."""
        if last_question is None:
            return message
        return last_question if self.asks_source(message) else (self.corrected_to(message) or message)

    def asks_source(self, text: str) -> bool:
        """'where is that from?', 'source?': the whole message asks where the last answer comes from."""
        return self.source_question.match(text.strip()) is not None

    def corrected_to(self, text: str) -> str | None:
        """'sorry, I meant AI researcher' -> 'what about AI researcher?': a correction names what the last
        question should have asked about, and asks it again (None when the text is no correction)."""
        found = self.correction.match(text.strip())
        return None if found is None else f"what about {found.group(1).strip(' ?.!')}?"

    def resolve_role(self, text: str, role: str) -> str | None:
        """The text with its reference to a role replaced by `role`: "that role" itself when it is there ("what
        skills does that role need?" -> "what skills does a Data Scientist need?"), else the first back-reference."""
        found = self.role_noun.search(text)
        if found is None:
            # a person pronoun ("they", "their") stands for a role; a clause-ending demonstrative names a thing said
            # ("how can you push your pay higher than that?" after a role's pay: the figure, not the role)
            pronoun = self.pronoun.search(text)
            return None if pronoun is None else f"{text[: pronoun.start()]}{role}{text[pronoun.end() :]}"
        one = "an" if role[:1].upper() in "AEIOU" else "a"  # "that role" is one person's: "a Data Scientist"
        return f"{text[: found.start()]}{one} {role}{text[found.end() :]}"

    def points_back(self, text: str) -> bool:
        """Whether the text refers back: a pronoun, a pair ("those two") or a demonstrative ending its clause."""
        return any(p.search(text) for p in (self.pronoun, self.pair, self.demonstrative))

    def resolve(self, text: str, name: str) -> str | None:
        """The text with its first back-reference replaced by `name`, or None when it has none."""
        found = self.pronoun.search(text) or self.role_noun.search(text) or self.demonstrative.search(text)
        return None if found is None else f"{text[: found.start()]}{name}{text[found.end() :]}"


def _opening(openings: list[str], most_words: int) -> re.Pattern[str]:
    """An opening phrase followed by at most `most_words` words, to the end of the part."""
    if not openings or most_words <= 0:
        return re.compile(r"(?!)")
    alternatives = longest_first(openings)
    return re.compile(rf"(?:{alternatives})(?:\s+[\w'/.+#-]+){{1,{most_words}}}\W*$", re.IGNORECASE)


def _leading(words: list[str], discourse: list[str] | None = None) -> re.Pattern[str]:
    """One of `words` as the part's first word, followed by more of it ("Do I ...", not "Do."); a discourse
    marker before it ("so is that ...?", "ok, do I ...?") does not change what the part asks."""
    if not words:
        return re.compile(r"(?!)")
    alternatives = longest_first(words)
    markers = longest_first(discourse or [])
    lead = rf"(?:(?:{markers})\b[\s,.!-]*)*" if markers else ""
    return re.compile(rf"\W*{lead}(?:{alternatives})\s+\w", re.IGNORECASE)


def _followed_by(words: list[str], followers: list[str], modified: bool = False) -> re.Pattern[str]:
    """One of `words` followed by the end of the question or by one of `followers`. `modified`: a phrase of two
    words or more may have one word more after its first ("the research job" as "the job": "what does the research
    job involve?" after an AI researcher's pay)."""
    if not words:
        return re.compile(r"(?!)")
    alternatives = longest_first(words)
    if modified:
        # the word between is a modifier, never a function word ("how would I practise that at work?")
        modifier = rf"(?:\s+(?!(?:{longest_first(STOPWORDS)})\b)[a-z][\w-]*)?"
        split = [str(w).split(None, 1) for w in sorted(words, key=len, reverse=True)]
        alternatives = "|".join(
            rf"{re.escape(w[0])}{modifier}\s+{re.escape(w[1])}" if len(w) == 2 else re.escape(w[0]) for w in split
        )
    after = longest_first(followers) or "(?!)"
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?=\s*(?:[?.!,;]|$)|\s+(?:{after})\b)", re.IGNORECASE)


_HOW_MUCH_DOES = re.compile(r"how much (?:does|do|did|will|would|can|could)\b", re.IGNORECASE)


def _no_pay_before(text: str, driver: re.Match[str]) -> bool:
    """'how much does experience matter', not 'how much does an ML engineer earn, and what affects it'."""
    return re.search(r"[,;?]", text[: driver.start()]) is None


def _whole(phrases: list[str], discourse: list[str]) -> re.Pattern[str]:
    """One of `phrases` as the whole text, after discourse markers ("ok, where is that from?")."""
    if not phrases:
        return re.compile(r"(?!)")
    alternatives = longest_first(phrases)
    markers = longest_first(discourse)
    lead = rf"(?:(?:{markers})\b[\s,.!-]*)*" if markers else ""
    return re.compile(rf"\W*{lead}(?:{alternatives})\W*$", re.IGNORECASE)


def _correction(openings: list[str], discourse: list[str], most_words: int) -> re.Pattern[str]:
    """A correction opening ("I meant"), after discourse markers ("sorry, no,"), then at most `most_words` words:
    what the correction names, captured."""
    if not openings or most_words <= 0:
        return re.compile(r"(?!)")
    alternatives = longest_first(openings)
    markers = longest_first(discourse)
    lead = rf"(?:(?:{markers})\b[\s,.!-]*)*" if markers else ""
    return re.compile(rf"\W*{lead}(?:{alternatives})\b[\s,:-]*((?:[\w'/.+#-]+[\s,]*){{1,{most_words}}}\W*)$", re.I)


def _before_word(words: list[str]) -> re.Pattern[str]:
    """One of `words` ending the text (a determiner right before the word that follows it)."""
    if not words:
        return re.compile(r"(?!)")
    alternatives = longest_first(words)
    return re.compile(rf"(?<![\w-])(?:{alternatives})\s+$", re.IGNORECASE)


def _demonstratives(references: dict[str, list[str]]) -> re.Pattern[str]:
    """A demonstrative ending its clause ("how do I learn that tho?"): followed by nothing, a punctuation mark or a
    clause-ending word, it is no determiner of a noun ("that skill") and stands for what was just said."""
    ending = references.get("demonstratives") or []
    if not ending:
        return re.compile(r"(?!)")
    enders = longest_first(references.get("clause_enders") or []) or "(?!)"
    return re.compile(
        rf"(?<![\w-])(?:{longest_first(ending)})(?=\s*(?:[?.!,;:)]|$)|\s+(?:{enders})(?![\w-]))", re.IGNORECASE
    )


def _words(words: list[str]) -> re.Pattern[str]:
    if not words:
        return re.compile(r"(?!)")
    alternatives = longest_first(words)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def generic_form(text: str, named: dict[str, str] | None = None, metrics: bool = True) -> str:
    """The question with its entities replaced by placeholders ("how much do this job make in this city").

    The named things of a question dominate its embedding: "how much do ML engineers make" lies nearer to
    "how do I become an ML engineer" than to "how much does an analyst earn". Masking them in the examples
    and in the question lets the form of the question (how much, what is, how do I) decide the kind.
    """
    lowered = " ".join(text.lower().split())
    # Names the tables lack but the question's slots found ("AI product manager", "Boston") are entities too.
    for phrase, placeholder in sorted((named or {}).items(), key=lambda item: -len(item[0])):
        if phrase:
            lowered = phrase_pattern(phrase.lower()).sub(placeholder, lowered)
    for table, placeholder in MASKS:
        if placeholder == "this figure" and not metrics:
            continue  # "the field offers lots of paths", "what expectations do employers have": no figure named
        for phrase in table:
            lowered = phrase_pattern(phrase).sub(placeholder, lowered)
    lowered = YEAR.sub("that year", lowered)
    return re.sub(r"\b(this \w+)(?: \1)+", r"\1", lowered)  # "median salary expectation" is one figure


class KindClassifier:
    """Nearest labelled examples by embedding: the examples are embedded once, a part costs a dot product."""

    def __init__(self, examples: QuestionExamples, embeddings: Embeddings, cache_dir: Path | None = None) -> None:
        self._labels = [kind for kind, questions in examples.kinds.items() for _ in questions]
        texts = [generic_form(q) for questions in examples.kinds.values() for q in questions]
        self._matrix = embedded_texts(texts, embeddings, cache_dir, "question") if texts else None

    def vote(self, vector: list[float]) -> dict[str, float]:
        """Each kind's share of the nearest examples' softmax-weighted vote (sums to 1)."""
        if self._matrix is None:
            return {"other": 1.0}
        sims = self._matrix @ np.asarray(vector, dtype=np.float32)
        nearest = np.argsort(-sims)[:NEIGHBOURS]
        weights: dict[str, float] = {}
        for i in nearest:
            weight = math.exp(SHARPNESS * float(sims[i]))
            weights[self._labels[int(i)]] = weights.get(self._labels[int(i)], 0.0) + weight
        total = sum(weights.values())
        return {kind: w / total for kind, w in weights.items()}
