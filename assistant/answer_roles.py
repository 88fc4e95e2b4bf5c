"""What each unit of a passage does in an answer: the roles of sentences and list items (a list's lead-in, an
example, a sentence leaning on the one before it, a reason), which side of a comparison a unit speaks for, and
the scored unit the composer chooses among. Facts about English prose and document structure, not this corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.models import PartKind
from assistant.passage_units import Unit, asks_definition, is_framing, mentions, units
from assistant.retrieval import Passage
from assistant.text_terms import found_in, terms
from assistant.vocabulary_words import section


@dataclass(frozen=True)
class Scored:
    score: float
    unit: Unit
    passage: Passage
    rank: int
    lexical: float  # IDF-weighted share of the question's words in the unit
    heading_share: float  # IDF-weighted share of the question's words in the section's heading path
    entity_item: bool = False  # an item labelled with the context entity that also says what is asked
    bonus: float = 0.0  # what the kind of question added (a definition, both sides of a comparison)
    lead_in: bool = False  # "... play a vital role in various industries by:": it can only lead its list
    prior: float = 0.0  # what answered example questions near this one lent it (part of `bonus`)


# A yes/no question ("Can generative models be used for classification?", "Is Python enough?") asks about one
# point; a request ("Can you explain ...") or an existence question ("Are there ...") asks for the topic.
YES_NO = re.compile(
    r"^\s*(?:can|could|is|are|does|do|did|should|would|will|has|have)\s+(?!you\b|u\b|there\b|i\s+get\b)",
    re.IGNORECASE,
)


def defining(query: str, kind: PartKind) -> bool:
    """An explanation asked as a definition: 'What is X?', 'What are X?', 'Define X' (one to three sentences);
    not 'What are the advantages of X?' (a determiner: something about X is asked, not what X is)."""
    if kind != "explanation":
        return False
    if re.match(r"^\s*what(?:\s+is|\s+are|['’]s|s)\s+(?:the|some|any|my|your|their|its)\s+\w+\s+of\b", query, re.I):
        return False
    return asks_definition(query) or bool(re.match(r"^\s*what\s+are\b", query, re.I))


def is_lead_in(unit: Unit, following: list[Unit]) -> bool:
    """A sentence that introduces the list right after it ("Machine Learning Engineers play a vital role in
    various industries by:"): framing on its own, but the lead of that list, so it is scored to find the
    list. An announcement ("Here are the key areas to focus on:") or a question stays framing."""
    text = unit.text.strip()
    return (
        not unit.is_item
        and text.endswith(":")
        and not ANNOUNCEMENT.match(text)
        and bool(following)
        and following[0].is_item
    )


ANNOUNCEMENT = re.compile(
    r"^(?:as such,\s*)?(?:let['’]s|let us|here['’]?s|here is|here are|below|the following)\b", re.I
)


def prose_lead(section: list[tuple[Unit, Passage]], most: int = 2) -> str:
    """The sentences a list section opens with, when they say what the section is about ("Regression models
    involve continuous values for predictions ...") rather than announce the list: the answer's lead, before
    the bullets, so a definition asked of a mixed section is not lost behind its items. '' when none."""
    prose: list[str] = []
    for unit, _ in section:
        if unit.is_item:
            break
        if is_framing(unit.text) or unit.text.rstrip().endswith(":"):
            return ""  # "These include:" / "Here are the key areas:": the heading leads instead
        prose.append(unit.text)
    return " ".join(prose) if 0 < len(prose) <= most else ""


def bare_item(unit: Unit) -> bool:
    return unit.is_item and not unit.label and not unit.children and len(unit.text.split()) <= 8


def nested(section: str, other: str) -> bool:
    """One section is inside the other ('Generative Models' and 'Generative Models > Examples of ...')."""
    return section.startswith(f"{other} > ") or other.startswith(f"{section} > ")


def named_item(
    question: str,
    section: list[tuple[Unit, Passage]],
    share: Callable[[set[str], set[str]], float] | None = None,
) -> tuple[Unit, Passage] | None:
    """The one item of the list the question names ('the career path for an AI Product Manager'). A label is
    named when the question holds most of it (`share`: the IDF-weighted share of the label's words the question
    uses): two words of a lead-in label ("Continued growth is expected in the AI job market, driven by") shared
    with "the future outlook for AI jobs" do not name that item, they are the domain's common talk."""
    wanted = set(terms(question))
    ranked = sorted(
        ((len(found_in(wanted, set(terms(u.label or u.text)))), i) for i, (u, _) in enumerate(section) if u.is_item),
        reverse=True,
    )
    if ranked and ranked[0][0] >= 2 and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
        unit, passage = section[ranked[0][1]]
        if unit.label and share is not None and share(set(terms(unit.label)), wanted) < 0.5:
            return None
        return unit, passage
    return None


def introduces_list(unit: Unit, section: list[tuple[Unit, Passage]]) -> bool:
    """The unit is prose that opens a section made of a list (its introduction)."""
    first_item = next((i for i, (u, _) in enumerate(section) if u.is_item), None)
    if first_item is None or sum(1 for u, _ in section if u.is_item) < 2:
        return False
    return any(u == unit for u, _ in section[:first_item])


ANAPHORA = re.compile(r"^(?:they|these|this|it|its|such|that|those|their|there)\b", re.IGNORECASE)
# A sentence that leans on the one before it: a pronoun first, or "therefore"/"thus" in its opening words.
DEPENDS = re.compile(
    r"^(?:they|these|this|it|its|such|that|those|their)\b|^(?:\S+\s+){0,4}(?:therefore|thus|hence)\b", re.I
)
# "Why ...?" asks for a reason; a sentence gives one with a causal or purpose connective (general English).
WHY = re.compile(r"^\s*(?:why|how come)\b", re.I)
# ... asked in other words: the point, the reason, the purpose of something, what one gains by it (general English).
PURPOSE_ASKED = re.compile(
    r"^\s*(?:(?:so|and|but|ok(?:ay)?|well),?\s+)?(?:what(?:['’]s|s|\s+is|\s+are)?\s+(?:the\s+)?"
    r"(?:point|reason|purpose|benefits?|value|use)\s+(?:of|to|for|in|behind)\b|"
    r"what\s+(?:do|does|would|will|can)\s+(?:i|we|you|they|one)\s+gain\b)",
    re.I,
)
# "is that high?", "does that mean 59 open jobs?", "does it include everyone?": a yes or no asked of what was just
# said (general English: an auxiliary, then a pointer; not "this", which the masked form of a question writes for
# an entity: "do this job help write this figure").
ASKED_OF_SAID = re.compile(
    r"^\s*(?:(?:so|and|but|ok(?:ay)?|well),?\s+)?"
    r"(?:is|are|was|were|does|do|did|would|will|can|could|should|has|have)\s+(?:that|it|those|these|they)\b",
    re.I,
)
# A sentence that qualifies what was said (denies, limits, contrasts): "This is not the number of vacancies, but an
# indicator of the level of demand", "If there were no offers, then he would not get into the statistics".
QUALIFIES = re.compile(r"\b(?:not|no|never|neither|nor|only|rather than|instead of)\b|n['’]t\b", re.I)
# ... and one that says what it is instead, or what it indicates: "..., but an indicator of the level of demand".
INDICATES = re.compile(
    r"\b(?:but|rather|instead|indicat\w+|reflect\w*|signals?|a sign of|a measure of|stands? for)\b", re.I
)
REASON = re.compile(
    r"\b(?:because|since|due to|so that|in order to|leads? to|leading to|results? in|resulting in|requires?|"
    r"drives?|driven by|enables?|allows?|helps?|ensures?|to ensure|to avoid|therefore|thus)\b",
    re.I,
)
# A purpose clause gives a reason too ("Develop deep expertise ... to become a sought-after professional").
PURPOSE = re.compile(
    r"\bto (?:become|be|stay|remain|get|gain|keep|build|showcase|show|stand out|advance|boost|improve|enhance|"
    r"position|grow|succeed|excel)\b",
    re.I,
)
# "How do I avoid / prevent / reduce X?", "ways to get around X": a remedy for a problem is asked, not what the
# problem is (general English: the verbs of countering something).
_REMEDY_VERB = (
    r"(?:avoid\w*|prevent\w*|stop\w*|reduc\w+|mitigat\w+|minimi[sz]\w+|overcom\w+|deal(?:ing)?\s+with|"
    r"get(?:ting)?\s+(?:around|rid\s+of|past)|fix\w*|tackl\w+|combat\w*|counter\w*|solv\w+|"
    r"keep\w*\s+.+?\s+from|guard\w*\s+against|protect\w*|defend\w*|cope|coping|address\w*)"
)
REMEDY_ASKED = re.compile(
    r"^\s*(?:how\s+(?:can|could|do|does|should|would|to|might|will|are|is)\b|"
    r"(?:what(?:['’]s|s|\s+is|\s+are)?\s+)?(?:(?:some|any|the\s+best|a\s+good|good)\s+)?(?:ways?|tips?|steps|strategies|methods|advice)\b|"
    rf"what\s+(?:can|should|do|does)\b|is\s+there\s+(?:a|any)\s+way\b).*?\b{_REMEDY_VERB}\b",
    re.I,
)
REMEDY_VERB = re.compile(rf"\b{_REMEDY_VERB}\b", re.I)
# The purpose an instruction gives ("... so that it scales", "Use X to ensure Y"); its own verbs ("enable",
# "allow") are what it tells to do, no reason.
TOLD_WHY = re.compile(r"\b(?:because|since|so that|in order to|to ensure|to avoid|due to)\b", re.I)
# An instruction that says what it is for, either way ("... to showcase your skills", "... so that ...").
GIVES_PURPOSE = re.compile(f"(?:{PURPOSE.pattern})|(?:{TOLD_WHY.pattern})", re.I)
# A sentence that offers a remedy: a way around, a countering verb, or a purpose "to avoid ...".
REMEDY = re.compile(
    r"\b(?:ways?\s+(?:around|to)|avoid\w*|prevent\w*|mitigat\w+|reduc\w+|minimi[sz]\w+|overcom\w+|tackl\w+|"
    r"counter\w*|guard\w*\s+against|defend\w*\s+against|protect\w*|balanc\w+|remed\w+)\b",
    re.I,
)
# A sentence pointing back at what the one before it said, within its opening words ("A way around this, ...").
POINTS_BACK = re.compile(r"^(?:\S+\s+){1,4}(?:this|that|these|those|it)\s*[,;:]", re.I)
# "What tools ...?", "which companies ...?": a plural noun right after what/which asks for instances of it
# ("what UX skills" names its topic instead; "what usually goes wrong" is no noun).
INSTANCES_ASKED = re.compile(
    r"^\s*(?:what|which)\s+(?!(?:is|are|was|were|does|do|did|has|have|kinds?|types?|sorts?)\b)[a-z-]{3,}s\b"
    # ... a noun: a verb or a joining word follows it ("what tools does", "which industries are"), not an object
    # ("what makes NYC a hotspot")
    r"(?=\s+(?:do|does|did|are|is|were|was|should|would|could|can|will|might|must|have|has|and|or|for|to|in|of|"
    r"at|on|that|who|pay|use|hire)\b|\s*[?.!]*\s*$)",
    re.I,
)

# "which skills push pay up?", "what specialised skills raise your salary?": the things that raise what follows are
# asked, each by name; the verbs are the vocabulary's ([raising] verbs). `noun` is the kind of thing: a unit naming
# instances answers only when it names that kind too ("Specialized skills (e.g., deep learning, NLP)", not "Major
# tech companies (Google, Apple, Meta) offer salaries ...").
_RAISING = "|".join(
    re.escape(v) for v in sorted((str(w) for w in section("raising").get("verbs") or []), key=len, reverse=True)
)
# ... the verbs' words frame such a question, as a remedy's do ("Salaries typically increase with experience" says
# "increase", no skill)
RAISING_TERMS = frozenset(t for v in section("raising").get("verbs") or [] for t in terms(str(v)))
RAISERS_ASKED = re.compile(
    # (a describing word may come first: "which specialised skills"; "what kinds of skills" asks kinds, not names)
    rf"^\s*(?:what|which)\s+(?:(?!(?:kinds?|types?|sorts?|of)\b)[a-z-]+\s+){{0,2}}?(?P<noun>[a-z-]{{3,}}s)\s+"
    rf"(?:{_RAISING or '(?!)'})\b",
    re.I,
)


def names_instances(unit: Unit, asked: set[str]) -> bool:
    """The unit enumerates things the question does not name itself ("Familiarity with TensorFlow, PyTorch, and
    scikit-learn", "sectors such as healthcare, finance, retail, and logistics"): what a "what tools ...?"
    question asks for, which a sentence on the asked things in general ("Openness to learning new tools,
    methodologies, and frameworks") does not give. Two short members of a comma list at least."""
    parts = [p.strip(" .;") for p in unit.as_sentence().split(",")]
    if len(parts) < 3:
        return False
    members = [re.sub(r"^(?:and|or)\s+", "", p, flags=re.I) for p in parts[1:]]
    own = [m for m in members if 0 < len(m.split()) <= 3 and not found_in(set(terms(m)), asked)]
    return len(own) >= 2


# Words that ask for a list rather than name a thing in it (general English): "examples of ...", "types of ...".
LIST_WORDS = frozenset(terms("example examples instance instances kind kinds type types sort sorts list"))
# A sentence that opens as an example illustrates what the sentence before it says.
EXAMPLE = re.compile(r"^(?:for (?:instance|example)|e\.g\.|as an example)\b", re.IGNORECASE)
# "What are examples of X?", "give me an instance of X": examples are asked; a sentence gives them with "for
# instance", "such as", "e.g." (general English).
EXAMPLES_ASKED = re.compile(r"\b(?:examples?|instances?)\b", re.IGNORECASE)
GIVES_EXAMPLE = re.compile(r"\b(?:for (?:instance|example)|such as|e\.g\.)", re.IGNORECASE)


def antecedents(item: Scored, most: int = 2, points_back: bool = True) -> list[str]:
    """The sentences a leaning answer needs before it: a pronoun-led one ("They can also be called symbolic
    AI." needs "The simplest AI models are a set of if-then-else rules. ... Such models are called rules
    engines"), or one drawing a conclusion ("Discriminative models are therefore often easier to train." needs
    the sentence saying why). Going back, a sentence naming again with "the" what the one before it named ("The
    rules are explicitly programmed ..." after "... a set of if-then-else rules.") leans on it too."""
    text = item.unit.text
    # "A way around this, ..." leading an answer needs the sentence saying what "this" is (`points_back`); as a
    # support after a lead that says it in other words, it reads on without it.
    back = points_back and POINTS_BACK.match(text)
    if item.unit.is_item or not (DEPENDS.search(text) or ANAPHORA.match(text) or back):
        return []
    prose = [u for u in units(item.passage.text) if not u.is_item]
    at = next((i for i, u in enumerate(prose) if u == item.unit), 0)
    before: list[str] = []
    for i in range(at - 1, max(0, at - most) - 1, -1):
        before.insert(0, prose[i].text)
        if not _leans_on(prose[i].text, prose[i - 1].text if i > 0 else ""):
            break
    return before


_DEFINITE = re.compile(r"^the\s+(\w[\w-]*)\b", re.IGNORECASE)


def _leans_on(sentence: str, previous: str) -> bool:
    """The sentence leans on the one before it: a pronoun first, a conclusion ("therefore"), or "the" + a noun
    the previous sentence names."""
    if ANAPHORA.match(sentence) or DEPENDS.search(sentence):
        return True
    named = _DEFINITE.match(sentence)
    return named is not None and bool(set(terms(named.group(1))) & set(terms(previous)))


FIGURE = re.compile(r"\$\s?\d")


def only_on(item: Scored, side: set[str], other: set[str]) -> bool:
    """The unit speaks of one side of a comparison and not of the other."""
    about = speaks_of(item.unit, item.passage)
    return mentions(about, side) and not mentions(about, other)


def covers(item: Scored, side: set[str], other: set[str]) -> bool:
    """The unit speaks for one side: of it alone, or from the section written about it without naming the other
    side ("These generally entail ..." under "Discriminative Models")."""
    heading = heading_of(item.passage)
    in_own_section = mentions(heading, side) and not mentions(heading, other)
    return only_on(item, side, other) or (in_own_section and not mentions(item.unit.as_sentence(), other))


def heading_of(passage: Passage) -> str:
    return passage.section.split(" > ")[-1]


def speaks_of(unit: Unit, passage: Passage) -> str:
    """What a unit speaks of: its text, and its section's heading when it leans on it with a pronoun
    ("These generally entail supervised learning ..." under "Discriminative Models" is about those)."""
    text = unit.as_sentence()
    if ANAPHORA.match(unit.text):
        return f"{heading_of(passage)}\n{text}"
    return text


def mostly_figures(passage: Passage) -> bool:
    items = [u.as_sentence() for u in units(passage.text) if u.is_item]
    return bool(items) and sum(1 for item in items if FIGURE.search(item)) >= 0.5 * len(items)


def remedy_words(query: str) -> set[str]:
    """The terms of the remedy verbs a question asks with ("avoid", "deal with", "guard against")."""
    return {t for m in REMEDY_VERB.finditer(query) for t in terms(m.group(0))}


def asks_remedy(query: str, kind: PartKind) -> bool:
    """'How do I avoid overfitting?', 'ways to get around too little data': a remedy is asked for."""
    return kind != "figure" and REMEDY_ASKED.match(query) is not None
