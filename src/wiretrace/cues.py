"""Closed-class words whose loss or gain changes what a sentence claims (English, written by us).

Each list is a feature of the diff's change typing, not a gate: a copy that drops one of these words
from a passage it otherwise keeps has changed its meaning, however small the edit looks.

- ``NEGATION``: a dropped "not" turns a denial into an assertion ("would not raise taxes").
- ``HEDGES``: words of possibility and report ("may", "allegedly"): dropping one makes a claim certain.
- ``QUALIFIERS``: words that bound a figure ("about 400", "at least 3"): dropping one makes it exact.
- ``ATTRIBUTION``: who said it ("according to the ministry", "officials said"): dropping it turns a
  report into the copy's own statement.

Only same-language passages are compared with them (English; other languages' lists are not written
yet, and a copy in another language says nothing through English words).
"""

from __future__ import annotations

import re

__all__ = ["ATTRIBUTION", "AUXILIARIES", "HEDGES", "NEGATION", "NEGATIVE_VERBS", "NO_BEFORE", "NO_LONGER_AFTER",
           "POSSIBILITY", "QUALIFIERS", "attribution_spans", "cue_words", "negation_equivalents", "negations",
           "no_negation_at"]

#: Negations that stand alone; "not" counts only after an auxiliary or modal ("would not", "did n't"):
#: machine translation turns prepositions into a bare "not" or "no" ("on display this week not the
#: show", Portuguese "no" left as is), which are garbled text, not denials. Measured on the test bed's
#: dev round trips (bench/eval_diff.py): bare "no" and "not" made most of the false negation items.
NEGATION = frozenset({"never", "cannot", "nobody", "nothing", "none", "neither", "nor"})
AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have",
                         "has", "had", "can", "could", "will", "would", "shall", "should", "may", "might",
                         "must", "need", "ought"})
HEDGES = frozenset({"may", "might", "allegedly", "alleged", "reportedly", "apparently", "possibly", "perhaps",
                    "probably", "likely", "unlikely", "suspected", "purportedly", "supposedly", "presumably"})
#: Modals of possibility that say what a hedge says ("aid might be freed" = "aid could be released"; "may"
#: -> "can" is how machine translation renders Portuguese "pode"): not hedges themselves, but a hedge
#: the other side writes as one of these is kept, not dropped.
POSSIBILITY = frozenset({"can", "could"})
#: Figure qualifiers: one word, or the first word of a two-word one ("at least", "more than").
QUALIFIERS = frozenset({"about", "around", "nearly", "almost", "roughly", "approximately", "some", "up",
                        "over", "under", "least", "more", "less", "fewer", "estimated", "just", "only",
                        "circa", "approx"})
ATTRIBUTION = re.compile(
    r"\baccording to\b[^,.;:]{0,60}|\b(?:said|says|told|stated|states|added|reported|announced|explained|"
    r"confirmed|claimed|claims|noted|insisted|warned|argued|acknowledged)\b", re.IGNORECASE)

