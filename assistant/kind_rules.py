"""The slot rules that check the nearest examples' vote on a part's kind (PartKind): a number asked leans to
a figure, "what is" / "why" / a yes-no opening to an explanation, a comparison word to a comparison, a path word
to a path, a method word about a named figure to a method, a small-talk cue to small talk, and a follow-up with
no kind of its own keeps the turn before's. The words come from stats/vocabulary.toml (PlanVocabulary)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.models import PartKind
from assistant.part_context import is_hypothetical
from assistant.passage_units import asks_what_a_thing_is
from assistant.pay_raising import asks_to_raise_pay
from assistant.phrase_match import longest_first
from assistant.question_kinds import KINDS, MASKS, PlanVocabulary, generic_form
from assistant.slot_reading import asks_for_number, names_metric, names_something
from assistant.text_terms import STOPWORDS
from assistant.understanding import PLACE_POINTER, Slots
from assistant.vocabulary_words import table, word_list

# The words of the experience levels' names (data: vocabulary.toml [levels]), and words that only frame a request.
_LEVEL_WORDS = frozenset(w for phrases in table("levels").values() for p in phrases for w in re.split(r"[\s-]+", p))
_FRAME_WORDS = frozenset(word_list("request_frame"))
_SITUATING = frozenset(word_list("place_situating"))
# "what about in Chicago then?": closing words that ask nothing (vocabulary.toml closing_fillers)
_CLOSING_FILLERS = re.compile(rf"(?:\s+(?:{longest_first(word_list('closing_fillers'))}))+\W*$", re.IGNORECASE)

# "and if I'm based in Seattle?", "what if I live in NYC?": the asker placed at the place named (vocabulary.toml
# situated), no words of its own beside the place
_SITUATED = re.compile(
    rf"\b(?:what\s+)?if\s+(?:i|i'm|im|i’m|we|we're)\s+(?:am\s+|was\s+|were\s+|are\s+)?"
    rf"(?:{longest_first(word_list('situated'))})\b",
    re.IGNORECASE,
)

NUMERIC_NUDGE = 0.4  # weight each slot rule adds to "figure" when a part asks for a number
COMPARISON_NUDGE = 0.3  # ... to "comparison" when it sets two things side by side without asking a number
EXPLANATION_NUDGE = 0.4  # ... to "explanation" when it asks what something is or means
YES_NO_NUDGE = 0.4  # ... to "explanation" when it asks a yes/no question about no figure
FACTORS_NUDGE = 0.3  # ... to "list" when it asks what drives a figure ("which factors affect ...?")
PATH_NUDGE = 0.3  # ... to "path" when it asks about a career's steps
METHOD_NUDGE = 0.4  # ... and to "method" when it asks how a figure is measured
BARE_TERM_WORDS = 3  # a question this short with no small-talk cue asks about the term it names
STRONG_VOTE = 0.8  # a vote this sure stands without the slot rule that usually backs the kind
ELLIPSIS_WORDS = 3  # a follow-up this short once its entities are masked has no kind of its own
FOLLOWUP_NUDGE = 1.0  # a follow-up opener with no kind of its own keeps the previous turn's kind
_TOPIC_KINDS = frozenset({"explanation", "list", "comparison", "path"})  # kinds of a turn the documents answer


class KindRules:
    """Scores a part's kinds: the vote of its nearest examples, nudged by what its own words say."""

    def __init__(self, words: PlanVocabulary, smalltalk: re.Pattern[str]) -> None:
        self.words = words
        self.smalltalk = smalltalk

    def bare_term(self, text: str) -> bool:
        """A question of a word or two with no small-talk cue ("MLOps?", "underfitting??")."""
        short = len(re.findall(r"\w+", text)) <= BARE_TERM_WORDS
        return text.rstrip().endswith("?") and short and not self.smalltalk.match(text)

    def kind(self, text: str, own: Slots, vote: dict[str, float], previous_kind: str) -> tuple[PartKind, float]:
        """The nearest examples' vote, checked by what the part's own words say (`own`), with its share."""
        # What the part's words ask, read once: the rules below consult each several times.
        number_words = self.words.asks_for_number(text)
        yes_no = self.words.asks_yes_no(text)
        compares = self.words.asks_to_compare(text)
        drives = self.words.asks_what_drives(text)
        # "what would help raise that?" after a salary, "how can a data scientist increase their pay?": what to do
        # to raise pay is asked, as what drives it is; never the figure (pay_raising.py)
        raises = (
            not number_words
            and (own.salary or (previous_kind == "figure" and self.words.points_back(text)))
            and asks_to_raise_pay(own.corrected or text)  # typos fixed: "how can i incrase my salary"
        )
        drives = drives or raises
        why = self.words.asks_why(text)
        ellipsis: list[bool] = []  # elliptical(text, own), read when a rule needs it (it masks the entities)

        def is_elliptical() -> bool:
            if not ellipsis:
                ellipsis.append(elliptical(text, own))
            return ellipsis[0]

        if drives:
            own = replace(
                own, doc_cue=True, doc_topic=True
            )  # "what drives salaries in Seattle?" asks the documents about pay
        if self.smalltalk.match(text) and not names_something(own):
            return "smalltalk", 1.0  # "thanks!" after a salary is no elliptical follow-up of it
        if own.level and (yes_no or _OPENS_CLAUSE.match(text)) and not (_pay_asked(own) or number_words):
            # "do they hire juniors?", "where can they go from junior?": a level named, no pay asked
            own = replace(own, level=None, levels=[])
        own_number = asks_for_number(own)  # `own` is final from here on
        if (
            own_number
            and own.level
            and not (_pay_asked(own) or number_words)
            and not asks_for_number(replace(own, level=None, levels=[]))
            and max(vote, key=lambda k: vote[k], default="figure") != "figure"
            and previous_kind != "figure"  # "and for data scientists?" after a level's pay asks it again
            and asks_beyond_who(text)
        ):
            # "where can a junior data scientist go from here career-wise?": the level says who is asked about,
            # like a role; with no pay asked and the examples nearest by form not a figure, it asks no number.
            own_number = False
        scores = {kind: vote.get(kind, 0.0) for kind in KINDS}
        if own.unknown_level and not (own_number or number_words or _pay_asked(own)) and not is_elliptical():
            # "what does a senior data scientist do?", "what comes after senior ML engineer?": a level the guide
            # lacks says who is asked about; the examples nearest by form are its pay, which nothing here asks.
            scores["figure"] /= 4
        if own_number:
            scores["figure"] += NUMERIC_NUDGE
        if own.salary and not own.doc_topic and asks_for_number(replace(own, salary=False)):
            # "What does a data scientist make at entry level?": pay and a level, two signs of one figure, where
            # "what does a data scientist do" is nearest by form.
            scores["figure"] += NUMERIC_NUDGE
        elif own_number and own.level and (own.roles or own.unknown_role) and not asks_beyond_who(text):
            # "ML engineer early career range", "data scientist late career, please": a role and a level named with
            # nothing asked beyond who (request_frame words only) is that level's figure, though "career" is
            # nearest by form to the path and list examples.
            scores["figure"] += NUMERIC_NUDGE
        elif own.salary and own.roles and not (own.doc_topic or drives):
            # "What does an ML engineer make?": a role and its pay, nearest by form to "what does X do?"
            scores["figure"] += NUMERIC_NUDGE
            scores["explanation"] /= 2
        if number_words:
            scores["figure"] += NUMERIC_NUDGE
        if compares and not (own_number or number_words):
            scores["comparison"] += COMPARISON_NUDGE
        elif not (compares or own.compare):
            scores["comparison"] /= 2  # nothing set side by side: "does time management matter for them?"
        asks_number = own_number or number_words
        explains = self.words.asks_for_explanation(text)
        if explains and not asks_number and not compares:
            scores["explanation"] += EXPLANATION_NUDGE
        defines = self.words.asks_definition(text) and not asks_number and not names_metric(own)
        if defines or why:
            scores["explanation"] += EXPLANATION_NUDGE  # "what is symbolic AI", "why is it hard to ...?"
        # "does logistic regression count as one?" after what classification models are: a method word asked of
        # a documents topic, no figure named or given before, asks whether a thing is one, never how a figure is made
        of_topic = previous_kind in _TOPIC_KINDS and not (names_metric(own) or own.years or own.salary)
        if yes_no and not (
            asks_number
            or (own.method and not of_topic)
            or own.compare
            or own.followup
            or self.words.path.search(text)
            or (self.words.method.search(text) and not of_topic)
            or self.words.asks_request(text)
        ):
            scores["explanation"] += YES_NO_NUDGE  # "do I need a PhD to ...?": answered yes or no, and why
            if scores["list"] < STRONG_VOTE and not _ASKS_FOR_ANY.search(text):
                scores["list"] /= 2  # "will demand for AI skills keep growing?": whether, not the skills listed
        if (
            yes_no
            and own.salary
            and not (own.roles or own.level or own.years or own.city or names_metric(own))
            and own.experience_years is None
            and not (number_words or own.prediction)
        ):
            # "do salaries go up if I move into management?", "is a PhD worth it for higher pay?": whether pay changes
            # or is worth a step, which the documents discuss; no figure of the tables is named to look up. Not pay
            # foretold ("will salaries go up next year?"): no source forecasts it, the statistics refuse it.
            scores["figure"] /= 4
            scores["explanation"] += EXPLANATION_NUDGE
        method_cue = self.words.method.search(text) is not None
        worked_case = method_cue and is_hypothetical(text)  # "if ... gets 10 offers, how many times ...?"
        how_made = method_cue and names_metric(own) and (not number_words or worked_case)
        # "does the number of offers tell me how many jobs there are?": a yes/no question about what a named
        # figure stands for, its "how many" inside what is asked about it.
        # "is that monthly?" asks the figure's period, which the figure's own answer states (or says is unstated).
        how_made = how_made or (yes_no and names_metric(own) and not (own.level or own.years or own.monthly))
        # "do people with zero offers count in the 2024 median?": a yes/no asking who or what a figure counts.
        how_made = how_made or (yes_no and names_metric(own) and method_cue and not (own.monthly or number_words))
        # "what is a proposal?", "what does the median salary expectation mean?": what a named figure IS (its value
        # is asked by "what is the median?"), whatever year the part before set. With a figure named and its making
        # asked ("how ...", a yes/no), a year says which page's figure ("how was the 2025 median calculated?").
        meaning = names_metric(own) and (asks_what_a_thing_is(text) or (explains and not number_words))
        how_made = how_made or meaning
        # A year beside a method cue that asks nothing ("the 2025 proposals count") leaves the figure asked.
        made_asked = how_made and (yes_no or _ASKS_HOW.match(text) is not None)
        # "how are the 2024 salary stats calculated?": a verb of making asked with "how" (not "how are the 2024
        # salaries?"), the year saying which page's statistics; no figure is asked for.
        made_how = bool(own.method and not number_words and _ASKS_HOW.match(text) and _made_verb(text, self.words))
        made_asked = made_asked or made_how
        # "is a developer with 5 offers counted more than once?": how often someone is counted, not two things compared
        # ... nor "more than someone with one offer": a person set beside a person weighs in a figure, no second figure
        compares_figures = own.compare and _HOW_OFTEN.search(text) is None and _THAN_A_PERSON.search(text) is None
        if (own.method or how_made) and (not own.years or meaning or made_asked) and not (compares_figures or of_topic):
            scores["method"] += METHOD_NUDGE
            if how_made or made_how:
                # "does the median include ...?", "what do the offers mean?": a figure named, its making asked.
                scores["figure"] = min(scores["figure"], vote.get("figure", 0.0)) / 2
        elif scores["method"] < STRONG_VOTE or number_words or of_topic:
            # of a documents topic, how it is measured or what counts as one is explained by the documents' words
            scores["explanation"] += scores["method"] if of_topic else 0.0
            scores["method"] = 0.0  # "how many offers were there" names a metric; it does not ask how it is made
        if self.words.path.search(text):
            scores["path"] += PATH_NUDGE
        elif scores["path"] < STRONG_VOTE:
            scores["path"] /= 2  # "do I need a PhD?" asks about a requirement, not the steps of a career
        # Before the follow-up rules: "and for AI engineers?" after a salary is a figure by the turn before.
        if not (asks_number or names_metric(own) or own.salary or own.city or own.unknown_level or own.unknown_place):
            scores["figure"] /= 2  # no pay, amount, metric or place in its words: a figure only by its form
        if _place_only(own, is_elliptical) and not number_words:
            scores["figure"] = 0.0  # "what's the best pizza in Chicago?": a place is no figure asked for by itself
        # "how does that change with seniority?", "and at the same level?" after a salary; "which cities are
        # emerging hubs?" after one names cities but asks about something of its own.
        if (
            previous_kind == "figure"
            and any(self.words.names_dimension(text, d) for d in self.words.dimensions)
            and (own.followup or own.salary or self.words.pronoun.search(text) or is_elliptical())
        ):
            scores["figure"] += FOLLOWUP_NUDGE
        if names_something(own):
            scores["smalltalk"] = min(scores["smalltalk"], 0.05)  # "hi, what does an ML engineer earn" asks
        elif previous_kind not in ("", "smalltalk", "other") and (
            self.words.pronoun.search(text) or self.words.pair.search(text)  # "how do you balance the two?"
        ):
            # "how do I avoid it?" after an answer goes on with its topic: not "how do I use this?" small talk.
            # What the small-talk examples saw in its form (a how-to) is then a request for an explanation.
            scores["explanation"] += scores["smalltalk"]
            scores["smalltalk"] = 0.0
        elif self.bare_term(text):  # "MLOps?", "overfitting??": a bare term asked about
            scores["smalltalk"] = min(scores["smalltalk"], 0.05)
            if not (asks_number or own.compare):
                scores["explanation"] += EXPLANATION_NUDGE
        named_path = self.words.path.search(text) is not None
        # "is that good?" after a salary: short and naming nothing, but its form is one the examples know well (a
        # judgement of the figure against the market, a comparison): a kind of its own, no ellipsis of the figure.
        # ("what about the median?", "the lowest?" name what they ask again: an ellipsis, whatever the vote.) "whats
        # overfitting" after a comparison asks what a term is: a definition's opening is a kind of its own too.
        # "how are the 2024 stats calculated and whats the median": after a method part, "what's <a figure>" asks
        # its value (its making is asked with a method word, "what does it mean" with a meaning word).
        value_asked = previous_kind == "method" and names_metric(own) and self.words.asks_definition(text)
        # "ML engineer - what do they build, average pay, ...": pay named after a part of another kind is a figure
        # of its own, no ellipsis of that part's kind (after a figure it may be one: "and the average pay?").
        pay_named = own.salary and previous_kind not in ("figure", "comparison") and not (own.doc_topic or drives)
        own_form = max(
            (k for k in vote if k not in (previous_kind, "smalltalk", "other")), key=lambda k: vote[k], default=""
        )
        own_form = (
            "" if names_something(own) or names_metric(own) or asks_for_number(own) or own.rank_word else own_form
        )
        if (
            own.followup
            and previous_kind in scores
            and is_elliptical()
            and not (own.doc_cue or own.method or named_path or defines or value_asked or pay_named)
            and vote.get(own_form, 0.0) < STRONG_VOTE
        ):
            # "What about the median?", "And for Java developers?": no kind of its own, so the last one's ("X pay as
            # well as the career ladder": a career step named is a kind of its own, as a documents cue is).
            scores[previous_kind] += FOLLOWUP_NUDGE
        if own.doc_cue and not (own_number or number_words or names_metric(own)):
            scores["figure"] /= 2  # "which cities are emerging tech centres?": nothing in it asks for a number
        if self.words.asks_how_to(text) and not (number_words or own.monthly):
            # "how can I get a big jump in my salary?" asks what to do, not how much; with no level, year or place
            # that keys a figure, its pay words (and a "more" that ranks nothing: asked_means.py) name the goal, not
            # a figure asked; "how can I find which role pays the most?" still ranks
            keyed = own.level or own.years or own.city or own.unknown_place or own.experience_years is not None
            keyed = keyed or own.rank
            scores["figure"] = (scores["figure"] if keyed else min(scores["figure"], vote.get("figure", 0.0))) / 2
        if drives and not asks_for_number(replace(own, salary=False)):
            scores["figure"] /= 2  # "which factors influence how much they get paid?": what drives the figure
            if not why:
                scores["list"] += FACTORS_NUDGE  # the factors are listed
        if raises:
            # the figure and how it is made are not asked ("push that number up"), nor a rank ("earn more"), nor the
            # role's ladder ("how can someone increase that?" after a role's pay): what raises pay, of any role
            for asked_not in ("figure", "method", "comparison", "path"):
                scores[asked_not] = 0.0
        # The share of the evidence: a kind left alone after the rules removed the others is not thereby sure.
        total = max(sum(scores.values()), 1.0)
        kind = max(scores, key=lambda k: scores[k])
        return kind, round(scores[kind] / total, 3)  # type: ignore[return-value]


