"""Whether the retrieval's rankings agree on a passage that the question's words and its cosine alone do not vouch for.

A question in the asker's own words ("do they want me to understand how the company makes money?") shares few
words with the passage that answers it ("Business Acumen: Understanding of business context ...") and lies far
from it as a whole (cosine 0.28, below the relevance bar a passage must clear to count as covering a question).
The hybrid search ranks the chunks four ways (dense, best sentences, BM25, headings) and fuses the ranks. A passage
that leads the fusion AND holds the question's nearest sentence (the sentence ranking's own first) is what the
rankings agree on, each by its own evidence: when no passage clears the bar it is still a candidate, and its unit
is judged by its own sentence (as near the question as a passage must be) rather than by the passage's cosine or
the words it shares with the question. A passage that leads one ranking only (a shared word, a
near heading, one near sentence in a far chunk) is no such evidence.

Measured on 100 hard paraphrases and 30 close unanswerable questions written before the product was run on them: the
units it lets through were right (3 of 3), no unanswerable question was answered, and the eval and the shared probe
pool changed no reply. Looser agreement (a passage among the fusion's first two, or holding one of the two nearest
sentences) let as many wrong units through as right ones (a job-postings line for "is writing docs and helping out
with bids part of the job?").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from assistant.retrieval import Passage

# A leader this far from the question as a whole is noise whatever the rankings say: with the gates open, the wrong
# units that led the fusion lay at 0.15 - 0.21 (none holding the nearest sentence as well); the agreed leaders of the
# probes all at 0.27 and above. A guard: on neither half of the probes does it decide a case.
LEADER_FLOOR = 0.2


def agreed_leader(passages: Sequence[Passage], by_sentence: Mapping[str, float]) -> Passage | None:
    """The fused ranking's first passage (hybrid() returns them best first) when it also holds the question's nearest
    sentence (`by_sentence`: the chunks of the nearest sentences, nearest first) and clears the floor."""
    if not passages or not by_sentence:
        return None
    first = passages[0]
    agreed = first.chunk_id == next(iter(by_sentence)) and first.score >= LEADER_FLOOR
    return first if agreed else None


def judged_by_sentence(passage: Passage, own: float, min_relevance: float, leader: Passage | None) -> bool:
    """The unit's passage is the agreed leader and the unit's own sentence (`own`: its nearest cosine to the
    question) is as near as a passage must be."""
    return leader is not None and passage.chunk_id == leader.chunk_id and own >= min_relevance
