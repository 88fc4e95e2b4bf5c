"""A passage as answer units: prose sentences and list items (with their labels and sub-items).

The career guide writes lists with their own inner headings ("- Programming Languages:" then
"- Proficiency in Python, ..."); flattening them into one sentence glues headings into the text. Here a
label keeps its children, so an answer can quote one item or render the whole list as bullets.
Also here: what marks a sentence as framing (never an answer), as defining a term, or as speaking of
both sides of a comparison (an acronym's expansion, which a definition may give, is acronyms.py's).
These are facts about English prose, not about this corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.acronyms import QUOTES, expansion_of
from assistant.difference_asked import ASKING_TAIL
from assistant.spelling import general_english
from assistant.text_terms import join_soft_wraps, split_sentences, terms

_BULLET = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")
_INLINE_LABEL = re.compile(r"^([^:]{2,60}):\s+(\S.*)$")
# A section's closing remark glued onto its last item by the page's formatting ("... processes Their work
# has significant applications ..."): a lower-case word, then a capitalised word opening a new sentence.
_GLUED_TAIL = re.compile(r"(?<=[a-z)])\s+(?=(?:By|Their|These|This|The|Keep|As)\s+[a-z])")
# Sentences that frame the text instead of saying something: questions, "let's start", "here's an overview".
_FRAMING = re.compile(
    r"^(?:as such,\s*)?(?:let['’]s|let us|here['’]?s|here is|here are|in this (?:article|guide|section)|"
    r"and today|today we|that is to say|below|the following|we will|we['’]ll|this overview)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Unit:
    """One sentence or list item of a passage, in reading order."""

    text: str  # bullet mark and any glued-on closing remark dropped ("Programming Languages:" for a label line)
    is_item: bool
    label: str = ""  # "Programming Languages" (inline "Label: text", or a label line with sub-items)
    children: tuple[str, ...] = ()  # the sub-items under a label line
    position: int = 0
    written: str = ""  # the line as stored in the sentence index, when it differs from `text`
    closing: bool = False  # a section's closing remark glued onto its last item, read as its own sentence

    @property
    def lines(self) -> tuple[str, ...]:
        """The stored sentences this unit is made of (the sentence index is keyed by them)."""
        return tuple(s for line in (self.written or self.text, *self.children) for s in split_sentences(line))

    def as_sentence(self) -> str:
        """'Programming Languages: Proficiency in Python, R, ...' (a label joined to its items)."""
        if not self.children:
            return self.text
        head = self.text.rstrip(":").strip()
        return f"{head}: " + "; ".join(c.rstrip(".") for c in self.children)

    def as_bullet(self) -> str:
        """The unit as one bullet: a label in bold-free 'Label: items' form, items joined by semicolons."""
        return self.as_sentence().rstrip(".")


def units(text: str) -> list[Unit]:
    """Sentences and items of a passage; label lines gather the items under them."""
    return list(_units(text))


@lru_cache(maxsize=4096)
def _units(text: str) -> tuple[Unit, ...]:
    # Cached: the same chunks come back question after question (Units are frozen, so sharing is safe).
    # A hard-wrapped page gives one line per paragraph or item first (as ingest reads it).
    lines = [ln for ln in join_soft_wraps(text).split("\n") if ln.strip()]
    out: list[Unit] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not _BULLET.match(line) and _glossary_line(lines, i):
            # "Diffusion Models: Diffusion models iteratively ..." lines in a row are a list without marks.
            out.append(Unit(line.strip(), True, _INLINE_LABEL.match(line.strip()).group(1), position=len(out)))
            i += 1
            continue
        if not _BULLET.match(line):
            out.extend(Unit(s, False, position=len(out) + n) for n, s in enumerate(split_sentences(line)))
            i += 1
            continue
        item = _BULLET.sub("", line).strip()
        children: list[str] = []
        j = i + 1
        if _is_label_line(line, item, lines[i + 1 :]):
            while j < len(lines) and _BULLET.match(lines[j]) and not _NUMBERED.match(lines[j]):
                child = _BULLET.sub("", lines[j]).strip()
                if children and (_is_label_line(lines[j], child, lines[j + 1 :]) or _labelled(child)):
                    break  # the next labelled item starts
                children.append(child)
                j += 1
        inline = _INLINE_LABEL.match(item)
        label = item.rstrip(":").strip() if children else (inline.group(1).strip() if inline else "")
        last = j >= len(lines)
        glued = children.pop() if children else item
        trimmed = trim_glued_tail(glued, last)
        if children or glued is not item:
            children.append(trimmed)
        text = item if children else trimmed
        out.append(Unit(text, True, label, tuple(children), len(out), written=item))
        # The remark glued on after the item ("... processes Their work has significant applications in
        # healthcare, ...") says something of its own: a sentence of the section, not part of the item.
        tail = glued[len(trimmed) :].strip() if trimmed != glued and glued.startswith(trimmed) else ""
        stored = split_sentences(glued)
        for sentence in split_sentences(tail):
            written = "" if sentence in stored else glued  # its vector: its own, or the glued line's
            out.append(Unit(sentence, False, position=len(out), written=written, closing=True))
        i = j
    return tuple(out)


def _glossary_line(lines: list[str], i: int) -> bool:
    """A 'Short Label: text' line next to another such line (a definition list written without bullets)."""

    return _labelled(lines[i]) and any(0 <= j < len(lines) and _labelled(lines[j]) for j in (i - 1, i + 1))


def _labelled(line: str) -> bool:
    """'Soft Skills: Excellent communication ...': a short capitalised label, a colon, then the text."""
    found = _INLINE_LABEL.match(line.strip())
    return bool(found) and len(found.group(1).split()) <= 6 and found.group(1)[:1].isupper()


def _is_label_line(raw: str, item: str, following: list[str]) -> bool:
    """'Programming Languages:' / '1. Data Preparation' / 'Robotics Engineer' followed by its own items."""
    if not following or not _BULLET.match(following[0]):
        return False
    if item.endswith(":") or _NUMBERED.match(raw):
        return True
    nxt = trim_glued_tail(_BULLET.sub("", following[0]).strip())  # its own text, without a glued-on remark
    # A short title without a full stop, followed by an item written as a sentence (the guide's career paths).
    return len(item.split()) <= 5 and not item.endswith((".", ";", ",")) and nxt.endswith(".")


def label_terms(texts: list[str]) -> set[str]:
    """The words of every list label ("Machine Learning Frameworks: ..."): inner headings, topics as much as a
    section's ("what frameworks do AI researchers use" asks about frameworks, not about the researchers)."""
    return {t for text in texts for unit in units(text) for t in terms(unit.label)}


