"""Inserted opinion: the cue words and phrases that mark the writer's voice (``OPINION_CUES``, several
languages), the spans of the cues a copy says and its source does not, and asides set off by commas or dashes.
"""

from __future__ import annotations

import re

from wiretrace.diff.names import _PARTS
from wiretrace.diff.text import _FUNCTION_WORDS
from wiretrace.segment import WORD

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


#: Languages the opinion cue lists are written in (OPINION_CUES, _OPINION_CUES_OTHER, _OPINION_PHRASES).
CUE_LANGUAGES = frozenset({"en", "pt", "es", "fr", "de"})


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
    ("surely", "to be sure", "for sure"),
    ("worrying", "worryingly", "concern", "concerns", "concerned", "concerning"),
)


def _comment_said(cue: str, source_lower: str) -> bool:
    """Whether the source (casefolded) says the opinion cue or phrase ``cue`` with a cue of the same meaning."""
    return any(cue in group and any(re.search(rf"(?<!\w){re.escape(m)}(?!\w)", source_lower) for m in group)
               for group in _SAME_COMMENT)


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
    # a cue of the source's that the copy lacks is one the copy may say with another cue in its place ("arguably the
    # most striking" -> "undoubtedly the most striking", "a sham" -> "a farce"): as many of the copy's cue words as
    # the source has such cues are the source's comment reworded, not the copy's own
    swapped = 0 if cross_language else len(
        {w for w in WORD.findall(source_text.casefold()) if _is_cue(w)} - {w.casefold() for w in WORD.findall(text)})
    out = []
    for m in _CLAUSE.finditer(text):
        clause = m.group()
        words = [w.casefold() for w in WORD.findall(clause)]
        # a cue of the source's own stem is the source's word in another form ("ridicule" -> "ridiculous")
        new = [w for w in words if _is_cue(w) and w not in src_words and (cross_language or w[:_STEM] not in stems)
               and not _comment_said(w, src_lower)]
        kept = min(swapped, len(new))
        swapped -= kept
        cue = len(new) > kept
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