def _pay_asked(own: Slots) -> bool:
    """Pay, a figure, a year or an experience asked about, besides a level named."""
    return bool(
        own.salary or own.monthly or own.compare or own.years or names_metric(own) or own.experience_years is not None
    )


def _place_only(own: Slots, is_elliptical: Callable[[], bool]) -> bool:
    """A place named with words of the part's own that ask nothing the figures hold ("the best pizza in
    Chicago"), where "what about in NYC?" or "Chicago salaries?" ask for the place's figure."""
    if not (own.city or own.unknown_place):
        return False
    # Pay asked of the place is its figure, however advisory the words ("what should I earn in Seattle?").
    asks_figure = (
        asks_for_number(own)
        or names_metric(own)
        or own.salary
        or own.roles
        or own.unknown_role
        or own.compare
        or own.rank
    )
    return not asks_figure and not is_elliptical()


def _unmasked(generic: str, also: tuple[str, ...] = ()) -> str:
    """A generic form without its placeholders ("this job", "this city", and `also`): the part's own words."""
    for placeholder in {p for _, p in MASKS} | set(also):
        generic = generic.replace(placeholder, " ")
    return generic


def asks_beyond_who(text: str) -> bool:
    """Words of its own besides who it is about (a role, a level): "where can a junior data scientist go from
    here?" asks something of a junior; "entry level data scientist?" names one and asks nothing else."""
    generic = generic_form(text)
    rest = _unmasked(generic)
    # "what's the mid-career ML engineer range": "what's" is "what", "mid-career" the level's words.
    words = [w for w in re.findall(r"[a-z][a-z']*", rest.lower().replace("'s ", " ")) if w not in STOPWORDS]
    # "what do entry level data scientists do?": the verb after who is asked about asks what they do
    return (
        any(w not in _LEVEL_WORDS and w not in _FRAME_WORDS for w in words) or _DOES_AT_END.search(generic) is not None
    )