def is_list(passage_units: list[Unit]) -> bool:
    """Mostly items: the career guide's sections are lists, the explainers are prose. A closing remark glued
    onto the last item is the list's ending, not prose that makes the section mixed."""
    items = sum(1 for u in passage_units if u.is_item)
    return items >= 2 and items >= 0.6 * sum(1 for u in passage_units if not u.closing)


def trim_glued_tail(text: str, last: bool = False) -> str:
    """'Enhancing decision-making processes Their work has ...' -> 'Enhancing decision-making processes'.

    The section's last item (`last`) may also carry the closing remark as whole sentences after its own
    ("... seeing increased demand. The AI and ML job market presents ..."): a long remainder is dropped.
    """
    parts = _GLUED_TAIL.split(text, maxsplit=1)
    if len(parts) == 2 and len(parts[1].split()) >= 6:
        return parts[0]
    sentences = split_sentences(text)
    if last and len(sentences) > 1 and len(" ".join(sentences[1:]).split()) >= 15:
        return sentences[0]
    return text


# How far below its base word a verb form may be in general English and still make the base a verb: "implement"
# (3.3) / "implemented" (2.9); not "machine" (4.7) / "machined" (1.8), "major" / "majored", "the" / "thing".
VERB_FORM_GAP = 1.5
_FIRST_WORDS = re.compile(r"[A-Za-z][\w'-]*")


