"""A follow-up that asks something new of the last answer ("why does that one need so much computing power?" after
what deep learning is, "name a few common ones" after what classification models are for, "what about newer
places?" after the hub cities): the answer is in the passages the last answer was said from, or in their sections
and the sections under them, and it is the sentence nearest to what the follow-up itself asks, not the sentences
said just before (which the same topic words find again first). A sentence said before may still answer the new
ask (the emerging centres among the hubs said together; "insufficient training data" among the problems listed):
it then leads, but only ahead of the fresh ones by more than a said sentence's handicap.

What was said is the stored turn's "told" (a documents answer) or "quoted" (a statistics answer quoting the
documents' own sentence, "85% of enterprises ..."; assistant/answer_message.py), which every worker holding the
session reads the same; the passages are found from it by their sentences (the sentence index)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from assistant.answer_reasons import bare_reason
from assistant.answer_roles import Scored
from assistant.retrieval import Passage, Retriever
from assistant.sentence_index import SentenceIndex
from assistant.text_terms import terms
from assistant.told_text import as_told, bare
from assistant.told_text import said_in as told_said_in

# A unit is judged for the new ask by its score for the question as resolved (the topic's words in it: what the scorer
# gave it) plus its cosine with the follow-up's own words (what is new in it: "computing power", "fix"), since
# neither alone tells: the resolved question finds the said sentences again, the bare follow-up ("where does it get
# used?") is too vague to place a sentence by itself.
# What a sentence the last answer said gives up: said again it tells the asker nothing new, unless it is clearly
# nearer to what is asked now (the uses of RL said with what RL is, and asked for next).
SAID_HANDICAP = 0.3
# What a section under the topic's own adds when its heading names the new ask's words ("Common Examples of
# Classification Models" for "name a few common ones"), per share of its heading's words that the ask uses.
HEADING_WEIGHT = 0.6
# a bare label ("Machine Learning Engineer", "Life sciences") said is no evidence of where the answer came from (a
# figure's own sentence names the role too): a line of fewer words is one only as a sentence ("... predict classes.")
MIN_SAID_WORDS = 5
NEARER = 0.01  # how much nearer to the new ask a unit must be than a said one found first, to answer in its place


@dataclass(frozen=True)
class NewAsk:
    """What the last answer said (its stored "told") and the follow-up's own words, asking something new of it."""

    said: str
    asked: str


def said_in(sentence: str, told_text: str) -> bool:
    """Whether a stored sentence of the documents is among what was said (as_told); a bare label never is."""
    words = len(bare(sentence).split())
    whole = words >= MIN_SAID_WORDS or (words >= 3 and sentence.rstrip().endswith((".", "!", "?")))
    return whole and told_said_in(sentence, told_text)