def elliptical(text: str, own: Slots) -> bool:
    """'And a data scientist?', 'what about the median?': nothing left but an opener once the entities go."""
    # The article of a thing named goes with it: "what about a data scientist there?" is "what about X there?"
    # ("whats the career ladder" keeps its 'the': nothing named follows it).
    rest = _unmasked(re.sub(r"\b(?:a|an|the)\s+(?=this \w+|that year)", " ", generic_form(text)), ("that year",))
    rest = PLACE_POINTER.sub(" ", rest)  # "over there", "in that city": the place before, no word of its own
    if own.city or own.cities or own.unknown_place:
        rest = _SITUATED.sub(" ", rest)  # "and if I'm based in Seattle?" is "and in Seattle?"
    rest = _CLOSING_FILLERS.sub("", rest)  # "what about in Chicago then?": "then" asks nothing
    named = set((own.unknown_role or "").lower().split())  # "Java developers": a role the data lacks is named too
    words = [w for w in re.findall(r"[a-z']+", rest) if w.rstrip("s") not in named]
    if own.city or own.unknown_place:  # "how about someone working in Seattle?": who is put there asks nothing
        words = [w for w in words if w not in _SITUATING]
    # "what they do" is short but whole: a subject and its verb ask something of their own. So is "what robotics
    # engineers design": a role named with a word of its own that is no function word.
    if own.roles or own.unknown_role:
        words_of_its_own = [w for w in words if w not in STOPWORDS]
        if words_of_its_own:
            return False
    # "and their main tools": a thing of the person's own named, no pay or figure ("what about their pay?" is one).
    possessed = _POSSESSED.search(rest)
    # (A person's tools are their role's toolkit, no figure: "their" stands for a role.)
    if (
        possessed
        and not (own.salary or own.platform_metric or own.market_metric)
        and possessed.group(1) not in STOPWORDS
    ):
        return False
    # "is demand growing?", "does experience matter?": a verb asking of a noun of its own is a clause too.
    if words and words[0] in _AUXILIARY and sum(w not in STOPWORDS for w in words[1:]) >= 2:
        return False
    return len(words) <= ELLIPSIS_WORDS and not _SUBJECT.intersection(words)