@lru_cache(maxsize=4096)
def instructs(text: str) -> bool:
    """The unit tells what to do: it opens with a verb's base form, an adverb aside ("Test for and mitigate social
    bias in training data", "Continuously monitor deployed models' behavior"); not a problem or a thing named
    ("Managing the time-intensive nature of ...", "Poor or biased data ...", "Machine learning ..."). A verb is
    read by its other forms in general English ("tested", "testing") being about as common as the word itself."""
    english = general_english()
    words = _FIRST_WORDS.findall(text[:80])
    if not words or not words[0][0].isupper():
        return False  # a word inside a sentence: the unit does not open there
    while words and words[0].lower().endswith("ly") and len(words) > 1:
        words = words[1:]  # "Continuously measure ...": the adverb before the verb
    if not terms(words[0]):
        return False  # a stopword ("The ...", "This ..."), or a word inside a sentence
    word = words[0].lower()
    if word.endswith(("ing", "ed")) or (word.endswith("s") and not word.endswith("ss")):
        return False  # a gerund, a participle, a plural or a third person: said of something, not told
    forms = [word + "ed", word + "ing"]
    if word.endswith("e"):
        forms += [word + "d", word[:-1] + "ing"]
    if word.endswith("y"):
        forms.append(word[:-1] + "ied")
    if word[-1] not in "aeiouwy":
        forms.append(word + word[-1] + "ed")
    found = [english.zipf(f) for f in forms if f in english]
    return bool(found) and max(found) >= english.zipf(word) - VERB_FORM_GAP


def mostly_told(text: str, purpose: re.Pattern[str] | None = None) -> bool:
    """A passage that is a list of what to do (a section of practices): most of its items are instructions;
    with `purpose`, none of them saying what it is for (the purpose clauses: "... to showcase your skills")."""
    items = [u for u in units(text) if u.is_item and not u.label]
    if purpose is not None and any(purpose.search(u.text) for u in items):
        return False
    return len(items) >= 2 and sum(instructs(u.text) for u in items) >= 0.6 * len(items)


def is_framing(sentence: str) -> bool:
    """A question, an announcement ("let's start", "here's an overview") or a bare lead-in to a list."""
    s = sentence.strip()
    return s.endswith("?") or bool(_FRAMING.match(s)) or (s.endswith(":") and len(s.split()) > 6)


def asked_phrase(question: str) -> str:
    """The words a question asks about, in its own spelling: 'What is semi-supervised learning?' ->
    'semi-supervised learning' (what a defining sentence must name)."""
    words = re.findall(r"[A-Za-z0-9][\w+#./-]*", question)
    kept = [w for w in words if terms(w) and w.lower() not in {"define", "definition", "meaning", "term"}]
    return " ".join(kept).strip(" .?")


# Where what a question asks about ends and its context begins ("explain tokenization | in NLP", "what's an expert
# system | in AI").
ASKED_CONTEXT = re.compile(r"\s+(?:for|to|in|with|about|when|on|at|from|among|between)\s+", re.IGNORECASE)


def asked_names(question: str) -> list[str]:
    """The asked phrase, and the same without the context the question adds after it: "whats an expert system in
    AI" asks what 'expert system' is (the documents never write 'expert system AI')."""
    whole = asked_phrase(question)
    head = asked_phrase(ASKED_CONTEXT.split(question, maxsplit=1)[0])
    return [whole, head] if head and head != whole and len(head.split()) > 1 else [whole]


_DEFINITION_QUESTION = re.compile(
    r"^\s*(?:what\s+is|what['’]s|whats|define|explain|what\s+(?:does|do)\s+.+\s+(?:mean|do)\b|"
    r"how\s+(?:does|do)\s+.+\s+work\b|what\s+is\s+meant\s+by)",
    re.IGNORECASE,
)


# "What is a proposal?" asks what a thing is; "what is the median?" may ask its value.
_WHAT_IS_A = re.compile(r"^\s*what(?:\s+is|\s+are|['’]s|s)\s+(?:a|an)\s", re.IGNORECASE)
_WHAT_MEANS = re.compile(r"^\s*what\s+(?:does|do)\s+.+\s+mean\b", re.IGNORECASE)


