"""Forms of words, as a question types them and the documents write them: consecutive word pairs, a word's
other forms ("deploy" / "deployment"), American spellings of British ones, accents folded. The gates of
unwritten.py and other_names.py compare a question's words with the documents' through these."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

from assistant.text_terms import WORD, terms


def written_pairs(text: str) -> list[tuple[str, str]]:
    """Every two consecutive words of `text`, as terms. A hyphenated word pairs with its neighbours as a whole
    and its parts only with each other: "cutting-edge AI" writes ("cutting-edge", "ai") and ("cutting", "edge"),
    never "edge AI"; "rule-based" still writes "rule based"."""
    pairs: list[tuple[str, str]] = []
    # Words either side of a conjunction or a list's comma are two things, not one name: "reason, learn and act"
    # writes no "learn act" (which "active learning" would be read as, in the other order).
    for segment in _BETWEEN_THINGS.split(text.lower()):
        last = ""  # the term before the current word (a hyphenated word as a whole)
        for token in WORD.findall(segment):
            found = terms(token)
            if not found:
                continue  # a stopword: the words either side of it still stand together, as terms() reads them
            whole, parts = found[0], found[1:]
            pairs.extend(zip(parts, parts[1:], strict=False))
            if last:
                pairs.append((last, whole))
            last = whole
    return pairs


TYPED_NAME = re.compile(r"[A-Za-z][A-Za-z0-9+#-]*[A-Za-z0-9+#]|[A-Za-z]")  # a word as a name is typed ("H-1B", "C++")
_BETWEEN_THINGS = re.compile(r"[,;:!?()\n]|\.(?:\s|$)|\b(?:and|or|nor|&)\b")


def verb_or_adverb(word: str, english: Container[str]) -> bool:
    """A word used as a verb or an adverb, by its other forms in the English list: "misbehaves" (misbehaved),
    "classify" (classified), "responsibly"; not "layoffs", "sabbaticals", "tokenization"."""
    if word.endswith("ly"):
        return True
    forms = [word + "ed", word + "d"]
    if word.endswith("y"):
        forms.append(word[:-1] + "ied")
    if word.endswith("es"):
        forms.append(word[:-2] + "ed")
    if word.endswith("s"):
        forms += [word[:-1] + "ed", word[:-1] + "d"]
    if word.endswith("ing") and not word.endswith("ings"):
        forms.append(word[:-3] + "ed")
    return any(form in english for form in forms)


def comparative(word: str, english: Container[str]) -> bool:
    """An adjective's comparative ("smarter", "bigger", "easier"): English writes its superlative ("smartest",
    "biggest", "easiest"); a noun ending in -er has none ("letter", "developer", "computer")."""
    return word.endswith("er") and f"{word[:-2]}est" in english


def american(word: str) -> str:
    """The American spelling of a British one ("centres" -> "centers", "behaviour" -> "behavior")."""
    return re.sub(r"tre(s?)$", r"ter\1", re.sub(r"our", "or", word))


def alike(word: str, other: str) -> bool:
    """The same word in another form, as terms() leaves them: one starts the other, with five letters in common
    ("deploy" / "deployment") or differing by a letter or two at the end ("rul" / "rule", "tre" / "tree")."""
    if word == other:
        return True
    short, long = sorted((word, other), key=len)
    return long.startswith(short) and (len(short) >= 5 or (len(short) >= 3 and len(long) - len(short) <= 2))


def folded(text: str) -> str:
    """Accents dropped ("Naïve" -> "Naive") and British -ise spellings as -ize ("optimisation" ->
    "optimization"): a question typed on a plain keyboard, in either spelling, matches the documents' word."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _BRITISH_ISE.sub("iz", plain)


# "-ise", "-ised", "-ising", "-isation" after three letters at least ("optimisation", "specialised"); not "rise".
_BRITISH_ISE = re.compile(r"(?<=[a-z]{3})is(?=e[ds]?\b|ing\b|ation)", re.IGNORECASE)
