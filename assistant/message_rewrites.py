"""What a message says, rewritten before it is planned (data: stats/vocabulary.toml).

Job titles written short ("an AI PM's job", "what does a PM do?") are spelled out, so that the title is understood
as the title it is and searched by the words the documents write for it ("AI Product Manager"); [title_abbreviations].
The field every document is about, named as a question's scope ("... a higher salary in AI?"), is read out: it
narrows nothing, and searched it pulls the sentences that name the field over those that answer; field_scopes."""

from __future__ import annotations

import re

from assistant.vocabulary_words import section, word_list

FIELD_SCOPE_WORDS = 4  # words of three letters or more a message keeps without its scope, or it keeps the scope
_SPELLED = {str(short).lower(): title for title, shorts in section("title_abbreviations").items() for short in shorts}
_AI_WORDS = sorted({re.escape(w) for w in word_list("ai_words")}, key=len, reverse=True)
# A short form as a title: after an article, a possessive or an AI word, or as a plural or possessive itself ("PMs",
# "PM's"), in capitals or not; never after a number ("at 3 pm").
_BEFORE = re.compile(rf"(?:a|an|the|my|our|their|your|as|{'|'.join(_AI_WORDS)})", re.IGNORECASE)
_TITLE = re.compile(rf"(?<![\w$])({'|'.join(map(re.escape, _SPELLED)) or '(?!)'})(s|'s|s')?(?!\w)", re.IGNORECASE)


def titles_spelled_out(message: str) -> str:
    """The message with each title written short spelled out ("an AI PM's job" -> "an AI product manager's job")."""

    def spelled(match: re.Match[str]) -> str:
        short, ending = match.group(1), match.group(2) or ""
        before = message[: match.start()].rstrip().split()
        as_title = ending or (before and _BEFORE.fullmatch(before[-1]))
        if not as_title or (before and before[-1].isdigit()):
            return match.group(0)
        return _SPELLED[short.lower()] + ending

    return _TITLE.sub(spelled, message)


_FIELD_SCOPE = re.compile(
    rf"\s+(?:{'|'.join(map(re.escape, sorted(word_list('field_scopes'), key=len, reverse=True))) or '(?!)'})"
    r"(?=\s*(?:[?.!,;]|$))",
    re.IGNORECASE,
)
# Pay by a word that means nothing else ("make", "pays" are other verbs too: "make connections in ML")
_PAY_WORDS = [w for w in word_list("salary_words") if w not in word_list("salary_verbs")]
_PAY = re.compile(rf"\b(?:{'|'.join(map(re.escape, _PAY_WORDS))})\b", re.IGNORECASE)
_CONTENT = re.compile(r"[a-z]{3,}", re.IGNORECASE)


def without_field_scope(message: str) -> str:
    """The message without the field named as the scope of a question about pay ("what helps you get a higher
    salary in AI?" asks what helps you get a higher salary), unless little else is left ("what do people earn in
    AI?" keeps it)."""
    kept = _FIELD_SCOPE.sub("", message)
    # Only of pay: its sentences that name the field ("AI and ML professionals command higher ... salaries") answer
    # no question of how pay is raised or set; "the role of statistics in ML" relates the field to the rest.
    if kept == message or not _PAY.search(kept):
        return message
    return kept if len(_CONTENT.findall(kept)) >= FIELD_SCOPE_WORDS else message