def asks_what_a_thing_is(question: str) -> bool:
    """'What is a proposal?', 'what's an AI engineer?': a thing named with an indefinite article."""
    return _WHAT_IS_A.match(question) is not None


def asks_meaning(question: str) -> bool:
    """'What is a proposal?', 'what does 5k+ mean?': what a thing is, not its value nor how it works."""
    return asks_what_a_thing_is(question) or _WHAT_MEANS.match(question) is not None


def asks_definition(question: str) -> bool:
    """'What is X?', 'What does X mean?', 'What do X do?', 'How does X work?': one thing explained."""
    return bool(_DEFINITION_QUESTION.match(question))


def defines(sentence: str, phrase: str, expansions: dict[str, str] | None = None) -> bool:
    """The sentence defines `phrase`: 'X is/are/means/refers to', 'X (expansion)', 'X: ...', 'known as X',
    'In X, ...', 'X ... stands for', or the phrase is an acronym whose expansion the sentence opens with."""
    if not phrase:
        return False
    names = {phrase.lower()}
    for name in list(names):
        if expansion_of(name, expansions):
            names.add(expansion_of(name, expansions))
        if name.endswith("s"):
            names.add(name[:-1])
    text = sentence.lower()
    expansion = expansion_of(phrase, expansions)
    if expansion and re.search(rf"{re.escape(expansion)}[{QUOTES}]?\s*\({re.escape(phrase.lower())}s?\)", text):
        return True  # "natural language processing (NLP)" says what NLP stands for
    return any(_defines_at(text, name) for name in names)


# Where a name stands in a sentence that defines it: "[the|a|an] X[s] [(...)] is|are|means|...|:",
# "X[s] (", "(X[s]) is|are|...", "known as|called|defined as [']X", "In X, ...". Written as context
# around each place the name occurs, so no pattern is compiled per name (a compile costs ~0.2 ms, and a
# question checks several names against dozens of sentences).
_OPENS_BEFORE = re.compile(r"(?:the\s+|an?\s+)?")
_DEFINING_AFTER = re.compile(r"s?\s*(?:\([^)]*\)\s*)?(?:is|are|means|refers to|describes|involves|[:–—-])\s")
_PAREN_AFTER = re.compile(r"s?\s*\(")
_IN_PARENS_AFTER = re.compile(r"s?\)\s*(?:is\b|are\b|means\b|refers to\b|:)")
# ... also as one of the names listed after it ("Such models are called rules engines, expert systems, or knowledge
# graphs" names each of the three).
_NAMED_BEFORE = re.compile(r"(?:known as|called|defined as)\s+(?:[^.;:()]{1,40}?,\s+(?:or\s+|and\s+)?)?['‘\"]?$")
_IN_BEFORE = re.compile(r"in\s+")
# "the 'GPT' in OpenAI's Chat-GPT standing for 'Generative Pretrained Transformer'": a few words of the same
# clause may stand between the name and what it stands for.
_STANDS_FOR_AFTER = re.compile(r"s?\W?(?:\s[^.;:()]{0,40}?)?\s(?:stands? for|standing for|short for)\s")


def _defines_at(text: str, name: str) -> bool:
    at = text.find(name)
    while at != -1:
        before, after = text[:at], text[at + len(name) :]
        if (
            (_OPENS_BEFORE.fullmatch(before) and _DEFINING_AFTER.match(after))
            or (not before and _PAREN_AFTER.match(after))
            or (before.endswith("(") and _IN_PARENS_AFTER.match(after))
            or _NAMED_BEFORE.search(before)
            or (_IN_BEFORE.fullmatch(before) and after.startswith(","))
            or _STANDS_FOR_AFTER.match(after)
        ):
            return True
        at = text.find(name, at + 1)
    return False


