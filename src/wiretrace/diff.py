"""Diff: what a copy added, dropped or changed relative to its source, typed and with spans in both.

Facts are compared as values, not strings: numbers by value ("7,000" = "seven thousand" = "7.000"),
dates by the calendar day they name ("on Monday" = "on March 9" when that Monday was the 9th), names
token by token with an edit-distance match ("Kowalczyk" -> "Kovalczik" is a changed name). Inside
lexically edited sentences every other word edit is listed; inside paraphrases and translations only
facts and inserted opinion are (wording is expected to differ there). Unaligned sentences are
added or dropped, typed by what they carry.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise

import numpy as np

from .cues import (
    HEDGES,
    NEGATION,
    POSSIBILITY,
    QUALIFIERS,
    attribution_spans,
    cue_words,
    negation_equivalents,
    negations,
    no_negation_at,
)
from .ingest.meta import reading_day
from .records import (
    DERIVED_KINDS,
    AlignedPair,
    Alignment,
    DiffItem,
    DiffOp,
    DiffType,
    Doc,
    Mention,
    Relation,
    Sentence,
)
from .segment import WORD, fold, word_zipf
from .segment.dates import find_dates, resolve
from .segment.numbers import (
    NumberWords,
    converts,
    find_figures,
    ordinal_value,
    roman_value,
    unit_of,
    unit_size,
    units_of,
    units_span,
    value_key,
)

__all__ = ["OPINION_CUES", "DiffConfig", "diff"]

_CLAUSE = re.compile(r"[^,;:()\u2013\u2014]+")

#: Words that mark a clause as the writer's opinion rather than reported fact (several languages).
OPINION_CUES = frozenset("""
rightly wrongly sadly unfortunately shockingly predictably clearly obviously disgracefully outrageously
frankly naturally needless reckless recklessly shameful shamefully disastrous absurd absurdly scandalous
ridiculous incompetent irresponsible laughable outrageous heartless misguided foolish short-sighted
shortsighted baffling pathetic cynical cynically greedy arrogant disgraceful appalling deplorable inexcusable
unacceptable negligent careless hypocritical senseless pointless useless botched fiasco debacle farce sham
dubious questionable arguably notorious ill-advised overdue long-overdue naive naively blunder admirable
heroic laudable commendable praiseworthy sensible wise wisely brilliant shameless undoubtedly surely doubtless
alarming alarmingly troubling worrying worryingly dangerous dangerously staggering stunning disturbing
chilling tragic tragically pitiful woeful woefully lamentable lamentably regrettable regrettably cowardly
corrupt reckless embarrassing embarrassingly bungled mismanaged hapless feckless spineless tone-deaf
out-of-touch ludicrous preposterous ominous dire unforgivable unjust unfair unfairly courageous visionary bold
""".split())  # noqa: SIM905 - a word list reads best as text

# The same cues in the other languages we ship examples in: the English list's words translated, as
# lemmas; `_is_cue` also takes their inflected forms (gender, number, German adjective endings).
# A cue list finds only comment that uses one of its words: "a legitimate demand" is comment too,
# but "legitimate" is as often factual, so it is not here.
_OPINION_CUES_OTHER = frozenset("""
infelizmente claramente obviamente evidentemente naturalmente francamente lamentavelmente tragicamente
previsivelmente irresponsável vergonhoso vergonhosamente absurdo desastroso lamentável escandaloso
imprudente inaceitável ridículo incompetente negligente negligência imperdoável indesculpável inexplicável
cínico ganancioso arrogante deplorável hipócrita inútil fiasco farsa duvidoso questionável
ingénuo ingênuo admirável heroico louvável sensato alarmante preocupante perigoso chocante
trágico lamentavelmente corrupto vergonha embaraçoso desastrado insultuoso insultante injusto corajoso
míope obviedade
lamentablemente desgraciadamente claramente obviamente evidentemente previsiblemente irresponsable
vergonzoso absurdo desastroso lamentable escandaloso imprudente inaceptable ridículo incompetente
negligente negligencia imperdonable inexcusable cínico codicioso arrogante deplorable hipócrita inútil
fiasco farsa dudoso cuestionable ingenuo admirable heroico loable sensato alarmante
preocupante peligroso chocante trágico corrupto vergonzosamente bochornoso insultante injusto valiente
miope cortoplacista
malheureusement évidemment clairement naturellement franchement prévisible prévisiblement tragiquement
irresponsable honteux honteusement absurde désastreux déplorable scandaleux inacceptable imprudent
ridicule incompétent négligent négligence impardonnable inexcusable cynique avide arrogant hypocrite
inutile fiasco farce douteux discutable naïf admirable héroïque louable sensé alarmant
inquiétant dangereux choquant tragique lamentable corrompu embarrassant insultant injuste courageux
myope aberrant
leider bedauerlicherweise offensichtlich vorhersehbar erwartungsgemäß
verantwortungslos skandalös katastrophal beschämend unverantwortlich lächerlich inakzeptabel fahrlässig
fahrlässigkeit unverzeihlich unentschuldbar zynisch gierig arrogant heuchlerisch sinnlos nutzlos
fiasko farce zweifelhaft fragwürdig überfällig naiv bewundernswert heldenhaft lobenswert vernünftig
brillant alarmierend beunruhigend gefährlich schockierend tragisch erbärmlich korrupt peinlich
beleidigend ungerecht mutig kurzsichtig erstaunlich versäumnis versäumnisse unfähig
""".split())  # noqa: SIM905

_OPINION_PHRASES = (
    "of course", "as usual", "once again", "as always", "it is clear", "no doubt", "many rightly",
    "critics rightly", "should have", "ought to have", "to no one's surprise", "as expected",
    "far too", "much too", "all too", "by any measure", "to say the least", "at best", "at worst",
    # the same in pt / es / fr / de
    "como sempre", "mais uma vez", "sem surpresa", "como era de esperar", "no mínimo",
    "como siempre", "una vez más", "sin sorpresa", "como era de esperar", "como mínimo",
    "comme toujours", "une fois de plus", "sans surprise", "comme il fallait s'y attendre", "pour le moins",
    "wie immer", "einmal mehr", "wenig überrasch", "kaum überrasch", "wie zu erwarten", "gelinde gesagt",
)


@dataclass(slots=True, frozen=True)
class DiffConfig:
    """What the diff reports."""

    #: rapidfuzz ratio (0-100) from which two name tokens are one name spelled differently.
    name_similarity_min: float = 65.0
    #: Shortest name token compared (characters).
    min_name_token: int = 3
    #: List word-level edits (as "other") inside lexically edited sentences.
    report_wording: bool = True
    #: An aside set off by commas or dashes, this many words or more, sharing at most this share of
    #: its content words with the source passage and carrying no number, date or name, is an inserted
    #: comment: the writer's voice, not a reported fact.
    aside_min_words: int = 4
    aside_max_overlap: float = 0.2
    #: Across languages, a name whose copy form is an ordinary word of the copy's language (wordfreq
    #: Zipf frequency at or above ``cross_language_word_zipf``) and whose source form is one of the
    #: source's (``cross_language_source_zipf``) is a translation or exonym ("Lisbon" -> "Lisboa",
    #: "Institute" -> "Institut"), not a changed name. Surnames are rare words (Zipf 0-2) in either form.
    cross_language_word_zipf: float = 2.5
    cross_language_source_zipf: float = 2.0
    #: Within one language, two forms that are both ordinary words (Zipf at or above this: about once in
    #: a million words) are a word swap or a spelling variant ("Centre" / "Center"), not a changed name.
    same_language_word_zipf: float = 3.0
    #: A name with a word of three letters or more glued on ("CookYou": a space lost in the copy) is the name
    #: when the glued word is this common (Zipf 6: once in a thousand words or more often; "the", "you",
    #: "with" are 7, while endings that make another name, "son", "ton", "ski", are 4-5).
    glued_word_zipf: float = 6.0
    #: A sentence may hold several ("These are not numbers. They are families." is one quoted sentence to
    #: the segmenter). In a translated or paraphrased passage, a piece of at least ``piece_min_words``
    #: words whose sentence embedding has cosine below ``piece_max_similarity`` with every piece of the
    #: other side was dropped (or added) inside a kept sentence. Needs the embedder; USE v3 puts such a
    #: piece near 0 and a translated one at 0.6-0.95.
    piece_max_similarity: float = 0.3
    piece_min_words: int = 4
    #: Unsupported clauses (issue #19). Within one language, each clause of a copy's edited or
    #: paraphrased passage (the text between commas, semicolons, colons, brackets and dashes; a comma
    #: inside a figure does not cut) is read for its *support*: the share of its content words (over
    #: three letters, no function word, no part of a figure) found, rapidfuzz ratio >= 80, among the
    #: words of the aligned source sentences and ``claim_window`` sentences either side of them (a round
    #: trip moves words between neighbouring sentences; an inserted clause's words are nowhere near). The change-type
    #: decider ``_clause_type`` reads these features with the clause's opinion cues and figures: a clause of
    #: ``claim_min_words`` words or more, ``claim_min_content`` content words or more, and support at most
    #: ``claim_max_support`` is added content: ``opinion`` when it carries a cue, ``number`` when it
    #: carries a figure, else ``claim``. Chosen on the test bed's dev split (bench/eval_diff.py: the
    #: inserted clauses against the clauses of the untouched round trips, over a grid of 3-5 words, 1-3
    #: content words, support 0.2-0.34): 41 of the 46 inserted clauses of rt-edit typed claim or opinion,
    #: 19 clause items on the 98 untouched round trips (garbled machine translation, mostly).
    claim_min_words: int = 5
    claim_min_content: int = 2
    claim_max_support: float = 0.25
    claim_window: int = 2
    #: A figure the copy adds is reported with its clause ("up 14 percent on the previous year", not
    #: "14") when the clause's support (read as above) is at most this share.
    figure_clause_max_support: float = 0.5
    #: An unaligned sentence is merged into a neighbour (not dropped or added) when this share of its
    #: content words is found in the words the neighbour's counterpart has beyond the neighbour (see
    #: ``_merged``). Chosen on dev: of the untouched round trips' 201 unaligned source sentences, 47 at 0.5
    #: or more; of the 66 sentences the test bed dropped, none above 0.38.
    merged_min_support: float = 0.5
    #: Across languages, an unaligned sentence is merged into a neighbouring passage (not dropped or added)
    #: when joining it to the passage raises the passage's cosine with its counterpart by more than this
    #: (see ``_merged_across``): no margin, the merged reading only has to explain the counterpart better.
    merged_min_gain: float = 0.0
    #: An unaligned sentence whose embedding has at least this cosine with the other article's title or one
    #: of its furniture texts (a kicker, a lede ingest set aside) is carried there, not dropped or added
    #: (``_in_furniture``); across languages the bound is lower. Chosen on dev (bench/eval_diff.py's pairs):
    #: the headlines and ledes read as furniture on one side only sat at 0.82-0.99 within one language and
    #: 0.42-0.76 across; the closest sentences really dropped or added at 0.74 (a planted drop against the
    #: source page's teaser of the same story) and 0.46.
    furniture_min_similarity: float = 0.8
    furniture_min_similarity_across: float = 0.5
    #: Across languages, a clause of the copy that carries an opinion cue is the translator's wording of a
    #: source clause, not inserted comment, when its embedding has at least this cosine with the aligned
    #: source passage or one of its clauses (``_translated_clause``): a translator renders "unnötig" as
    #: "inutile" and "périlleux" as "gefährlich", words a cue list holds on one side only. Chosen on dev
    #: (bench/eval_diff.py, wmt-ref and wmt-mt): the 17 cue clauses of translated passages sat at 0.41-0.76;
    #: a comment clause written into the same passages ("une décision irresponsable qui coûtera cher aux
    #: contribuables") at 0.03-0.30.
    opinion_translated_min_similarity: float = 0.35
    #: A figure in one unit and a figure in another of the same kind ("320 km" / "200 miles") are one
    #: quantity when they differ by at most this share (translators round what they convert).
    unit_conversion_tolerance: float = 0.06
    #: A round number in words ("une dizaine", "a dozen") matches a figure this close (share of the larger):
    #: "une dizaine" (about ten) is "ein Dutzend" in German.
    round_number_tolerance: float = 0.25
    #: Report an attribution kept but given to another speaker (``_Differ._speakers``: "according to the Harbour
    #: Board" -> "according to the opposition"). Off by default: on the test split it added one false item to the
    #: untouched round trips, and with the cue rules of the same change the rise passed the bound written before
    #: the look (bench/RESULTS.md, "cue edits"); dev xcue speaker changes 12 of 29 with it, 5 of 29 without.
    speaker_changes: bool = False
    #: Read "no longer" / "no one" as negations (``cues.negations(no_longer=True)``): an added or dropped "no
    #: longer" is reported. Off by default: on dev's untouched round trips it added 4 items, 2 of them (sampled,
    #: read) invented where the other side says the negation with a bare "not" ("not more hate" / "no longer
    #: hatred", "decision not to consider" / "to no longer consider"); dev xcue "no longer" edits 32 of 34 with it.
    no_longer_negation: bool = False
    #: Where one side's dates cannot be read (Chinese, Japanese: ``facts_limited``), compare the dates both sides
    #: write with a month and a day ("12月24日" / "December 24"): one the passage lost against another it gained is
    #: a changed date, and a run-together copy's head date that the source's title and head lines do not say (with
    #: a date of their own) is an added one. A date said otherwise ("周日", "on the 24th") stays unread: no date is
    #: reported dropped or added alone.
    month_days_across: bool = True
    #: Within one language, a figure kept whose unit or currency is another ("150 metres" -> "150 feet", "23 million
    #: crowns" -> "23 million euros": CLDR names, ``numbers.units_of``) is a changed figure, not rewording (the
    #: reviewer's repro of session 18).
    unit_changes: bool = True
    #: Within one language, in a lexically edited passage, one value put in another's place, word for word, is a
    #: changed fact even where the new value occurs elsewhere in the article: an ordinal ("a second flight" -> "a
    #: third flight"), a season ("spring" -> "autumn", a date).
    value_swaps: bool = True
    #: The same for any figure ("four excavators" -> "three excavators", three said elsewhere). Off by default: on the
    #: test split (session 18's one look, against session 17's records) the figure swaps were the likely cause of two
    #: more rt-plain items (7.39 -> 7.44), past the bound written before the look; ordinals and seasons made none.
    figure_swaps: bool = False
    #: Read "no one" as a negation (as "nobody" is): "No one was hurt" -> "One person was hurt" drops a negation.
    #: ``no_longer_negation`` adds "no longer" (off: see there).
    no_one_negation: bool = True
    #: A negation one side says with a word that denies without "not" (``cues.NEGATIVE_VERBS``, "rule out": "would not
    #: raise taxes" -> "ruled out a tax increase", "suspended until Saturday" -> "will not run before Saturday") is kept
    #: where the other side has more such words than this one (review M5). Dev: MSRP train paraphrase pairs, negation
    #: items 42 -> 34 (each removed one said with "without" / "refused" / "declined"); test-bed dev and test (one
    #: look, helper-notes/results-diffneg.md): no item changed.
    negation_equivalents: bool = True
    #: Within one language, in a lexically edited passage, a name put in the place of an unlike name ("the road to
    #: Brellmoor" -> "the road to Holmvik", "said Maren Thalbeck" -> "said Ilse Brandt") is a changed name, not
    #: rewording (``_Differ._name_swaps``): name mentions on both sides of one edit region, the lost one said nowhere
    #: in the copy and the new one nowhere in the source, not one name's derived form, not both ordinary words.
    #: Off by default: on dev it added 3 rt-plain items (6.32 -> 6.38 per 1,000 words), each a name the round trip
    #: really garbled; on the test split (one look) 4 rt-plain items (7.39 -> 7.50), past the bound written before
    #: the look (7.39); farm right type, negation, wmt-ref and wmt-mt held (helper-notes/results-names.md).
    name_swaps: bool = False
    #: ``name_swaps`` leaves alone a side whose every word is a word of one of these languages and not of the text's
    #: (``pivot_word_zipf`` there, ``pivot_word_margin`` above its Zipf in the text's language): a word of the
    #: language a round trip went through, left in or taken out ("All" -> "Todos", "Amigos" -> "Friends"). Fitted on
    #: dev's round trips (en -> pt -> en): of the copies' capitalised words that their source never writes, these
    #: values mark the five Portuguese words left in ("Isso", "Férias", "Datas", ...; margin 2.5 misses "Datas"), and
    #: of the sources' 2,196 capitalised words 9, Spanish words of names ("Las", "Buena"; margin 1.5: 20); any floor
    #: from 3.0 to 4.0 marks the same words.
    name_swap_pivot_languages: tuple[str, ...] = ("pt", "es")
    pivot_word_zipf: float = 3.5
    pivot_word_margin: float = 2.0
    #: A figure in brackets right after a figure that it converts into another unit of the same kind ("150 metres
    #: (492 feet)", "40 miles (64 km)", "$10m (€9.2m)") is no fact of its own: not reported added or dropped. Units
    #: of fixed size must agree within ``unit_conversion_tolerance``; two currencies (no fixed rate) within a
    #: factor of ``bracket_money_ratio``.
    bracket_conversions: bool = True
    #: Across languages, a name lengthened only by an ending its language puts on names (``_NAME_ENDINGS``) or by
    #: a compound's word, and a name given another ending vowel only where a form is a word or known place
    #: ("Brekke" -> "Brekker" / "Brekka" a changed name; "Okzitanien", "Europa", "Jesuskind" not); off: any
    #: lengthening and any ending vowel passes. Off: on test it added one wmt-mt item (1.20 -> 1.23 per 1,000
    #: words), a Chinese MT's "Fellowes和Sonja" (two names glued by a CJK word) that the loose rule let through.
    name_endings: bool = False
    bracket_money_ratio: float = 3.0
    #: Across languages, "this year" ("今年", "cette année") in an article with no date stands for one year figure of
    #: the other side, whatever its value. Off: a review decided that with no date to tell which year, the year is
    #: reported (tests/test_diff_review.py). On, dev wmt-ref lost one false item (session 20).
    undated_relative_years: bool = False


def diff(
    a: Doc, b: Doc, alignment: Alignment, relation: Relation, cfg: DiffConfig | None = None, *,
    embed: Callable[[list[str], str | None], np.ndarray] | None = None,
) -> tuple[DiffItem, ...]:
    """Return what the copy added, dropped and changed; empty when neither article is derived from the other.

    "added" is relative to the source when one is named, else to ``a``. ``embed`` ((texts, language) -> L2-normalised
    vectors) lets the diff find a sentence dropped or added inside a translated or paraphrased one.
    """
    cfg = cfg or DiffConfig()
    if relation.kind not in DERIVED_KINDS:
        return ()
    flip = relation.source == "b"
    src, cp = (b, a) if flip else (a, b)
    pairs = [_flip(p) if flip else p for p in alignment.pairs]
    items = _once(_Differ(src, cp, cfg, flip, embed).run(pairs))
    return tuple(sorted(items, key=lambda d: not d.material))  # findings first, rewording after


def _once(items: list[DiffItem]) -> list[DiffItem]:
    """A name spelled differently is one change however often it occurs, possessive or not ("Europa's" ->
    "Europe" and "Europa" -> "Europe's" are one): the first item stands for all, with ``count`` the number
    of occurrences."""
    out: list[DiffItem] = []
    first: dict[tuple[str | None, str | None], int] = {}
    for d in items:
        if d.type == "name" and d.op == "changed":
            key = (_last_name_key(d.a_text or ""), _last_name_key(d.b_text or ""))
            if key in first:
                k = first[key]
                out[k] = replace(out[k], count=out[k].count + 1)
                continue
            first[key] = len(out)
        out.append(d)
    return out


def _last_name_key(text: str) -> str:
    """A changed name's key as ``_once`` counts it: a name of several words by its last ("Maren Thalbeck" ->
    "Ilse Brandt" and "Thalbeck" -> "Brandt" are one change)."""
    words = WORD.findall(text)
    return _name_key(words[-1] if len(words) > 1 else text)


_OPENERS = "\"'“‘«„‹"


def _initial(text: str, at: int) -> bool:
    """Whether the word at ``text[at]`` opens a sentence, a line, a quotation or a bracket, or follows a colon or a
    dash: where a capital says nothing of a name."""
    line = text[:at].rsplit("\n", 1)[-1].rstrip()
    if line.endswith(("(", "[")):
        return True
    line = line.rstrip(_OPENERS).rstrip()
    return not line or line.endswith((".", "!", "?", ":", ";", "—", "–", " -", "…", "(", "["))


def _currencies(units: frozenset[str]) -> frozenset[str]:
    """The currency codes among the units ``units_of`` reads ("USD", "EUR"; unit ids are lower-case)."""
    return frozenset(u for u in units if len(u) == 3 and u.isupper())


def _flip(p: AlignedPair) -> AlignedPair:
    return AlignedPair(p.b_sents, p.a_sents, p.b_span, p.a_span, p.kind, p.score)


class _Differ:
    """Diffs the copy against the source; items are emitted in a/b orientation."""

    def __init__(self, src: Doc, cp: Doc, cfg: DiffConfig, flip: bool,
                 embed: Callable[[list[str], str | None], np.ndarray] | None = None) -> None:
        self.src, self.cp, self.cfg, self.flip, self.embed = src, cp, cfg, flip, embed
        # a weekday is read against a publication day; a crawl time (date_from_crawl) only where no side was dated
        ref_src, ref_cp = reading_day(src.article, cp.article), reading_day(cp.article, src.article)
        self.ref_src, self.ref_cp = ref_src, ref_cp
        self.items: list[DiffItem] = []
        la, lb = src.article.language, cp.article.language
        self.cross_language = bool(la and lb and la != lb)
        # Across languages, facts are compared only as far as both sides can be read: our number-word
        # and date tables cover FACT_LANGUAGES. Outside them a figure written in words, a weekday or a
        # month name on one side has no reading on the other ("two" vs Chinese "两", "Sunday" vs "星期日"),
        # so only figures in digits are compared, each against every digit figure of the other text (a
        # day of a date included: "November 11" vs "11月11日").
        self.facts_limited = self.cross_language and not (_fact_language(la) and _fact_language(lb))
        self.src_numbers = {m.key for m in _mentions(src, "number")}
        self.cp_numbers = {m.key for m in _mentions(cp, "number")}
        if self.facts_limited:
            self.src_numbers |= _digit_values(src.text)
            self.cp_numbers |= _digit_values(cp.text)
        self.src_dates = _date_values(list(_mentions(src, "date")), ref_src)
        self.cp_dates = _date_values(list(_mentions(cp, "date")), ref_cp)
        self.src_name_tokens = _name_tokens(src)
        self.cp_name_tokens = _name_tokens(cp)
        # every word the source writes (names at a sentence's start are looked up here; same language only)
        self.src_words = set() if self.cross_language else {_name_key(w) for s in src.sentences
                                                            for w in WORD.findall(s.text)}
        self.cp_words = set() if self.cross_language else {_name_key(w) for s in cp.sentences
                                                           for w in WORD.findall(s.text)}
        # A copy whose paragraphs were run together (one paragraph against the source's several, and no title
        # of its own: how the WMT22 machine translations come) carries the source's title as its first
        # sentence and each subheading inside the sentence after it.
        self.run_together = ("\n" not in cp.text.strip() and src.text.strip().count("\n") >= 2
                             and bool(src.article.title) and not cp.article.title)
        # The copy's first sentences then say the source's title and the head lines ingest set aside (a date
        # line, "Publié le dimanche 12 décembre 2021 à 20h30"): their figures and dates are the source's, in the
        # copy's head only (``_in_head``; the head's own are checked against them in ``_run_in``).
        carried = [t for t in (src.article.title, *src.article.boilerplate) if t and t.strip()]
        self.carried = len(carried) if self.run_together else 0
        self.carried_numbers = Counter(k for text in carried[:self.carried] for k in _title_figures(text, la))
        self.carried_dates = _date_values([Mention("date", s, e, text[s:e], k) for text in carried[:self.carried]
                                           for s, e, k in find_dates(text, la)], ref_src)
        # where facts are limited: the month-days both sides can read (``month_days_across``), as (month, day)
        self.month_days = (self.facts_limited and cfg.month_days_across and _month_day_language(la)
                           and _month_day_language(lb))
        self.src_month_days = {k for _m, k in _month_days(src, src.sentences)} if self.month_days else set()
        self.cp_month_days = {k for _m, k in _month_days(cp, cp.sentences)} if self.month_days else set()
        self.carried_month_days = {k for text in carried[:self.carried] for _s, _e, k in _month_days_in(text, la)} if (
            self.month_days) else set()
        self.first_aligned_cp = 0  # the copy's first aligned sentence (``run`` sets it from the alignment)
        self.head_checked: set[int] = set()
        # Meaning words are compared within one language, in the languages cues.py has lists for.
        self.meaning_words = not self.cross_language and (la or "en") == "en" and (lb or "en") == "en"
        self.reported_src: list[tuple[int, int]] = []
        self.swapped_names: list[tuple[int, int]] = []  # the copy's spans of names ``_name_swaps`` reported
        self.mid_names: dict[int, set[str]] = {}  # per doc: name keys said inside a sentence (``_swap_names``)

    def emit(self, op: DiffOp, typ: DiffType, src: tuple[str, tuple[int, int]] | None,
             cp: tuple[str, tuple[int, int]] | None, *, material: bool = True, quoted: bool = False) -> None:
        if op != "changed":  # text added or dropped (a sentence, most often) loses a quote mark it does not close
            src, cp = _unpaired_quotes_off(src), _unpaired_quotes_off(cp)
        s_text, s_span = src if src else (None, None)
        c_text, c_span = cp if cp else (None, None)
        if self.flip:
            self.items.append(DiffItem(op, typ, c_text, s_text, c_span, s_span, material, quoted=quoted))
        else:
            self.items.append(DiffItem(op, typ, s_text, c_text, s_span, c_span, material, quoted=quoted))

    def run(self, pairs: list[AlignedPair]) -> list[DiffItem]:
        used_src = {i for p in pairs for i in p.a_sents}
        used_cp = {j for p in pairs for j in p.b_sents}
        self.first_aligned_cp = min(used_cp, default=0)
        for p in pairs:
            s_sents = [self.src.sentences[i] for i in p.a_sents]
            c_sents = [self.cp.sentences[j] for j in p.b_sents]
            if p.kind == "exact":
                # the same words, but a currency sign may differ ("$23 million" -> "€23 million")
                if self.cfg.unit_changes and not self.cross_language and (
                        [s.text for s in s_sents] != [s.text for s in c_sents]):
                    self._units(s_sents, c_sents)
                continue
            reported: list[tuple[int, int]] = []
            clauses = (self._clauses(p, c_sents) if not self.cross_language and p.kind in ("edited", "paraphrase")
                       else [])
            swapped: set[Mention] = set()
            if not self.cross_language and p.kind == "edited" and self.cfg.value_swaps:
                swapped, spans = self._swaps(s_sents, c_sents)
                reported += spans
            reported += self._numbers(s_sents, c_sents, clauses, swapped)
            if not self.cross_language and p.kind in ("edited", "paraphrase") and self.cfg.unit_changes:
                reported += self._units(s_sents, c_sents)
            reported += self._dates(s_sents, c_sents)
            reported += self._names(s_sents, c_sents)
            if not self.cross_language and p.kind == "edited" and self.cfg.name_swaps:
                reported += self._name_swaps(s_sents, c_sents, reported)
            reported += self._opinion(s_sents, c_sents)
            reported += self._claims(c_sents, clauses, reported)
            if self.meaning_words and p.kind in ("edited", "paraphrase"):
                reported += self._meaning(s_sents, c_sents)
            if p.kind == "edited" and self.cfg.report_wording:
                self._wording(s_sents, c_sents, reported)
            elif p.kind in ("translated", "paraphrase") and self.embed is not None:
                self._pieces(s_sents, c_sents)
        for s in self.src.sentences:
            if s.index in used_src:
                continue
            said = self._unsaid(s, pairs, copy_side=False)
            if said is None and not self._merged(s, pairs, copy_side=False) and not self._in_furniture(
                    s, copy_side=False):
                self.emit("dropped", _sentence_type(s.mentions, s.text), (s.text, (s.start, s.end)), None,
                          quoted=_quoted(s.mentions))
            for a, b in said or ():
                self.emit("dropped", "attribution", (self.src.text[a:b], (a, b)), None)
        for s in self.cp.sentences:
            if s.index in used_cp:
                continue
            said = self._unsaid(s, pairs, copy_side=True)
            if said is None and not self._merged(s, pairs, copy_side=True) and not self._in_furniture(
                    s, copy_side=True):
                self.emit("added", _added_type(s.mentions, s.text), None, (s.text, (s.start, s.end)),
                          quoted=_quoted(s.mentions))
            for a, b in said or ():
                self.emit("added", "attribution", None, (self.cp.text[a:b], (a, b)))
        source_furniture = self.src.article.furniture()
        for text in self.cp.article.furniture():
            if text not in source_furniture:
                self.emit("added", "boilerplate", None, (text, None))  # type: ignore[arg-type]
        return self.items

    def _unsaid(self, s: Sentence, pairs: list[AlignedPair], *, copy_side: bool) -> list[tuple[int, int]] | None:
        """For an unaligned sentence that ``_merged`` turns down only for its attribution (its words and figures
        are in the neighbour's counterpart, who said it is not): the spans (document offsets) of the
        attribution phrases lost in the merge (gained, on the copy's side), to report instead of the whole
        sentence; None when that is not the case."""
        spans = attribution_spans(s.text)
        if not spans or self.cross_language or self._merged(s, pairs, copy_side=copy_side):
            return None
        if not self._merged(s, pairs, copy_side=copy_side, attribution=False):
            return None
        toks = [(w, s.start + a, s.start + b) for w, a, b in cue_words(s.text)]
        return [_with_previous(toks, (s.text[a:b], s.start + a, s.start + b)) for a, b in spans]

    def _merged(self, s: Sentence, pairs: list[AlignedPair], *, copy_side: bool, attribution: bool = True) -> bool:
        """Whether an unaligned sentence was merged into a neighbour rather than dropped (or, on the copy's
        side, split off a neighbour rather than added): within one language, at least
        ``merged_min_support`` of its content words are found (rapidfuzz ratio >= 80) among the words that
        the other side's counterpart of a neighbouring passage (one sentence away) has beyond that passage
        ("... is amazing." + "Also, they do it in a simple way." -> "... is amazing, and they do it in a
        simple way.")."""
        from rapidfuzz import fuzz, process

        if not WORD.search(s.text):
            return True  # no word at all (zero-width spaces, a rule of underscores): nothing was dropped
        if _quotation_piece(s, (self.cp if copy_side else self.src).sentences,
                            {i for p in pairs for i in (p.b_sents if copy_side else p.a_sents)}):
            return True
        if self.run_together and self._run_in(s, pairs, copy_side=copy_side):
            return True
        if self.cross_language:
            return self._merged_across(s, pairs, copy_side=copy_side)
        text = s.text
        if not attribution:
            # read without its attribution ("..., according to a group representing rural counties"): the
            # words a merge that lost the attribution no longer carries
            for a, b in attribution_spans(text):
                text = text[:a] + " " * (b - a) + text[b:]
        words = _content_words(text)
        if not words:
            return False
        mine, theirs = (self.cp, self.src) if copy_side else (self.src, self.cp)
        excess: Counter[str] = Counter()
        for p in pairs:
            own, other = (p.b_sents, p.a_sents) if copy_side else (p.a_sents, p.b_sents)
            if any(abs(i - s.index) <= 1 for i in own):
                excess += (Counter(_content_words(" ".join(theirs.sentences[j].text for j in other)))
                           - Counter(_content_words(" ".join(mine.sentences[i].text for i in own))))
        pool = sorted(excess)
        found = sum(1 for w in words if pool and process.extractOne(w, pool, scorer=fuzz.ratio, score_cutoff=80))
        if found / len(words) < self.cfg.merged_min_support:
            return False
        # what a merge keeps: every figure (somewhere in the other text) and who said it (in the neighbour)
        have = self.src_numbers if copy_side else self.cp_numbers
        if any(m.kind == "number" and not _has_value(have, m) for m in s.mentions):
            return False
        if not attribution:
            return True
        said = {s.text[a:b].split(maxsplit=1)[0].casefold() for a, b in attribution_spans(s.text)}
        return not said or said <= set(excess)

    def _in_furniture(self, s: Sentence, *, copy_side: bool) -> bool:
        """Whether an unaligned sentence is what the other article carries as a head line or furniture (its
        title, a kicker, a lede ingest set aside): one article's headline read as its first sentence while
        the other's is its title ("Wendy Rogers Calls New Zealand PM ..." against the copy's title), or a
        lede ingest read as a kicker on one side only. Read with the embedder: the sentence's cosine with one
        of those texts is at least ``furniture_min_similarity`` (``furniture_min_similarity_across`` across
        languages, where a translation's cosine is lower)."""
        if self.embed is None or len(WORD.findall(s.text)) < 3:
            return False
        mine, other = (self.cp, self.src) if copy_side else (self.src, self.cp)
        art = other.article
        texts = list(dict.fromkeys(t for t in (art.title, *art.boilerplate) if t and WORD.search(t)))
        if not texts:
            return False
        v = self.embed([s.text], mine.article.language)[0]
        sims = self.embed(texts, art.language) @ v
        floor = (self.cfg.furniture_min_similarity_across if self.cross_language
                 else self.cfg.furniture_min_similarity)
        return float(sims.max()) >= floor

    def _merged_across(self, s: Sentence, pairs: list[AlignedPair], *, copy_side: bool) -> bool:
        """Across languages (words cannot be matched): whether an unaligned sentence was merged into a
        neighbouring passage's translation, read with the embedder: the passage with the sentence joined is
        closer to its counterpart than the passage alone (by more than ``merged_min_gain``), and every figure
        of the sentence is in the other text. A sentence really dropped only moves the passage away."""
        if self.embed is None:
            return False
        have = self.src_numbers if copy_side else self.cp_numbers
        if any(m.kind == "number" and not _has_value(have, m) for m in s.mentions):
            return False
        mine, theirs = (self.cp, self.src) if copy_side else (self.src, self.cp)
        for p in pairs:
            own, other = (p.b_sents, p.a_sents) if copy_side else (p.a_sents, p.b_sents)
            if not own or not other or not any(abs(i - s.index) == 1 for i in own):
                continue
            alone = " ".join(mine.sentences[i].text for i in own)
            joined = " ".join(mine.sentences[i].text for i in sorted({*own, s.index}))
            v_mine = self.embed([alone, joined], mine.article.language)
            v_other = self.embed([" ".join(theirs.sentences[j].text for j in other)], theirs.article.language)[0]
            if float(v_mine[1] @ v_other) - float(v_mine[0] @ v_other) > self.cfg.merged_min_gain:
                return True
        return False

    def _run_in(self, s: Sentence, pairs: list[AlignedPair], *, copy_side: bool) -> bool:
        """In a copy that ran its paragraphs together: whether an unaligned copy sentence is the source's title
        (one of its first three sentences, before every aligned one), or an unaligned source sentence a
        subheading (a paragraph of its own, no sentence end, no figure the copy lacks) that the copy ran into
        the sentence after it."""
        if copy_side:
            if not (s.index <= 2 and s.index < min((j for p in pairs for j in p.b_sents), default=0)):
                return False
            if s.index not in self.head_checked:  # what the source's title and head lines lack is reported, once
                self.head_checked.add(s.index)
                self._head_facts(s)
            return True
        text = self.src.text
        before, after = text[:s.start].rstrip(" \t"), text[s.end:].lstrip(" \t")
        own_paragraph = (not before or before.endswith("\n")) and (not after or after.startswith("\n"))
        heading = not s.text.rstrip().endswith((".", "!", "?", "…", ":", ";", ",", "\u3002", "\uff01", "\uff1f"))
        figures_kept = all(_has_value(self.cp_numbers, m) for m in s.mentions if m.kind == "number")
        return own_paragraph and heading and len(WORD.findall(s.text)) <= 20 and figures_kept

    def _in_head(self, index: int) -> bool:
        """Whether a copy sentence may say the source's title or head lines (in a copy that ran its paragraphs
        together): one of its first three sentences before the first aligned one, or the first aligned one itself
        where fewer sentences come before it than the source has head texts (a head line ran into it)."""
        return bool(self.carried) and index <= 2 and (
            index < self.first_aligned_cp or (index == self.first_aligned_cp and index < self.carried))

    def _head_carried(self, m: Mention, c_sents: list[Sentence]) -> bool:
        """Whether a figure or date of the copy's passage is one the source's title or head lines say, in a
        sentence of the copy's head (``_in_head``)."""
        if not any(s.start <= m.start < s.end and self._in_head(s.index) for s in c_sents):
            return False
        if m.kind == "date":
            return bool(_date_keys(m, self.ref_cp) & self.carried_dates
                        or _clock_values({m.key}) & set(self.carried_numbers))
        return _has_value(set(self.carried_numbers) | _clock_values(self.carried_dates), m)

    def _head_facts(self, s: Sentence) -> None:
        """Report the figures and dates of a run-in head sentence of the copy that the source's title and head
        lines lack ("welcomes 90 cruise ships" against a title of 70; another day in the date line)."""
        for m in s.mentions:
            if m.kind == "number" and not (self.facts_limited and not _digit_figure(self.cp.text, m)) and (
                    not self._head_carried(m, [s])):
                span = _figure_span(self.cp.text, m)
                self.emit("added", "number", None, (self.cp.text[span[0]:span[1]], span))
            elif m.kind == "date" and not self.facts_limited and not self._head_carried(m, [s]):
                self.emit("added", "date", None, (m.text, (m.start, m.end)))
        if self.month_days and self.carried_month_days:  # a head line's date that the source's head lines lack
            for m, key in _month_days(self.cp, [s]):
                if key not in self.carried_month_days:
                    self.emit("added", "date", None, (m.text, (m.start, m.end)))

    # -- facts -------------------------------------------------------------------------------
    def _numbers(self, s_sents: list[Sentence], c_sents: list[Sentence],
                 clauses: list[_Clause] | None = None, swapped: set[Mention] | None = None) -> list[tuple[int, int]]:
        # a figure put in another's place (``_swaps``) is reported there
        s_m = [m for s in s_sents for m in s.mentions if m.kind == "number" and m not in (swapped or ())]
        c_m = [m for s in c_sents for m in s.mentions if m.kind == "number" and m not in (swapped or ())]
        if self.facts_limited:
            # only figures in digits, and not the month or day of a Chinese or Japanese date ("12 月 24 日"):
            # dates are not compared here
            s_m = [m for m in s_m if _digit_figure(self.src.text, m)]
            c_m = [m for m in c_m if _digit_figure(self.cp.text, m)]
        # "first" and "second" are read as no figure (they are other words too), but they are the "1re" or
        # "2nd" of the other side: a digit ordinal of 1 or 2 is kept where the other text has the word.
        src_have = self.src_numbers | _clock_values(self.src_dates) | _first_second(self.src.text, self.cp.text, c_m)
        cp_have = self.cp_numbers | _clock_values(self.cp_dates) | _first_second(self.cp.text, self.src.text, s_m)
        # A share or a sum is that figure only with its unit: "up 14 percent" is news in a source whose 14 counts
        # companies.
        extra_c = _unmatched(c_m, Counter(m.key for m in s_m), lambda m: not _has_value(src_have, m) or (
            self._unit_lost(self.cp, m, self.src)))
        extra_s = _unmatched(s_m, Counter(m.key for m in c_m), lambda m: not _has_value(cp_have, m) or (
            self._unit_lost(self.src, m, self.cp)))
        # "both" is read as two so that it matches "two" ("les deux"); "both X and Y" -> "X and Y" says the same
        extra_c = [m for m in extra_c if m.text.casefold() not in _BOTH]
        extra_s = [m for m in extra_s if m.text.casefold() not in _BOTH]
        # a copy that ran its paragraphs together says the source's title and date line in its head: each figure
        # of those once ("welcomes 70 ships ... expects 70 ships" against a title of 70 and a body of 50)
        carried = self.carried_numbers.copy()
        extra_c = [m for m in extra_c if not (self._head_carried(m, c_sents) and _take(carried, m))]
        if self.cfg.bracket_conversions:  # "150 metres (492 feet)": the figure in brackets converts the one before
            extra_c = [m for m in extra_c if not self._bracket_conversion(self.cp, m)]
            extra_s = [m for m in extra_s if not self._bracket_conversion(self.src, m)]
        if self.cross_language:
            # Another language's passage may say a figure with no figure numbers.py reads: a 1 as "once" or "a"
            # before the same counted thing ("1週間に1度" = "once a week"), a year as "this year" ("今年" = 2021,
            # by the article's date), a count of digits as a vague magnitude ("sechsstellig" = "plusieurs
            # centaines de milliers"), a Roman numeral ("the starting XV"), "двое суток" (48 hours).
            c_text, s_text = " ".join(s.text for s in c_sents), " ".join(s.text for s in s_sents)
            undated = self.cfg.undated_relative_years
            extra_c = _not_said_otherwise(extra_c, self.cp.text, s_text, self.ref_src, self.src.article.language,
                                          undated=undated)
            extra_s = _not_said_otherwise(extra_s, self.src.text, c_text, self.ref_cp, self.cp.article.language,
                                          undated=undated)
        unit_s = {m: unit_of(self.src.text, m.start, m.end) for m in extra_s}
        unit_c = {m: unit_of(self.cp.text, m.start, m.end) for m in extra_c}
        # The same quantity in other units ("320 km" -> "200 miles"), or a round number the other language
        # rounds its own way ("une dizaine" -> "ein Dutzend"), is kept.
        for ms in list(extra_s):
            mc = next((c for c in extra_c if unit_s[ms] == unit_c[c] and (
                self._converted(ms, c) or _rounded(ms, c, self.cfg.round_number_tolerance)
                or _decade(self.src.text, ms, self.cp.text, c))), None)
            if mc is not None:
                extra_s.remove(ms)
                extra_c.remove(mc)
        # A figure in a clause the source does not support came with that clause: it is reported with
        # it ("up 14 percent on the previous year"), as added, never as a changed value of another figure.
        wide: dict[Mention, _Clause] = {}
        for mc in extra_c:
            cl = next((c for c in clauses or () if c.start <= mc.start and mc.end <= c.end), None)
            if cl is not None and cl.words > len(WORD.findall(mc.text)) and (
                    cl.support <= self.cfg.figure_clause_max_support):
                wide[mc] = cl
        spans = self._pair_up("number", extra_s, [m for m in extra_c if m not in wide],
                              lambda ms, mc: unit_s[ms] == unit_c[mc])
        done: set[tuple[int, int]] = set()
        for cl in wide.values():
            if (cl.start, cl.end) not in done:  # two figures of one clause: one item
                done.add((cl.start, cl.end))
                self.emit("added", "number", None, (self.cp.text[cl.start:cl.end], (cl.start, cl.end)))
                spans.append((cl.start, cl.end))
        return spans

    def _units(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        """Figures the copy keeps that count another unit or currency ("150 metres" -> "150 feet", "23 million crowns"
        -> "23 million euros", "$5" -> "5 euros"): changed figures, with their units. Within one language, where
        both sides' units are read (``units_of``) and share nothing."""
        spans = []
        la, lc = self.src.article.language, self.cp.article.language
        for ms, mc, _qs, _qc in self._kept_figures(s_sents, c_sents):
            us, uc = units_of(self.src.text, ms.start, ms.end, la), units_of(self.cp.text, mc.start, mc.end, lc)
            if us is None or uc is None or us & uc:
                continue
            s_span = units_span(self.src.text, ms.start, ms.end, la)
            c_span = units_span(self.cp.text, mc.start, mc.end, lc)
            self.emit("changed", "number", (self.src.text[s_span[0]:s_span[1]], s_span),
                      (self.cp.text[c_span[0]:c_span[1]], c_span))
            self.reported_src.append(s_span)
            spans.append(c_span)
        return spans

    def _swaps(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> tuple[set[Mention], list[tuple[int, int]]]:
        """In a lexically edited passage, one value put in another's place word for word (a replacement of one to
        three words in the aligned word sequences): an ordinal for one of another value ("second" -> "third"; with
        ``figure_swaps`` any figure, "four" -> "three"), reported as a changed figure, or a season for another
        ("spring" -> "autumn"), a changed date. The figures are reported here whatever the rest of the article says
        (``_numbers`` reads a figure as moved when its value is said elsewhere). Returns the figure mentions taken and
        the copy's spans."""
        from rapidfuzz.distance import Levenshtein

        s_tok, c_tok = _word_tokens(s_sents), _word_tokens(c_sents)
        s_fig = [m for s in s_sents for m in s.mentions if m.kind == "number"]
        c_fig = [m for s in c_sents for m in s.mentions if m.kind == "number"]
        s_dates = [(m.start, m.end) for s in s_sents for m in s.mentions if m.kind == "date"]
        c_dates = [(m.start, m.end) for s in c_sents for m in s.mentions if m.kind == "date"]
        la, lc = self.src.article.language, self.cp.article.language
        taken: set[Mention] = set()
        spans: list[tuple[int, int]] = []
        for op in Levenshtein.opcodes([t[0] for t in s_tok], [t[0] for t in c_tok]):
            if op.tag != "replace" or op.src_end - op.src_start > 3 or op.dest_end - op.dest_start > 3:
                continue
            s_part, c_part = s_tok[op.src_start:op.src_end], c_tok[op.dest_start:op.dest_end]
            if _hits((s_part[0][1], s_part[-1][2]), s_dates) or _hits((c_part[0][1], c_part[-1][2]), c_dates):
                continue  # a date's day ("March 4th" -> "March 5th"): ``_dates`` compares it
            s_val, c_val = _value_in(s_part, s_fig, la), _value_in(c_part, c_fig, lc)
            typ: DiffType = "number"
            if not self.cfg.figure_swaps and not (_ordinal_in(s_part, la) and _ordinal_in(c_part, lc)):
                s_val = c_val = None  # an ordinal for an ordinal only
            if s_val is None or c_val is None:
                s_val, c_val = _season_in(s_part, la, self.src.text), _season_in(c_part, lc, self.cp.text)
                typ = "date"
                if s_val and c_val and (s_val[0][:5] == "name:") != (c_val[0][:5] == "name:"):
                    continue  # a name for a date ("the Prague Spring" -> "in the spring"): not read here
                if s_val and s_val[0][:5] == "name:":
                    typ = "name"  # "the Arab Spring" -> "the Arab Winter"
            if s_val is None or c_val is None or s_val[0] == c_val[0] or (
                    s_val[2] is not None and c_val[2] is not None and (
                        _other_reading(s_val[2]) == c_val[0] or _other_reading(c_val[2]) == s_val[0])):
                continue
            (_k, s_span, ms), (_l, c_span, mc) = s_val, c_val
            self.emit("changed", typ, (self.src.text[s_span[0]:s_span[1]], s_span),
                      (self.cp.text[c_span[0]:c_span[1]], c_span))
            taken |= {m for m in (ms, mc) if m is not None}
            self.reported_src.append(s_span)
            spans.append(c_span)
        return taken, spans

    def _unit_lost(self, doc: Doc, m: Mention, other: Doc) -> bool:
        """Whether a figure of ``doc`` counting a share or a sum ("14 percent", "$40") has no figure of the same
        value and kind anywhere in ``other`` (which may hold the value as a count of something else). The value
        read the other way of a lone separator ("2,180 yen" / "2.180 yen", see ``_other_reading``) is the same."""
        unit = unit_of(doc.text, m.start, m.end)
        if unit not in _STRONG_UNITS or self.facts_limited:
            return False

        def read_so(d: Doc, o: Mention) -> str | None:  # only a copy's sum in a form its language writes no sum in
            return (_other_reading(o) if d is self.cp and unit == "money" and not self.cross_language
                    and _foreign_sum(o, d) else None)

        values = {m.key, read_so(doc, m)}
        return not any((o.key in values or read_so(other, o) == m.key) and unit_of(other.text, o.start, o.end) == unit
                       for o in _mentions(other, "number"))

    def _bracket_conversion(self, doc: Doc, m: Mention) -> bool:
        """Whether the figure ``m`` of ``doc`` stands alone in brackets right after a figure that it converts into
        another unit of the same kind (``bracket_conversions``): "150 metres (492 feet)", "40 miles (64 km)",
        "$10m (€9.2m)". Units of fixed size agree within ``unit_conversion_tolerance`` (``numbers.converts``); two
        currencies, which have no fixed rate, within a factor of ``bracket_money_ratio``."""
        text, language = doc.text, doc.article.language
        units = units_of(text, m.start, m.end, language)
        if units is None:
            return False
        lo, hi = units_span(text, m.start, m.end, language)
        before = _ABOUT_BEFORE.sub("", text[:lo].rstrip()).rstrip()  # "(about 3.8 litres)", "（約3.8リットル）"
        if not before.endswith(("(", "\uff08")) or not text[hi:].lstrip().startswith((")", "\uff09")):
            return False
        paren = len(before) - 1
        prev = next((o for o in _mentions(doc, "number") if o.end <= paren and (
            (end := units_span(text, o.start, o.end, language)[1]) <= paren and not text[end:paren].strip())), None)
        prev_units = units_of(text, prev.start, prev.end, language) if prev is not None else None
        if prev is None or prev_units is None:
            return False
        try:
            x, y = float(prev.key), float(m.key)
        except ValueError:
            return False
        a_money, b_money = _currencies(prev_units), _currencies(units)
        if a_money and b_money:
            ratio = self.cfg.bracket_money_ratio
            return not (a_money & b_money) and x > 0 and y > 0 and 1 / ratio <= y / x <= ratio
        return converts(prev_units, x, units, y, self.cfg.unit_conversion_tolerance)

    def _converted(self, ms: Mention, mc: Mention) -> bool:
        """Whether two figures are one quantity in two units of fixed size (within ``unit_conversion_tolerance``:
        a translator rounds "320 km" to "200 miles")."""
        fs, fc = unit_size(self.src.text, ms.start, ms.end), unit_size(self.cp.text, mc.start, mc.end)
        if fs is None or fc is None or fs == fc:
            return False
        try:
            a, b = float(ms.key) * fs, float(mc.key) * fc
        except ValueError:
            return False
        return abs(a - b) <= self.cfg.unit_conversion_tolerance * max(a, b)

    def _dates(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        if self.facts_limited:  # no date reader on one side: its dates would all look dropped or added
            return self._month_days(s_sents, c_sents) if self.month_days else []
        s_m = [m for s in s_sents for m in s.mentions if m.kind == "date"]
        c_m = [m for s in c_sents for m in s.mentions if m.kind == "date"]
        s_vals = _date_values(s_m, self.ref_src)
        c_vals = _date_values(c_m, self.ref_cp)
        # A date of the passage the other side's passage lacks, against one of the same kind (a weekday for a
        # weekday, a day of a month for a day of a month) that only the other side's passage has, is one date
        # changed, even where both dates occur elsewhere in the articles ("Tuesday ... more was expected
        # Wednesday" -> "... Thursday", the story's Thursday said further down).
        lost = [m for m in s_m if not (_date_keys(m, self.ref_src) & c_vals)]
        gained = [m for m in c_m if not (_date_keys(m, self.ref_cp) & s_vals) and not self._head_carried(m, c_sents)]
        swapped: list[tuple[Mention, Mention]] = []
        for ms in lost:
            mc = next((m for m in gained if _date_kind(m) == _date_kind(ms)), None)
            if mc is not None:
                gained.remove(mc)
                swapped.append((ms, mc))
        for ms, mc in swapped:
            self.emit("changed", "date", (ms.text, (ms.start, ms.end)), (mc.text, (mc.start, mc.end)))
        paired = {m for pair in swapped for m in pair}
        # A clock time the other side writes as a figure ("19 Uhr" = "19 heures", which is no time mention)
        # is kept, as ``_numbers`` keeps the figure against the clock time.
        extra_c = [m for m in c_m if m not in paired and not (_date_keys(m, self.ref_cp) & (s_vals | self.src_dates))
                   and not (_clock_values({m.key}) & self.src_numbers) and not self._head_carried(m, c_sents)]
        extra_s = [m for m in s_m if m not in paired and not (_date_keys(m, self.ref_src) & (c_vals | self.cp_dates))
                   and not (_clock_values({m.key}) & self.cp_numbers)]
        # "today" said as "currently" / "now" by the other side's passage is the same present, no date added
        # or dropped ("the explanation currently being offered" -> "the explanation being offered today").
        extra_c = [m for m in extra_c if not (m.key == "rel:0" and _says_now(s_sents))]
        extra_s = [m for m in extra_s if not (m.key == "rel:0" and _says_now(c_sents))]
        return [(mc.start, mc.end) for _ms, mc in swapped] + self._pair_up("date", extra_s, extra_c)

    def _month_days(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        """Where facts are limited (``month_days_across``): the dates with a month and a day that the passage lost
        (none of the copy's dates says that day), each against one it gained, in reading order, as changed dates."""
        lost = [m for m, k in _month_days(self.src, s_sents) if k not in self.cp_month_days]
        gained = [m for m, k in _month_days(self.cp, c_sents) if k not in self.src_month_days]
        for ms, mc in zip(lost, gained, strict=False):
            self.emit("changed", "date", (ms.text, (ms.start, ms.end)), (mc.text, (mc.start, mc.end)))
        return [(mc.start, mc.end) for mc in gained[:len(lost)]]

    def _pair_up(self, typ: DiffType, extra_s: list[Mention], extra_c: list[Mention],
                 same_kind: Callable[[Mention, Mention], bool] = lambda _s, _c: True) -> list[tuple[int, int]]:
        """A dropped and an added fact in one passage are one changed fact when they are of the same kind
        (for figures: the same unit, or both bare counts); taken in reading order."""
        left = list(extra_c)
        for ms in extra_s:
            mc = next((c for c in left if same_kind(ms, c)), None)
            if mc is None:
                span = _figure_span(self.src.text, ms) if typ == "number" else (ms.start, ms.end)
                self.emit("dropped", typ, (self.src.text[span[0]:span[1]], span), None)
                continue
            left.remove(mc)
            self.emit("changed", typ, (ms.text, (ms.start, ms.end)), (mc.text, (mc.start, mc.end)))
        for mc in left:
            span = _figure_span(self.cp.text, mc) if typ == "number" else (mc.start, mc.end)
            self.emit("added", typ, None, (self.cp.text[span[0]:span[1]], span))
        return [(m.start, m.end) for m in extra_c]

    def _names(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        from rapidfuzz import fuzz

        s_tokens = [t for s in s_sents for t in _mention_tokens(s.mentions, "name", self.cfg.min_name_token)]
        c_tokens = [t for s in c_sents for t in _mention_tokens(s.mentions, "name", self.cfg.min_name_token)]
        # A name the passage lost, against a spelling the source never uses: a farm misspells a name
        # once and keeps it right elsewhere, so "missing" is read in this passage, "new" in the whole
        # source (a name moved to another sentence is neither).
        # counted, not as a set: "Claure ... Claure" -> "Cluare ... Claure" lost one
        in_passage = Counter(t[0] for t in c_tokens)
        missing = []
        for t in s_tokens:
            if in_passage[t[0]] > 0:
                in_passage[t[0]] -= 1
            else:
                missing.append(t)
        new = [t for t in c_tokens if t[0] not in self.src_name_tokens]
        if not self.cross_language:
            # The same on the source's side: a name the source writes once, at a sentence's start ("Wistron
            # and Global Lighting ..."), is no name mention there, yet a copy that spells it otherwise
            # changed it; a capitalised word the copy never writes is a candidate.
            missing += self._capitalised(s_sents, s_tokens, self.cp_words)
            # The new spelling may open a sentence, where a capital says nothing ("Kovalczik said ..."):
            # a capitalised word the source never writes is a candidate too.
            new += self._capitalised(c_sents, c_tokens, self.src_words)
        spans = []
        taken: set[int] = set()
        for key, text, span in missing:
            best, best_k = 0.0, -1
            for k, (ckey, _ct, _cs) in enumerate(new):
                score = fuzz.ratio(key, ckey)
                if k not in taken and score > best:
                    best, best_k = score, k
            if best >= self.cfg.name_similarity_min:
                taken.add(best_k)
                ckey, ctext, cspan = new[best_k]
                if _derived(key, ckey) or (self.cross_language and (
                        self._translated(text, ctext) or _common_word(text, self.src.text)
                        or _common_word(ctext, self.cp.text))) or (
                        not self.cross_language and (self._words(key, ckey) or self._glued(key, ckey))):
                    continue
                self.emit("changed", "name", (text, span), (ctext, cspan))
                spans.append(cspan)
        return spans

    def _name_swaps(self, s_sents: list[Sentence], c_sents: list[Sentence],
                    reported: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Within one language, in a lexically edited passage: a name put in the place of an unlike one (``name_swaps``;
        a name spelled otherwise is ``_names``'). In one edit region of the aligned word sequences, name-mention words
        of the source that the copy never writes against name-mention words of the copy that the source never writes
        ("Maren Thalbeck" -> "Ilse Brandt"). Not a name moved or said elsewhere (the other text writes it), a pronoun
        or title in its place (no name there), a case or typography difference (one name key), a derived form
        ("Korea" / "Korean"), or two ordinary words of the language (``same_language_word_zipf``)."""
        from rapidfuzz import fuzz

        s_names = self._swap_names(self.src, s_sents)
        c_names = self._swap_names(self.cp, c_sents)
        s_tok, c_tok = _word_tokens(s_sents), _word_tokens(c_sents)
        spans = []
        for s_lo, s_hi, c_lo, c_hi in _edit_regions([t[0] for t in s_tok], [t[0] for t in c_tok]):
            lost = [t for t in s_tok[s_lo:s_hi] if (t[1], t[2]) in s_names and _name_key(t[0]) not in self.cp_words]
            new = [t for t in c_tok[c_lo:c_hi] if (t[1], t[2]) in c_names and _name_key(t[0]) not in self.src_words]
            if not lost or not new:
                continue
            s_span, c_span = (lost[0][1], lost[-1][2]), (new[0][1], new[-1][2])
            if _hits(c_span, reported) or _hits(s_span, self.reported_src):
                continue
            s_keys, c_keys = [_name_key(t[0]) for t in lost], [_name_key(t[0]) for t in new]
            if any(_derived(a, b) or self._glued(a, b) or fuzz.ratio(a, b) >= self.cfg.name_similarity_min
                   for a in s_keys for b in c_keys) or all(self._words(a, b) for a in s_keys for b in c_keys):
                continue  # one name in another form, or spelled alike (``_names`` has read it), or word for word
            if self._pivot_words(s_keys) or self._pivot_words(c_keys):
                continue  # a word of the round trip's pivot language left in or taken out ("All" -> "Todos")
            self.emit("changed", "name", (self.src.text[s_span[0]:s_span[1]], s_span),
                      (self.cp.text[c_span[0]:c_span[1]], c_span))
            self.reported_src.append(s_span)
            self.swapped_names.append(c_span)
            spans.append(c_span)
        return spans

    def _pivot_words(self, keys: list[str]) -> bool:
        """Whether every one of ``keys`` is a word of a pivot language (``name_swap_pivot_languages``, not the
        text's): Zipf at or above ``pivot_word_zipf`` there and ``pivot_word_margin`` above its Zipf in the text's
        language ("todos": 6.1 in Portuguese, 2.6 in English; "Maria": 5.2 / 4.3, a name of both)."""
        own = self.src.article.language or "en"
        langs = [lang for lang in self.cfg.name_swap_pivot_languages if lang != own]

        def pivot(word: str) -> bool:
            here = word_zipf(word, own) or 0.0
            return any((z := word_zipf(word, lang) or 0.0) >= self.cfg.pivot_word_zipf
                       and z - here >= self.cfg.pivot_word_margin for lang in langs)

        return bool(langs and keys) and all(pivot(_bare(k)) for k in keys)

    def _swap_names(self, doc: Doc, sents: list[Sentence]) -> set[tuple[int, int]]:
        """The spans of the name-mention words of ``sents`` that ``_name_swaps`` reads: capitalised where a capital
        says something (not at a sentence's, a line's, a quotation's or a bracket's start, nor after a colon or a
        dash), or written so elsewhere in ``doc`` ("Thought I did my part" opens a quotation: no name)."""
        tokens = [t for s in sents for t in _mention_tokens(s.mentions, "name", self.cfg.min_name_token)]
        inside = {k for k, t in enumerate(tokens) if not _initial(doc.text, t[2][0])}
        if len(inside) == len(tokens):
            return {t[2] for t in tokens}
        named = self.mid_names.get(id(doc))
        if named is None:
            named = {key for s in doc.sentences for key, _w, span in _mention_tokens(s.mentions, "name", 1)
                     if not _initial(doc.text, span[0])}
            self.mid_names[id(doc)] = named
        return {t[2] for k, t in enumerate(tokens) if k in inside or t[0] in named}

    def _capitalised(self, sents: list[Sentence], tokens: list[tuple[str, str, tuple[int, int]]],
                     other_words: set[str]) -> list[tuple[str, str, tuple[int, int]]]:
        """Name candidates beyond the name mentions ``tokens``: capitalised words of ``sents`` (long enough to
        be a name token) that are no mention already and that the other article never writes."""
        seen = {t[2] for t in tokens}
        out = []
        for s in sents:
            for w in WORD.finditer(s.text):
                word, span = w.group(), (s.start + w.start(), s.start + w.end())
                if (word[:1].isupper() and len(word) >= self.cfg.min_name_token and span not in seen
                        and _name_key(word) not in other_words):
                    out.append((_name_key(word), word, span))
        return out

    def _words(self, src_key: str, cp_key: str) -> bool:
        """Within one language: both forms are ordinary words of it (wordfreq Zipf at or above
        ``same_language_word_zipf``): a word swapped for another ("Theatre" -> "Theater", "Economics" ->
        "Economy", "Isles" -> "Islands"), rewording, not a name spelled differently."""
        language = self.src.article.language
        floor = self.cfg.same_language_word_zipf
        return ((word_zipf(_bare(src_key), language) or 0.0) >= floor
                and (word_zipf(_bare(cp_key), language) or 0.0) >= floor)

    def _glued(self, src_key: str, cp_key: str) -> bool:
        """Within one language: one form is the other with a common word glued on, a space lost ("Cook" ->
        "CookYou", "Taylor" -> "TaylorThe", "Filsaimewith" -> "Filsaime"): the name is the same. The glued
        word must be among the language's commonest (wordfreq Zipf at or above ``glued_word_zipf``: "the",
        "you", "with"), so no ending or letter a misspelling adds counts."""
        short, long_ = sorted((src_key, cp_key), key=len)
        rest = long_[len(short):]
        if len(short) < self.cfg.min_name_token or len(rest) < 3 or not long_.startswith(short):
            return False
        return (word_zipf(rest, self.src.article.language) or 0.0) >= self.cfg.glued_word_zipf

    def _translated(self, src_text: str, cp_text: str) -> bool:
        """Across languages: is ``cp_text`` the copy language's form of ``src_text`` rather than a misspelling?

        Yes when one form is a part of the other ("Landungsbrücken" -> "Landungsbrücken-Piers"), or when
        both are ordinary words of their own language (a cognate or exonym: "Lisbon" -> "Lisboa",
        "Senate" -> "Senat"). A person's surname is rare as a word in the source language, and its
        misspelling rarer still in the copy's, so "Zamudio" -> "Samudio" and "Seo" -> "Soe" stay changes.
        """
        s, c = _bare(src_text), _bare(cp_text)
        sl, cl = self.src.article.language, self.cp.article.language
        strict = self.cfg.name_endings
        if s in _PARTS.split(c) or c in _PARTS.split(s) or _transliterated(s, c, sl, cl, endings=strict):
            return True
        if _exonym(s, c):
            # another ending vowel makes an exonym of a place ("Europe" / "Europa") but a misspelling of a
            # surname ("Brekke" / "Brekka"): one form must be a word or a known place (``name_endings``)
            return not strict or not _vowel_ending_swapped(s, c) or _known_form(s, sl) or _known_form(c, cl)
        # A language wordfreq does not know counts as no word: every difference is reported.
        return ((word_zipf(c, self.cp.article.language) or 0.0) >= self.cfg.cross_language_word_zipf
                and (word_zipf(s, self.src.article.language) or 0.0) >= self.cfg.cross_language_source_zipf)

    def _opinion(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        if self.cross_language and self.src.article.language not in CUE_LANGUAGES:
            # Across languages a cue counts only where the source passage carries none, which can be read
            # only in a language the cue lists cover: a Russian or Japanese source's "of course" or
            # "clearly" would make the translation's read as inserted comment.
            return []
        s_text = " ".join(s.text for s in s_sents)
        s_words = [w.casefold() for w in WORD.findall(s_text) if len(w) > 3]
        spans = []
        for s in c_sents:
            # Numbers, dates and names the source lacks are facts, not comment.
            facts = [(m.start - s.start, m.end - s.start) for m in s.mentions
                     if m.kind in ("number", "date")
                     or (m.kind == "name" and not {_name_key(w) for w in WORD.findall(m.key)} <= self.src_name_tokens)]
            quotes = [(m.start - s.start, m.end - s.start) for m in s.mentions if m.kind == "quote"]
            found = _opinion_spans(s.text, s_text, cross_language=self.cross_language)
            if self.cross_language and found and self.embed is not None:
                found = [sp for sp in found if not self._translated_clause(s.text[sp[0]:sp[1]], s_text)]
            asides: list[tuple[int, int]] = []
            if not self.cross_language:  # word overlap means nothing across languages
                asides = _inserted_asides(s.text, s_words, self.cfg.aside_min_words, self.cfg.aside_max_overlap)
            found += [sp for sp in asides
                      if not _hits(sp, facts) and not _hits(sp, quotes) and not _hits(sp, found)]
            for start, end in sorted(found):
                span = (s.start + start, s.start + end)
                self.emit("added", "opinion", None, (s.text[start:end], span))
                spans.append(span)
        return spans

    def _said_nearby(self, text: str, sents: list[Sentence], *, other_side: Doc) -> bool:
        """Whether words only one side of an edited passage has are said by the other side's sentences around the
        passage (``sents``, one either side): at least ``merged_min_support`` of their content words (one or
        more) found there (rapidfuzz ratio >= 80). A round trip merges a sentence into its neighbour ("... out
        of the tournament. Now we are in a good position" -> "... out of the tournament, and now we're in a good
        position"), or moves a phrase inside the sentence ("It is expected that the council will approve" ->
        "The council is expected to approve"), and the moved words are no content of the copy's own; an
        inserted clause's words are nowhere near."""
        from rapidfuzz import fuzz, process

        # a contraction ("we're", "it's") is a pronoun and an auxiliary: function words, however long
        words = [w for w in _content_words(text) if "'" not in w and "\u2019" not in w]
        if not words:
            return False
        # one content word says little: it counts as moved only inside the same sentences ("It is expected
        # that" -> "is expected to"), not from a neighbour ("..., as did the company" after "The ferry company")
        near = 1 if len(words) >= 2 else 0
        lo, hi = min(s.index for s in sents) - near, max(s.index for s in sents) + near
        pool = sorted({w for s in other_side.sentences if lo <= s.index <= hi for w in _content_words(s.text)})
        found = sum(1 for w in words if pool and process.extractOne(w, pool, scorer=fuzz.ratio, score_cutoff=80))
        return found / len(words) >= self.cfg.merged_min_support

    def _translated_clause(self, clause: str, source_passage: str) -> bool:
        """Across languages: whether a clause of the copy translates the aligned source passage or one of its
        clauses (two words or more): cosine at least ``opinion_translated_min_similarity``."""
        assert self.embed is not None
        pieces = [source_passage] + [m.group().strip() for m in _CLAUSE.finditer(source_passage)
                                     if len(WORD.findall(m.group())) >= 2]
        v = self.embed([clause], self.cp.article.language)[0]
        sims = self.embed(pieces, self.src.article.language) @ v
        return float(sims.max()) >= self.cfg.opinion_translated_min_similarity

    def _clauses(self, p: AlignedPair, c_sents: list[Sentence]) -> list[_Clause]:
        """The clauses of the copy's side of a passage, each with its support in the source around it."""
        from rapidfuzz import fuzz, process

        lo, hi = min(p.a_sents, default=0) - self.cfg.claim_window, max(p.a_sents, default=0) + self.cfg.claim_window
        near = {w.casefold() for s in self.src.sentences if lo <= s.index <= hi for w in WORD.findall(s.text)}
        pool = sorted(w for w in near if len(w) > 3)
        # a three-letter content word supports a word it is the stem of ("24-car pile-up" / "a stack of 24 cars"),
        # never by likeness ("old" is not "sold" or "gold"; "for" is no "fort")
        stems = {w for w in near if len(w) == 3 and w not in _FUNCTION_WORDS and w not in _SHORT_WORDS}

        def supported(w: str) -> bool:
            if any(w.startswith(t) and len(w) - 3 <= 2 for t in stems):
                return True
            return bool(pool) and process.extractOne(w, pool, scorer=fuzz.ratio, score_cutoff=80) is not None

        out = []
        for s in c_sents:
            figures = [(m.start - s.start, m.end - s.start) for m in s.mentions if m.kind == "number"]
            for m in _CLAUSE_OF.finditer(s.text):
                clause = m.group()
                lead = len(clause) - len(clause.lstrip(_TRIM))
                a, b = m.start() + lead, m.end() - (len(clause) - len(clause.rstrip(_TRIM + ".")))
                if b <= a:
                    continue
                links = [mk.span() for mk in _CONNECTIVE.finditer(s.text, a, b)]
                words = [w for w in WORD.finditer(s.text, a, b) if not _hits(w.span(), links)]
                content = [w.group().casefold() for w in words if len(w.group()) > 3
                           and w.group().casefold() not in _FUNCTION_WORDS and not _hits((w.start(), w.end()), figures)]
                hits = [supported(w) for w in content]
                out.append(_Clause(s.start + a, s.start + b, len(words), len(content),
                                   sum(hits) / len(hits) if hits else 1.0))
        return out

    def _claims(self, c_sents: list[Sentence], clauses: list[_Clause],
                reported: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Clauses of the copy the source does not support, typed by ``_clause_type``; a clause that holds
        an item already reported (an opinion, a figure with its clause) is not reported again."""
        spans = []
        mentions = [m for s in c_sents for m in s.mentions]
        for cl in clauses:
            span = (cl.start, cl.end)
            if any(cl.start <= a and b <= cl.end for a, b in reported):
                continue
            text = self.cp.text[cl.start:cl.end]
            typ = _clause_type(cl, text, [m for m in mentions if cl.start <= m.start and m.end <= cl.end], self.cfg)
            if typ is not None:
                self.emit("added", typ, None, (text, span))
                spans.append(span)
        return spans

    def _pieces(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> None:
        """Sentences dropped or added inside a kept one, found by embedding each piece of the passage."""
        s_pieces = [pc for s in s_sents for pc in _pieces(s, self.cfg.piece_min_words)]
        c_pieces = [pc for s in c_sents for pc in _pieces(s, self.cfg.piece_min_words)]
        if len(s_pieces) == len(s_sents) and len(c_pieces) == len(c_sents):
            return  # no sentence holds more than one piece: the alignment has seen them all
        assert self.embed is not None
        doc_s, doc_c = self.src.text, self.cp.text
        vs = self.embed([doc_s[a:b] for a, b in s_pieces], self.src.article.language)
        vc = self.embed([doc_c[a:b] for a, b in c_pieces], self.cp.article.language)
        sim = vs @ vc.T
        low = self.cfg.piece_max_similarity
        if sim.max() < low:
            return  # no piece matches any other: nothing here to say which one is the extra
        for i, (a, b) in enumerate(s_pieces):
            if sim[i].max() < low:
                mentions = tuple(m for s in s_sents for m in s.mentions if m.start < b and a < m.end)
                self.emit("dropped", _sentence_type(mentions, doc_s[a:b]), (doc_s[a:b], (a, b)), None,
                          quoted=_quoted(mentions))
        for j, (a, b) in enumerate(c_pieces):
            if sim[:, j].max() < low:
                mentions = tuple(m for s in c_sents for m in s.mentions if m.start < b and a < m.end)
                self.emit("added", _added_type(mentions, doc_c[a:b]), None, (doc_c[a:b], (a, b)),
                          quoted=_quoted(mentions))

    # -- meaning words -----------------------------------------------------------------------
    def _meaning(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        """Negations, hedges, figure qualifiers and attributions the passage lost or gained."""
        s_tok = [(w, s.start + a, s.start + b) for s in s_sents for w, a, b in cue_words(s.text)]
        c_tok = [(w, s.start + a, s.start + b) for s in c_sents for w, a, b in cue_words(s.text)]
        spans: list[tuple[int, int]] = []
        checks: tuple[tuple[Callable[[list[tuple[str, int, int]]], list[tuple[str, int, int]]], DiffType], ...] = (
            (lambda toks: _negating(toks, self.cfg), "negation"),
            (lambda toks: [t for t in toks if t[0] in HEDGES], "qualifier"))
        garbled = _prepositions_as_not(s_tok, c_tok)
        s_sure, c_sure = _made_certain(s_tok, c_tok), _made_certain(c_tok, s_tok)
        for find, typ in checks:
            s_hits, c_hits = find(s_tok), [t for t in find(c_tok) if t[1] not in garbled]
            # A class, not a word: "did not" -> "had no" keeps its negation; a hedge the other side says
            # with one more modal of possibility than this side has ("may" -> "could") is kept too.
            s_cover, c_cover = len(s_hits), len(c_hits)
            if typ == "negation":
                # A bare "not" with no auxiliary before it ("while not ideal", "not yet") is a denial in
                # the source, which a person wrote; in the copy it may be a translation's garbled
                # preposition ("plan not last year"), so there it keeps only a bare "not" of the source,
                # or one the word alignment matches to a source "not" (its auxiliary garbled: "do not
                # support" -> "of not support"), and is never reported added.
                s_bare = [t for t in s_tok if t[0] == "not" and t not in s_hits]
                c_bare = [t for t in c_tok if t[0] == "not" and t not in c_hits and t[1] not in garbled]
                kept = _nots_kept(s_tok, c_tok)
                s_hits = sorted(s_hits + s_bare, key=lambda t: t[1])
                s_cover = len(s_hits)
                # with ``no_longer_negation`` a bare "not" of the copy also covers a source "no longer" / "no
                # one" ("decided to no longer consider" -> "decided not to consider ... any more")
                s_no = sum(1 for t in s_hits if t[0] == "no")
                c_cover += max(sum(1 for t in c_bare if t[1] in kept), min(len(c_bare), len(s_bare) + s_no))
                # A negation said another way ("did not intend" / "had no intention", "no one" / "nobody",
                # "unclear" / "not clear", "has not yet" / "has yet to", "failed to" / "did not") is kept.
                s_more, c_more = _negation_forms(s_tok, c_tok, _prepositions_as_not(s_tok, c_tok, _NO),
                                                 no_longer=self.cfg.no_longer_negation,
                                                 no_one=self.cfg.no_one_negation)
                # a negation said as a bound the other way round ("cannot hold more than 40" / "at most 40")
                s_bound, c_bound = self._bounds_negated(s_sents, c_sents)
                s_cover, c_cover = s_cover + s_more + c_bound, c_cover + c_more + s_bound
                if self.cfg.negation_equivalents:
                    # denied without a negation word ("would not raise" / "ruled out", "suspended" / "will not run")
                    s_eq, c_eq = len(negation_equivalents(s_tok)), len(negation_equivalents(c_tok))
                    s_cover, c_cover = s_cover + max(0, s_eq - c_eq), c_cover + max(0, c_eq - s_eq)
            if typ == "qualifier":
                # a possibility the other side makes certain in its place ("could rise" -> "will rise")
                s_hits = sorted(s_hits + [t for t in s_sure if t not in s_hits], key=lambda t: t[1])
                c_hits = sorted(c_hits + [t for t in c_sure if t not in c_hits], key=lambda t: t[1])
                s_cover, c_cover = len(s_hits), len(c_hits)
                s_poss = sum(1 for t in s_tok if t[0] in POSSIBILITY)
                c_poss = sum(1 for t in c_tok if t[0] in POSSIBILITY)
                s_cover, c_cover = s_cover + max(0, s_poss - c_poss), c_cover + max(0, c_poss - s_poss)
                # "seemingly" / "it seems that" says what "apparently" says (and only that hedge)
                s_seem, c_seem = _seemings(s_tok), _seemings(c_tok)
                s_cover += min(max(0, s_seem - c_seem), sum(1 for t in c_hits if t[0] in _APPARENTLY))
                c_cover += min(max(0, c_seem - s_seem), sum(1 for t in s_hits if t[0] in _APPARENTLY))
            # the cue words the word alignment keeps (an equal stretch) are the covered ones: those left over
            # are the ones to report ("didn't know if ... or not" -> "did know whether ... or not": the lost one
            # is "didn't", not the later "not"; "could damage ... may be late" -> "will damage ... may be late":
            # the lost hedge is the "could" made certain, not the "may" kept)
            s_hits = _aligned_first(s_hits, s_tok, c_tok, last=set(s_sure) if typ == "qualifier" else set())
            c_hits = _aligned_first(c_hits, c_tok, s_tok, last=set(c_sure) if typ == "qualifier" else set())
            lost = sorted(s_hits[c_cover:], key=lambda t: t[1])
            gained = sorted(c_hits[s_cover:], key=lambda t: t[1])
            for t in lost:
                span = _with_one(s_tok, t, _with_previous(s_tok, t))
                self.emit("dropped", typ, (self.src.text[span[0]:span[1]], span), None)
                self.reported_src.append(span)
            for t in gained:
                span = _with_one(c_tok, t, _with_previous(c_tok, t))
                self.emit("added", typ, None, (self.cp.text[span[0]:span[1]], span))
                spans.append(span)
        spans += self._qualifiers(s_sents, c_sents)
        s_attr = _extra_attributions(self.src.text, s_sents, s_tok, c_tok)
        c_attr = _extra_attributions(self.cp.text, c_sents, c_tok, s_tok)
        # An attribution a translation moved to a neighbouring sentence ('... right?" Ames said.' cut after
        # the quote on one side only) is kept: the copy says the same phrase ("Ames said") near the
        # passage, or, for one it adds, the source uses the same verb near it.
        c_near = _casefolded(_near(self.cp, c_sents, self.cfg.claim_window))
        s_near = set(WORD.findall(_casefolded(_near(self.src, s_sents, self.cfg.claim_window))))
        # An attribution said with another verb of saying ("comments the specialist" / "says the specialist",
        # "was told by" / "was informed by"): the other side's passage has as many verbs of saying.
        s_say, c_say = _sayings(s_tok, self.src.text), _sayings(c_tok, self.cp.text)
        for span in s_attr[:max(0, len(s_attr) - len(c_attr))]:
            phrase = _casefolded(self.src.text[span[0]:span[1]])
            words = WORD.findall(phrase)
            if len(words) >= 2 and words[0] not in _PRONOUNS and re.search(
                    rf"(?<!\w){re.escape(phrase)}(?!\w)", c_near):
                continue  # "Ames said" near the passage; "he said" says too little to tell
            if _said_otherwise(words, c_tok) or c_say >= s_say:
                continue
            self.emit("dropped", "attribution", (self.src.text[span[0]:span[1]], span), None)
            self.reported_src.append(span)
        for span in c_attr[:max(0, len(c_attr) - len(s_attr))]:
            words = WORD.findall(_casefolded(self.cp.text[span[0]:span[1]]))
            verb = words[-1:]
            if (verb and verb[0] in s_near) or _said_otherwise(words, s_tok) or s_say >= c_say:
                continue
            self.emit("added", "attribution", None, (self.cp.text[span[0]:span[1]], span))
            spans.append(span)
        if self.cfg.speaker_changes:
            spans += self._speakers(s_sents, c_sents)
        return spans

    def _speakers(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        """An attribution kept but given to someone else ("according to the agency" -> "according to the
        opposition", "Volker said" -> "Marsh said"): a speaker of the source whose words the copy's passage
        lacks, and one of the copy whose words the source's passage lacks, paired in order, one of the two
        named (a speaker spelled another way is the name check's; two common nouns are as often a translation's
        synonyms, "the physicians" / "doctors", "the officials" / "authorities": measured on dev rt-plain)."""
        from rapidfuzz import fuzz

        s_said, c_said = _speakers_of(self.src.text, s_sents), _speakers_of(self.cp.text, c_sents)
        if not s_said or not c_said:
            return []
        s_stems = {w[:5] for w in _content_words(" ".join(s.text for s in s_sents))}
        c_stems = {w[:5] for w in _content_words(" ".join(s.text for s in c_sents))}
        lost = [sp for sp in s_said if _unsupported(self.src.text[sp[0]:sp[1]], c_stems)]
        new = [sp for sp in c_said if _unsupported(self.cp.text[sp[0]:sp[1]], s_stems)]
        spans = []
        for a, b in zip(lost, new, strict=False):
            a_text, b_text = self.src.text[a[0]:a[1]], self.cp.text[b[0]:b[1]]
            if fuzz.ratio(a_text.casefold(), b_text.casefold()) >= 70 or not (_named(a_text) or _named(b_text)):
                continue
            if _hits(b, self.swapped_names):  # a speaker's name put in another's place: the attribution item only
                self.items = [d for d in self.items if not (d.type == "name" and d.op == "changed" and _hits(
                    (d.a_span if self.flip else d.b_span) or (0, 0), [b]))]
            self.emit("changed", "attribution", (a_text, a), (b_text, b))
            self.reported_src.append(a)
            spans.append(b)
        return spans

    def _kept_figures(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[
            tuple[Mention, Mention, list[tuple[int, int]], list[tuple[int, int]]]]:
        """The figures the copy's passage keeps, each source figure with a copy figure of the same value (a figure
        whose value changed is a number's business), and the qualifier chains of both (``_qualifier_chain``). Of
        several figures of one value, one that counts the same word is taken first ("more than 10 boats and fewer
        than 10 ferries" -> "fewer than 10 ferries and more than 10 boats"), the rest in reading order. An "over" /
        "under" that the other side says with a preposition in its place ("spread over 3 years" -> "spread across
        3 years", "under 12" -> "below 12") is that preposition, no qualifier."""
        s_nums = [m for s in s_sents for m in s.mentions if m.kind == "number"]
        c_nums = [m for s in c_sents for m in s.mentions if m.kind == "number"]
        paired: dict[Mention, Mention] = {}
        for same_word in (True, False):
            for ms in s_nums:
                word = _word_after(self.src.text, ms.end)
                mc = next((m for m in c_nums if m.key == ms.key and ms not in paired and (
                    not same_word or (word is not None and _word_after(self.cp.text, m.end) == word))), None)
                if mc is not None:
                    paired[ms] = mc
                    c_nums.remove(mc)
        out = []
        for ms in s_nums:
            if ms not in paired:
                continue
            mc = paired[ms]
            qs, qc = _qualifier_chain(self.src.text, ms.start), _qualifier_chain(self.cp.text, mc.start)
            qs_, qc_ = (_preposition_off(self.src.text, qs, self.cp.text, qc, mc.start),
                        _preposition_off(self.cp.text, qc, self.src.text, qs, ms.start))
            out.append((ms, mc, qs_, qc_))
        return out

    def _bounds_negated(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> tuple[int, int]:
        """How many negations each side says only as a bound that the other side says the other way round
        ("cannot hold more than 40" = "can hold at most 40"): (source's, copy's), each covering one of the
        other side's negations."""
        s_neg = c_neg = 0
        for _ms, _mc, qs, qc in self._kept_figures(s_sents, c_sents):
            if not qs or not qc or _bound_class(self.src.text, qs[0]) != _bound_class(self.cp.text, qc[0]):
                continue
            a, b = _negates_bound(self.src.text, qs[0]), _negates_bound(self.cp.text, qc[0])
            s_neg, c_neg = s_neg + (a and not b), c_neg + (b and not a)
        return s_neg, c_neg

    def _qualifiers(self, s_sents: list[Sentence], c_sents: list[Sentence]) -> list[tuple[int, int]]:
        """A figure kept in the copy that lost (or gained) its qualifier: "about 400" -> "400"."""
        spans = []
        for ms, mc, qs, qc in self._kept_figures(s_sents, c_sents):
            # a qualifier lost or gained: "about 400" -> "400", or one of two, "only about 0.2%" -> "only 0.2%"
            if len(qs) > len(qc):
                span = (qs[-1][0], ms.end)
                self.emit("dropped", "qualifier", (self.src.text[span[0]:span[1]], span), None)
                self.reported_src.append((qs[-1][0], qs[0][1]))
            elif len(qc) > len(qs):
                span = (qc[-1][0], mc.end)
                self.emit("added", "qualifier", None, (self.cp.text[span[0]:span[1]], span))
                spans.append((qc[-1][0], qc[0][1]))
            elif any((a := _bound_class(self.src.text, q)) and (b := _bound_class(self.cp.text, r)) and a != b
                     and _words_of(self.src.text, q) != _words_of(self.cp.text, r)
                     for q, r in zip(qs, qc, strict=True)):
                # as many qualifiers, one bounding the figure another way: "more than 90" -> "less than 90" (the same
                # words bounding the other way are a negation gained or lost: "is more than" -> "isn't more than",
                # the negation's item)
                s_span, c_span = (qs[-1][0], ms.end), (qc[-1][0], mc.end)
                self.emit("changed", "qualifier", (self.src.text[s_span[0]:s_span[1]], s_span),
                          (self.cp.text[c_span[0]:c_span[1]], c_span))
                self.reported_src.append((qs[-1][0], qs[0][1]))
                spans.append((qc[-1][0], qc[0][1]))
        return spans

    # -- wording -----------------------------------------------------------------------------
    def _wording(self, s_sents: list[Sentence], c_sents: list[Sentence], reported: list[tuple[int, int]]) -> None:
        s_tok = _word_tokens(s_sents)
        c_tok = _word_tokens(c_sents)
        s_facts = [(m.start, m.end) for s in s_sents for m in s.mentions if m.kind in ("number", "date")]
        c_facts = [(m.start, m.end) for s in c_sents for m in s.mentions if m.kind in ("number", "date")]
        s_quotes = [(m.start, m.end) for s in s_sents for m in s.mentions if m.kind == "quote"]
        c_quotes = [(m.start, m.end) for s in c_sents for m in s.mentions if m.kind == "quote"]
        s_words = set(_content_words(" ".join(s.text for s in s_sents)))
        for s_lo, s_hi, c_lo, c_hi in _edit_regions([t[0] for t in s_tok], [t[0] for t in c_tok]):
            if all(len(t[0]) <= 3 for t in s_tok[s_lo:s_hi] + c_tok[c_lo:c_hi]):
                continue  # articles and prepositions shuffle in every edit: not worth a line
            s_span = _closed(self.src.text, (s_tok[s_lo][1], s_tok[s_hi - 1][2])) if s_hi > s_lo else None
            c_span = _closed(self.cp.text, (c_tok[c_lo][1], c_tok[c_hi - 1][2])) if c_hi > c_lo else None
            if (c_span and (_hits(c_span, reported) or _hits(c_span, c_facts))) or (
                    s_span and (_hits(s_span, s_facts) or _hits(s_span, self.reported_src))):
                continue  # numbers, dates, names, opinion and meaning words were compared above
            in_quote = bool((s_span and _hits(s_span, s_quotes)) or (c_span and _hits(c_span, c_quotes)))
            typ: DiffType = "quote" if in_quote else "other"
            src = (self.src.text[s_span[0]:s_span[1]], s_span) if s_span else None
            cp = (self.cp.text[c_span[0]:c_span[1]], c_span) if c_span else None
            # Words swapped for others are rewording; words only added or only dropped, as many as an
            # inserted aside has, are content the other side does not carry: added outside a quote,
            # that is a claim of the copy's own (issue #19: an unsupported clause is a ``claim``).
            content = (c_hi - c_lo if src is None else s_hi - s_lo if cp is None else 0) >= self.cfg.aside_min_words
            only = cp if src is None else src
            if content and only is not None and self._said_nearby(
                    only[0], s_sents if src is None else c_sents, other_side=self.src if src is None else self.cp):
                content = False  # a neighbouring sentence merged in (or split off): its words are the other side's
            if src is None:
                self.emit("added", "claim" if content and typ == "other" else typ, None, cp, material=content)
            elif cp is None:
                self.emit("dropped", typ, src, None, material=content)
            elif typ == "other" and (
                    (s_hi - s_lo <= 2 and _set_off_clause(_around(self.cp.text, cp[1]), self.cfg.aside_min_words))
                    or _unsupported_set_off(_around(self.cp.text, cp[1]), s_words, self.cfg)):
                # a word or two swapped for a passage that holds a whole clause set off by commas ("Earlier"
                # -> "Later, which has a new board, that"; the commas may stand just outside the edit), or any
                # rewording around such a clause whose words the source passage does not have ("host X's
                # comments" -> "which has offices in several countries, presenter X's remarks"): an inserted
                # aside, not rewording
                self.emit("changed", "claim", src, cp)
            else:
                self.emit("changed", typ, src, cp, material=False)


_BRACKETS = (("(", ")"), ("[", "]"), ("\uff08", "\uff09"))


def _closed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` (word to word) widened by the bracket it leaves open or the one that opens what it closes, when that
    bracket stands within two characters of it: "VARNHOLM (Reuters" -> "VARNHOLM (Reuters)" (user review, L7)."""
    lo, hi = span
    for left, right in _BRACKETS:
        piece = text[lo:hi]
        if piece.count(left) > piece.count(right):
            end = text.find(right, hi, hi + 3)
            if end >= 0:
                hi = end + 1
        elif piece.count(right) > piece.count(left):
            start = text.rfind(left, max(0, lo - 3), lo)
            if start >= 0:
                lo = start
    return lo, hi


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who"})
#: Words that say what the hedge "apparently" says without being hedges themselves ("life was seemingly getting
#: better" = "life was apparently improving"): an "apparently" the other side writes as one of these is kept. The
#: verbs only before "to" / "that" ("appears to be"; not "appeared in court").
_SEEMING = frozenset({"seemingly", "ostensibly", "seem", "seems", "seemed", "appear", "appears", "appeared"})
_SEEMING_VERBS = frozenset({"seem", "seems", "seemed", "appear", "appears", "appeared"})
#: The hedges a seeming word stands for (not "allegedly", "may", "reportedly": they say who doubts, or how much).
_APPARENTLY = frozenset({"apparently", "seemingly", "ostensibly", "supposedly"})


def _with_next(tokens: list[tuple[str, int, int]]) -> list[tuple[tuple[str, int, int], tuple[str, int, int] | None]]:
    """Each word of a passage with the word after it (None after the last; no pair for a passage of no word)."""
    return list(zip(tokens, [*tokens[1:], None], strict=False))


def _seemings(tokens: list[tuple[str, int, int]]) -> int:
    """How many seeming words (``_SEEMING``) a passage's words hold, its verbs only before "to" or "that"."""
    return sum(1 for (w, _a, _b), nxt in _with_next(tokens)
               if w in _SEEMING and (w not in _SEEMING_VERBS or (nxt is not None and nxt[0] in ("to", "that"))))


#: Verbs of saying: the attribution verbs cues.py reads, and the others a writer or a translation says them
#: with ("Gupta noted" / "Gupta observed", "Google tells us" / "Google says").
_SAYING = frozenset("""
say says said tell tells told state states stated add adds added report reports reported announce announces
announced explain explains explained confirm confirms confirmed claim claims claimed note notes noted insist
insists insisted warn warns warned argue argues argued acknowledge acknowledges acknowledged observe observes
observed notice notices noticed declare declares declared stress stresses stressed emphasise emphasises
emphasised emphasize emphasizes emphasized point points pointed indicate indicates indicated write writes wrote
written affirm affirms affirmed assert asserts asserted comment comments commented remark remarks remarked
reveal reveals revealed reply replies replied admit admits admitted recall recalls recalled suggest suggests
suggested mention mentions mentioned inform informs informed saying stating telling adding reporting announcing
explaining confirming claiming noting insisting warning arguing declaring stressing writing commenting
""".split())  # noqa: SIM905 - a word list reads best as text


#: Forms of ``_SAYING`` that are nouns as often as verbs ("scoring 20 points", "a report in the paper"): they count
#: as saying only before a speaker or a clause ("comments the specialist", "notes that").
_SAYING_OR_NOUN = frozenset("""
point points report reports state states note notes claim claims comment comments remark remarks warning writing
""".split())  # noqa: SIM905 - a word list reads best as text


def _sayings(tokens: list[tuple[str, int, int]], text: str) -> int:
    """How many verbs of saying (``_SAYING``) and "according to"s a passage's words (offsets into ``text``) hold."""
    n = 0
    for (w, _a, _b), nxt in _with_next(tokens):
        if w == "according":
            n += nxt is not None and nxt[0] == "to"
        elif w in _SAYING and (w not in _SAYING_OR_NOUN or (nxt is not None and (
                nxt[0] in ("the", "a", "an", "that") or text[nxt[1]:nxt[1] + 1].isupper()))):
            n += 1
    return n


def _said_otherwise(phrase: list[str], other: list[tuple[str, int, int]]) -> bool:
    """Whether the other side's passage (its ``cue_words``) says an attribution phrase ("gupta noted", "been
    stated", casefolded words) with another verb of saying: the same word before it (the speaker; a pronoun
    says too little to tell) followed, within three words, by a verb of ``_SAYING`` ("Gupta, observed",
    "been declared"). The attribution is kept, said another way."""
    if len(phrase) < 2 or phrase[0] in _PRONOUNS:
        return False
    words = [t[0] for t in other]
    return any(w == phrase[0] and any(v in _SAYING for v in words[k + 1:k + 4]) for k, w in enumerate(words))


def _near(doc: Doc, sents: list[Sentence], window: int) -> str:
    """The text of ``sents`` and of ``window`` sentences either side of them."""
    lo, hi = min(s.index for s in sents) - window, max(s.index for s in sents) + window
    return " ".join(s.text for s in doc.sentences if lo <= s.index <= hi)


def _casefolded(text: str) -> str:
    return text.casefold().replace("\u2019", "'")


def _extra_attributions(text: str, sents: list[Sentence], toks: list[tuple[str, int, int]],
                        other: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """Attribution phrases of a passage (with the word before: "he said"; ``toks`` are the passage's
    cue words), those whose verb the ``other`` side lacks first, so the one reported as lost is gone."""
    words = {w for w, _a, _b in other}
    found = []
    for s in sents:
        for a, b in attribution_spans(s.text):
            start, end = s.start + a, s.start + b
            found.append((text[start:end].split(maxsplit=1)[0].lower() in words,
                          _with_previous(toks, (text[start:end], start, end))))
    return [span for _kept, span in sorted(found, key=lambda t: t[0])]


#: Prepositions that machine translation through Portuguese turns into a "not" ("no" is "in the" / "on the"
#: there): "posted on Twitter" -> "posted not Twitter", "on the ground" -> "not ground".
_NOT_FOR = frozenset({"on", "in", "at", "into", "onto", "no"})


def _prepositions_as_not(s_tok: list[tuple[str, int, int]], c_tok: list[tuple[str, int, int]],
                         words: frozenset[str] = frozenset({"not"})) -> set[int]:
    """Offsets of the copy's "not" tokens (or other ``words``) that stand where the source has a preposition
    and no negation (a word-for-word swap in the aligned token sequences): a translation's garble, not a
    denial."""
    from rapidfuzz.distance import Levenshtein

    s_words, c_words = [t[0] for t in s_tok], [t[0] for t in c_tok]
    out: set[int] = set()
    for op in Levenshtein.opcodes(s_words, c_words):
        if op.tag != "replace":
            continue
        src_side = set(s_words[op.src_start:op.src_end])
        if src_side & _NOT_FOR and not src_side & (NEGATION | {"not", "no"}):
            out |= {c_tok[k][1] for k in range(op.dest_start, op.dest_end) if c_words[k] in words}
    return out


#: Who an attribution names: "according to X", "X said" (X a clause's first words, after a comma, quote or dash)
#: and "said X" (X the clause's last words), X of one to four words.
_SPEAKER_WORDS = r"[^\s,.;:!?\"“”]+(?:\s+[^\s,.;:!?\"“”]+){0,3}"
_SPEAKER = re.compile(
    rf"\baccording to\s+(?P<a>{_SPEAKER_WORDS})(?=\s*(?:[,.;:!?\"“”]|$))"
    rf"|(?:^|(?<=[,\"“”\u2013\u2014]))\s*(?P<b>{_SPEAKER_WORDS})\s+(?:said|says|told|stated|added)\b"
    rf"|\b(?:said|says|stated|added)\s+(?P<c>{_SPEAKER_WORDS})(?=\s*(?:[,.;:!?\"“”]|$))", re.IGNORECASE)


def _speakers_of(text: str, sents: list[Sentence]) -> list[tuple[int, int]]:
    """Spans of the speakers the attributions of ``sents`` name (``_SPEAKER``; offsets into ``text``), those with
    a content word (not "he said")."""
    out = []
    for s in sents:
        for m in _SPEAKER.finditer(s.text):
            g = next(k for k in "abc" if m.group(k) is not None)
            if _content_words(m.group(g)) and not set(WORD.findall(m.group(g).casefold())) & _PRONOUNS:
                out.append((s.start + m.start(g), s.start + m.end(g)))
    return out


_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "this", "these", "those"})


def _named(speaker: str) -> bool:
    """Whether a speaker's words hold a name: a capitalised word that is no determiner ("AFP", "the White House";
    not "The utility")."""
    return any(w[:1].isupper() and w.casefold() not in _DETERMINERS for w in WORD.findall(speaker))


def _unsupported(speaker: str, stems: set[str]) -> bool:
    """Whether fewer than half of a speaker's content words (by their first five letters) are in ``stems``."""
    words = _content_words(speaker)
    return sum(1 for w in words if w[:5] in stems) < 0.5 * len(words)


#: Modals of possibility, and the modals of certainty a copy may say in their place ("could rise" -> "will rise").
_MAYBE = frozenset({"could", "may", "might"})
_CERTAIN = frozenset({"will", "shall"})


def _made_certain(tokens: list[tuple[str, int, int]], other: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The modals of possibility (``_MAYBE``) of ``tokens`` that the ``other`` side says as "will" / "shall" in their
    place, a word swap of the aligned sequences with no possibility there ("could rise" -> "will rise"; not "could"
    -> "will be able to"): the hedge is gone."""
    from rapidfuzz.distance import Levenshtein

    words, o_words = [t[0] for t in tokens], [t[0] for t in other]
    out = []
    for op in Levenshtein.opcodes(words, o_words):
        o_side = set(o_words[op.dest_start:op.dest_end])
        if op.tag == "replace" and o_side & _CERTAIN and not o_side & (HEDGES | POSSIBILITY | {"able"}):
            out += [t for t in tokens[op.src_start:op.src_end] if t[0] in _MAYBE]
    return out


_NO = frozenset({"no"})
#: Verbs that say "did not" ("failed to answer" = "did not answer").
_FAILED = frozenset({"fail", "fails", "failed", "failing"})


def _negating(tokens: list[tuple[str, int, int]], cfg: DiffConfig) -> list[tuple[str, int, int]]:
    """The negations ``_meaning`` counts: ``cues.negations`` (with "no longer" / "no one" under
    ``no_longer_negation``), and with ``no_one_negation`` the "no" of "no one" ("No one was hurt", as "nobody")."""
    hits = negations(tokens, no_longer=cfg.no_longer_negation)
    if not cfg.no_one_negation:
        return hits
    seen = {t[1] for t in hits}
    more = [t for k, t in enumerate(tokens) if t[1] not in seen and _no_one_at(tokens, k)]
    return sorted(hits + more, key=lambda t: t[1])


def _with_one(tokens: list[tuple[str, int, int]], tok: tuple[str, int, int], span: tuple[int, int]) -> tuple[int, int]:
    """``span`` (of ``tok``) through the "one" after it when ``tok`` is the "no" of "no one"."""
    k = next((i for i, t in enumerate(tokens) if t[1] == tok[1]), -1)
    return (span[0], tokens[k + 1][2]) if k >= 0 and _no_one_at(tokens, k) else span


def _no_one_at(tokens: list[tuple[str, int, int]], k: int) -> bool:
    """Whether ``tokens[k]`` is the "no" of "no one" ("no-one")."""
    return tokens[k][0] == "no" and k + 1 < len(tokens) and tokens[k + 1][0] == "one"


def _negation_forms(s_tok: list[tuple[str, int, int]], c_tok: list[tuple[str, int, int]],
                    garbled: set[int], *, no_longer: bool = False, no_one: bool = False) -> tuple[int, int]:
    """How many negations each side says in a form ``negations`` does not count, beyond the other side's
    own: "no" before a word ("had no intention", "no one", "no longer"; in the copy not a translation's
    garbled preposition, ``garbled``), "yet to" ("has yet to be worked out" = "has not yet been"),
    "failed to", and a word with the negating prefix "un" whose stem the other side writes ("unclear" /
    "not clear"). (source's, copy's): each covers a negation the other side has in the counted form."""
    def counts(toks: list[tuple[str, int, int]], other: set[str], skip: set[int]) -> tuple[int, int, int]:
        # with ``no_longer``, "no longer" / "no one" are ``negations`` of their own (cues.no_negation_at): counted there
        no = sum(1 for k, (w, a, _b) in enumerate(toks) if w == "no" and a not in skip
                 and not (no_longer and no_negation_at(toks, k)) and not (no_one and _no_one_at(toks, k)))
        pairs = sum(1 for (w, _a, _b), (v, _c, _d) in pairwise(toks)
                    if v == "to" and (w == "yet" or w in _FAILED))
        un = sum(1 for w, _a, _b in toks if w.startswith("un") and len(w) >= 6 and w[2:] in other)
        return no, pairs, un

    s_words, c_words = {t[0] for t in s_tok}, {t[0] for t in c_tok}
    s_no, s_pairs, s_un = counts(s_tok, c_words, set())
    c_no, c_pairs, c_un = counts(c_tok, s_words, garbled)
    # "no one but X" / "nobody except X" says "only X": an "only" beyond the other side's covers one
    s_but, c_but = (_none_but(s_tok), _none_but(c_tok)) if (no_one or no_longer) else (0, 0)
    s_only, c_only = (sum(1 for t in toks if t[0] == "only") for toks in (s_tok, c_tok))
    return (max(0, s_no - c_no) + max(0, s_pairs - c_pairs) + s_un + min(c_but, max(0, s_only - c_only)),
            max(0, c_no - s_no) + max(0, c_pairs - s_pairs) + c_un + min(s_but, max(0, c_only - s_only)))


def _none_but(tokens: list[tuple[str, int, int]]) -> int:
    """How many "no one but" / "nobody except" / "none but" (= "only") ``tokens`` holds."""
    words = [t[0] for t in tokens]
    return sum(1 for k, w in enumerate(words) if w in ("but", "except") and k > 0 and (
        words[k - 1] in ("nobody", "none") or (k > 1 and words[k - 2:k] == ["no", "one"])))


_SET_OFF = re.compile(r",\s*([^,;:.!?]+?)\s*,")


def _set_off_clause(text: str, min_words: int) -> bool:
    """Whether ``text`` holds a clause of ``min_words`` words or more between two commas (a connective's
    words not counted, ``_CONNECTIVE``)."""
    return any(len(WORD.findall(_CONNECTIVE.sub(" ", m.group(1)))) >= min_words for m in _SET_OFF.finditer(text))


def _around(text: str, span: tuple[int, int]) -> str:
    """An edit's text with the two characters before it and the one after (the commas of a clause set off
    may stand just outside the edit)."""
    return text[max(0, span[0] - 2):span[1] + 1]


def _unsupported_set_off(text: str, source_words: set[str], cfg: DiffConfig) -> bool:
    """Whether ``text`` holds a clause between two commas of ``aside_min_words`` words or more, with two
    content words or more, at most ``aside_max_overlap`` of which the source passage has (``source_words``)."""
    for m in _SET_OFF.finditer(text):
        clause = _CONNECTIVE.sub(" ", m.group(1))
        content = _content_words(clause)
        if (len(WORD.findall(clause)) >= cfg.aside_min_words and len(content) >= 2
                and sum(1 for w in content if w in source_words) <= cfg.aside_max_overlap * len(content)):
            return True
    return False


def _aligned_first(hits: list[tuple[str, int, int]], tokens: list[tuple[str, int, int]],
                   other: list[tuple[str, int, int]],
                   last: set[tuple[str, int, int]] | None = None) -> list[tuple[str, int, int]]:
    """``hits`` (tokens of ``tokens``), those the word alignment with ``other`` matches (an equal stretch: the
    other side says the same words there) first, those of ``last`` (a hedge the other side made certain in its
    place) last, each group in text order."""
    from rapidfuzz.distance import Levenshtein

    words, o_words = [t[0] for t in tokens], [t[0] for t in other]
    same = {tokens[k][1] for op in Levenshtein.opcodes(words, o_words) if op.tag == "equal"
            for k in range(op.src_start, op.src_end)}
    return sorted(hits, key=lambda t: (t[1] not in same, t in (last or ()), t[1]))


def _nots_kept(s_tok: list[tuple[str, int, int]], c_tok: list[tuple[str, int, int]]) -> set[int]:
    """Offsets of the copy's "not" tokens that the word alignment of the two token sequences matches to a
    "not" of the source (an equal stretch): the source's negation, whatever became of its auxiliary."""
    from rapidfuzz.distance import Levenshtein

    s_words, c_words = [t[0] for t in s_tok], [t[0] for t in c_tok]
    return {c_tok[op.dest_start + k][1] for op in Levenshtein.opcodes(s_words, c_words) if op.tag == "equal"
            for k in range(op.dest_end - op.dest_start) if c_words[op.dest_start + k] == "not"}


def _with_previous(tokens: list[tuple[str, int, int]], tok: tuple[str, int, int]) -> tuple[int, int]:
    """The span of ``tok`` with the word before it ("would not", "officials said"), for context."""
    k = next((i for i, t in enumerate(tokens) if t[1] == tok[1]), -1)
    start = tokens[k - 1][1] if k > 0 and tok[1] - tokens[k - 1][2] in (0, 1) else tok[1]
    return start, tok[2]


_QUALIFIER_PAIRS = {("at", "least"), ("at", "most"), ("more", "than"), ("less", "than"), ("fewer", "than"),
                    ("up", "to"), ("upwards", "of"), ("as", "many"), ("as", "much"), ("close", "to"),
                    ("longer", "than"), ("shorter", "than")}
#: Figure qualifiers beyond cues.QUALIFIERS, said another way: "a near-50:50 split" = "almost 50:50", "the maximum
#: 10 per cent" = "no more than 10 per cent".
_MORE_QUALIFIERS = frozenset({"near", "maximum", "minimum"})


#: Words between a qualifier and its figure that say the figure adds to another ("up to an additional 15",
#: "at least another 20", "about a further 300"): the qualifier still bounds the figure.
_ADDED_WORDS = frozenset({"additional", "extra", "further", "another"})


def _qualifier_before(text: str, pos: int) -> tuple[int, int] | None:
    """The span of a qualifier right before the figure at ``pos`` ("about", "at least", "more than")."""
    words = cue_words(text[max(0, pos - 30):pos])
    base = max(0, pos - 30)
    if not words or pos - (base + words[-1][2]) > 3:
        return None
    if len(words) >= 2 and words[-1][0] in _ADDED_WORDS and words[-1][1] - words[-2][2] == 1:
        words = words[:-1]  # "up to an additional 15": a word saying the figure comes on top of another
    if len(words) >= 2 and words[-1][0] in ("a", "an") and words[-1][1] - words[-2][2] == 1:
        words = words[:-1]  # "about a 30-minute drive": the article stands between qualifier and figure
    last = words[-1]
    if len(words) >= 3 and (words[-3][0], words[-2][0], last[0]) == ("in", "excess", "of"):
        return base + words[-3][1], base + last[2]  # "in excess of 90mph" = "more than 90mph"
    if len(words) >= 3 and words[-3][0] == last[0] == "as" and words[-2][0] in ("many", "much"):
        return base + words[-3][1], base + last[2]  # "as many as 400"
    if len(words) >= 2 and (words[-2][0], last[0]) in _QUALIFIER_PAIRS:
        return base + words[-2][1], base + last[2]
    if (last[0] in QUALIFIERS or last[0] in _MORE_QUALIFIERS) and last[0] not in ("least", "more", "less", "fewer",
                                                                                  "up"):
        return base + last[1], base + last[2]
    return None


def _qualifier_chain(text: str, pos: int) -> list[tuple[int, int]]:
    """The qualifiers right before the figure at ``pos``, nearest first: one ("about 400"), or two in a row
    ("only about 0.2%", "just over 100", "up to about 50"), which bound the figure together."""
    first = _qualifier_before(text, pos)
    if first is None:
        return []
    second = _qualifier_before(text, first[0])
    # the outer one restricts the inner ("only", "just", "up to"); a preposition there ("complained about some
    # 400", "argued over some 40") governs the phrase and qualifies nothing
    if second is None or " ".join(text[second[0]:second[1]].casefold().split()) not in _CHAIN_OUTER:
        return [first]
    return [first, second]


#: Which way a qualifier bounds its figure (review finding 9): one swapped for a qualifier of another class ("more
#: than 90" -> "less than 90", "at least 40" -> "up to 40", "nearly 300" -> "more than 300") changes what the
#: figure says; one of the same class ("more than" / "over", "about" / "around") is rewording. Qualifiers of no
#: class here ("only", "just", "well") are not compared by class.
_LOWER, _UPPER, _APPROX = "lower bound", "upper bound", "approximate"
_BOUND_CLASS = {
    **dict.fromkeys(("at least", "more than", "over", "upwards of", "in excess of", "minimum", "longer than"), _LOWER),
    **dict.fromkeys(("at most", "less than", "fewer than", "under", "up to", "maximum", "shorter than", "as many as",
                     "as much as"), _UPPER),
    **dict.fromkeys(("about", "around", "roughly", "approximately", "some", "circa", "approx", "close to", "nearly",
                     "almost", "near", "estimated"), _APPROX),
}
#: A negation right before a bound, or before the one verb that governs it ("no more than 10", "cannot hold more
#: than 40", "did not exceed 10"; not "not only more than 10").
_NEGATED_BOUND = re.compile(r"(?:\b(?:no|not|never|cannot)|n['\u2019]t)\s+(?:(?!(?:only|just|even|merely)\b)"
                            r"[^\W\d_]+\s+)?$", re.IGNORECASE)


def _negates_bound(text: str, span: tuple[int, int]) -> bool:
    """Whether the bound qualifier at ``span`` ("more than", "at least") is negated (``_NEGATED_BOUND``)."""
    return _BOUND_CLASS.get(" ".join(text[span[0]:span[1]].casefold().split())) in (_LOWER, _UPPER) and bool(
        _NEGATED_BOUND.search(text, max(0, span[0] - 30), span[0]))


def _words_of(text: str, span: tuple[int, int]) -> str:
    """The words at ``span``, casefolded, one space apart."""
    return " ".join(text[span[0]:span[1]].casefold().split())


def _bound_class(text: str, span: tuple[int, int]) -> str | None:
    """The class of the qualifier at ``span`` (``_BOUND_CLASS``); a negated bound bounds the other way ("no more
    than 10" and "cannot hold more than 10" are upper bounds)."""
    cls = _BOUND_CLASS.get(" ".join(text[span[0]:span[1]].casefold().split()))
    if cls in (_LOWER, _UPPER) and _negates_bound(text, span):
        return _UPPER if cls == _LOWER else _LOWER
    return cls


#: Words a copy may say in the place of "over" / "under" used as a preposition, not as a bound of the figure after
#: it ("spread over 3 years" -> "spread across 3 years", "children under 12" -> "children below 12").
_IN_PLACE_OF_OVER = frozenset({"across", "during", "for", "in", "within", "throughout", "through", "below", "beneath",
                               "above", "among", "past", "spanning", "after"})


def _preposition_off(text: str, chain: list[tuple[int, int]], other: str, other_chain: list[tuple[int, int]],
                     other_pos: int) -> list[tuple[int, int]]:
    """``chain`` (a figure's qualifiers in ``text``, nearest first) without its outermost one when that is "over" /
    "under" and the other side (``other``, its figure at ``other_pos`` with ``other_chain``) says a preposition of
    ``_IN_PLACE_OF_OVER`` in its place (a word the side of "over" does not write before it)."""
    if not chain or text[chain[-1][0]:chain[-1][1]].casefold() not in ("over", "under"):
        return chain
    said = _word_before(other, other_chain[-1][0] if other_chain else other_pos)
    return chain[:-1] if said in _IN_PLACE_OF_OVER and said != _word_before(text, chain[-1][0]) else chain


def _word_before(text: str, pos: int) -> str | None:
    """The word right before ``pos`` (casefolded), or None."""
    m = re.search(r"([^\W\d_]+)\s*$", text[max(0, pos - 40):pos])
    return m.group(1).casefold() if m else None


def _word_after(text: str, end: int) -> str | None:
    """The word right after a figure ending at ``end`` (casefolded; "10 boats" -> "boats", what it counts), or None."""
    m = re.match(r"\s*([^\W\d_]+)", text[end:end + 40])
    return m.group(1).casefold() if m else None


#: What can stand before another qualifier of a figure and restrict it with it.
_CHAIN_OUTER = frozenset({"only", "just", "well", "nearly", "almost", "up to", "at least", "at most"})


_CURRENCY_SIGN = re.compile(r"(?:[$€£¥₩₹]|R\$|US\$|A\$|C\$)\s?$")


def _figure_span(text: str, m: Mention) -> tuple[int, int]:
    """The span of a figure added or dropped whole, with the currency sign and the qualifier written before
    it ("about $40 million", not "40 million"): the figure as the text states it, bound and all."""
    start = m.start
    sign = _CURRENCY_SIGN.search(text, max(0, start - 4), start)
    if sign is not None:
        start = sign.start()
    q = _qualifier_before(text, start)
    return (q[0] if q else start), m.end


#: The seasons, as dates, by language. ``_season_in`` reads English "fall" as autumn wherever it is one word of a
#: replaced stretch of at most three words that names one season ("fall" -> "spring"), the verb too ("may fall
#: this spring" -> "may spring back this fall", a real change either way).
_SEASONS: dict[str, dict[str, str]] = {
    "en": {**dict.fromkeys(("spring", "springtime"), "spring"), **dict.fromkeys(("summer", "summertime"), "summer"),
           **dict.fromkeys(("autumn", "fall"), "autumn"), **dict.fromkeys(("winter", "wintertime"), "winter")},
    "de": {"frühling": "spring", "frühjahr": "spring", "sommer": "summer", "herbst": "autumn", "winter": "winter"},
    "fr": {"printemps": "spring", "été": "summer", "automne": "autumn", "hiver": "winter"},
    "es": {"primavera": "spring", "verano": "summer", "otoño": "autumn", "invierno": "winter"},
    "pt": {"primavera": "spring", "verão": "summer", "outono": "autumn", "inverno": "winter"},
}


def _value_in(part: list[tuple[str, int, int]], figures: list[Mention], language: str | None
              ) -> tuple[str, tuple[int, int], Mention | None] | None:
    """The one value a replaced stretch of words says, as (key, span, its figure mention or None): a figure mention
    that overlaps the stretch, or else an ordinal word ("second", ``ordinal_value``); None when it says none or
    several."""
    lo, hi = part[0][1], part[-1][2]
    hit = [m for m in figures if m.start < hi and lo < m.end]
    if len(hit) == 1:
        return hit[0].key, (min(lo, hit[0].start), max(hi, hit[0].end)), hit[0]
    if hit:
        return None
    values = [(v, (a, b)) for w, a, b in part if (v := ordinal_value(w, language)) is not None]
    return (value_key(values[0][0]), values[0][1], None) if len(values) == 1 else None


def _ordinal_in(part: list[tuple[str, int, int]], language: str | None) -> bool:
    """Whether a replaced stretch of words is one ordinal ("second", "3rd", ``ordinal_value``)."""
    return len(part) == 1 and ordinal_value(part[0][0], language) is not None


def _season_in(part: list[tuple[str, int, int]], language: str | None, text: str
               ) -> tuple[str, tuple[int, int], None] | None:
    """The one season a replaced stretch of words names, as (season, span, None); None for none or several. A
    season word capitalised inside a sentence is a name ("the Arab Spring", "Anna Winter"), no date, save in German,
    which capitalises every noun: read as "name:<word>", which the caller compares as a name."""
    names = _SEASONS.get(language or "en", {})
    seasons = [(names[w] if language == "de" or not text[a].isupper() or _sentence_start(text, a) else f"name:{w}",
                (a, b)) for w, a, b in part if w in names]
    return (seasons[0][0], seasons[0][1], None) if len(seasons) == 1 else None


def _sentence_start(text: str, at: int) -> bool:
    """Whether ``text[at]`` begins a sentence: nothing but quotes and brackets between it and the text's start or
    a full stop, question or exclamation mark, or a line break."""
    before = text[:at].rstrip(" \t\"'“‘«([")
    return not before or before[-1] in ".!?\n"


def _edit_regions(s: list[str], c: list[str], join_gap: int = 2) -> list[tuple[int, int, int, int]]:
    """Token ranges that differ, with edits no more than ``join_gap`` equal tokens apart joined."""
    from rapidfuzz.distance import Levenshtein

    regions: list[list[int]] = []
    for op in Levenshtein.opcodes(s, c):
        if op.tag == "equal":
            continue
        if regions and op.src_start - regions[-1][1] <= join_gap and op.dest_start - regions[-1][3] <= join_gap:
            regions[-1][1], regions[-1][3] = op.src_end, op.dest_end
        else:
            regions.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    return [(a, b, c_, d) for a, b, c_, d in regions]


#: Words for the present time that a translation may render as "today" ("actuellement" -> "heute"): en, fr, de,
#: es, pt.
_NOW_WORDS = frozenset("""
now currently presently nowadays maintenant actuellement présentement jetzt nun derzeit zurzeit aktuell gegenwärtig
ahora actualmente agora atualmente
""".split())  # noqa: SIM905 - a word list reads best as text
_AT_PRESENT = re.compile(r"\b(?:at present|at the moment|à présent|en ce moment|im moment|en este momento|"
                         r"neste momento|no momento)\b", re.IGNORECASE)


def _says_now(sents: list[Sentence]) -> bool:
    """Whether a passage says "now" in a word or phrase for the present time (``_NOW_WORDS``, ``_AT_PRESENT``)."""
    return any(w.casefold() in _NOW_WORDS for s in sents for w in WORD.findall(s.text)) or any(
        _AT_PRESENT.search(s.text) for s in sents)


#: A date with a month and a day in Chinese or Japanese ("2021年12月24日", "12 月 24 日", "12月24号").
_CJK_MONTH_DAY = re.compile(r"(?<!\d)(?:\d{4}\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]")
_MONTH_DAY_KEY = re.compile(r"(?:ymd:\d{4}|md:?)-?(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
_CJK_LANGUAGES = frozenset({"zh", "ja"})


def _month_day_language(language: str | None) -> bool:
    """Whether the dates of a month and a day are read in ``language``: ours (dates.py), Chinese and Japanese."""
    return _fact_language(language) or (language or "").split("-")[0] in _CJK_LANGUAGES


def _month_days_in(text: str, language: str | None) -> list[tuple[int, int, tuple[int, int]]]:
    """(start, end, (month, day)) of each date of ``text`` with a month and a day (a year is a figure's business)."""
    if (language or "").split("-")[0] in _CJK_LANGUAGES:
        found = [(m.start(), m.end(), int(m["m"]), int(m["d"])) for m in _CJK_MONTH_DAY.finditer(text)]
    else:
        found = [(a, b, int(k["m"]), int(k["d"])) for a, b, key in find_dates(text, language)
                 if (k := _MONTH_DAY_KEY.match(key))]
    return [(a, b, (mo, d)) for a, b, mo, d in found if 1 <= mo <= 12 and 1 <= d <= 31]


def _month_days(doc: Doc, sents: Sequence[Sentence]) -> list[tuple[Mention, tuple[int, int]]]:
    """The dates of ``sents`` with a month and a day (``_month_days_in``), as mentions with their (month, day)."""
    return [(Mention("date", s.start + a, s.start + b, s.text[a:b], f"md:{k[0]}-{k[1]}"), k)
            for s in sents for a, b, k in _month_days_in(s.text, doc.article.language)]


#: A Japanese sentence that is the tail of a quotation its sentence was cut inside ("！」と言われた。",
#: "というセリフです。"): it opens with the closing mark, or with the quoting particle after a sentence that ends in
#: one (not "ところ", "とても": と then a kanji or katakana, "という", "との", "って").
_QUOTE_TAIL = re.compile(r"[!?！？\s]*[」』]")
_QUOTING_PARTICLE = re.compile(r"(?:という|といった|との|って|と[\u4e00-\u9fff\u30a0-\u30ff])")


def _quotation_piece(s: Sentence, sents: Sequence[Sentence], aligned: set[int]) -> bool:
    """Whether an unaligned sentence is a piece of a Japanese quotation that the segmenter cut off an aligned
    neighbour: the tail of the sentence before (``_QUOTE_TAIL``, ``_QUOTING_PARTICLE``), or a head that opens a
    quotation ("「あれ、…倒すの？") the aligned sentence after closes. The other side says it with that neighbour."""
    text = s.text.lstrip()
    before = sents[s.index - 1] if s.index > 0 else None
    after = sents[s.index + 1] if s.index + 1 < len(sents) else None
    if before is not None and before.index in aligned and (_QUOTE_TAIL.match(text) or (
            _QUOTING_PARTICLE.match(text) and before.text.rstrip().endswith(("」", "』")))):
        return True
    return (after is not None and after.index in aligned and text.count("「") > text.count("」")
            and after.text.count("」") > after.text.count("「"))


def _mentions(doc: Doc, kind: str) -> list[Mention]:
    return [m for s in doc.sentences for m in s.mentions if m.kind == kind]


def _date_keys(m: Mention, ref: date | None) -> set[str]:
    """The mention as written and the day(s) it can name; a bare weekday may point back or forward
    ("on Monday" in a Tuesday story is yesterday; "would reopen on Monday" is next week), so both count."""
    keys = {m.key, resolve(m.key, ref)}
    if m.key.startswith("wd:"):
        wd = m.key.rstrip("+")
        keys |= {wd, resolve(wd, ref), resolve(wd + "+", ref)}
    return keys


def _date_kind(m: Mention) -> str:
    """What a date mention names, from its key: "wd" (a weekday), "ymd" / "md" (a day of a month), "t" (a
    clock time), "rel" (today, yesterday) ..."""
    kind = m.key.split(":", 1)[0]
    return "md" if kind == "ymd" else kind


def _date_values(mentions: list[Mention], ref: date | None) -> set[str]:
    out: set[str] = set()
    for m in mentions:
        out |= _date_keys(m, ref)
    return out


#: Kinds of figure whose value means nothing without its unit (numbers.unit_of): a share, a sum of money.
_STRONG_UNITS = frozenset({"percent", "money"})

#: "both" in the languages numbers.py reads it in: a count of two only when matched against one.
_BOTH = frozenset({"both", "ambos", "ambas", "beide", "beiden", "beider"})

#: Languages the opinion cue lists are written in (OPINION_CUES, _OPINION_CUES_OTHER, _OPINION_PHRASES).
CUE_LANGUAGES = frozenset({"en", "pt", "es", "fr", "de"})

#: Languages whose figures in words and whose dates segment reads (numbers.py, dates.py).
FACT_LANGUAGES = frozenset({"en", "pt", "es", "fr", "de"})
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _fact_language(language: str | None) -> bool:
    return language is None or language in FACT_LANGUAGES


def _digit_values(text: str) -> set[str]:
    """Every run of digits in ``text`` as the key a number mention would have (thousands separators
    dropped, decimals kept), whatever mention it sits in."""
    out = set()
    for m in _DIGITS.finditer(text):
        raw = m.group(0)
        out.add(raw.replace(",", "").replace(".", ""))
        if raw.count(".") == 1 or raw.count(",") == 1:  # 2.5 / 2,5: a decimal, either way
            out.add(str(float(raw.replace(",", "."))).removesuffix(".0"))
        for part in re.split(r"[.,]", raw):
            # int() refuses over 4,300 digits (sys.get_int_max_str_digits()): such a run is kept as written
            out.add(str(int(part)) if len(part) <= 4000 else part)
    return out


#: After a figure's digits: the month or day of a Chinese or Japanese date ("12月", "24 日"; not "日元" yen, not
#: "日間" a number of days).
_CJK_DATE_PART = re.compile(r"[ \u00a0]?(?:月|日(?![元間间本]))")
_CLOCK = re.compile(r"t:(\d\d):(\d\d)$")


def _digit_figure(text: str, m: Mention) -> bool:
    """A figure written in digits that is no part of a Chinese or Japanese date."""
    return any(ch.isdigit() for ch in m.text) and not _CJK_DATE_PART.match(text, m.end)


def _clock_values(date_keys: set[str]) -> set[str]:
    """The clock times among date keys as the figures another language writes for them: "19 Uhr"
    (t:19:00) is "19 heures" (19), "21.30 Uhr" is "21h30" or "21.30" (21.3)."""
    out = set()
    for k in date_keys:
        m = _CLOCK.match(k)
        if m:
            hour, minute = int(m.group(1)), int(m.group(2))
            out.add(str(hour) if minute == 0 else value_key(hour + minute / 100))
    return out


#: Words a 1 may be said with, before the counted thing: an article or "one" ("a week", "une fois").
_ONE_WORDS = frozenset("a an one single un une ein eine einen einem einer eines um uma uno una".split())  # noqa: SIM905
#: "Once" in one word ("once a week", "einmal"): one time.
_ONCE = frozenset({"once", "einmal"})
#: What a 1 counts, in the words (and, for Chinese and Japanese, the characters) each language has for it: a
#: 1 said as "a" or "one" counts the same thing ("1 Mal pro Woche" = "une fois par semaine").
_COUNTED = {w: k for k, words in {
    "time": "time times fois mal vez veces vezes 度 次 回",
    "day": "day jour journée tag día dia 日 天",
    "week": "week semaine woche semana 週 周 星期",
    "month": "month mois monat mes mês 月",
    "year": "year an année jahr año ano 年",
    "hour": "hour heure stunde hora 時間 小时 小時",
    "person": "person personne mensch persona pessoa 人 名",
}.items() for w in words.split()}
_CJK_COUNTED = sorted((w for w in _COUNTED if all(ch >= "\u3000" for ch in w)), key=len, reverse=True)
_CJK_COUNTED_AFTER = re.compile(r"\s?(?:个|個)?(" + "|".join(_CJK_COUNTED) + ")")
#: A year said relative to the article's ("this year", "今年"), as years from the article's year.
_RELATIVE_YEAR = re.compile(
    r"(?P<p0>今年|本年|\bthis year\b|\bcette année\b|\b(?:dieses|diesem) jahr|\beste año\b|\b(?:este|neste) ano\b"
    r"|\bв (?:этом|текущем) году|\b(?:этого|текущего) года)"
    r"|(?P<m1>去年|昨年|\b(?:last|previous) year\b|\bl['\u2019]an (?:dernier|passé)\b"
    r"|\bl['\u2019]année (?:dernière|passée)|\b(?:letzten|letztes|vergangenen|vorigen|voriges) jahr"
    r"|\bel año pasado\b|\bo ano passado\b|\bв (?:прошлом|минувшем) году|\bпрошлого года)"
    r"|(?P<p1>明年|来年|\bnext year\b|\bl['\u2019]an prochain\b|\bl['\u2019]année prochaine"
    r"|\b(?:nächsten|nächstes|kommenden) jahr|\bel (?:próximo año|año que viene)\b|\bo próximo ano\b"
    r"|\bв следующем году)", re.IGNORECASE)
_YEAR_OFFSET = {"p0": 0, "m1": -1, "p1": 1}
_ROMAN_WORD = re.compile(r"(?<![^\W\d_])[IVXLC]{2,7}(?![^\W\d_])")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'\u2019-]*)[\s,]*$")
_WORD_AFTER = re.compile(r"[\s,]*([^\W\d_][\w'\u2019-]*)")
#: "сутки" (a day and night, 24 hours), with the count before it in words ("двое суток", 48 hours) or digits.
_DAYS_24 = re.compile(r"(?:(?P<n>\d+|одни|двое|трое|четверо|пятеро|шестеро|семеро|полтора)\s+)?(?<!\w)"
                      r"(?:сутки|суток|сутками)(?!\w)", re.IGNORECASE)
_DAYS_COUNT = {"одни": 1.0, "двое": 2.0, "трое": 3.0, "четверо": 4.0, "пятеро": 5.0, "шестеро": 6.0, "семеро": 7.0,
               "полтора": 1.5}


#: A figure that counts digits ("sechsstellig", "six-figure", "à six chiffres"): a magnitude, not a value;
#: "figures" and "chiffres" count digits only of a sum ("lost 5 figures" may be five people).
_DIGIT_COUNT_AFTER = re.compile(r"[-\s](?:(?P<d>digits?|dígitos|algarismos)|figures?|chiffres|cifras)\b",
                                re.IGNORECASE)
_SUM_NEAR = re.compile(r"[$€£¥]|\b(?:sums?|salar(?:y|ies)|amounts?|pay(?:out|off)?s?|fees?|deals?|prices?|"
                       r"euros?|dollars?|pounds?|francs?|yen|somme|salaire|montant|prix|indemnité|suma|salario|"
                       r"cantidad|soma|salário|quantia|valor|betrag|summe|gehalt|preis)\b", re.IGNORECASE)
#: Magnitudes said vaguely, in the plural, as the digits they count: "hundreds of thousands" (6),
#: "plusieurs milliers" (4), "Tausende" (4).
_VAGUE_MAGNITUDES = (
    (6, re.compile(r"\b(?:hundreds of thousands|centaines de milliers|hunderttausende\w*|centenas de milhares|"
                   r"centenares de miles|cientos de miles)\b", re.IGNORECASE)),
    (5, re.compile(r"\b(?:tens of thousands|dizaines de milliers|zehntausende\w*|dezenas de milhares|"
                   r"decenas de miles)\b", re.IGNORECASE)),
    (7, re.compile(r"(?<![\d\s]\s)(?<!\d)\b(?:millions of|millions d|millionen|milhões de|millones de)\b",
                   re.IGNORECASE)),
    (4, re.compile(r"\b(?:thousands|milliers|tausende\w*|milhares|miles de)\b", re.IGNORECASE)),
    (3, re.compile(r"\b(?:hundreds|centaines|hunderte\w*|centenas|centenares|cientos)\b", re.IGNORECASE)),
)


def _not_said_otherwise(mentions: list[Mention], text: str, other: str, ref: date | None,
                        other_language: str | None = None, *, undated: bool = False) -> list[Mention]:
    """The figures of ``text`` (that ``other``, a passage in another language dated ``ref``, lacks) that
    ``other`` does not say in a way no figure reads either: a 1 (``_ones_said``), a year relative to the
    article's (with ``undated``, any year where no date is known), a Roman numeral or "сутки"
    (``_said_in_words``), a count of digits as a vague magnitude of as many digits, an ordinal word of
    ``other_language`` from 2 on for the figure in digits ("второго типа" = "type 2", ``_ordinals_said``). Each
    phrase of ``other`` stands for one figure."""
    words, years, ones = _said_in_words(other, ref), _years_said(other, ref), _ones_said(other)
    words += _multiples_said(other) + _ordinals_said(other, other_language)
    any_years = len(_RELATIVE_YEAR.findall(other)) if ref is None and undated else 0  # undated "this year"
    out = []
    for m in mentions:
        counted = _counted_after(text, m.end) if m.key == "1" and any(ch.isdigit() for ch in m.text) else None
        year = re.fullmatch(r"(?:19|20)\d\d", m.text.strip()) is not None
        if words[m.key] > 0:
            words[m.key] -= 1
        elif years[m.key] > 0 and year:
            years[m.key] -= 1
        elif any_years > 0 and year:
            any_years -= 1
        elif counted is not None and ones[counted] > 0:
            ones[counted] -= 1
        elif m.key == "1" and ones[_ANY_ONE] > 0:
            ones[_ANY_ONE] -= 1
        elif not _magnitude_said(m, text, other) and not _days_said(m, text, other):
            out.append(m)
    return out


#: Verbs that multiply or divide by a figure they hold (en, fr, de, es, pt): "geviertelt" = "divisé par quatre",
#: "verdoppelt" = "doubled". Word starts, with the figure they say.
_MULTIPLYING = (
    (2, ("halbier", "verdoppel", "halved", "halving", "doubled", "doubling", "doubler", "doublé", "doublement",
         "duplic")),
    (3, ("gedrittelt", "drittel", "verdreifach", "tripled", "tripling", "tripler", "triplé", "triplement", "triplic")),
    (4, ("geviertelt", "vierteln", "vervierfach", "quartered", "quadrupl", "cuadrupl")),
    (10, ("verzehnfach", "tenfold", "décupl", "decupl")),
)


def _multiples_said(text: str) -> Counter[str]:
    """The figures ``text`` says with a verb that multiplies or divides by them (``_MULTIPLYING``), one per verb."""
    out: Counter[str] = Counter()
    for w in WORD.findall(text.casefold()):
        n = next((n for n, starts in _MULTIPLYING if w.startswith(starts)), None)
        if n is not None:
            out[str(n)] += 1
    return out


def _counted_after(text: str, end: int) -> str | None:
    """What the figure ending at ``end`` counts, as a key of ``_COUNTED`` ("1 Mal" -> "time", "1週間" -> "week"),
    or None."""
    rest = text[end:end + 12]
    cjk = _CJK_COUNTED_AFTER.match(rest)
    if cjk:
        return _COUNTED[cjk.group(1)]
    w = _WORD_AFTER.match(rest)
    return _COUNTED.get(w.group(1).casefold()) if w and w.start(1) <= 2 else None


def _ones_said(text: str) -> Counter[str]:
    """What ``text`` counts one of with a word for one that is no figure: "once" / "einmal" (one time), an
    article or "one" directly before a counted word ("une fois", "a week"), "一" before a counter ("一次")."""
    out: Counter[str] = Counter()
    words = [w.casefold() for w in WORD.findall(text)]
    out["time"] += sum(1 for w in words if w in _ONCE)
    for a, b in pairwise(words):
        if a in _ONE_WORDS and b in _COUNTED:
            out[_COUNTED[b]] += 1
    # 一 before a word of ``_COUNTED`` counts that thing ("一次" one time; not "第一", first); before any other
    # counter ("一つ", "一枚", "一カ月", "一份") Chinese and Japanese count one of anything: such a 一 stands for a 1
    # of any counted thing, once, not in words where 一 before a counter is no count ("之一" one of, "进一步" further)
    for m in _ONE_COUNTER.finditer(text):
        before, counted = text[max(0, m.start() - 1):m.start()], _COUNTED.get(m["c"])
        if counted is not None and before != "第":
            out[counted] += 1
        elif counted is None and before not in _NOT_A_COUNT_BEFORE:
            out[_ANY_ONE] += 1
    return out


#: The key of a 1 said with 一 before a counter no list of ours holds (``_ones_said``): a 1 of any thing.
_ANY_ONE = "*"
#: 一 before a Chinese or Japanese counter (``c``): a word of ``_COUNTED`` or one of a closed list of counters (一
#: elsewhere is a word: 一起 together, 一般 usual, 一半 half, 一百 a hundred); longest first, one pattern for both.
_COUNTERS = frozenset({*_CJK_COUNTED, *"""
    カ月 ヶ月 か月 ケ月 箇月 つ 枚 本 台 件 名 人 回 度 次 杯 匹 頭 头 羽 冊 册 基 隻 只 份 位 项 項 条
    條 张 張 家 座 场 場 辆 輛 架 艘 週 周 年 日 天 比 点 點 轮 輪 届 批 种 種 棟 軒 戸 着 足 組 组 对
    對 双 雙 把 片 颗 顆 粒 株 枝 支 根 笔 筆 间 間 所 层 層 级 級 步 歩 秒""".split()})  # noqa: SIM905
_ONE_COUNTER = re.compile("一(?:个|個)?(?P<c>" + "|".join(sorted(_COUNTERS, key=lambda w: (-len(w), w))) + ")")
#: What before 一 makes it no count: "第一" first, "之一" one of, "进一步" further, "唯一" only, "统一" unified.
_NOT_A_COUNT_BEFORE = frozenset("第之进進唯统統万")


#: A word for "about" that opens a conversion in brackets ("(about 3.8 litres)", "（約3.8リットル）").
_ABOUT_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?:about|around|approx\.|approximately|roughly|some|nearly|almost|ca\.|circa|environ|près de|"
    r"etwa|rund|ungefähr|cerca de|aproximadamente|unos|unas|alrededor de|около|примерно|почти)|約|约|大约|大約)$",
    re.IGNORECASE)


def _common_word(word: str, text: str) -> bool:
    """Whether a capitalised word is a common word of its article, which writes it in lower case too (a title's
    "Primaire" beside "une primaire"): across languages its counterpart is a translation, not a respelt name.
    (Asked only of a name that the other side spells otherwise, so the article's words are read then.)"""
    bare = re.sub(r"['\u2019]s?$", "", word)
    if not bare[:1].isupper():
        return False
    low = bare.lower()
    return any(w == low for w in WORD.findall(text) if w[:1].islower())


def _ordinals_said(text: str, language: str | None) -> Counter[str]:
    """The figures ``text`` says as ordinal words of ``language`` (``numbers.ordinal_value``: "second", "второго"),
    one per word, from 2 on ("first" is too many other things: "for the first time")."""
    out: Counter[str] = Counter()
    if language is None:
        return out
    for w in WORD.findall(text):
        v = ordinal_value(w, language)
        if v is not None and v >= 2 and not any(ch.isdigit() for ch in w):
            out[value_key(v)] += 1
    return out


def _years_said(text: str, ref: date | None) -> Counter[str]:
    """The years ``text`` says relative to the article's date ``ref`` ("this year", "l'an dernier", "今年"),
    one per phrase; none without a date."""
    if ref is None:
        return Counter()
    return Counter(str(ref.year + _YEAR_OFFSET[m.lastgroup or "p0"]) for m in _RELATIVE_YEAR.finditer(text))


def _said_in_words(text: str, ref: date | None = None) -> Counter[str]:
    """Figures ``text`` says with no digits or number words, as keys, one per phrase: a Roman numeral of two
    letters or more ("the starting XV" 15; a single "I" or "C" may be a letter) that is not part of a name
    ("Louis XIV", "World War II": after a capitalised word) or of a run of capitals ("LIV GOLF", "the CV"),
    and "сутки" (24 hours; "двое суток" 48)."""
    out: Counter[str] = Counter()
    for m in _ROMAN_WORD.finditer(text):
        before, after = _WORD_BEFORE.search(text, 0, m.start()), _WORD_AFTER.match(text, m.end())
        if before and (before.group(1)[0].isupper() or before.group(1).isupper()):
            continue
        if after and len(after.group(1)) > 1 and after.group(1).isupper():
            continue
        if (v := roman_value(m.group())) is not None:
            out[value_key(v)] += 1
    for m in _DAYS_24.finditer(text):
        n = m["n"]
        count = float(n) if n and n.isdigit() else _DAYS_COUNT.get((n or "одни").casefold(), 1.0)
        out[value_key(24 * count)] += 1
    return out


def _days_said(m: Mention, text: str, other: str) -> bool:
    """Whether ``m`` counts "сутки" in ``text`` ("3 суток") and ``other`` has as many hours in digits (72)."""
    if not re.match(r"\s+(?:сутки|суток|сутками)(?!\w)", text[m.end:m.end + 12], re.IGNORECASE):
        return False
    try:
        return value_key(24 * float(m.key)) in _digit_values(other)
    except ValueError:
        return False


def _magnitude_said(m: Mention, text: str, other: str) -> bool:
    """Whether ``m`` counts the digits of a sum ("sechsstellig", "a six-figure sum", "six-digit") and ``other``
    says a vague magnitude of as many digits ("centaines de milliers": 6)."""
    after = _DIGIT_COUNT_AFTER.match(text, m.end)
    digits_counted = "stellig" in m.text.casefold() or bool(after and after["d"]) or bool(
        after and _SUM_NEAR.search(text, max(0, m.start - 40), min(len(text), after.end() + 40)))
    if not digits_counted:
        return False
    try:
        digits = int(float(m.key))
    except ValueError:
        return False
    said = next((n for n, rx in _VAGUE_MAGNITUDES if rx.search(other)), None)
    return said == digits


_NUMBER_WORDS: dict[str, NumberWords] = {}


def _title_figures(title: str, language: str | None) -> set[str]:
    """The figures of an article's title, as the keys of number mentions (and of its digit runs)."""
    lang = language or "en"
    if lang not in _NUMBER_WORDS:
        _NUMBER_WORDS[lang] = NumberWords.build(lang)
    return {key for _s, _e, key in find_figures(title, lang, _NUMBER_WORDS[lang])} | _digit_values(title)


#: Round numbers in words: an approximation, which another language may round to its own ("une dizaine" =
#: "ein Dutzend" = "about ten"); numbers.py reads them as 10, 12, ...
_ROUND_WORDS = frozenset({"dizaine", "douzaine", "quinzaine", "vingtaine", "trentaine", "cinquantaine", "soixantaine",
                          "centaine", "millier", "dezena", "dúzia", "centena", "decena", "docena", "veintena",
                          "centenar", "dutzend", "dozen"})


def _rounded(ms: Mention, mc: Mention, tolerance: float = 0.25) -> bool:
    """Whether one of two figures is a round number in words and the other is within ``tolerance`` of it."""
    if not ({w.casefold() for w in WORD.findall(ms.text + " " + mc.text)} & _ROUND_WORDS):
        return False
    try:
        a, b = float(ms.key), float(mc.key)
    except ValueError:
        return False
    return abs(a - b) <= tolerance * max(a, b)


#: A decade written with two digits: the digits' ending ("90er", "90e") or the word before them ("années 90").
_DECADE_ENDING = re.compile(r"\d0(?:er|e)$")
_DECADE_BEFORE = re.compile(r"(?:années|anos|años|jahre|decade of the|década de)\s+$", re.IGNORECASE)


def _decade(a_text: str, ma: Mention, b_text: str, mb: Mention) -> bool:
    """Whether two figures name one decade, one with two digits and one with four ("Anfang der 90er-Jahre" /
    "au début des années 1990"): the two-digit one is a multiple of ten written as a decade, the other its
    year in the 1900s or 2000s."""
    for (text, short), long_ in (((a_text, ma), mb), ((b_text, mb), ma)):
        if not (short.key.isdigit() and long_.key.isdigit() and len(short.key) == 2 and short.key.endswith("0")):
            continue
        if long_.key not in (f"19{short.key}", f"20{short.key}"):
            continue
        if _DECADE_ENDING.search(short.text) or _DECADE_BEFORE.search(text, max(0, short.start - 20), short.start):
            return True
    return False


#: The words for first and second (en, fr, de, es, pt, all forms), which numbers.py does not read as figures.
_FIRST = frozenset("""
first premier première premiers premières erste erster erstes ersten erstem primero primera primeros primeras
primer primeiro primeira primeiros primeiras
""".split())  # noqa: SIM905 - a word list reads best as text
_SECOND = frozenset("""
second seconde seconds secondes deuxième deuxièmes zweite zweiter zweites zweiten zweitem segundo segunda segundos
segundas
""".split())  # noqa: SIM905
_ORDINAL_DIGITS = re.compile(r"\d+(?:st|nd|rd|th|er|re|e|ème|è|º|ª)$")


def _first_second(text: str, other: str, mentions: list[Mention]) -> set[str]:
    """The keys "1" / "2" where ``text`` writes "first" / "second" as a word and one of the other side's
    ``mentions`` (read in ``other``) is that value as a digit ordinal ("1re", "2nd", German "1."): so the
    ordinal is kept across the two ways of writing it."""
    ordinals = {m.key for m in mentions if m.key in ("1", "2")
                and (_ORDINAL_DIGITS.match(m.text) or other[m.end:m.end + 1] == ".")}
    if not ordinals:
        return set()
    words = {w.casefold() for w in WORD.findall(text)}
    return ({"1"} if "1" in ordinals and words & _FIRST else set()) | (
        {"2"} if "2" in ordinals and words & _SECOND else set())


_ONE_SEPARATOR = re.compile(r"(\d{1,3})[.,](\d{3})")


def _other_reading(m: Mention) -> str | None:
    """The other value of digits with one separator before three digits, which languages read two ways:
    "3.000" and "3,000" are 3000 in one language and 3 (a decimal) in another, and a round trip through another
    language can keep that language's separator ("3,500" -> "3.500" in an English copy). None for any other
    figure."""
    d = _ONE_SEPARATOR.fullmatch(m.text.strip())
    if d is None:
        return None
    readings = {value_key(float(d.group(1) + d.group(2))), value_key(float(f"{d.group(1)}.{d.group(2)}"))}
    readings.discard(m.key)
    return readings.pop() if len(readings) == 1 else None


#: Languages that write a decimal point (the rest of FACT_LANGUAGES write a decimal comma).
_DECIMAL_POINT = frozenset({"en"})


def _foreign_sum(m: Mention, doc: Doc) -> bool:
    """Whether a sum ``m`` of ``doc`` has one separator before three digits that its language writes for decimals
    ("2.180 yen" in English: a sum has two decimals or none), where a round trip kept another language's
    thousands separator. Within one language only: a translation writes its own."""
    d = _ONE_SEPARATOR.fullmatch(m.text.strip())
    if d is None:
        return False
    language = doc.article.language or "en"
    if language not in FACT_LANGUAGES:
        return False
    sep = m.text.strip()[len(d.group(1))]
    return sep == ("." if language in _DECIMAL_POINT else ",")


def _take(have: Counter[str], m: Mention) -> bool:
    """Whether ``have`` (a count of figures) holds one of ``m``'s value still, taking it; a value it holds
    only in another way (``_has_value``: a clock time's figure, half of a figure in words) has no count to take."""
    key = next((k for k in (m.key, _other_reading(m)) if k is not None and have[k] > 0), None)
    if key is None:
        return not _has_value(set(have), m)
    have[key] -= 1
    return True


def _has_value(have: set[str], m: Mention) -> bool:
    """Whether ``have`` holds the figure of ``m``, or, for a figure written in words, its whole part for a half
    ("zweieinhalb Jahre" = "deux ans et demi", where "demi" stands apart from "deux"). Digits must match as
    written: "24.5" -> "24" is a change."""
    key = m.key
    if key in have:
        return True
    if any(ch.isdigit() for ch in m.text):
        return _other_reading(m) in have
    try:
        v = float(key)
    except ValueError:
        return False
    if v % 1 == 0.5:
        return value_key(v - 0.5) in have
    return v.is_integer() and value_key(v + 0.5) in have


def _unmatched(mentions: list[Mention], other: Counter[str], absent: Callable[[Mention], bool]) -> list[Mention]:
    left = Counter(other)
    out = []
    for m in mentions:
        if left[m.key] > 0:
            left[m.key] -= 1
        elif absent(m):
            out.append(m)
    return out


_PARTS = re.compile(r"[-\s\u2010\u2011]+")
_JOINERS = re.compile(r"[-'\u2010\u2011\u2019]")


def _bare(token: str) -> str:
    """Casefolded, without a possessive ending ("Kenya's" -> "kenya")."""
    return re.sub(r"['\u2019]s?$", "", token).casefold()


def _name_tokens(doc: Doc) -> set[str]:
    return {_name_key(w) for m in _mentions(doc, "name") for w in WORD.findall(m.text)}


def _name_key(token: str) -> str:
    """A name token as compared: case- and accent-folded, curly apostrophes straight, without a possessive
    ending ("Moscow’s" = "Moscow's" = "Moscow", "Jesus'" = "Jesus")."""
    key = fold(token).replace("\u2019", "'")
    return key[:-2] if key.endswith("'s") and len(key) > 2 else key.rstrip("'") or key


# Endings that derive a word from a name without changing it: demonyms and adjectives ("Korea" ->
# "Korean", "Jordan" -> "Jordanian", "Dakotans" -> "Dakotas"), plurals ("Refugees").
_DERIVING = ("ians", "ian", "eans", "ean", "ans", "an", "ns", "n", "ese", "es", "s")


def _derived(a: str, b: str) -> bool:
    """Whether two name keys are one name in another form rather than a misspelling: one is a part of the
    other's hyphenated compound ("Soviet-era" -> "Soviet", "US-China" -> "China"), or both are one stem
    with a deriving ending ("Korea" / "Korean"). A changed letter inside a name is never either."""
    if a in _PARTS.split(b) or b in _PARTS.split(a):
        return True
    # written with or without a hyphen or an apostrophe inside ("Micro-influencers", "Gen-X’ers" / "Gen-Xers")
    a, b = _JOINERS.sub("", a), _JOINERS.sub("", b)
    if a == b:
        return True

    def stems(w: str) -> set[str]:
        return {w} | {w[: -len(e)] for e in _DERIVING if w.endswith(e) and len(w) - len(e) >= 4}

    return bool(stems(a) & stems(b))


#: Spellings one language writes for another's sounds ("Lukaschenko" / "Loukachenko", "Occitanie" /
#: "Okzitanien"), each read as one letter: the hushing sibilants, "ou" for "u", "c" before e/i as "s".
_SOUNDS = (("tsch", "X"), ("sch", "X"), ("sh", "X"), ("ch", "X"), ("ou", "u"), ("ph", "f"), ("ck", "k"),
           ("ce", "se"), ("ci", "si"), ("c", "k"), ("q", "k"), ("z", "s"), ("j", "i"))


def _sound_key(word: str) -> str:
    """A name as its letters sound across the languages we read (accents off, Latin letters only). A doubled
    letter, "w" for "v" and "y" for "i" stay apart: they are how a name is misspelled ("Pestanna",
    "Sadovska"), not how another language writes it."""
    key = "".join(ch for ch in fold(word) if "a" <= ch <= "z")
    head, rest = key[:1], key[1:]  # the first letter is kept as written: "Zamudio" -> "Samudio" is a change
    for spelled, sound in _SOUNDS:
        rest = rest.replace(spelled, sound)
    return head + rest


#: Endings a language puts on a name it writes (a case, a genitive, a plural or a demonym's ending), on the
#: ``_sound_key`` of the longer form: where one language's form is the other's with letters added, only
#: these may be the added letters ("Okzitanien" for "Occitanie", Finnish "Brekkessä"); any other lengthening
#: is a misspelling a copy made ("Brekke" -> "Brekker" / "Brekkel"). Read from the WMT22 dev translations'
#: names and the languages' grammars; a language not listed lengthens no name.
_NAME_ENDINGS: dict[str, frozenset[str]] = {
    "de": frozenset(("s", "n", "en", "er", "ern")),
    "fr": frozenset(("s", "e")),
    "en": frozenset(("s",)),
    "es": frozenset(("s",)), "pt": frozenset(("s",)),
    "nl": frozenset(("s", "en")),
    "fi": frozenset(("n", "a", "ssa", "sta", "lla", "lta", "lle", "ksi", "na", "in", "iin", "hin", "seen", "ta",
                     "ille", "issa", "ista", "illa", "ina")),  # keys are folded: "ssä" is "ssa"
    "cs": frozenset(("a", "u", "em", "ovi", "y", "ovy", "ou", "e", "i")),
    "pl": frozenset(("a", "u", "em", "owi", "ie", "y", "ego", "emu")),
}
_ANY_ENDING = frozenset().union(*_NAME_ENDINGS.values())
#: A form that is a word or a known place at this Zipf frequency (in its language or in English) is no
#: misspelling where it differs only in its ending vowel: "Europa" for "Europe", "Myra" for "Myre" ("Brekke" 1.4).
_KNOWN_FORM_ZIPF = 2.0


def _known_form(word: str, language: str | None) -> bool:
    return max(word_zipf(word, language) or 0.0, word_zipf(word, "en") or 0.0) >= _KNOWN_FORM_ZIPF


#: Words that make another surname of a name, not a compound of it ("Hoff" / "Hoffmann", "Berg" / "Bergson").
_SURNAME_PARTS = frozenset(("man", "mann", "son", "sohn", "sen", "ton", "ski", "sky"))


def _compound(short_key: str, long_: str, language: str | None) -> bool:
    """Whether ``long_`` is a compound of the name keyed ``short_key``: hyphenated ("Rhein-Sieg-Kreis"), or
    with a word written on (German "Jesuskind", "Martinsumzug", "Internetportals"; a linking or genitive "s"
    allowed) of three letters or more, an ordinary one (Zipf 3) in the language or in English."""
    pieces = long_.split("-")
    if any(_sound_key("".join(pieces[:k])) == short_key for k in range(1, len(pieces))):
        return True  # hyphenated: "Rhein-Sieg-Kreis", "Biontech-Pfizer-Impfstoffs"
    w = "".join(ch for ch in fold(long_) if "a" <= ch <= "z")
    for k in range(3, len(w) - 2):
        head, tail = w[:k], w[k:]
        if _sound_key(head) != short_key and not (head.endswith("s") and _sound_key(head[:-1]) == short_key):
            continue
        for t in {tail, tail.removesuffix("s")}:
            if len(t) >= 3 and t not in _SURNAME_PARTS and max(
                    word_zipf(t, language) or 0.0, word_zipf(t, "en") or 0.0) >= 3.0:
                return True
    return False


def _transliterated(a: str, b: str, lang_a: str | None = None, lang_b: str | None = None, *,
                    endings: bool = True) -> bool:
    """Across languages: one name in each language's spelling, read by ``_sound_key``: the same key
    ("Lukaschenko" / "Loukachenko"), or one key the start of the other by an ending its language makes
    on names (``_NAME_ENDINGS``: "Occitanie" / "Okzitanien") or by a word (a compound: "Kiel" / "Kielfest";
    the longer form being a word is not enough: surnames are, "Hoff" / "Hoffmann"). A consonant changed, a
    letter doubled or an ending added that the language does not make still differs ("Halvorsen" /
    "Halworsen", "Pestana" / "Pestanna", "Brekke" / "Brekker"); a vowel changed may not (the price of
    reading transliterations).
    ``lang_a`` / ``lang_b``: the languages ``a`` and ``b`` are written in (None: any language's endings).
    ``endings`` False (``DiffConfig.name_endings`` off): any lengthening passes, as before that option."""
    ka, kb = _sound_key(a), _sound_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < 3 or not (ka.startswith(kb) or kb.startswith(ka)):
        return False
    if not endings:
        return True
    (short_k, _, _), (long_k, long_, long_l) = sorted(((ka, a, lang_a), (kb, b, lang_b)), key=lambda t: len(t[0]))
    made = _NAME_ENDINGS.get(long_l, frozenset()) if long_l else _ANY_ENDING
    return long_k[len(short_k):] in made or _compound(short_k, long_, long_l)


def _vowel_ending_swapped(a: str, b: str) -> bool:
    """Whether two names differ only in the vowels they end with ("Europe" / "Europa", "Brekke" / "Brekka")."""
    ka, kb = _sound_key(a), _sound_key(b)
    return ka != kb and ka.rstrip("aeiouy") == kb.rstrip("aeiouy")


_VOWELS = frozenset("aeiouy")


def _consonants(key: str) -> str:
    """A ``_sound_key`` without its vowels after the first letter ("breisgau" / "brisgau": "brsg")."""
    return key[:1] + "".join(ch for ch in key[1:] if ch not in _VOWELS)


def _through(key: str, n: int) -> str:
    """``key`` up to its ``n``-th letter of ``_consonants`` (the first letter counts), vowels between kept."""
    seen = 0
    for k, ch in enumerate(key):
        if k == 0 or ch not in _VOWELS:
            seen += 1
            if seen == n:
                return key[:k + 1]
    return key


def _vowels_dropped(long_: str, short: str) -> bool:
    """Whether ``short`` is ``long_`` with some vowels left out (none changed, no consonant touched)."""
    k = 0
    for ch in long_:
        if k < len(short) and ch == short[k]:
            k += 1
        elif ch not in _VOWELS:
            return False
    return k == len(short)


def _exonym(a: str, b: str) -> bool:
    """Across languages: one place or group name in each language's form ("Breisgau" / "Brisgau", "Myra" /
    "Myre", "Nimègue" / "Nijmegen", "Prairies" / "Prärien", "Limbourgeois" / "Limburgern", "Harlequins" /
    "Harlekine"), read on ``_sound_key``: the same consonants up to an ending that may differ (from four
    consonants on, the last one and at most two more), and up to that ending one form the other with vowels left
    out ("ei" / "i", "ai" / "ä"). A vowel changed ("Kesto" / "Kosto"), a consonant changed, dropped or doubled
    ("Mélenchon" / "Méllenchon", "Pestana" / "Pestanna"), or another first letter still differ."""
    sa, sb = sorted((_sound_key(a), _sound_key(b)), key=lambda k: len(_consonants(k)))
    ca, cb = _consonants(sa), _consonants(sb)
    if len(ca) < 2 or ca[:1] != cb[:1]:
        return False
    if ca != cb:
        stem = ca[:-1] if len(ca) >= 4 else ca
        if len(ca) < 3 or not cb.startswith(stem) or len(cb) - len(stem) > 2 or any(
                cb[k] == cb[k + 1] for k in range(len(stem) - 1, len(cb) - 1)):
            return False  # another ending is no doubled letter: "Pestana" / "Pestanna"
        n = len(stem)
    else:
        n = len(ca)
    ta, tb = sorted((_through(sa, n), _through(sb, n)), key=len)
    return _vowels_dropped(tb, ta)


def _mention_tokens(mentions: tuple[Mention, ...], kind: str, min_len: int) -> list[tuple[str, str, tuple[int, int]]]:
    out = []
    for m in mentions:
        if m.kind != kind:
            continue
        text = m.text
        for w in WORD.finditer(text):
            if len(w.group()) >= min_len:
                out.append((_name_key(w.group()), w.group(), (m.start + w.start(), m.start + w.end())))
    return out


def _word_tokens(sents: list[Sentence]) -> list[tuple[str, int, int]]:
    out = []
    for s in sents:
        for w in WORD.finditer(s.text):
            out.append((w.group().casefold(), s.start + w.start(), s.start + w.end()))
    return out


def _hits(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def _is_cue(word: str) -> bool:
    """``word`` (casefolded) is an opinion cue or an inflected form of one."""
    if word in OPINION_CUES or word in _OPINION_CUES_OTHER:
        return True
    for ending, lemma_endings in _INFLECTIONS:
        if word.endswith(ending) and len(word) > len(ending) + 3:
            stem = word[: len(word) - len(ending)]
            if any(stem + e in _OPINION_CUES_OTHER for e in lemma_endings):
                return True
    return False


# (inflected ending, lemma endings it may come from): pt/es/fr gender and number, German adjectives.
_INFLECTIONS = (
    ("as", ("o", "a")), ("os", ("o",)), ("a", ("o",)), ("es", ("", "e")), ("s", ("",)), ("euse", ("eux",)),
    ("euses", ("eux",)), ("ive", ("if",)), ("ives", ("if",)), ("eis", ("el",)), ("is", ("l",)),
    ("e", ("",)), ("en", ("",)), ("er", ("",)), ("em", ("",)),
)


#: Cues and phrases of one meaning (en): the source's "without a doubt" is the copy's "undoubtedly", no comment
#: of the copy's own.
_SAME_COMMENT = (
    ("undoubtedly", "doubtless", "no doubt", "without a doubt", "without doubt", "beyond doubt", "indubitably",
     "unquestionably"),
)


def _comment_said(cue: str, source_lower: str) -> bool:
    """Whether the source (casefolded) says the opinion cue or phrase ``cue`` with a cue of the same meaning."""
    return any(cue in group and any(re.search(rf"(?<!\w){re.escape(m)}(?!\w)", source_lower) for m in group)
               for group in _SAME_COMMENT)


#: Three-letter words that are no stem of a content word (function words, and the commonest adjectives and
#: adverbs): "for" does not support "fort", nor "new" "news".
_SHORT_WORDS = frozenset("""
the and for but nor yet our own all any few who why how its his her him she you was are has had can may not one two
six ten out off per via due too now get got let say see saw did use way new old big top low far bit lot set put
""".split())  # noqa: SIM905 - a word list reads best as text


#: Letters two words of one language share at their start to be forms of one word ("ridicule" / "ridiculous",
#: "danger" / "dangerous", "alleged" / "allegedly").
_STEM = 6


def _opinion_spans(text: str, source_text: str, *, cross_language: bool = False) -> list[tuple[int, int]]:
    """Clauses of ``text`` carrying an opinion cue that ``source_text`` does not carry.

    Across languages a cue cannot be matched word for word, so a copy's cue counts only where the
    source passage carries no cue at all.
    """
    # a hyphenated word is its parts too ("naturally-aspirated" has "naturally")
    src_words = {part for w in WORD.findall(source_text) for part in {w.casefold(), *_PARTS.split(w.casefold())}}
    src_lower = source_text.casefold()
    if cross_language and (any(_is_cue(w) for w in src_words) or any(p in src_lower for p in _OPINION_PHRASES)):
        return []
    stems = {w[:_STEM] for w in src_words if len(w) >= _STEM}
    out = []
    for m in _CLAUSE.finditer(text):
        clause = m.group()
        words = [w.casefold() for w in WORD.findall(clause)]
        # a cue of the source's own stem is the source's word in another form ("ridicule" -> "ridiculous")
        cue = any(_is_cue(w) and w not in src_words and (cross_language or w[:_STEM] not in stems)
                  and not _comment_said(w, src_lower) for w in words)
        lower = clause.casefold()
        cue = cue or any(p in lower and p not in src_lower and not _comment_said(p, src_lower)
                         for p in _OPINION_PHRASES)
        if cue:
            lead = len(clause) - len(clause.lstrip(" \"'“”"))
            s, e = m.start() + lead, m.end() - (len(clause) - len(clause.rstrip(" .\"'“”")))
            if e > s:
                out.append((s, e))
    return out


# A comment slipped into copy is mostly an indefinite appositive: ", a move that ...", ", an excuse ...".
# Relative clauses, participles and "the ..." appositives mostly carry facts; adjectives and adverbs of
# comment are caught by OPINION_CUES instead.
_APPOSITIVE_OPENERS = frozenset({"a", "an", "such", "what", "um", "uma", "un", "une", "una", "ein", "eine"})
_ASIDE = re.compile(r"(?<=[,\u2013\u2014(])\s*([^,;:()\u2013\u2014]+?)\s*(?=[,\u2013\u2014)]|[.!?]?\s*$)")
_FUNCTION_WORDS = frozenset("""
that this those these there their them they then than with from into onto over under will would could should
have been were being which what when where while some such very much more most also only just
""".split())  # noqa: SIM905


def _inserted_asides(text: str, source_words: list[str], min_words: int, max_overlap: float) -> list[tuple[int, int]]:
    """Spans of asides (", ... ," or "— ... —") in ``text`` whose content words the source lacks.

    Names are left out of the overlap: a comment may well name the town it is about.
    """
    from rapidfuzz import fuzz, process

    out = []
    for m in _ASIDE.finditer(text):
        raw = WORD.findall(m.group(1))
        words = [w.casefold() for w in raw]
        content = [w.casefold() for w in raw if len(w) > 3 and not w[0].isupper()
                   and w.casefold() not in _FUNCTION_WORDS]
        names = sum(1 for w in raw if w[0].isupper())
        if len(words) < min_words or not content or words[0] not in _APPOSITIVE_OPENERS or names / len(words) > 0.3:
            continue
        shared = sum(1 for w in content if source_words and process.extractOne(
            w, source_words, scorer=fuzz.ratio, score_cutoff=80) is not None)
        if shared / len(content) <= max_overlap:
            out.append((m.start(1), m.end(1)))
    return out


# The end of a sentence inside a segmenter's sentence: a stop, maybe a closing quote, then an opening
# quote or a capital letter.
_PIECE_END = re.compile(r"[.!?…][\"'”’»]?\s+(?=[\"'“„«‘]?[A-ZÀ-ÖØ-ÞĀ-Ž])")


_OPENING, _CLOSING = "\"“„«", "\"”»"


def _unpaired_quotes_off(part: tuple[str, tuple[int, int]] | None) -> tuple[str, tuple[int, int]] | None:
    """A sentence cut out of a quoted speech of several sentences keeps the speech's opening mark at its
    start (`"These are numbers.`) or its closing mark at its end; that lone mark is left out of the text
    and the span. A mark whose partner is in the sentence stays."""
    if part is None or part[1] is None:
        return part
    text, (a, b) = part
    if len(text) > 1 and text[0] in _OPENING and not any(
            c in _CLOSING for c in text[1:]) and (text[0] != '"' or text.count('"') == 1):
        return text[1:], (a + 1, b)
    if len(text) > 1 and text[-1] in _CLOSING and not any(
            c in _OPENING for c in text[:-1]) and (text[-1] != '"' or text.count('"') == 1):
        return text[:-1], (a, b - 1)
    return part


def _pieces(s: Sentence, min_words: int) -> list[tuple[int, int]]:
    """Document spans of the sentences inside ``s`` (itself when it holds one). Only a quotation is cut:
    the segmenter keeps a quoted speech of several sentences whole, while a stop it did not cut elsewhere
    is an abbreviation or an ordinal ("am 12. Mai"). A piece shorter than ``min_words`` words stays joined
    to the next one."""
    quotes = [(m.start - s.start, m.end - s.start) for m in s.mentions if m.kind == "quote"]
    out: list[tuple[int, int]] = []
    start = 0
    for m in _PIECE_END.finditer(s.text):
        if not any(q0 < m.start() < q1 for q0, q1 in quotes) or s.text[m.start() - 1:m.start()].isdigit():
            continue
        end = m.start() + len(m.group().rstrip())
        if len(WORD.findall(s.text[start:end])) >= min_words:
            out.append((start, end))
            start = m.end()
    tail = s.text[start:].strip()
    if out and len(WORD.findall(tail)) < min_words:
        out[-1] = (out[-1][0], len(s.text.rstrip()))
    elif tail:
        out.append((start, len(s.text.rstrip())))
    marks = "\"'“”„«»‘’ "
    return [(s.start + a + len(s.text[a:b]) - len(s.text[a:b].lstrip(marks)),
             s.start + a + len(s.text[a:b].rstrip(marks))) for a, b in out]


@dataclass(slots=True, frozen=True)
class _Clause:
    """A clause of the copy (document offsets) and the features the change-type decider reads."""

    start: int
    end: int
    #: words, and content words (over three letters, no function word, no part of a figure)
    words: int
    content: int
    #: share of the content words found among the source's words around the passage (1.0 when it has none)
    support: float


# A clause: text between commas, semicolons, colons, brackets and dashes; a comma between digits
# ("2,300") does not cut.
_CLAUSE_OF = re.compile(r"(?:[^,;:()\u2013\u2014]|(?<=\d),(?=\d))+")
#: Discourse connectives (en): they link what the sentences say and add nothing to it, so their words count
#: neither as a clause's words nor as its content ("..., and as a matter of fact, we support ..." for "As a
#: principle, we support ..."; a round trip swaps one for another).
_CONNECTIVE = re.compile(
    r"\b(?:as a matter of fact|in (?:actual )?fact|as it (?:happens|turns out)|of course|in other words"
    r"|that (?:being said|said)|having said that|needless to say|on the other hand|in (?:any|either) case"
    r"|by the way|after all|all in all|in short|in addition|what is more|moreover|furthermore|however"
    r"|nevertheless|nonetheless|as a (?:rule|principle)|in principle|for (?:example|instance))\b",
    re.IGNORECASE)
_TRIM = " \"'“”‘’«»"


def _content_words(text: str) -> list[str]:
    """Casefolded words over three letters that are no function word."""
    return [w.casefold() for w in WORD.findall(text) if len(w) > 3 and w.casefold() not in _FUNCTION_WORDS]


def _clause_type(cl: _Clause, text: str, mentions: list[Mention], cfg: DiffConfig) -> DiffType | None:
    """The change-type decider for a clause of the copy: None when the source supports it (or it is
    too short to say), else what it adds. Its features: length in words and content words, support in
    the source around the passage, opinion cues, figures (thresholds in DiffConfig, fitted on dev)."""
    if cl.words < cfg.claim_min_words or cl.content < cfg.claim_min_content or cl.support > cfg.claim_max_support:
        return None
    if _opinion_spans(text, ""):
        return "opinion"
    return "number" if any(m.kind == "number" for m in mentions) else "claim"


def _added_type(mentions: tuple[Mention, ...], text: str) -> DiffType:
    """The type of a sentence the copy added: opinion when it carries a cue, else by its mentions; a
    sentence that carries no fact, quote or cue is a ``claim``."""
    if _opinion_spans(text, ""):
        return "opinion"
    typ = _sentence_type(mentions, text)
    return "claim" if typ == "other" else typ


def _quoted(mentions: tuple[Mention, ...]) -> bool:
    """A sentence (or piece) added or dropped holds a quotation."""
    return any(m.kind == "quote" for m in mentions)


def _sentence_type(mentions: tuple[Mention, ...], text: str) -> DiffType:
    """A whole sentence added or dropped, typed by what it carries: a figure first, inside a quotation or
    not (the team's decision of issue #19: a figure lost or gained is the fact a reader checks; the item
    says the sentence was quoted, ``DiffItem.quoted``), then a quote (a speaker's words lost or gained),
    then a date."""
    kinds = {m.kind for m in mentions}
    order: tuple[DiffType, ...] = ("number", "quote", "date")
    for kind in order:
        if kind in kinds:
            return kind
    return "other"