# A question opened by one of these asks something of its own ("where can they go from junior?"), not "what about
# entry level?" (an ellipsis of a figure) nor "what's the entry level figure?".
_OPENS_CLAUSE = re.compile(r"\W*(?:so\s+|and\s+|ok\W+)?(?:where|why|who|which|how)\b(?!\s+(?:much|many)\b)", re.I)
_ASKS_FOR_ANY = re.compile(r"\b(?:any|some|other|examples?|which|what)\b", re.IGNORECASE)  # "are there any ...?"
_DOES_AT_END = re.compile(r"\bthis job\b.*\b(?:do|does|doing)\W*$", re.IGNORECASE)  # "what do <job> do?"
_THAN_A_PERSON = re.compile(
    r"\bthan\s+(?:someone|somebody|anyone|one|a\s+\w+|an\s+\w+|those|people|the\s+\w+)\s+(?:with|who)\b", re.IGNORECASE
)
_HOW_OFTEN = re.compile(r"\bmore\s+than\s+(?:once|twice|one\s+time|a\s+single\s+time)\b", re.IGNORECASE)
_ASKS_HOW = re.compile(r"\W*(?:so\s+|and\s+|ok\W+)?how\b", re.IGNORECASE)  # "how was it calculated?"
_POSSESSED = re.compile(r"\b(?:their|his|her|its)\s+(?:[a-z']+\s+)?([a-z']+)")  # "their (main) tools"
_SUBJECT = frozenset({"they", "he", "she", "we", "you", "i"})  # subject pronouns: a clause, not an ellipsis
_AUXILIARY = frozenset({"is", "are", "was", "were", "does", "do", "did", "has", "have", "can", "will", "should"})


def _made_verb(text: str, words: PlanVocabulary) -> bool:
    """A method cue besides the "how is the" / "how are the" opening: a verb of making ("calculated", "counted")."""
    return any(not m.group(0).lower().startswith("how ") for m in words.method.finditer(text))
