"""The gates that find what a question names that the documents never write: names (a capital: "Docker",
"NeurIPS"), a specialist's lower-case word ("federated"), what "how many" counts or a job is asked to give
("vacation days", "health insurance"), and whether two question words stand together in the documents. A part of
OtherNames (mixed in), kept apart so each module reads as one job: other_names.py says what the documents call
what a question names, this one what they never write.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from assistant.acronyms import expansion_of
from assistant.origins import unstated_origin
from assistant.passage_units import comparison_sides
from assistant.phrase_match import spaced_first
from assistant.spelling import general_english
from assistant.text_terms import STOPWORDS, WORD, terms
from assistant.vocabulary_words import word_list
from assistant.word_forms import TYPED_NAME, alike, american, comparative, folded, verb_or_adverb, written_pairs

if TYPE_CHECKING:
    from assistant.lexical import LexicalIndex

# General English's rare words (Zipf <= 3: at most once per million words) are a specialist's words; the casual
# words of answerable questions ("perks" 3.2 is the closest seen, "bump" 4.0, "medicine" 4.3) are more common.
RARE_ZIPF = 3.0
NAMED_ZIPF = 4.0  # the word after a rare one, named with it when this uncommon ("syndrome" 3.1, not "among" 4.8)
_DERIVED = ("y", "ly", "ish", "ness", "ful", "less")  # endings that make a written word casual English
UNLISTED_WORD = 7  # a word no English list has counts as a term from this length ("blockchain"; not "devs", "pls")
FAMILY = 3  # distinct words written before a head word from which it heads a family of terms ("X learning")
AFTER_FORMS_KEPT = 50_000  # question words whose written followers are kept (bounded: words come from users)
_CLAUSE_BREAK = re.compile(r"[,;:!.?]+\s+|\s+[-–—]+\s+")  # where a question's clauses meet
# A clause that asks: a question word first, or second after a greeting or filler word ("OK what is ...").
_ASKING = re.compile(
    r"^\s*(?:[\w']+\W+)?((?:what|whats|what's|how|why|which|who|where|when|is|are|do|does|did|can|could|should|"
    r"would|will|tell|explain|define)\b)",
    re.IGNORECASE,
)
_COUNTED = re.compile(r"\bhow\s+(much|many)\s+([a-z][a-z'-]+)(?:\s+([a-z][a-z'-]+))?", re.IGNORECASE)
# What a job gives, or the best of: "do ML engineers get health insurance", "do AI jobs offer remote work", "best
# laptop for deep learning", "do I need a visa" (an article skipped; after "need" one is required: "need besides
# the tech side", "need creativity" ask about something else).
_GIVEN = re.compile(
    r"\b(?:(?:get|gets|offer|offers|give|gives|provide|provides|receive|receives|best)(?:\s+(?:a|an|the|any|some))?"
    r"|(?:need|needs|require|requires)\s+(?:a|an))\s+"
    r"([a-z][a-z'-]+)(?:\s+([a-z][a-z'-]+))?",
    re.IGNORECASE,
)
GIVEN_ZIPF = 4.5  # a perk's word is no commoner than this ("insurance" 4.5, "remote" 4.2; "lots" 4.9, "much" 5.9)
# Closing words that ask nothing ("... best practices pls", "... get promoted too"): never a perk's name
_FILLERS = frozenset(w.lower() for w in word_list("closing_fillers"))


# Who the asker is ("coming from regular SWE work", "as a SWE what kind of ..."): up to four words after an opener
# of vocabulary.toml asker_background, ending where the question goes on (punctuation, a question word, the end).
_BACKGROUND = re.compile(
    rf"\b(?:{spaced_first(word_list('asker_background'))})\s+(?:[\w+#./'-]+\s+){{0,3}}?[\w+#./'-]+"
    r"(?=\s*(?:[,;:?!.]|$|\b(?:what|whats|how|which|why|who|where|when|do|does|should|can|could|is|are|and|but)\b))",
    re.IGNORECASE,
)


# Two things set side by side beyond comparison_sides' shapes: "is A harder than B", "how does A relate to my B",
# "how do A compare to B"; and the words that show something is compared at all (not "is it A or B?").
_SIDE_BY_SIDE = (
    re.compile(r"^(?:is|are|does|do|would|will)\s+(.+?)\s+(?:\w+er|more|less)(?:\s+\w+)?\s+than\s+(.+)$", re.I),
    re.compile(r"^how\s+(?:does|do|did|would)\s+(.+?)\s+(?:compare|stack\s+up)\s+(?:to|with|against)\s+(.+)$", re.I),
    re.compile(r"^how\s+(?:does|do|would|could|can|might)\s+(.+?)\s+(?:relate|connect|apply)\s+to\s+(.+)$", re.I),
)
_COMPARING = re.compile(r"\b(?:vs\.?|versus|than|differ\w*|compar\w*|between|distinguish\w*|relate|connect)\b", re.I)
_OWN = re.compile(r"(?:my|our|your)\b", re.I)
_SIDE_OPENING = re.compile(r"^(?:(?:my|our|your|a|an|the|some|his|her|their)\s+)+", re.I)
# "compare total offers 2024 vs 2025": a request's verb opening a side is the question's frame, not a thing compared
_SIDE_FRAME = re.compile(r"(?:compare|contrast|describe|show|give|list)$", re.I)


# A payer named in a pay question: "how much does Amazon pay", "salaries at Amazon" ("pay" or "offer", not "make":
# "how does X make money" asks no salary).
_PAYER = re.compile(
    r"\b(?:does|do|did|would|at|by|from|with)\s+([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?)(?:'s)?\s+"
    r"(?:pay|pays|paid|salary|salaries|offer|offers)\b"
    r"|\b(?:pay|salary|salaries|wages?|jobs?|offers?)(?:\s+like)?\s+(?:at|by|from|with)\s+"
    r"([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?)",
)
_AMOUNT = re.compile(r"[$€£]\s?\d|\d[\d,.]*\s?(?:k|%)")  # a sentence stating an amount


class UnwrittenWords:
    """What the documents never write, for one build's words and word pairs (read by OtherNames.__init__)."""

    if TYPE_CHECKING:  # provided by OtherNames
        _lexical: LexicalIndex
        _expansions: dict[str, str]
        _guesses: dict[str, tuple[str, str]]
        _initials: set[str]
        _pairs: set[tuple[str, str]]
        _words: set[str]
        _sorted_words: list[str]
        _defined_terms: list[tuple[list[str], str]]
        _after_forms: dict[str, frozenset[str]]
        _after: dict[str, set[str]]
        _before: dict[str, set[str]]
        _heading_terms: frozenset[str]
        _origin_sentences: list[frozenset[str]]
        _figure_words: frozenset[str]

    def writes_together(self, words: list[str]) -> bool:
        """Some two consecutive words of `words` stand together in the documents ("naive bayes used" ->
        "Naïve Bayes"), in any of their forms ("shadow deploying" -> "shadow deployment", "rules based" ->
        "rule-based") and either order ("model monitoring" -> "Monitor model performance")."""
        return any(
            self._written_pair(first, second) or self._written_pair(second, first)
            for first, second in written_pairs(folded(" ".join(words)))
        )

    def unwritten_names(self, query: str) -> list[str]:
        """The names the question asks about that the documents never write, in any form or by any other name:
        a word with a capital letter inside a sentence, or more than one anywhere ("is Julia good for ML",
        "Docker", "XGBoost", "NeurIPS", "GPU"). A question about a named thing the documents never name is
        one they cannot answer, whatever passage shares its other words. Not names: a capital opening the
        question, a word before the question word ("OK what is MLOps"), a clause that tells rather than asks
        ("I work at Acme Corp, what skills ..."), acronyms read as the documents' terms (expand, guesses) or
        whose initials a term of theirs has ("PM": product manager)."""
        out = []
        clauses = [c for c in _CLAUSE_BREAK.split(_BACKGROUND.sub(" ", query)) if c.strip()]
        for clause in _asking(clauses) or [query]:
            lead = _ASKING.match(clause)
            skip = lead.start(1) if lead else 0  # a word before the question word is a greeting or filler
            for match in TYPED_NAME.finditer(clause):
                token = match.group(0)
                capitals = sum(c.isupper() for c in token)
                opening = not clause[: match.start()].strip() or clause[: match.start()].rstrip()[-1] in '"“('
                if not capitals or (capitals == 1 and opening) or match.start() < skip:
                    continue
                words = terms(folded(token))
                key = token.lower()
                if (
                    not words
                    or any(self._name_written(w) for w in words)
                    # an acronym of two or three letters as the search reads it ("CI", see LexicalIndex.writes):
                    # too short to tell from the documents' words, so it is not refused for its spelling alone
                    or (len(key) <= 3 and any(self._lexical.writes(w) for w in words))
                    or expansion_of(token, self._expansions)
                    or {key, key.removesuffix("s")} & (set(self._guesses) | self._initials)  # "GANs"
                ):
                    continue
                out.append(token)
        return out

    def unwritten_specifics(self, query: str) -> list[str]:
        """The lower-case words the question asks about that the documents never write in any form and that general
        English uses rarely: a specialist's noun ("federated", "tokenization", "sabbaticals", "burnout", "an AI
        ethicist"). A passage sharing the question's other words is then about something else. Casual words the
        documents lack are common English ("perks", "bump", "headaches": Zipf above RARE_ZIPF) and stay answerable;
        so do a rare word's verb or adverb forms ("misbehaves", "responsibly": the question's action, not its
        topic), a word that two written words make ("teamwork", "coursework") and one that shares its start with
        a written word ("classify" / "classification"). A word general English lacks too counts when long
        ("blockchain", "convolutional"): shorter ones are slang or abbreviations ("pls", "devs"). The answerer
        refuses on them only when a definition is asked (NeverSaid.unsaid: elsewhere casual rare words such as
        "hotbeds" or "quandaries" are as common)."""
        out = []
        english = general_english()
        clauses = [c for c in _CLAUSE_BREAK.split(query) if c.strip()]
        # (the bracketed statement a question asks of is no part of it here: its casual words, "my recruiter keeps
        # mentioning MLOps. what is it?", are the asker's, not what is asked)
        for clause in [c for c in clauses if _ASKING.match(c)] or [query]:
            lead = _ASKING.match(clause)
            for match in TYPED_NAME.finditer(clause, lead.start(1) if lead else 0):
                token = match.group(0)
                word = folded(token).lower()
                if token != token.lower() or not word.isalpha() or len(word) < 5 or word in STOPWORDS:
                    continue  # names are unwritten_names' (a capital); short words are casual or abbreviations
                if self._specific(word) and not any(self._name_written(t) for t in terms(word)):
                    after = re.match(r"\s+([a-z]{3,})\b", clause[match.end() :])
                    if word.endswith("ed") and not (after and after.group(1) not in STOPWORDS):
                        continue  # "is the job market saturated": a closing participle says how, not what
                    # With the next word when the documents never write that either and it is no common word
                    # ("imposter syndrome"; not "burnout among"): the refusal names what was asked.
                    if after and not self.writes_word(nxt := after.group(1)) and 0 < english.zipf(nxt) <= NAMED_ZIPF:
                        token = f"{token} {nxt}"
                    out.append(token)
        return out

    def unwritten_counted(self, query: str) -> list[str]:
        """What "how much / how many" counts, or what a job is asked to give ("do X get / offer / provide ..."),
        when the documents never write it in any form: "how many vacation days", "how much parental leave", "do
        ML engineers get health insurance", "do AI jobs offer remote work" (named as typed, two words when the
        second is unwritten too). The amount or perk asked is of something the sources never mention, whatever
        figure or passage shares the question's other words. A word the documents write, or start a word with
        ("math" / "mathematics"), is counted by them; so is a common word ("lots") or a verb form ("promoted")."""
        out = []
        for match in _COUNTED.finditer(query):
            _, first, second = match.groups()
            # a clipped word of three letters or fewer is an abbreviation ("yrs", "hrs"), not a name of a thing
            if len(first) <= 3 or first.lower() in STOPWORDS or self.counted_written(first):
                continue
            out.append(f"{first} {second}" if second and not self.counted_written(second) else first)
        english = general_english()
        for match in _GIVEN.finditer(query):
            first, second = match.groups()
            if first.lower() in STOPWORDS or first.lower().endswith("ed") or comparative(first.lower(), english):
                continue  # "get to publish", "get promoted": a verb, not a perk; "get smarter": a becoming
            phrase = [w for w in (first, second) if w and w.lower() not in STOPWORDS | _FILLERS]
            rare = [english.zipf(w.lower()) <= GIVEN_ZIPF for w in phrase]  # "lots", "good": no perk
            unwritten = [r and not self.counted_written(w) for w, r in zip(phrase, rare, strict=True)]
            if any(unwritten):
                out.append(" ".join(phrase[unwritten.index(True) :]))  # "good work-life" names "work-life"
        return out

    def unwritten_sides(self, query: str) -> list[str]:
        """A thing compared (or related) whose own name the documents never write: the side's first word, lower
        case, a listed English word written in no form ("is robotics engineering harder than civil engineering",
        "how does blockchain relate to AI careers", "how do data scientists compare to nurses"). Named by that
        side up to its first two words. Only the first word: what follows names an aspect of a written thing
        ("data scientist workload", "ML engineer entry salary"), which a comparison of written roles may still
        answer; capitals and acronyms are unwritten_names'."""
        text = query.strip().rstrip("?.! ")
        if not _COMPARING.search(text):
            return []  # "is it a plain median or a weighted average": alternatives asked, nothing compared
        sides = comparison_sides(text)
        if sides is None:
            found = next((m for shape in _SIDE_BY_SIDE if (m := shape.search(text))), None)
            sides = (found.group(1), found.group(2)) if found else None
        english = general_english()
        out = []
        for side in sides or ():
            if _OWN.match(side.strip()):
                continue  # "relate to my nursing background": the asker's own field, which "combine AI expertise
                # with domain-specific knowledge" may answer
            tokens = _SIDE_OPENING.sub("", side.strip()).split()
            if tokens and _SIDE_FRAME.match(tokens[0]):
                tokens = tokens[1:]
            if not tokens or _ASKING.match(tokens[0]):
                continue  # "what's the downside of X compared to ML": the question's frame, not a thing compared
            first = tokens[0].strip("'\"“”‘’(),")  # "2025 pages": a year is no word
            listed = english.zipf(first) > 0 or len(first) >= UNLISTED_WORD  # "blockchain"; not slang ("pls")
            if first.isalpha() and first.islower() and len(first) > 3 and listed and not self.writes_word(first):
                out.append(" ".join(tokens[:2]))
        return out

    def unpaid_names(self, query: str) -> list[str]:
        """A payer a pay question names that the documents write but never beside an amount: "how much does Amazon
        pay AI engineers" (Amazon is written, in a sentence about recommendations; the guide's company figures are
        Google's, Apple's and Meta's). A role's figures are not what that payer pays. A name never written at all
        is unwritten_names' ("Microsoft"); a city or a year the statistics refuse in their own words."""
        out = []
        for found in _PAYER.finditer(query):
            name = found.group(1) or found.group(2)
            named = terms(folded(name).lower())
            # no word of it beside an amount: "Big Tech" shares "tech" with "Major tech companies ... $120,000"
            if named and not set(named) & self._figure_words and all(self.writes_word(t) for t in named):
                out.append(name)
        return out

    def unstated_origin(self, query: str) -> str:
        """Who made the thing the question names, or when it began, when no sentence names it with its origin
        (origins.py): "the origin of deep learning" for the refusal to name, "" otherwise."""
        return unstated_origin(query, self._origin_sentences)

    def counted_written(self, word: str) -> bool:
        """A word a question counts or measures is one the documents write, clipped or whole (asked_measure.py)."""
        word = folded(word).lower()
        # a clipped word starts a written word, or the plural of one of five letters or more ("params": param-eters;
        # not "specs": "spec" starts "specific" as well as what a laptop's specs would be)
        clipped = self._starts_word(word, 4) or (word.endswith("s") and self._starts_word(word[:-1], 5))
        return clipped or word in STOPWORDS or self.writes_word(word)

    def _starts_word(self, word: str, least: int) -> bool:
        at = bisect.bisect_left(self._sorted_words, word)
        return len(word) >= least and at < len(self._sorted_words) and self._sorted_words[at].startswith(word)

    def _specific(self, word: str) -> bool:
        """A word general English uses rarely, as a noun or adjective, that is not one of the documents' words in
        another shape (see unwritten_specifics)."""
        english = general_english()
        single = word[:-1] if word.endswith("s") and word[:-1] in english else word
        if single in english:
            if english.zipf(single) > RARE_ZIPF or verb_or_adverb(word, english):
                return False
        elif len(word) < UNLISTED_WORD or american(word) in english:
            return False
        at = bisect.bisect_left(self._sorted_words, word[: max(6, len(word) - 3)])
        if at < len(self._sorted_words) and self._sorted_words[at].startswith(word[: max(6, len(word) - 3)]):
            return False  # "classify" / "classification": a form of a written word
        if any(
            self.writes_word(word[: -len(end)]) for end in _DERIVED if word.endswith(end) and len(word) > len(end) + 3
        ):
            return False  # "trendy": trend + y, a word of theirs made an adjective or adverb
        return not any(
            all(self._name_written(t) for part in (word[:cut], word[cut:]) for t in terms(part) or ["-"])
            for cut in range(4, len(word) - 3)
        )  # "teamwork" = team + work, "coursework" = course + work

    def writes_word(self, word: str) -> bool:
        """The documents write this word in some form (see _name_written), accents and British -ise folded, or
        it clipped: a word of six letters or more that one of theirs starts with ("backprop")."""
        found = terms(folded(word).lower())
        return not found or all(self._name_written(t) or self._starts_written(t) for t in found)

    def _starts_written(self, word: str) -> bool:
        return self._starts_word(word, 6)

    def _name_written(self, word: str) -> bool:
        """The documents write this word of a name, or it with a plural ending ("GPUs" / "gpu", "APIs") or a
        version number, or a word of theirs is it with up to three more letters ("Pytorch" typed short). Not a
        shorter word plus any letter: "LaTeX" is not "late", "Coursera" not "course"."""
        if word in self._words or self._lexical.weight(word):
            return True
        # A plural or a version number ("TensorFlow2", "Python3.11") is the written name with an ending.
        for stem in (
            word.removesuffix("s"),
            word.removesuffix("es"),
            word.removesuffix("'s"),
            word.rstrip("0123456789."),
        ):
            if stem != word and len(stem) >= 2 and (stem in self._words or self._lexical.weight(stem)):
                return True
        at = bisect.bisect_left(self._sorted_words, word)
        return (
            at < len(self._sorted_words)
            and self._sorted_words[at].startswith(word)
            and (len(self._sorted_words[at]) <= len(word) + 3)
        )

    def unwritten_compounds(self, query: str) -> list[tuple[str, str]]:
        """Two words side by side (terms: modifier, head) naming a member of a family of terms the documents never
        write: "transfer learning" (FAMILY words or more precede "learning"; "transfer" is only in "style transfer").
        The modifier is rare ("data problems" names none) and ends no written term ("computer vision skills")."""
        rare = self._lexical.rare
        clauses = [[[], *(terms(w)[:1] for w in WORD.findall(c.lower()))] for c in _CLAUSE_BREAK.split(folded(query))]
        return [  # side by side in a clause ("problems do ML" names nothing)
            (first[0], second[0])
            for words in clauses
            for before, first, second in zip(words, words[1:], words[2:], strict=False)
            if first
            and second
            and rare(first[0])
            and not (before and self._written_pair(before[0], first[0]))
            and second[0] in self._heading_terms  # a noun the documents head sections with (not "how does X work")
            and len(self._before.get(second[0], ())) >= FAMILY
            and not (self._written_pair(first[0], second[0]) or self._written_pair(second[0], first[0]))
        ]

    def sibling_of_defined(self, words: list[str]) -> str:
        """The documents' defined term (one they give an acronym: "support vector regression (SVR)") that `words`
        follow but for a different last word ("support vector machine"), when the documents never write `words`
        together: another member of the family, which the documents do not define. "" when none."""
        asked = terms(folded(" ".join(words)))
        for term, expansion in self._defined_terms:
            if (
                len(asked) == len(term)
                and asked[:-1] == term[:-1]
                and not alike(asked[-1], term[-1])
                and not all(self._written_pair(a, b) for a, b in zip(asked, asked[1:], strict=False))
            ):
                return expansion
        return ""

    def _written_pair(self, first: str, second: str) -> bool:
        if (first, second) in self._pairs:
            return True
        # Any form of the first word, then any form of the second just after it (the forms' followers are
        # gathered once per word: a scan of every written word).
        after = self._after_forms.get(first)
        if after is None:
            after = frozenset(w for form in self._after if alike(form, first) for w in self._after[form])
            if len(self._after_forms) < AFTER_FORMS_KEPT:
                self._after_forms[first] = after
        return any(alike(w, second) for w in after)


def counted_things(query: str) -> set[str]:
    """The words "how many" counts (lower case): things counted, where "how much" may ask an amount of pay."""
    return {found.group(2).lower() for found in _COUNTED.finditer(query) if found.group(1).lower() == "many"}


def _asking(clauses: list[str]) -> list[str]:
    """The clauses that ask, and the statement a question asks of, set after it in brackets ("does the guide say
    anything about that? (our models are all in Julia)", part_context.with_statement_topic): what it names is asked."""
    return [c for i, c in enumerate(clauses) if _ASKING.match(c) or (i and c.lstrip().startswith("("))]
