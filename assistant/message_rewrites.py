"""Job titles written short ("an AI PM's job", "what does a PM do?"), spelled out before a message is planned,
so that the title is understood as the title it is and searched by the words the documents write for it
("AI Product Manager"). The abbreviations are data (stats/vocabulary.toml [title_abbreviations])."""

from __future__ import annotations

import re

from assistant.vocabulary_words import section, word_list

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