@lru_cache(maxsize=1024)
def comparison_sides(question: str) -> tuple[str, str] | None:
    """The two things compared: 'difference between A and B', 'A vs B', 'compare A and/with/to B',
    'how does A differ from B', 'how do A and B differ', 'A and B - what's the difference', 'what
    distinguishes A from B', 'A or B'. Cached: the planner and each writer of an answer ask it of the same part."""
    q = question.strip().rstrip("?.! ")
    patterns = (
        r"between\s+(.+?)\s+(?:and|&)\s+(.+)$",
        r"(.+?)\s+(?:vs\.?|versus)\s+(.+)$",
        r"compare\s+(.+?)\s+(?:and|with|to|against)\s+(.+)$",
        r"(.+?)\s+(?:compared|in comparison)\s+(?:to|with)\s+(.+)$",
        r"(?:how\s+(?:does|do|is|are)\s+)?(.+?)\s+differ(?:ent)?\s+from\s+(.+)$",
        r"^how\s+(?:does|do|is|are)\s+(.+?)\s+(?:and|&)\s+(.+?)\s+(?:differ|compare|different)\b",
        rf"^(.+?)\s+(?:and|&|or)\s+(.+?){ASKING_TAIL.pattern}",  # "A or B, which one is better?"
        r"(?:distinguish(?:es)?|separates?)\s+(.+?)\s+from\s+(.+)$",
        r"(?:is|are|should i (?:learn|choose|pick))\s+(.+?)\s+or\s+(.+)$",
    )
    for pattern in patterns:
        found = re.search(pattern, q, re.IGNORECASE)
        if found:
            left = re.sub(
                r"^(?:what(?:'s| is| are)?\s+(?:the\s+)?(?:main\s+)?differences?\s+)", "", found.group(1), flags=re.I
            )
            # "rules engines vs ML models - what's the difference": the closing words ask, they are no side
            right = ASKING_TAIL.sub("", found.group(2))
            sides = (left.strip(), right.strip())
            if all(terms(side) or NOTATION.search(side) for side in sides):
                return sides
    return None


def side_terms(sides: tuple[str, str], expansions: dict[str, str] | None = None) -> tuple[set[str], set[str]]:
    """Each side's own words: what both sides share ('models' in 'generative vs discriminative models')
    says nothing about which side a sentence speaks of. An acronym side also matches its expansion."""
    left, right = ({*terms(side), *terms(expansion_of(side, expansions))} for side in sides)
    shared = left & right
    return (left - shared) or left, (right - shared) or right


# A formula the documents write as notation ("P(x,y)", "P(y|x)"): it has no words, so it is matched as written.
NOTATION = re.compile(r"\b[A-Za-z]\w*\([^()\s]+\)")


def mentions(sentence: str, side: set[str]) -> bool:
    """The sentence speaks of the side: one of its words; or, for a side read as a name the documents write
    ("linear regression", see UnitScorer.side_terms), that name's words in a row; or its notation as written."""
    words = terms(sentence)
    if side & set(words):
        return True
    if any("(" in t and t in sentence.lower() for t in side):
        return True
    phrases = [t for t in side if " " in t and "(" not in t]
    if not phrases:
        return False
    # line by line: a heading joined to its sentence (see answer_roles.speaks_of) does not run into it
    joined = " | ".join(" ".join(terms(line)) for line in sentence.split("\n"))
    return any(f" {p} " in f" {joined} " for p in phrases)


def focus_words(query: str, context_text: str, expansions: dict[str, str] | None = None) -> list[str]:
    """The question with the entities given as context replaced by "someone". An entity (a role) sharpens the
    search but is not what is asked: "What tools should a robotics engineer know?" asks for tools, not for
    the Robotics Engineer career path, and reads as "What tools should someone know?"."""
    known = set(terms(context_text))
    if not known:
        return query.split()
    out: list[str] = []
    for word in query.split():
        own, expanded = set(terms(word)), set(terms(expansion_of(word.strip("?,.!"), expansions)))
        if own and (own <= known or (expanded and expanded <= known)):  # "ML" stands for "machine learning"
            while out and out[-1].lower() in {"a", "an", "the"}:
                out.pop()
            if not out or out[-1] != "someone":
                out.append("someone")
        else:
            out.append(word)
    return out if any(w != "someone" and terms(w) for w in out) else query.split()