#: A word, with its clitic after an apostrophe; "isn ‘t" (a space, an opening quote for the apostrophe: how some
#: pages type it) is "isn't".
_TOKEN = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+|(?<=n) ?[\u2018\u2019']t\b)?")
_CONTRACTIONS = {"can't": ("can", "not"), "won't": ("will", "not"), "shan't": ("shall", "not")}
#: Clitics after an apostrophe, as the words they stand for ("that's not" -> "that is not").
_CLITICS = {"s": "is", "re": "are", "m": "am", "ve": "have", "d": "would", "ll": "will"}


def cue_words(text: str) -> list[tuple[str, int, int]]:
    """Lower-case word tokens of ``text`` with their offsets: curly apostrophes read as straight ones,
    "n't" split off as "not", clitics as their words ("it's" -> "it", "is")."""
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(text):
        w = m.group(0).lower().replace("\u2019", "'").replace("\u2018", "'").replace(" ", "")
        if w in _CONTRACTIONS:
            first, second = _CONTRACTIONS[w]
            out += [(first, m.start(), m.end()), (second, m.start(), m.end())]
        elif w.endswith("n't"):
            cut = m.start() + len(w) - 3  # "isn ‘t": the head ends before the n, the space is the clitic's
            out += [(w[:-3], m.start(), cut), ("not", cut, m.end())]
        elif "'" in w:
            head, tail = w.split("'", 1)
            cut = m.start() + len(head)
            out.append((head, m.start(), cut))
            if tail in _CLITICS:
                out.append((_CLITICS[tail], cut, m.end()))
        else:
            out.append((w, m.start(), m.end()))
    return out


#: "claims" is the noun, not the verb, after a determiner or an adjective of a closed list ("the claims",
#: "debunked claims") or before "of" or a verb ("claims of fraud", "Syrian claims are false"). Not after any word
#: ending in "-ed" ("Fred claims", "The man arrested claims") nor before "about" ("The mayor claims about 400"):
#: those are the verb.
_CLAIMS_NOUN_BEFORE = re.compile(
    r"\b(?:the|these|those|such|his|her|their|its|our|your|my|any|many|some|no|all|of|new|false|"
    r"similar|earlier|recent|previous|baseless|unfounded|unsubstantiated|debunked|disputed|unproven|unverified|"
    r"repeated|alleged|dubious|exaggerated|contested|fabricated|unsupported|renewed|denied|rejected|conflicting|"
    r"competing|bogus|fraudulent|spurious)\s+$"
    # a determiner and a participle: "the renewed claims" (not "The man arrested claims")
    r"|\b(?:the|these|those|such|his|her|their|its|our|your|my|any|many|some|no|all|of|new)\s+(?-i:(?!accused\b)[a-z]{3,}ed)\s+$",
    re.IGNORECASE)
_CLAIMS_NOUN_AFTER = re.compile(r"\s+(?:of|are|were|have|had|that\s+(?:were|are|have))\b", re.IGNORECASE)


def attribution_spans(text: str) -> list[tuple[int, int]]:
    """Spans of attribution phrases ("according to X", "said") in ``text``. A capitalised verb after a
    sentence's first word is a word of a name ("the United States", "the Small Claims Court"); "claims" as a
    noun ("debunked claims") is none."""
    return [(m.start(), m.end()) for m in ATTRIBUTION.finditer(text)
            if not (m.group()[0].isupper() and not m.group().startswith("According") and text[:m.start()].strip())
            and not (m.group().lower() == "claims" and (_CLAIMS_NOUN_BEFORE.search(text, max(0, m.start() - 20),
                                                                                    m.start())
                                                        or _CLAIMS_NOUN_AFTER.match(text, m.end())))]


#: Words after "no" that make it a negation of its own ("is no longer", "no one knew"): a translation's garbled
#: "no" (Portuguese "in the") stands before a noun, not before these.
NO_BEFORE = frozenset({"longer", "one"})


#: Words before "no longer" that make it a negation ("is no longer", "to no longer", "they no longer"): a
#: translation's garble puts it after a noun ("on the moon no longer next year", "Black Friday no longer").
NO_LONGER_AFTER = AUXILIARIES | {"to", "he", "she", "it", "they", "we", "i", "you", "who", "which", "that"}


def no_negation_at(tokens: list[tuple[str, int, int]], k: int) -> bool:
    """Whether the "no" at ``tokens[k]`` is a negation of its own: "no one", or "no longer" after an auxiliary,
    "to" or a pronoun (``NO_LONGER_AFTER``), not "no longer than" (a figure's bound)."""
    nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
    if tokens[k][0] != "no" or nxt not in NO_BEFORE or (k + 2 < len(tokens) and tokens[k + 2][0] == "than"):
        return False
    return nxt == "one" or (k > 0 and tokens[k - 1][0] in NO_LONGER_AFTER)


def negations(tokens: list[tuple[str, int, int]], *, no_longer: bool = False) -> list[tuple[str, int, int]]:
    """The negating tokens of a ``cue_words`` list: NEGATION words, "not" after an auxiliary, and, with
    ``no_longer``, "no" in "no one" / "no longer" (``no_negation_at``)."""
    return [t for k, t in enumerate(tokens)
            if t[0] in NEGATION or (t[0] == "not" and k > 0 and tokens[k - 1][0] in AUXILIARIES)
            or (no_longer and no_negation_at(tokens, k))]


#: Words that deny without a negation word, as a rewrite says "not": refusing, denying, stopping, lacking ("would not
#: raise taxes" = "ruled out a tax increase", "suspended until Saturday" = "will not run before Saturday", "did not
#: comment" = "declined to comment"). "rule out" counts with its "out" (``negation_equivalents``).
NEGATIVE_VERBS = frozenset("""
refuse refused refuses refusing decline declined declines declining deny denied denies denying reject rejected
rejects rejecting halt halted halts suspend suspended suspends stop stopped stops ban banned bans bar barred
without lack lacked lacks lacking unable prevent prevented prevents avoid avoided avoids cease ceased ceases
refrain refrained cancel cancelled canceled cancels postpone postponed postpones absent impossible
""".split())  # noqa: SIM905 - a word list reads best as text
_RULE = frozenset({"rule", "rules", "ruled", "ruling"})


def negation_equivalents(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The tokens of a ``cue_words`` list that deny without a negation word: ``NEGATIVE_VERBS``, and "rule(d) out"
    (its "rule"). Not negations themselves: a negation the other side says with one of these is kept."""
    return [t for k, t in enumerate(tokens) if t[0] in NEGATIVE_VERBS
            or (t[0] in _RULE and k + 1 < len(tokens) and tokens[k + 1][0] == "out")]