class AskedAnew:
    """The passages a follow-up asks something new of, and the order of their units for the new ask."""

    def __init__(self, retriever: Retriever, sentences: SentenceIndex) -> None:
        self._retriever = retriever
        self._sentences = sentences

    def area(self, relevant: list[Passage], ask: NewAsk | None) -> list[Passage]:
        """The passages the last answer was said from, their sections' other chunks and the sections one level under
        them ("Common Examples of Classification Models"), those the search did not find already; [] without a
        new ask or when nothing said was from the documents' sentences."""
        if ask is None or not ask.said:
            return []
        seen = {p.chunk_id for p in relevant}
        score = min((p.score for p in relevant), default=0.0)
        out: list[Passage] = []
        for passage in self._said_from(as_told(ask.said)):
            for chunk in [
                *self._retriever.section_of(passage),
                *(c for s in self._retriever.subsections(passage) for c in s),
            ]:
                if chunk.chunk_id not in seen:
                    seen.add(chunk.chunk_id)
                    out.append(replace(chunk, score=score))
        return out

    def vouches(self, best: Scored, ask: NewAsk | None) -> bool:
        """Whether `best` is a fresh unit of the section the last answer was said from: what a follow-up asks of
        that answer ("what are they using it for?" after the 85% of enterprises) is about it however few of its
        words the unit shares (the refusal checks' "nothing the question names is in it" is for questions alone)."""
        if ask is None or not ask.said:
            return False
        told_text = as_told(ask.said)
        if any(said_in(line, told_text) for line in best.unit.lines):
            return False
        return any(said_in(text, told_text) for text, _ in self._sentences.sentences(best.passage.chunk_id))

    def first(self, scored: list[Scored], ask: NewAsk | None) -> list[Scored]:
        """`scored` with the unit that answers the new ask first: among the units of the passages the last answer
        was said from (and their sections), the nearest to the follow-up's own words, a said one handicapped;
        the other said units go (read just before, they answer nothing new). Unchanged when the search's own best
        is nearer to the ask than anything there (a new topic, not something asked of the last answer)."""
        if ask is None or not ask.said or not scored:
            return scored
        told_text = as_told(ask.said)
        said = {id(s) for s in scored if any(said_in(line, told_text) for line in s.unit.lines)}
        chunks = {s.passage.chunk_id for s in scored if id(s) in said}
        if not chunks:
            return scored
        sections = {s.passage.section for s in scored if id(s) in said}
        # a labelled item said (a role's line of the career paths) is what its labelled siblings are not: the
        # follow-up asks on of that one ("how do I progress from there?"), not of the next role in the list
        labelled = {s.passage.section for s in scored if id(s) in said and _labelled(s)}
        area = [
            s
            for s in scored
            if _within(s.passage.section, sections)
            and not s.lead_in
            and (id(s) in said or not (_labelled(s) and s.passage.section in labelled))
        ]
        if not area:
            return scored
        if bare_reason(ask.asked):
            # "why not?", "how come?" have no words of their own to be near: the reason is what the documents write
            # next after the claim the answer opened with ("... not all AI is ML." -> "The simplest AI models are a
            # set of if-then-else rules. The rules are explicitly programmed ...")
            following = _said_next(area, said, told_text)
            if following:
                lifted = replace(following[0], score=max(scored[0].score, following[0].score))
                rest = [s for s in scored if s is not following[0] and id(s) not in said]
                return [lifted, *rest]
        # the follow-up's own words say what is new (as resolved, its pointer replaced by the topic, they would find
        # the said sentences again: measured, the examples, the fixes and the up-and-coming cities were lost)
        vector = np.asarray(self._retriever.embed(ask.asked), dtype=np.float32)
        asked_words = set(terms(ask.asked))
        topic_heading = {t for section in sections for t in terms(section.rsplit(" > ", 1)[-1])}

        def asked_near(s: Scored) -> float:  # the unit's nearness to the new ask alone
            near = self._near(s, vector)
            heading = set(terms(s.passage.section.rsplit(" > ", 1)[-1])) - topic_heading
            return near + (HEADING_WEIGHT * len(heading & asked_words) / len(heading) if heading else 0.0)

        def nearness(s: Scored) -> float:
            return s.score + asked_near(s) - (SAID_HANDICAP if id(s) in said else 0.0)

        pick, top = max(area, key=nearness), scored[0]
        if pick is top or (id(top) in said and asked_near(pick) <= asked_near(top) + NEARER):
            # what was found first answers the new ask as well as anything there: it is asked again of it ("what
            # are the main applications?" after what RL is and where it is used)
            return scored
        if id(top) not in said and nearness(top) >= nearness(pick):
            return scored  # what the search found answers the new words better: it asks of something else
        lifted = replace(pick, score=max(top.score, pick.score))
        return [lifted, *(s for s in scored if s is not pick and id(s) not in said)]

    def _said_from(self, told_text: str) -> list[Passage]:
        return self._retriever.passages(
            [
                chunk_id
                for chunk_id in self._sentences.chunk_ids()
                if any(said_in(text, told_text) for text, _ in self._sentences.sentences(chunk_id))
            ]
        )

    def _near(self, s: Scored, vector: np.ndarray) -> float:
        lines = set(s.unit.lines)
        sims = [float(v @ vector) for text, v in self._sentences.sentences(s.passage.chunk_id) if text in lines]
        return max(sims, default=0.0)


def _said_next(area: list[Scored], said: set[int], told_text: str) -> list[Scored]:
    """The units not said that follow, in their passage's reading order, the sentence the last answer opened with
    (its first said sentence there); [] when nothing follows it unsaid."""
    opened = [s for s in area if id(s) in said]
    if not opened:
        return []

    def where(s: Scored) -> int:
        found = [told_text.find(bare(line)) for line in s.unit.lines]
        return min((f for f in found if f >= 0), default=len(told_text))

    claim = min(opened, key=where)
    after = [
        s
        for s in area
        if s.passage.chunk_id == claim.passage.chunk_id and s.unit.position > claim.unit.position and id(s) not in said
    ]
    return sorted(after, key=lambda s: s.unit.position)


def _labelled(s: Scored) -> bool:
    return bool(s.unit.label or s.unit.children)


def _within(section: str, sections: set[str]) -> bool:
    return any(section == s or section.startswith(f"{s} > ") for s in sections)
